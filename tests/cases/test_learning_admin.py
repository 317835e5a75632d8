"""Learning in admin: labelling posts, the review queue's order, the retraining switch and the
models, all through the services."""

import pytest

from cases.detection.detector import RULES_SHA, default_model
from cases.detection.model import Model
from cases.lexicons import detector_for
from cases.models import DetectorModel, DetectorTraining, Finding, PostLabel
from cases.services.intake import examining_agency
from core.models import AuditEvent
from tests.cases.learning_fixtures import captured, learning_contest  # noqa: F401 (fixtures)
from tests.cases.test_admin import messages_of

pytestmark = pytest.mark.django_db
POSTS = "/admin/cases/post/"


def test_an_analyst_labels_a_post_from_its_page(learning_contest, staff, login):
    post = captured(learning_contest, "p-1", "KPU tetapkan Hasan Basri nomor urut 1, harga mati")
    client = login(staff["BSSN"]["analyst"])
    page = client.get(f"{POSTS}{post.pk}/change/")
    assert f"{POSTS}{post.pk}/label/" in page.content.decode()
    response = client.post(
        f"{POSTS}{post.pk}/label/", {"category": "SOCIAL_MEDIA_CAMPAIGN"}, follow=True
    )
    assert messages_of(response) == [f"{post}: Beri label unggahan — selesai"]
    label = PostLabel.objects.get()
    assert (label.violation, label.category, label.source) == (
        True,
        "SOCIAL_MEDIA_CAMPAIGN",
        "analyst",
    )
    assert "Berkampanye di media sosial atau daring" in response.content.decode()
    # A viewer gets no link, and the service refuses the form.
    viewer = login(staff["BSSN"]["viewer"])
    assert "/label/" not in viewer.get(f"{POSTS}{post.pk}/change/").content.decode()
    refused = viewer.post(f"{POSTS}{post.pk}/label/", {"category": ""})
    assert messages_of(refused) == ["hanya analis yang dapat memberi label pada unggahan"]
    # Another agency does not see the post at all.
    assert login(staff["KASN"]["analyst"]).get(f"{POSTS}{post.pk}/label/").status_code == 404


def test_posts_are_labelled_from_the_list(learning_contest, staff, login):
    posts = [captured(learning_contest, f"p-{n}") for n in range(2)]
    login(staff["BSSN"]["analyst"]).post(
        POSTS, {"action": "label_no_violation", "_selected_action": [p.pk for p in posts]}
    )
    assert sorted(PostLabel.objects.values_list("post__external_id", "violation")) == [
        ("p-0", False),
        ("p-1", False),
    ]
    assert AuditEvent.objects.filter(action="post.label").count() == 2


def test_waiting_findings_are_listed_least_certain_first(learning_contest, staff, login):
    for name, score in (("sure", 0.98), ("unsure", 0.52), ("middle", 0.75)):
        Finding.objects.create(
            post=captured(learning_contest, name),
            contest=learning_contest,
            agency=examining_agency(),
            violation_code="SOCIAL_MEDIA_CAMPAIGN",
            score=score,
        )
    client = login(staff["BAWASLU"]["analyst"])
    queue = client.get("/admin/cases/finding/?status__exact=new")
    shown = [f.post.external_id for f in queue.context["cl"].result_list]
    assert shown == ["unsure", "middle", "sure"]
    everything = client.get("/admin/cases/finding/")  # otherwise: highest score first
    assert [f.score for f in everything.context["cl"].result_list] == [0.98, 0.75, 0.52]


def test_an_agency_admin_switches_the_weekly_retraining_on(staff, login):
    setting = DetectorTraining.current()
    url = f"/admin/cases/detectortraining/{setting.pk}/change/"
    form = {"enabled": "on", "contest": "", "folds": "3", "min_reviews": "40"}
    assert login(staff["BSSN"]["analyst"]).post(url, form).status_code == 403
    login(staff["BSSN"]["agency_admin"]).post(url, form)
    setting.refresh_from_db()
    assert (setting.enabled, setting.folds, setting.min_reviews) == (True, 3, 40)
    assert setting.updated_by == staff["BSSN"]["agency_admin"]
    assert AuditEvent.objects.get(action="detector.training").changes["enabled"] == [False, True]


def stored_model(rules: str) -> DetectorModel:
    """The shipped model's weights under another sha (its metadata differs)."""
    shipped = default_model()
    vocabulary = sorted(shipped.vocabulary, key=shipped.vocabulary.get)
    meta = {**shipped.meta, "note": "stored"}
    data = Model(
        vocabulary, shipped.coef, shipped.intercept, shipped.stance_weight, meta
    ).to_bytes()
    return DetectorModel.objects.create(
        sha=Model.from_bytes(data).sha, data=data, rules=rules, cv_f1=0.9, baseline_cv_f1=0.5
    )


def test_a_stored_model_is_activated_from_its_list(learning_contest, staff, login):
    row = stored_model(RULES_SHA)
    action = {"action": "activate", "_selected_action": [row.pk]}
    login(staff["BSSN"]["analyst"]).post("/admin/cases/detectormodel/", action)
    assert not DetectorModel.objects.get().active
    login(staff["BSSN"]["agency_admin"]).post("/admin/cases/detectormodel/", action)
    assert DetectorModel.objects.get().active
    assert f"model-{row.sha}" in detector_for(learning_contest)[1]


def test_a_model_trained_under_other_rules_is_not_used(learning_contest, staff, login):
    _, shipped_version = detector_for(learning_contest)
    row = stored_model("0ldru1e5")
    response = login(staff["BSSN"]["agency_admin"]).post(
        "/admin/cases/detectormodel/", {"action": "activate", "_selected_action": [row.pk]},
        follow=True,
    )  # fmt: skip
    assert "dilatih dengan aturan lain (rules-0ldru1e5" in messages_of(response)[0]
    DetectorModel.objects.filter(pk=row.pk).update(active=True)  # activated before an upgrade
    assert detector_for(learning_contest)[1] == shipped_version
