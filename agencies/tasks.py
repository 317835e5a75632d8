"""Celery tasks of the agencies app. They carry ids only; `*notice*` tasks run on the `notices`
queue (config/celery.py). Beat runs the sweeps (BEAT_SCHEDULE)."""

from celery import shared_task

from cases.services import deadlines

from . import delivery


@shared_task(ignore_result=True)
def deliver_notice(notice_id: int) -> str:
    """One delivery attempt; safe to run twice (the second finds nothing to claim)."""
    return delivery.deliver(notice_id)


@shared_task(ignore_result=True)
def sweep_notices() -> int:
    """Re-dispatch notices lost between commit and broker, or left by a dead worker."""
    return delivery.sweep()


@shared_task(ignore_result=True)
def sweep_deadlines() -> dict:
    """Remind, mark overdue and escalate to the next level (cases/services/deadlines.py)."""
    return deadlines.sweep()
