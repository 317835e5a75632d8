"""From ingested posts to findings and cases: routing to the examining agency, joining the open
case, the review band, findings waiting for identity linking, exclusions and re-runs, exports
and the evaluation command."""

import io
import json

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from benchmarks.corpus import CORPUS_DIR, load_split
from cases import policy, sharing
from cases.detection.model import Model
from cases.importers import import_accounts
from cases.models import Case, Evidence, Finding, Involvement, Job, Post, PostVerdict, SocialAccount
from cases.services.contests import add_exclusion, run_detection
from cases.services.detected_cases import link_account
from core.errors import PermissionDenied, ServiceError
from core.models import AuditEvent
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    NEUTRAL,
    SLUG,
    banyumas_asn,
    contest,
    in_process_tasks,
    ingest,
    nip,
    post,
    pppk_nip,
    scripted,
)

pytestmark = pytest.mark.django_db


def test_campaign_post_of_a_linked_asn_opens_a_case_for_the_examining_agency(
    banyumas_asn, ingest, make_member
):
    budi = banyumas_asn[0]
    result = ingest(post("p-1"), post("p-2", text=NEUTRAL))
    case = Case.objects.get()
    assert (case.owner_agency.code, case.holder_agency.code, case.intake_channel) == (
        "BAWASLU",
        "BAWASLU",
        "detection",
    )
    assert case.violation_codes == ["SOCIAL_MEDIA_CAMPAIGN"] and case.severity == "high"
    assert case.institution == budi.institution and case.contest.slug == SLUG
    assert sharing.shares_of(case) == {"BAWASLU": "manage", "BSSN": "read", "KEMENDAGRI": "read"}
    finding = Finding.objects.get()
    assert (finding.case, finding.subject, finding.post.external_id) == (case, budi, "p-1")
    assert finding.detector_version.startswith("rules-") and "+contest-" in finding.detector_version
    evidence = Evidence.objects.get()
    assert (evidence.kind, evidence.post, evidence.case) == ("captured_post", finding.post, case)
    assert evidence.sha256 == finding.post.record_sha256
    assert (
        case.involvements.get(role=Involvement.Role.BENEFICIARY_CANDIDATE).candidate.ballot_number
        == 2
    )
    assert policy.visible(make_member("BSSN", "viewer"), Case.objects.all()).get() == case
    job = Job.objects.get(pk=result.job.pk)
    assert job.counts["cases_opened"] == 1 and job.counts["evaluated"] == 2
    assert AuditEvent.objects.filter(action="detection.chunk", object_id=str(job.pk)).count() == 1


def test_later_posts_join_the_open_case_and_share_it_with_their_feed(
    banyumas_asn, ingest, scripted, make_member
):
    ingest(post("p-1", text="[0.95 SOCIAL_MEDIA_CAMPAIGN 2] kampanye"))
    case = Case.objects.get()
    partner = make_member("KEMENPANRB", "analyst")
    ingest(post("p-2", text="[0.9 PHOTO_WITH_CANDIDATE 3] foto"), actor=partner)
    case.refresh_from_db()
    assert Case.objects.count() == 1 and case.findings.count() == 2 and case.evidence.count() == 2
    assert case.violation_codes == ["SOCIAL_MEDIA_CAMPAIGN", "PHOTO_WITH_CANDIDATE"]
    assert sharing.shares_of(case)["KEMENPANRB"] == "read"
    assert set(
        case.involvements.filter(role="beneficiary_candidate").values_list(
            "candidate__ballot_number", flat=True
        )
    ) == {2, 3}
    Case.objects.filter(pk=case.pk).update(status="dismissed")
    ingest(post("p-3", text="[0.9 SOCIAL_MEDIA_CAMPAIGN] lagi"))
    assert Case.objects.count() == 2  # a dismissed case is not joined: a new one opens


