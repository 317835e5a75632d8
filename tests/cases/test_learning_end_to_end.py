"""Reviews -> retrain -> a better model, end to end: a contest where the shipped model is weak
gets better after a few dozen reviews (issue 14)."""

import pytest

from cases.detection.evaluation import scores
from cases.detection.model import NONE
from cases.lexicons import detector_for
from cases.models import DetectorModel, Finding, Post, PostLabel, PostVerdict
from cases.services import review_finding
from cases.services.detection import run_detection
from cases.services.labels import label_post
from cases.services.training import retrain_from_reviews
from core.models import AuditEvent
from tests.cases.detection_fixtures import in_process_tasks  # noqa: F401 (fixture)
from tests.cases.learning_fixtures import (  # noqa: F401 (fixtures)
    CODE,
    ingest_into,
    is_partisan,
    learning_contest,
    synthetic_posts,
)

pytestmark = pytest.mark.django_db


def held_back_scores(contest, version: str) -> dict:
    """Binary scores of the verdicts under `version` on the posts nobody reviewed."""
    verdicts = PostVerdict.objects.filter(
        post__contest=contest, post__external_id__startswith="held-", detector_version=version
    ).values_list("post__external_id", "category")
    truth = [CODE if is_partisan(eid) else NONE for eid, _ in verdicts]
    return scores(truth, [category for _, category in verdicts])["binary"]


def review(staff, contest) -> int:
    """Analysts label the reviewed half: findings confirmed or dismissed by the examining
    agency, missed violations labelled by the feed's agency."""
    examiner, feed = staff["BAWASLU"]["analyst"], staff["BSSN"]["analyst"]
    findings = {f.post_id: f for f in Finding.objects.filter(contest=contest)}
    for post in Post.objects.filter(contest=contest, external_id__startswith="reviewed-"):
        partisan, finding = is_partisan(post.external_id), findings.get(post.pk)
        if finding is not None:
            outcome = Finding.Status.CONFIRMED if partisan else Finding.Status.DISMISSED
            review_finding(examiner, finding, outcome)
        else:
            label_post(feed, post, partisan, CODE if partisan else None)
    return PostLabel.objects.filter(contest=contest).count()


def test_a_weak_contest_gets_better_after_a_few_dozen_reviews(
    learning_contest, ingest_into, staff, system, django_capture_on_commit_callbacks
):
    contest = learning_contest
    ingest_into(contest, synthetic_posts("reviewed", partisan=24, neutral=16, seed=1))
    ingest_into(contest, synthetic_posts("held", partisan=30, neutral=20, seed=2))
    _, shipped_version = detector_for(contest)
    before = held_back_scores(contest, shipped_version)
    assert before["support"] == 30
    assert before["recall"] < 0.5, "the premise: the shipped model misses most of this contest"

    assert review(staff, contest) == 40

    row = retrain_from_reviews(system, contest, folds=3)
    assert row.active and row.cv_folds == 3
    assert row.cv_f1 > row.baseline_cv_f1  # on the same folds of the reviews
    assert row.trained_on["reviewed_posts"] == 40 and row.trained_on["reviewed_violations"] == 24
    assert DetectorModel.objects.get(active=True) == row
    assert AuditEvent.objects.filter(action="detector.retrain", object_id=str(row.pk)).exists()

    with django_capture_on_commit_callbacks(execute=True):
        job = run_detection(system, contest)
    job.refresh_from_db()
    assert row.sha in job.detector_version and job.detector_version != shipped_version
    after = held_back_scores(contest, job.detector_version)
    assert after["recall"] > before["recall"] and after["f1"] > before["f1"]
    new_findings = Finding.objects.filter(contest=contest, detector_version=job.detector_version)
    assert new_findings.filter(post__external_id__startswith="held-partisan-").exists()
    assert all(row.sha in f.detector_version for f in new_findings)


def test_a_model_that_is_not_better_is_kept_but_not_activated(
    learning_contest, ingest_into, staff, system
):
    """Reviews the shipped model already gets right: the new model cannot beat it on them."""
    contest = learning_contest
    ingest_into(contest, synthetic_posts("reviewed", partisan=0, neutral=6, seed=3))
    analyst = staff["BSSN"]["analyst"]
    obvious = [
        "Ayo coblos Hasan Basri nomor urut 1! #HasanRina",
        "Dukung terus Hasan Basri, pilih nomor 1 #HasanRina",
        "Coblos Yudi Pratama nomor urut 2 #YudiSari",
        "Pilih Yudi Pratama, #YudiSari pasti menang",
    ]
    posts = [
        {**p, "external_id": f"obvious-{i}", "text": text}
        for i, (p, text) in enumerate(
            zip(synthetic_posts("obvious", partisan=4, neutral=0, seed=4), obvious)
        )
    ]
    ingest_into(contest, posts)
    for post in Post.objects.filter(contest=contest):
        partisan = post.external_id.startswith("obvious-")
        label_post(analyst, post, partisan, CODE if partisan else None)
    row = retrain_from_reviews(system, contest, folds=2)
    assert not row.active and row.cv_f1 <= row.baseline_cv_f1
    assert not DetectorModel.objects.filter(active=True).exists()
    _, version = detector_for(contest)
    assert row.sha not in version
