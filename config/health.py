"""/health/ for load balancers and orchestrators: 200 when PostgreSQL and Redis answer, else 503
naming what failed. No authentication and no data beyond the checks."""

import functools
import logging

import redis
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from core.tasks import HEARTBEAT_KEY

logger = logging.getLogger(__name__)
TIMEOUT_SECONDS = 2


@functools.cache
def broker_client(url: str) -> redis.Redis:
    """One client (and so one connection pool) per broker URL and process."""
    return redis.Redis.from_url(
        url, socket_connect_timeout=TIMEOUT_SECONDS, socket_timeout=TIMEOUT_SECONDS
    )


def check_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


def check_cache() -> str | None:
    """The configured cache (Redis when REDIS_URL is set) answers; returns the last worker
    heartbeat it holds (beat schedules one a minute)."""
    return cache.get(HEARTBEAT_KEY)


def check_broker() -> None:
    broker_client(settings.CELERY_BROKER_URL).ping()


@never_cache
@require_GET
def health(request):
    checks, heartbeat = {}, None
    probes = {"database": check_database, "cache": check_cache}
    if settings.CELERY_BROKER_URL.startswith(("redis://", "rediss://")):
        probes["broker"] = check_broker
    for name, probe in probes.items():
        try:
            result = probe()
        except Exception:  # any failure of a dependency is an answer here, never a 500
            logger.exception("health check failed: %s", name)
            checks[name] = "failed"
        else:
            checks[name] = "ok"
            heartbeat = result if name == "cache" else heartbeat
    healthy = all(state == "ok" for state in checks.values())
    return JsonResponse(
        {
            "status": "ok" if healthy else "unavailable",
            "checks": checks,
            "last_worker_heartbeat": heartbeat,
        },
        status=200 if healthy else 503,
    )
