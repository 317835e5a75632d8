"""Detection tasks: idempotent on re-delivery, retried on transient database errors, failing the
job with a reason otherwise; and a real Celery worker on Redis processing an import end to end."""

import pytest
from django.db import OperationalError

from agencies.models import Notice
from cases import jobs, tasks
from cases.importers import import_accounts, import_asn, import_contest, import_posts
from cases.models import Case, Evidence, Finding, Involvement, Job, Post, PostVerdict
from core.models import AuditEvent
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    ASN_HEADER,
    CAMPAIGN,
    NEUTRAL,
    banyumas_asn,
    contest,
    contest_json,
    in_process_tasks,
    ingest,
    lines,
    nip,
    post,
)

MODELS = (Case, Finding, Evidence, Involvement, PostVerdict, AuditEvent, Notice)


def totals() -> dict:
    return {model.__name__: model.objects.count() for model in MODELS}


@pytest.mark.django_db
def test_a_redelivered_chunk_creates_nothing_twice(banyumas_asn, ingest):
    result = ingest(
        post("p-1"), post("p-2", handle="anon", text=CAMPAIGN), post("p-3", text=NEUTRAL)
    )
    job = Job.objects.get(pk=result.job.pk)
    before = totals()
    assert before["Case"] == 1 and before["Finding"] == 2 and before["PostVerdict"] == 3
    ids = list(Post.objects.values_list("pk", flat=True))
    tasks.detect_chunk.apply(args=(job.pk, 0, ids))  # the broker delivers it again
    tasks.detect_chunk.apply(args=(job.pk, 0, ids[:1]))  # or a part of it
    assert totals() == before
    job.refresh_from_db()
    assert (job.processed, job.total, job.chunks_done, job.status) == (3, 3, [0], Job.Status.DONE)


@pytest.mark.django_db
def test_transient_database_errors_are_retried(system, contest, monkeypatch):
    result = import_posts(system, lines(post("p-1")), contest)  # its chunk is not sent here
    calls = []
    evaluate = tasks.evaluate_chunk

    def flaky(*args):
        calls.append(args)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return evaluate(*args)

    monkeypatch.setattr(tasks, "evaluate_chunk", flaky)
    ids = list(Post.objects.values_list("pk", flat=True))
    tasks.detect_chunk.apply(args=(result.job.pk, 0, ids), throw=False)  # as a worker runs it
    job = Job.objects.get(pk=result.job.pk)
    assert len(calls) == 2 and job.status == Job.Status.DONE and job.processed == 1


@pytest.mark.django_db
def test_a_failing_chunk_fails_its_job_with_the_reason(system, contest, monkeypatch):
    result = import_posts(system, lines(post("p-1")), contest)

    def broken(*args):
        raise ValueError("model file is corrupt")

    monkeypatch.setattr(tasks, "evaluate_chunk", broken)
    outcome = tasks.detect_chunk.apply(args=(result.job.pk, 0, [1]), throw=False)
    job = Job.objects.get(pk=result.job.pk)
    assert (
        outcome.state == "FAILURE"
        and job.status == Job.Status.FAILED
        and job.reason == "ValueError: model file is corrupt"
    )


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_a_celery_worker_detects_an_import_end_to_end(celery_worker_process, system, monkeypatch):
    monkeypatch.setattr(jobs, "CHUNK", 1000)  # two chunks
    contest = import_contest(system, contest_json()).job.contest
    import_asn(
        system,
        [ASN_HEADER, f"{nip(1)},Budi Santoso,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS\n"],
    )
    import_accounts(system, ["nip,platform,handle\n", f"{nip(1)},instagram,budi_bms\n"])
    feed = lines(
        *[post(f"p-{i}", text=NEUTRAL, handle=f"warga{i}") for i in range(1500)],
        post("p-campaign"),
        post(
            "p-like",
            handle="warga1",
            action="like",
            text="",
            target={"author_handle": "aniyusuf.official", "text": "Kampanye akbar paslon 2"},
        ),
    )
    result = import_posts(system, feed, contest)
    assert result.job.total == 1502 and not result.errors
    job = jobs.wait(result.job, timeout=120)
    assert job.status == Job.Status.DONE, job.reason
    assert job.processed == 1502 and job.chunks_done == [0, 1]
    assert job.counts["cases_opened"] == 1 and job.counts["waiting_for_link"] == 1
    case = Case.objects.get()
    assert (
        case.findings.get().post.external_id == "p-campaign" and case.owner_agency.code == "BAWASLU"
    )
