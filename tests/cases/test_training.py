"""Retraining on reviews: reviews -> retrain -> a better model end to end (a contest where the
shipped model is weak gets better after a few dozen reviews, issue 14); who may retrain, with
how many reviews; the command, the weekly switch and going back to the shipped model."""

import io

import pytest
from django.core.management import CommandError, call_command

from cases.detection.evaluation import scores
from cases.detection.model import NONE, Model
from cases.lexicons import detector_for
from cases.models import DetectorModel, DetectorTraining, Finding, Post, PostLabel, PostVerdict
from cases.services import review_finding
from cases.services.contests import run_detection
from cases.services.labels import label_post
from cases.services.training import (
    activate_model,
    retrain_from_reviews,
    update_training,
    weekly_retraining,
)
from cases.tasks import retrain_detector
from config.celery import BEAT_SCHEDULE
from core.errors import PermissionDenied, ServiceError
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


def labelled(contest, ingest_into, analyst, partisan: int, neutral: int) -> None:
    ingest_into(contest, synthetic_posts("reviewed", partisan, neutral, seed=5))
    for post in Post.objects.filter(contest=contest):
        violation = is_partisan(post.external_id)
        label_post(analyst, post, violation, CODE if violation else None)


def test_too_few_reviews_are_refused_by_name(learning_contest, ingest_into, staff, system):
    labelled(learning_contest, ingest_into, staff["BSSN"]["analyst"], partisan=3, neutral=1)
    with pytest.raises(CommandError, match=r"4 reviewed posts \(3 violations, 1 not\)"):
        call_command("train_detector", "--from-reviews", "--contest", learning_contest.slug)
    with pytest.raises(CommandError, match="no contest 'nope'"):
        call_command("train_detector", "--from-reviews", "--contest", "nope")
    assert not DetectorModel.objects.exists()


def test_only_admins_of_the_examining_or_detecting_agency_train(staff):
    for user in (staff["BSSN"]["analyst"], staff["KASN"]["agency_admin"]):
        with pytest.raises(PermissionDenied):
            update_training(user, enabled=True)
        with pytest.raises(PermissionDenied):
            activate_model(user, None)
    setting = update_training(staff["BSSN"]["agency_admin"], enabled=True, folds=4)
    assert setting.enabled and setting.folds == 4
    event = AuditEvent.objects.get(action="detector.training")
    assert event.changes == {"enabled": [False, True], "folds": [5, 4]}
    with pytest.raises(ServiceError) as error:
        update_training(staff["BAWASLU"]["agency_admin"], folds=11)
    assert error.value.field == "folds"


def test_the_weekly_task_does_nothing_until_switched_on(learning_contest, staff):
    assert BEAT_SCHEDULE["retrain-detector"]["task"] == "cases.tasks.retrain_detector"
    assert retrain_detector() == "off" and DetectorTraining.current().last_run is None
    update_training(staff["BAWASLU"]["agency_admin"], enabled=True, contest=learning_contest)
    outcome = retrain_detector()
    assert outcome.startswith("not retrained: 0 reviewed posts")
    setting = DetectorTraining.current()
    assert setting.last_run is not None and setting.last_result == outcome


def test_the_command_retrains_activates_and_the_shipped_model_comes_back(
    learning_contest, ingest_into, staff, system
):
    labelled(learning_contest, ingest_into, staff["BSSN"]["analyst"], partisan=12, neutral=8)
    _, shipped_version = detector_for(learning_contest)
    out = io.StringIO()
    call_command(
        "train_detector", "--from-reviews", "--contest", learning_contest.slug, "--folds", "2",
        stdout=out,
    )  # fmt: skip
    row = DetectorModel.objects.get()
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("fold 1: 10 posts (6 violations)") and len(lines) == 3
    assert lines[-1].startswith(f"model {row.sha}: mean F1") and lines[-1].endswith("activated")
    assert Model.from_bytes(bytes(row.data)).sha == row.sha  # plain arrays, no pickle
    _, version = detector_for(learning_contest)
    assert f"model-{row.sha}" in version and version != shipped_version
    activate_model(staff["BSSN"]["agency_admin"], None)
    assert detector_for(learning_contest)[1] == shipped_version
    assert AuditEvent.objects.filter(action="detector.activate").count() == 1
    # The weekly run on the same reviews: the same model again, already known.
    update_training(system, enabled=True, contest=learning_contest, folds=2, min_reviews=20)
    assert weekly_retraining(system).startswith(f"model {row.sha}")
    assert DetectorModel.objects.count() == 1


def held_back_scores(contest, version: str) -> dict:
    """Binary scores of the verdicts under `version` on the posts nobody reviewed."""
    verdicts = PostVerdict.objects.filter(
        post__contest=contest, post__external_id__startswith="held-", detector_version=version
    ).values_list("post__external_id", "category")
    return scores(
        [
            {"contest": contest.slug, "external_id": eid, "score": 0, "text": "",
             "expected": CODE if is_partisan(eid) else NONE, "found": category,
             "expected_direction": "", "found_direction": ""}
            for eid, category in verdicts
        ]
    )["binary"]  # fmt: skip


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
    assert before["precision"] < 0.8, "the premise: the shipped model errs on this contest"

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
    assert after["f1"] > before["f1"] and after["precision"] > before["precision"]
    assert after["recall"] >= before["recall"] - 0.1
    new_findings = Finding.objects.filter(contest=contest, detector_version=job.detector_version)
    assert new_findings.filter(post__external_id__startswith="held-partisan-").exists()
    assert all(row.sha in f.detector_version for f in new_findings)


def test_a_model_that_is_not_better_is_kept_but_not_activated(
    learning_contest, ingest_into, staff, system
):
    """Reviews the shipped model already gets right: the new model cannot beat it on them."""
    contest = learning_contest
    plain = [  # election logistics that name no candidate: the shipped model gets them right
        "Cek DPT di laman KPU sebelum hari pemungutan suara",
        "Masa tenang mulai 24 November, jaga suasana tetap sejuk",
        "Jadwal debat pilbup diumumkan KPU besok pagi",
        "Logistik pemilu mulai didistribusikan ke kecamatan",
        "Simak tahapan pilbup di laman resmi KPU",
        "Pemungutan suara 27 November, TPS buka jam 07.00",
    ]
    ingest_into(
        contest,
        [
            {**p, "external_id": f"plain-{i}", "text": text}
            for i, (p, text) in enumerate(
                zip(synthetic_posts("plain", partisan=0, neutral=6, seed=3), plain)
            )
        ],
    )
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
