"""Job bookkeeping shared by the importers and the detection workers.

Progress is credited per detection chunk under the job's row lock, and each chunk is credited
once (its number is remembered), so a re-delivered chunk never counts twice.
"""

import time
from itertools import islice

from django.db.models import F
from django.utils import timezone

from core import audit

from .models import Job

MAX_STORED_ERRORS = 1000
CHUNK = 5000  # posts per detection task: one import batch, about a second of work


def start(
    actor,
    kind: str,
    *,
    agency=None,
    contest=None,
    source: str = "",
    strict: bool = False,
    queued: bool = False,
) -> Job:
    """A job, committed at once so that its progress is visible while it runs: running (an
    import starts at once) or queued (a detection run waits for the workers)."""
    with audit.atomic():
        return Job.objects.create(
            kind=kind,
            status=Job.Status.QUEUED if queued else Job.Status.RUNNING,
            agency=agency,
            contest=contest,
            source=source[:200],
            strict=strict,
            created_by=actor if getattr(actor, "pk", None) else None,
            started_at=None if queued else timezone.now(),
        )


def add_total(job: Job, posts: int) -> None:
    """More posts for the workers; runs in the transaction that created them."""
    if posts:
        Job.objects.filter(pk=job.pk).update(total=F("total") + posts)


@audit.atomic
def close_input(job: Job, counts: dict, errors: list, failed_reason: str = "") -> Job:
    """The import part is over: record its counts and errors; done unless workers are still busy."""
    job = Job.objects.select_for_update().get(pk=job.pk)
    job.counts = {**job.counts, **counts}
    job.errors = [{"line": e.line, "reason": e.reason} for e in errors[:MAX_STORED_ERRORS]]
    job.input_complete = True
    if failed_reason:
        _end(job, Job.Status.FAILED, failed_reason)
    else:
        _finish_if_complete(job)
    job.save()
    return job


@audit.atomic
def credit_chunk(job_id: int, chunk: int, posts: int, counts: dict, version: str) -> bool:
    """Add a finished chunk's posts and counts to its job; False if it was already credited."""
    job = Job.objects.select_for_update().get(pk=job_id)
    if chunk in job.chunks_done:
        return False
    if job.status == Job.Status.QUEUED:
        job.status, job.started_at = Job.Status.RUNNING, timezone.now()
    job.processed += posts
    job.detector_version = version
    job.chunks_done = [*job.chunks_done, chunk]
    job.counts = {**job.counts, **{k: job.counts.get(k, 0) + v for k, v in counts.items()}}
    _finish_if_complete(job)
    job.save()
    return True


@audit.atomic
def fail(job_id: int, reason: str) -> None:
    job = Job.objects.select_for_update().filter(pk=job_id).first()
    if job is not None and job.status in (Job.Status.QUEUED, Job.Status.RUNNING):
        _end(job, Job.Status.FAILED, reason)
        job.save()


def _finish_if_complete(job: Job) -> None:
    unfinished = job.status in (Job.Status.QUEUED, Job.Status.RUNNING)
    if unfinished and job.input_complete and job.processed >= job.total:
        _end(job, Job.Status.DONE)


def _end(job: Job, status: str, reason: str = "") -> None:
    job.status, job.reason, job.finished_at = status, reason[:2000], timezone.now()


def wait(job: Job, on_progress=None, poll: float = 0.5, timeout: float | None = None) -> Job:
    """Block until the job is done or failed (the `--wait` of the commands)."""
    deadline = None if timeout is None else time.monotonic() + timeout
    while True:
        job.refresh_from_db()
        if on_progress:
            on_progress(job)
        if job.status in (Job.Status.DONE, Job.Status.FAILED):
            return job
        if deadline is not None and time.monotonic() > deadline:
            raise TimeoutError(f"job #{job.pk} still {job.status} after {timeout} s")
        time.sleep(poll)


def batched(iterable, size: int):
    iterator = iter(iterable)
    while batch := list(islice(iterator, size)):
        yield batch
