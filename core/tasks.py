from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

HEARTBEAT_KEY = "netralitas:worker-heartbeat"


@shared_task
def heartbeat() -> str:
    """Scheduled by beat every minute: proves that beat and a worker are alive (see /health/)."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now
