"""Retention: after a contest's period, posts that are no evidence and not under review go, with
their verdicts and the findings that only waited for linking or were dismissed; the audit trail
counts them."""

import datetime
import io
import json

import pytest
from django.core.management import call_command

from cases.models import Case, Evidence, Finding, Post, PostVerdict
from cases.services import retention
from cases.tasks import purge_expired_posts
from core.models import AuditEvent
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    banyumas_asn,
    contest,
    in_process_tasks,
    ingest,
    post,
    scripted,
)

pytestmark = pytest.mark.django_db
VOTED = datetime.date(2024, 11, 27)


@pytest.fixture
def fed(banyumas_asn, ingest, scripted, contest):
    """p-case: evidence of a case; p-review: waits for review (a known ASN); p-link: waits for
    identity linking; p-dismissed: dismissed; p-plain: no finding at all."""
    ingest(
        post("p-case", text="[0.95 SOCIAL_MEDIA_CAMPAIGN 2] kampanye"),
        post("p-review", text="[0.6 SOCIAL_MEDIA_CAMPAIGN] mungkin"),
        post("p-link", text="[0.95 SOCIAL_MEDIA_CAMPAIGN] siapa", handle="anon_1"),
        post("p-dismissed", text="[0.6 SOCIAL_MEDIA_CAMPAIGN] mungkin", handle="anon_2"),
        post("p-plain", text="selamat pagi"),
    )
    Finding.objects.filter(post__external_id="p-dismissed").update(status="dismissed")
    contest.voting_day = VOTED
    contest.save()
    return contest


def kept():
    return set(Post.objects.values_list("external_id", flat=True))


def test_nothing_goes_before_the_period_ends(fed, settings):
    settings.RETENTION_DAYS_AFTER_VOTING = 30
    assert retention.expires_on(fed) == VOTED + datetime.timedelta(days=31)
    assert retention.purge_expired(today=VOTED + datetime.timedelta(days=30)) == {}
    assert len(kept()) == 5


def test_after_the_period_only_evidence_and_review_stay(fed, settings):
    settings.RETENTION_DAYS_AFTER_VOTING = 30
    evidence = Evidence.objects.get(post__external_id="p-case")
    purged = retention.purge_expired(today=VOTED + datetime.timedelta(days=31), batch=1)
    assert kept() == {"p-case", "p-review"}
    assert purged[fed.slug] == {"findings": 2, "posts": 3, "postverdicts": 3}
    assert set(PostVerdict.objects.values_list("post__external_id", flat=True)) == kept()
    assert Evidence.objects.get(pk=evidence.pk).post.external_id == "p-case"
    assert Case.objects.count() == 1 and Finding.objects.count() == 2
    event = AuditEvent.objects.get(action="retention.purge")
    assert event.changes["posts"] == [None, 3] and "p-plain" not in json.dumps(event.changes)
    # Idempotent: a second run finds nothing more and records nothing.
    assert retention.purge_expired(today=VOTED + datetime.timedelta(days=40)) == {fed.slug: {}}
    assert AuditEvent.objects.filter(action="retention.purge").count() == 1


def test_a_contest_sets_its_own_period_and_retention_is_off_only_by_setting(fed, settings):
    settings.RETENTION_DAYS_AFTER_VOTING = 30
    fed.retention_days = 400
    fed.save()
    assert retention.purge_expired(today=VOTED + datetime.timedelta(days=60)) == {}
    settings.RETENTION_ENABLED = False
    assert retention.purge_expired(today=VOTED + datetime.timedelta(days=999)) == {}
    assert len(kept()) == 5


def test_the_beat_task_purges_and_the_export_lists_what_is_kept(fed, settings, in_process_tasks):
    settings.RETENTION_DAYS_AFTER_VOTING = 0
    out = io.StringIO()
    call_command("export_retained", "--contest", fed.slug, stdout=out)
    before = [json.loads(line)["external_id"] for line in out.getvalue().splitlines()]
    assert sorted(before) == ["p-case", "p-review"]
    assert purge_expired_posts.delay().get()[fed.slug]["posts"] == 3
    out = io.StringIO()
    call_command("export_retained", "--contest", fed.slug, stdout=out)
    rows = [json.loads(line) for line in out.getvalue().splitlines()]
    assert sorted(r["external_id"] for r in rows) == ["p-case", "p-review"]
    case_row = next(r for r in rows if r["external_id"] == "p-case")
    assert case_row["cases"] == [Case.objects.get().reference] and case_row["record_sha256"]
