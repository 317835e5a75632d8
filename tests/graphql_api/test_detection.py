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


LABEL = """mutation($input: LabelPostInput!) { labelPost(input: $input) {
  post { externalId label { violation category source } } errors { field code message } } }"""
QUEUE = """{ findings(filter: {status: NEW}, orderBy: {field: UNCERTAINTY}) {
  edges { node { id score post { externalId } } } } }"""


def test_analysts_label_a_missed_post_and_reviews_label_theirs(
    api, contest, in_process_tasks, django_capture_on_commit_callbacks, system
):
    from cases.importers import import_posts

    with django_capture_on_commit_callbacks(execute=True):
        import_posts(
            system,
            [json.dumps(post("m-1", text=NEUTRAL)), json.dumps(post("m-2", handle="anon_2"))],
            contest,
        )
    ids = {
        e["node"]["externalId"]: e["node"]["id"]
        for e in api("BSSN")("{ posts { edges { node { id externalId } } } }")["posts"]["edges"]
    }
    bssn = api("BSSN", role="analyst")
    missing_code = bssn(LABEL, {"input": {"post": ids["m-1"], "violation": True}})["labelPost"]
    assert missing_code["post"] is None and missing_code["errors"][0]["field"] == "category"
    labelled = bssn(
        LABEL,
        {"input": {"post": ids["m-1"], "violation": True, "category": "SOCIAL_MEDIA_CAMPAIGN"}},
    )["labelPost"]
    assert labelled["errors"] == [] and labelled["post"]["label"] == {
        "violation": True,
        "category": "SOCIAL_MEDIA_CAMPAIGN",
        "source": "ANALYST",
    }
    # A post the caller may not see is not found, exactly like a missing one.
    hidden = api("KASN")(LABEL, {"input": {"post": ids["m-1"], "violation": False}})["labelPost"]
    assert hidden["errors"] == [{"field": "post", "code": "not_found", "message": "post not found"}]
    viewer = api("BSSN", role="viewer")(LABEL, {"input": {"post": ids["m-1"], "violation": False}})
    assert viewer["labelPost"]["errors"][0]["code"] == "permission_denied"
    # Dismissing the finding of m-2 labels it as no violation.
    (queued,) = api("BSSN")(QUEUE)["findings"]["edges"]  # the feed's agency sees the post
    assert queued["node"]["post"]["externalId"] == "m-2"
    dismissed = api("BAWASLU", role="analyst")(
        REVIEW, {"input": {"finding": queued["node"]["id"], "status": "DISMISSED"}}
    )
    assert dismissed["reviewFinding"]["errors"] == []
    label = bssn("{ posts { edges { node { externalId label { violation category source } } } } }")
    labels = {e["node"]["externalId"]: e["node"]["label"] for e in label["posts"]["edges"]}
    assert labels["m-2"] == {"violation": False, "category": None, "source": "REVIEW"}


def test_the_review_queue_puts_the_least_certain_findings_first(api, contest, system):
    from cases.models import Post
    from cases.services.intake import examining_agency
    from tests.cases.learning_fixtures import captured

    bawaslu, scores = examining_agency(), [0.97, 0.52, 0.8, 0.61, 0.52]
    for n, score in enumerate(scores):
        Finding.objects.create(
            post=captured(contest, f"q-{n}"),
            contest=contest,
            agency=bawaslu,
            violation_code="SOCIAL_MEDIA_CAMPAIGN",
            score=score,
        )
    Finding.objects.filter(post__external_id="q-3").update(status="confirmed")
    edges = api("BSSN")(QUEUE)["findings"]["edges"]
    assert [e["node"]["post"]["externalId"] for e in edges] == ["q-1", "q-4", "q-2", "q-0"]
    by_score = "{ findings(orderBy: {field: SCORE, direction: ASC}) { edges { node { score } } } }"
    edges = api("BSSN")(by_score)["findings"]["edges"]
    assert [e["node"]["score"] for e in edges] == [0.52, 0.52, 0.61, 0.8, 0.97]
    assert Post.objects.count() == 5
