"""Analysts' labels of posts: the examples the detector learns from (services/training.py).

Confirming or dismissing a finding labels its post (review_finding calls `label_reviewed`), and
an analyst can label any post it may see, a missed violation above all. One label per post:
the latest wins, whoever wrote it.
"""

from django.db.models import F, QuerySet, Value
from django.db.models.functions import Abs
from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import NotFound, PermissionDenied, ServiceError

from ..codes import ViolationCode
from ..models import Finding, Post, PostLabel
from ..policy import can_label_post, is_visible

LABEL_FIELDS = ("violation", "category", "source", "finding_id", "labelled_by_id")


@audit.atomic
def label_post(actor, post: Post, violation: bool, category: str | None = None) -> PostLabel:
    """An analyst's verdict on a post: a violation with its code, or none."""
    if not is_visible(actor, post):
        raise NotFound(gettext("post not found"), field="post")
    if not can_label_post(actor):
        raise PermissionDenied(gettext("only analysts label posts"), field="post")
    category = (category or "").strip()
    if violation and category not in ViolationCode.values:
        raise ServiceError(
            (
                gettext("a violation needs its code, one of %(codes)s; not '%(category)s'")
                if category
                else gettext("a violation needs its code, one of %(codes)s")
            )
            % {"codes": ", ".join(ViolationCode.values), "category": category},
            field="category",
            code="required" if not category else "invalid_choice",
        )
    if not violation and category:
        raise ServiceError(
            gettext("a post that is no violation has no violation code"), field="category"
        )
    contest_id = Post.objects.filter(pk=post.pk).values_list("contest_id", flat=True).first()
    if contest_id is None:
        raise ServiceError(
            gettext("the post belongs to no contest: nothing to learn from"),
            field="post",
            code="no_contest",
        )
    return _write(
        actor, post.pk, contest_id, bool(violation), category, PostLabel.Source.ANALYST, None
    )


def label_reviewed(actor, finding: Finding) -> PostLabel | None:
    """The label a finding's review gives its post (inside review_finding's transaction, which
    has checked the actor): confirmed is the finding's code, dismissed is no violation."""
    if finding.post_id is None:
        return None
    contest_id = finding.contest_id or (
        Post.objects.filter(pk=finding.post_id).values_list("contest_id", flat=True).first()
    )
    if contest_id is None:
        return None
    confirmed = finding.status == Finding.Status.CONFIRMED
    return _write(
        actor,
        finding.post_id,
        contest_id,
        confirmed,
        finding.violation_code if confirmed else "",
        PostLabel.Source.REVIEW,
        finding.pk,
    )


def _write(actor, post_id, contest_id, violation, category, source, finding_id) -> PostLabel:
    label = PostLabel.objects.select_for_update().filter(post_id=post_id).first()
    before = {f: getattr(label, f) for f in LABEL_FIELDS} if label else {}
    if label is None:
        label = PostLabel(post_id=post_id)
    label.contest_id, label.violation, label.category = contest_id, violation, category
    label.source, label.finding_id = source, finding_id
    label.labelled_by, label.labelled_at = actor, timezone.now()
    label.save()
    after = {f: getattr(label, f) for f in LABEL_FIELDS}
    audit.record(
        actor,
        "post.label",
        label,
        {f: [before.get(f), after[f]] for f in LABEL_FIELDS if before.get(f) != after[f]},
    )
    return label


# How far the model is from undecided: the review queue shows the nearest first (a review of
# what the model is least sure of teaches it most), then the oldest.
CERTAINTY = Abs(F("score") - Value(0.5))
REVIEW_ORDER = (CERTAINTY.asc(), "created_at", "pk")


def review_queue(findings: QuerySet) -> QuerySet:
    """Findings waiting for review, the most informative first. Narrows `findings`, which the
    policy has limited."""
    return findings.filter(status=Finding.Status.NEW).order_by(*REVIEW_ORDER)
