"""The Celery app. Every reliability setting here is chosen on purpose; see the comments.

Without CELERY_BROKER_URL the tasks run eagerly, in-process (the embedded default).
With a broker (Redis) they run on real workers, one queue per kind of work.
"""

import os

from celery import Celery
from celery.schedules import crontab
from celery.signals import task_postrun, task_prerun
from django.db import close_old_connections
from kombu import Queue

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

app = Celery("netralitas")
QUEUES = ("default", "detection", "notices")


def build_config(settings) -> dict:
    """Celery configuration derived from the Django settings (pure, so tests can inspect it)."""
    broker = settings.CELERY_BROKER_URL
    # A task is re-delivered by Redis after the visibility timeout: it must exceed the longest
    # countdown and the longest task, or a task still waiting or running is executed twice.
    visibility_timeout = 2 * max(settings.CELERY_MAX_COUNTDOWN, settings.CELERY_TASK_TIME_LIMIT)
    return {
        "broker_url": broker or "memory://",
        "result_backend": settings.CELERY_RESULT_BACKEND or None,
        "task_always_eager": not broker,
        "task_eager_propagates": True,
        "task_store_eager_result": False,
        # Acknowledge after the task ran, and put it back if the worker died mid-task:
        # tasks are idempotent, so running twice is safe and losing one is not.
        "task_acks_late": True,
        "task_reject_on_worker_lost": True,
        # One message at a time per process: a slow chunk never holds others hostage.
        "worker_prefetch_multiplier": 1,
        "broker_transport_options": {"visibility_timeout": visibility_timeout},
        "broker_connection_retry_on_startup": True,
        # Ids, never objects: JSON only.
        "task_serializer": "json",
        "result_serializer": "json",
        "accept_content": ["json"],
        "result_expires": 3600,
        "task_time_limit": settings.CELERY_TASK_TIME_LIMIT,
        "task_soft_time_limit": settings.CELERY_TASK_TIME_LIMIT - 30,
        "task_default_queue": "default",
        "task_queues": [Queue(name, routing_key=name) for name in QUEUES],
        "task_routes": {
            "cases.tasks.detect_*": {"queue": "detection"},
            "agencies.tasks.*notice*": {"queue": "notices"},
        },
        "timezone": settings.TIME_ZONE,
        # Periodic work (deadline sweeps, outbox relay) registers here; `celery beat` runs it.
        "beat_schedule": {
            **BEAT_SCHEDULE,
            # The audit chain's signed head, kept so that cutting off its newest events shows.
            "audit-checkpoint": {
                "task": "core.tasks.audit_checkpoint",
                "schedule": settings.AUDIT_CHECKPOINT_INTERVAL,
            },
        },
        # Task events feed monitors (`celery events`, Flower) and cost an extra message per task
        # on each side; off unless CELERY_TASK_EVENTS asks for them.
        "worker_send_task_events": settings.CELERY_TASK_EVENTS,
        "task_send_sent_event": settings.CELERY_TASK_EVENTS,
        # Without this (legacy) key Celery's Django fixup closes the database connections around
        # every task: each notice paid for a new PostgreSQL connection (a backend process and
        # its authentication). `reuse_connections` below recycles them as Django does around a
        # request; the fixup's own forced close becomes a rare backstop.
        "CELERY_DB_REUSE_MAX": 1000,
    }


BEAT_SCHEDULE: dict = {
    "heartbeat": {"task": "core.tasks.heartbeat", "schedule": 60.0},
    # The outbox safety net: notices lost between commit and broker, or left by a dead worker.
    "sweep-notices": {"task": "agencies.tasks.sweep_notices", "schedule": 10.0},
    # Reminders, overdue marks and the next level's escalations (deadlines are in whole days).
    "sweep-deadlines": {"task": "cases.tasks.sweep_deadlines", "schedule": 900.0},
    # Personal data past its contest's retention period (deleted in short batches).
    "purge-expired-posts": {"task": "cases.tasks.purge_expired_posts", "schedule": 86400.0},
    # Retraining the detector on the analysts' reviews: a no-op until an agency admin switches
    # it on (cases.DetectorTraining). Sunday night, when the workers are idle.
    "retrain-detector": {
        "task": "cases.tasks.retrain_detector",
        "schedule": crontab(minute=0, hour=2, day_of_week="sunday"),
    },
}


@task_prerun.connect
@task_postrun.connect
def reuse_connections(task=None, **kwargs) -> None:
    """Close the connections that are broken or older than CONN_MAX_AGE, before and after each
    task, as Django does around each request. Eager tasks run inside their caller's
    transaction: never touch its connection."""
    if task is not None and not getattr(task.request, "is_eager", False):
        close_old_connections()


def configure(app_: Celery) -> None:
    from django.conf import settings

    app_.conf.update(build_config(settings))


configure(app)
app.autodiscover_tasks()
