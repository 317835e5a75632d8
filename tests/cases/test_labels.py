"""Analysts' labels of posts: one per post (the latest wins), written by label_post and by every
review of a finding, each audited; and the review queue's order."""

import pytest

from cases.models import Finding, PostLabel
from cases.services import review_finding
from cases.services.intake import examining_agency
from cases.services.labels import label_post, review_queue
from core.errors import NotFound, PermissionDenied, ServiceError
from core.models import AuditEvent
from tests.cases.learning_fixtures import captured, learning_contest  # noqa: F401 (fixtures)

pytestmark = pytest.mark.django_db
CODE = "SOCIAL_MEDIA_CAMPAIGN"


def finding_on(post, score=0.7):
    return Finding.objects.create(
        post=post,
        contest=post.contest,
        agency=examining_agency(),
        violation_code=CODE,
        score=score,
    )


def test_a_missed_violation_is_labelled_with_its_code(learning_contest, staff):
    post = captured(learning_contest, "p-1", "KPU tetapkan Hasan Basri nomor urut 1, harga mati")
    label = label_post(staff["BSSN"]["analyst"], post, True, CODE)
    assert (label.violation, label.category, label.source) == (True, CODE, "analyst")
    assert label.contest == learning_contest and label.labelled_by == staff["BSSN"]["analyst"]
    event = AuditEvent.objects.get(action="post.label")
    assert event.object_id == str(label.pk) and event.changes["category"] == [None, CODE]


@pytest.mark.parametrize(
    "violation, category, field, code",
    [
        (True, None, "category", "required"),
        (True, "SPAM", "category", "invalid_choice"),
        (False, CODE, "category", "invalid"),
    ],
)
def test_a_label_names_a_code_exactly_when_it_is_a_violation(
    learning_contest, staff, violation, category, field, code
):
    post = captured(learning_contest, "p-1")
    with pytest.raises(ServiceError) as error:
        label_post(staff["BSSN"]["analyst"], post, violation, category)
    assert (error.value.field, error.value.code) == (field, code)
    assert not PostLabel.objects.exists() and not AuditEvent.objects.filter(action="post.label")


def test_who_may_label(learning_contest, staff):
    post = captured(learning_contest, "p-1")
    with pytest.raises(NotFound):  # KASN does not see BSSN's feed: as if the post did not exist
        label_post(staff["KASN"]["analyst"], post, False)
    with pytest.raises(PermissionDenied):
        label_post(staff["BSSN"]["viewer"], post, False)
    orphan = captured(None, "p-2")
    with pytest.raises(ServiceError) as error:
        label_post(staff["BSSN"]["analyst"], orphan, False)
    assert error.value.code == "no_contest"


def test_reviews_and_labels_share_one_row_per_post_and_the_latest_wins(learning_contest, staff):
    post = captured(learning_contest, "p-1")
    finding = finding_on(post)
    review_finding(staff["BAWASLU"]["analyst"], finding, Finding.Status.CONFIRMED)
    label = PostLabel.objects.get()
    assert (label.violation, label.category, label.source, label.finding) == (
        True,
        CODE,
        "review",
        finding,
    )
    review_finding(staff["BAWASLU"]["analyst"], finding, Finding.Status.DISMISSED)
    label.refresh_from_db()
    assert (label.violation, label.category) == (False, "")
    label_post(staff["BSSN"]["analyst"], post, True, "ENGAGEMENT_WITH_CAMPAIGN")
    label = PostLabel.objects.get()
    assert (label.category, label.source, label.finding) == (
        "ENGAGEMENT_WITH_CAMPAIGN",
        "analyst",
        None,
    )
    assert AuditEvent.objects.filter(action="post.label").count() == 3


def test_the_review_queue_puts_the_least_certain_first_then_the_oldest(learning_contest):
    scores = {"a": 0.99, "b": 0.55, "c": 0.7, "d": 0.55, "e": 0.51}
    findings = {k: finding_on(captured(learning_contest, k), s) for k, s in scores.items()}
    findings["e"].status = Finding.Status.CONFIRMED
    findings["e"].save()
    queue = review_queue(Finding.objects.all())
    assert [f.post.external_id for f in queue] == ["b", "d", "c", "a"]
