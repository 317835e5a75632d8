"""The cases app's Celery tasks: detection chunks (the `detection` queue, by name:
config/celery.py routes cases.tasks.detect_*) and the deadline sweep beat runs.

They carry ids only and are idempotent: a chunk evaluates only posts without a verdict under the
current detector version, and its job credits each chunk number once. So a chunk re-delivered
after a worker died, or retried after a transient database error, creates nothing twice.
"""

from celery import Task, shared_task
from django.db import IntegrityError, OperationalError, transaction

from core.actors import system_user

from . import jobs
from .services import deadlines
from .services.detection import evaluate_chunk
from .services.retention import purge_expired
from .services.training import weekly_retraining


class JobTask(Task):
    def on_failure(self, exc, task_id, args, kwargs, einfo):
        """Out of retries, or a bug: the job fails with the reason, for admin and GraphQL."""
        jobs.fail(args[0] if args else kwargs["job_id"], f"{type(exc).__name__}: {exc}")


# OperationalError: lost connections, deadlocks, serialisation failures, SQLite's "database is
# locked". IntegrityError: a duplicate delivery of the same chunk running at the same time lost
# the race on the verdicts' unique key; its retry finds the chunk done.
@shared_task(
    name="cases.tasks.detect_chunk",
    base=JobTask,
    autoretry_for=(OperationalError, IntegrityError),
    retry_backoff=2,
    retry_backoff_max=120,
    retry_jitter=True,
    max_retries=8,
)
def detect_chunk(job_id: int, chunk: int, post_ids: list[int]) -> dict:
    return dict(evaluate_chunk(job_id, chunk, post_ids))


def dispatch_chunk(job_id: int, chunk: int, post_ids: list[int]) -> None:
    """Send the chunk once the transaction that wrote its posts commits (never if it rolls back)."""
    transaction.on_commit(lambda: detect_chunk.delay(job_id, chunk, list(post_ids)))


@shared_task(name="cases.tasks.purge_expired_posts")
def purge_expired_posts() -> dict:
    """Daily: delete what retention no longer keeps (cases/services/retention.py)."""
    return purge_expired()


@shared_task(name="cases.tasks.retrain_detector")
def retrain_detector() -> str:
    """Weekly (config/celery.py): retrain on the reviews when an agency admin switched it on
    (DetectorTraining); a model is activated only when it beats the current one."""
    return weekly_retraining(system_user())


@shared_task(ignore_result=True)
def sweep_deadlines() -> dict:
    """Remind, mark overdue and escalate to the next level (cases/services/deadlines.py)."""
    return deadlines.sweep()
