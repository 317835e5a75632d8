"""Retention of captured posts (UU 27/2022 on personal data protection): a contest's posts are
kept for its retention period after voting day, then those that are not evidence of a case and
not under review are deleted, with their verdicts and the findings that only waited for identity
linking or were dismissed. The audit trail records how many, never what.

What is kept after the period: posts that are evidence of a case, posts whose finding joined a
case, was confirmed, or still waits for an analyst's review (it names a civil servant).
`retained_posts(contest)` lists them (`export_retained`).

Deletion runs in batches, each its own short transaction, so the tables the API reads are never
locked for long, whatever the size of the contest.
"""

import datetime
from collections import Counter

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from core import audit
from core.actors import system_user

from ..models import Contest, Evidence, Finding, Post

BATCH = 5000


def retention_days(contest: Contest) -> int:
    return (
        contest.retention_days
        if contest.retention_days is not None
        else settings.RETENTION_DAYS_AFTER_VOTING
    )


def expires_on(contest: Contest) -> datetime.date | None:
    """The first day the contest's unretained posts may be deleted; None without a voting day."""
    if contest.voting_day is None:
        return None
    return contest.voting_day + datetime.timedelta(days=retention_days(contest) + 1)


def expired_contests(today: datetime.date | None = None):
    today = today or timezone.localdate()
    return [
        c
        for c in Contest.objects.exclude(voting_day=None).order_by("voting_day", "pk")
        if expires_on(c) <= today
    ]


def _kept_findings() -> Q:
    """Findings that keep their post: on a case, confirmed, or waiting for review of a known
    civil servant."""
    return (
        Q(case__isnull=False)
        | Q(status=Finding.Status.CONFIRMED)
        | Q(status=Finding.Status.NEW, subject__isnull=False)
    )


def retained_posts(contest: Contest):
    """The contest's posts that retention keeps."""
    kept = Finding.objects.filter(_kept_findings(), post=OuterRef("pk"))
    evidence = Evidence.objects.filter(post=OuterRef("pk"))
    return Post.objects.filter(contest=contest).filter(Exists(kept) | Exists(evidence))


def purge_contest(contest: Contest, batch: int = BATCH) -> Counter:
    """Delete what the contest no longer keeps, in batches; one audit event with the counts."""
    counts = Counter()
    expiring = Finding.objects.filter(contest=contest, post__isnull=False).exclude(_kept_findings())
    if findings := _in_batches(expiring, batch):
        counts["findings"] = findings
    unkept = Post.objects.filter(contest=contest).exclude(
        pk__in=retained_posts(contest).values("pk")
    )
    for model, deleted in _delete_posts(unkept, batch).items():
        counts[model] += deleted
    if any(counts.values()):
        with audit.atomic():
            audit.record(
                system_user(),
                "retention.purge",
                contest,
                {
                    "retention_days": [None, retention_days(contest)],
                    **{k: [None, v] for k, v in sorted(counts.items())},
                },
            )
    return counts


def purge_expired(today: datetime.date | None = None, batch: int = BATCH) -> dict[str, dict]:
    """Purge every contest past its retention period (the beat task). Off only when
    RETENTION_ENABLED is set false."""
    if not settings.RETENTION_ENABLED:
        return {}
    return {c.slug: dict(purge_contest(c, batch)) for c in expired_contests(today)}


def _in_batches(queryset, batch: int) -> int:
    total = 0
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            total += queryset.model.objects.filter(pk__in=ids).delete()[0]
    return total


def _delete_posts(queryset, batch: int) -> Counter:
    """Posts with what hangs from them (verdicts, their remaining findings and labels)."""
    counts = Counter()
    while ids := list(queryset.order_by("pk").values_list("pk", flat=True)[:batch]):
        with transaction.atomic():
            _, per_model = Post.objects.filter(pk__in=ids).delete()
        for label, deleted in per_model.items():
            counts[label.rsplit(".", 1)[-1].lower() + "s"] += deleted
    return counts