def test_scores_between_the_thresholds_are_suggested_for_review_without_a_case(
    banyumas_asn, ingest, scripted
):
    result = ingest(
        post("p-1", text="[0.6 SOCIAL_MEDIA_CAMPAIGN] mungkin"),
        post("p-2", text="[0.4 SOCIAL_MEDIA_CAMPAIGN] lemah"),
    )
    finding = Finding.objects.get()
    assert (finding.post.external_id, finding.status, finding.case) == ("p-1", "new", None)
    assert finding.subject == banyumas_asn[0] and finding.agency.code == "BAWASLU"
    assert not Case.objects.exists() and PostVerdict.objects.count() == 2
    assert Job.objects.get(pk=result.job.pk).counts["for_review"] == 1


def test_findings_on_unlinked_accounts_wait_and_are_attached_when_the_account_is_linked(
    banyumas_asn, ingest, scripted, staff
):
    ingest(
        post("p-1", handle="sri_bms", text="[0.95 SOCIAL_MEDIA_CAMPAIGN] a"),
        post("p-2", handle="sri_bms", text="[0.6 SOCIAL_MEDIA_CAMPAIGN] b"),
    )
    waiting = Finding.objects.filter(subject__isnull=True, case__isnull=True)
    assert waiting.count() == 2 and not Case.objects.exists()
    sri = banyumas_asn[1]
    account = SocialAccount.objects.get(handle="sri_bms")
    link_account(staff["BAWASLU"]["analyst"], account, sri, "analyst", 0.9)
    case = Case.objects.get()
    assert case.involvements.get(role="subject").civil_servant == sri
    assert case.findings.get().post.external_id == "p-1" and case.evidence.count() == 1
    review = Finding.objects.get(post__external_id="p-2")
    assert (review.subject, review.case) == (sri, None)
    account.refresh_from_db()
    assert (account.owner, account.link_method, account.link_confidence) == (sri, "analyst", 0.9)
    with pytest.raises(ServiceError, match="already linked"):
        link_account(staff["BAWASLU"]["analyst"], account, banyumas_asn[0])


def test_linking_by_registry_import_attaches_waiting_findings_too(
    system, banyumas_asn, ingest, scripted
):
    ingest(post("p-1", handle="sri_ig", text="[0.95 SOCIAL_MEDIA_CAMPAIGN] a"))
    result = import_accounts(
        system, ["nip,platform,handle\n", f"{pppk_nip(2, 2)},instagram,sri_ig\n"]
    )
    assert result.counts["cases_opened"] == 1 and result.counts["findings_attached"] == 1
    assert Case.objects.get().findings.get().subject == banyumas_asn[1]


def test_campaign_accounts_own_posts_are_not_findings(banyumas_asn, ingest, scripted):
    ingest(post("p-1", handle="aniyusuf.official", text="[0.99 SOCIAL_MEDIA_CAMPAIGN 2] ayo"))
    assert PostVerdict.objects.get().violation and not Finding.objects.exists()


def test_exclusions_and_a_rerun_re_evaluate_posts_under_a_new_version(
    contest, ingest, staff, system, django_capture_on_commit_callbacks
):
    ingest(post("p-1", handle="anon_1"), post("p-2", handle="anon_2", text=NEUTRAL))
    first = Finding.objects.get()
    assert first.subject is None  # waiting for identity linking
    with pytest.raises(PermissionDenied):
        add_exclusion(staff["BKN"]["analyst"], contest, "Yusuf Maulana")
    add_exclusion(staff["BAWASLU"]["analyst"], contest, "  Yusuf   MAULANA ")
    contest.refresh_from_db()
    assert contest.exclusions[-1] == "yusuf maulana"
    with django_capture_on_commit_callbacks(execute=True):
        job = run_detection(system, contest)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.processed == job.total == 2
    assert job.detector_version != first.detector_version
    assert PostVerdict.objects.filter(post__external_id="p-1").count() == 2
    latest = PostVerdict.objects.filter(post__external_id="p-1").latest("id")
    assert (latest.violation, latest.detector_version) == (False, job.detector_version)
    assert not Finding.objects.exists() and job.counts["superseded"] == 1
    with django_capture_on_commit_callbacks(execute=True):
        again = run_detection(system, contest)  # nothing changed: nothing re-evaluated
    again.refresh_from_db()
    assert again.status == Job.Status.DONE and again.counts.get("evaluated", 0) == 0


