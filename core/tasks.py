from celery import shared_task
from django.core.cache import cache
from django.utils import timezone

from . import audit

HEARTBEAT_KEY = "netralitas:worker-heartbeat"


@shared_task
def heartbeat() -> str:
    """Scheduled by beat every minute: proves that beat and a worker are alive (see /health/)."""
    now = timezone.now().isoformat()
    cache.set(HEARTBEAT_KEY, now, timeout=None)
    return now


@shared_task
def audit_checkpoint() -> int | None:
    """Scheduled by beat (AUDIT_CHECKPOINT_INTERVAL): keep the audit chain's signed head."""
    checkpoint = audit.write_checkpoint()
    return checkpoint and checkpoint.sequence
