"""The detection parts of the API: a monitoring system imports a contest and ingests posts, the
examining agency reviews findings and adds exclusions."""

import json

import pytest

from cases.models import Case, Contest, Finding, Job
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    CONTEST,
    NEUTRAL,
    SLUG,
    banyumas_asn,
    contest,
    in_process_tasks,
    post,
)

pytestmark = pytest.mark.django_db

INGEST = """mutation($input: IngestPostsInput!) { ingestPosts(input: $input) {
  job { id kind status total processed counts } counts lineErrors { line reason }
  errors { field code message } } }"""
IMPORT_CONTEST = """mutation($input: ImportContestInput!) { importContest(input: $input) {
  contest { slug name candidates { ballotNumber name } } errors { field code message } } }"""
REVIEW = """mutation($input: ReviewFindingInput!) { reviewFinding(input: $input) {
  finding { id status } errors { field code message } } }"""
JOBS = f'{{ jobs(contest: "{SLUG}") {{ totalCount edges {{ node {{ kind status counts }} }} }} }}'


def test_a_monitoring_system_imports_a_contest_and_ingests_posts(
    api, banyumas_asn, in_process_tasks, django_capture_on_commit_callbacks
):
    bssn = api("BSSN", scopes=["read", "ingest"])
    data = bssn(IMPORT_CONTEST, {"input": {"contest": CONTEST}})["importContest"]
    assert data["errors"] == [] and data["contest"]["slug"] == SLUG
    bad = {**post("g-3"), "platform": "friendster"}
    with django_capture_on_commit_callbacks(execute=True):
        result = bssn(
            INGEST,
            {"input": {"contest": SLUG, "posts": [post("g-1"), post("g-2", text=NEUTRAL), bad]}},
        )["ingestPosts"]
    assert result["errors"] == [] and result["lineErrors"][0]["line"] == 3
    assert "friendster" in result["lineErrors"][0]["reason"]
    assert result["job"]["kind"] == "POSTS" and result["job"]["total"] == 2
    case = Case.objects.get()  # the campaign post of a linked ASN opened a case for Bawaslu
    assert case.owner_agency.code == "BAWASLU" and case.intake_channel == "detection"
    jobs = bssn(JOBS)["jobs"]
    assert {e["node"]["kind"]: e["node"]["status"] for e in jobs["edges"]} == {
        "CONTEST": "DONE",
        "POSTS": "DONE",
    }
    # Idempotent on (platform, external_id): the same feed again adds nothing.
    with django_capture_on_commit_callbacks(execute=True):
        again = bssn(INGEST, {"input": {"contest": SLUG, "posts": [post("g-1")]}})["ingestPosts"]
    assert (
        again["job"]["total"] == 0 and Finding.objects.filter(post__external_id="g-1").count() == 1
    )


def test_ingest_needs_its_scope_and_a_visible_contest(api, contest):
    reader = api("BSSN", scopes=["read"])
    errors = reader.errors(INGEST, {"input": {"contest": SLUG, "posts": []}})
    assert "ingest" in errors[0]["message"]
    writer = api("BSSN", scopes=["ingest"])
    missing = writer(INGEST, {"input": {"contest": "no-such-contest", "posts": []}})["ingestPosts"]
    assert missing["errors"] == [
        {"field": "contest", "code": "not_found", "message": "contest not found"}
    ]
    assert not Job.objects.filter(kind="posts").exists()


def test_bad_contest_data_is_named(api):
    bssn = api("BSSN", scopes=["ingest"])
    broken = {**CONTEST, "kind": "referendum"}
    data = bssn(IMPORT_CONTEST, {"input": {"contest": broken}})["importContest"]
    assert data["contest"] is None and data["errors"][0]["field"] == "contest"
    assert "referendum" in data["errors"][0]["message"]
    assert not Contest.objects.filter(slug=SLUG).exists()


def test_the_examining_agency_reviews_findings_others_cannot_see_them(
    api, banyumas_asn, contest, in_process_tasks, django_capture_on_commit_callbacks, system
):
    from cases.importers import import_posts

    with django_capture_on_commit_callbacks(execute=True):
        import_posts(system, [json.dumps(post("r-1", handle="unlinked_account"))], contest)
    finding = Finding.objects.get()  # an unlinked account: waits without a case, with Bawaslu
    gid = api("BAWASLU")("{ findings { edges { node { id } } } }")["findings"]["edges"][0]["node"][
        "id"
    ]
    outsider = api("KASN")(REVIEW, {"input": {"finding": gid, "status": "DISMISSED"}})
    assert outsider["reviewFinding"]["errors"][0]["code"] == "not_found"
    done = api("BAWASLU", role="analyst")(
        REVIEW, {"input": {"finding": gid, "status": "DISMISSED"}}
    )
    assert done["reviewFinding"]["finding"]["status"] == "DISMISSED"
    finding.refresh_from_db()
    assert finding.status == "dismissed"