def test_export_findings_writes_one_line_per_ingested_post(banyumas_asn, ingest, contest):
    ingest(post("p-1"), post("p-2", text=NEUTRAL))
    Post.objects.create(
        platform="x",
        external_id="not-yet",
        author=SocialAccount.objects.first(),
        captured_at="2024-10-01T00:00:00Z",
        record={},
        record_sha256="0" * 64,
        contest=contest,
        source_agency=Post.objects.first().source_agency,
    )
    out = io.StringIO()
    call_command("export_findings", "--contest", SLUG, "--format", "jsonl", stdout=out)
    rows = {r["external_id"]: r for r in map(json.loads, out.getvalue().splitlines())}
    assert rows["p-1"]["violation"] and rows["p-1"]["category"] == "SOCIAL_MEDIA_CAMPAIGN"
    assert rows["p-1"]["case"] == Case.objects.get().reference and rows["p-1"]["rules"]
    assert rows["p-2"] == {
        "platform": "instagram",
        "external_id": "p-2",
        "violation": False,
        "category": "NONE",
        "score": 0.0,
        "rules": rows["p-2"]["rules"],
        "case": None,
    }
    assert rows["not-yet"]["score"] is None  # not evaluated yet


def test_evaluation_command_meets_the_target_on_the_held_out_split(system):
    contest_file = CORPUS_DIR / "contests" / "pilbup-banyumas-2024.json"
    call_command("import_contest", str(contest_file), stdout=io.StringIO())
    out = io.StringIO()
    call_command(
        "evaluate_detector",
        str(CORPUS_DIR / "heldout" / f"{SLUG}.posts.jsonl"),
        str(CORPUS_DIR / "heldout" / f"{SLUG}.labels.jsonl"),
        "--contest",
        SLUG,
        "--json",
        "--min-f1",
        "0.9",
        stdout=out,
    )
    report = json.loads(out.getvalue())
    assert report["binary"]["f1"] >= 0.9 and report["n"] > 1000
    assert "ENGAGEMENT_WITH_CAMPAIGN" in report["per_code"]


def test_training_command_reports_in_sample_and_cross_validated_scores(tmp_path):
    """Trained on a labelled set in the real-posts layout (here the synthetic training split,
    two contests), the command reports each contest in sample and left out."""
    corpus = tmp_path / "corpus"
    (corpus / "contests").mkdir(parents=True)
    with open(corpus / "posts.jsonl", "w") as posts, open(corpus / "labels.jsonl", "w") as labels:
        for contest, contest_posts, contest_labels in load_split("train"):
            (corpus / "contests" / f"{contest['slug']}.json").write_text(json.dumps(contest))
            for post in contest_posts[:300]:
                posts.write(json.dumps({**post, "contest": contest["slug"]}) + "\n")
            for label in contest_labels[:300]:
                labels.write(json.dumps({**label, "contest": contest["slug"]}) + "\n")
    out = io.StringIO()
    model_path = tmp_path / "model.npz"
    call_command("train_detector", "--corpus", str(corpus), "--out", str(model_path), stdout=out)
    lines = out.getvalue().splitlines()
    for contest, _, _ in load_split("train"):
        for kind in ("in_sample", "cross_validation"):
            line = next(x for x in lines if x.startswith(kind) and contest["slug"] in x)
            assert 0 <= float(line.split("F1 ")[1].split()[0]) <= 1
    assert Model.load(model_path).meta["rows"] > 100
    with pytest.raises(CommandError, match="no posts of contest"):
        call_command("train_detector", "--corpus", str(corpus), "--contests", "nope", stdout=out)
