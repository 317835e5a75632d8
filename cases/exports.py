"""Exports, read through the access policy like every other read."""

from .jobs import batched
from .models import Contest, Finding, Post, PostVerdict
from .policy import visible


def findings_export(actor, contest: Contest, chunk: int = 2000):
    """One dict per ingested post of the contest the actor may see: its latest verdict and the
    case its finding joined (null when none, or hidden). A post not evaluated yet has score null.
    """
    posts = (
        visible(actor, Post.objects.filter(contest=contest))
        .order_by("pk")
        .values_list("pk", "platform", "external_id")
    )
    for batch in batched(posts.iterator(chunk_size=chunk), chunk):
        ids = [pk for pk, _, _ in batch]
        latest = {
            v["post_id"]: v
            for v in PostVerdict.objects.filter(post_id__in=ids)
            .order_by("post_id", "id")
            .values("post_id", "violation", "category", "score", "rules")
        }
        cases = dict(
            visible(actor, Finding.objects.filter(post_id__in=ids, case__isnull=False))
            .order_by("id")
            .values_list("post_id", "case__reference")
        )
        for pk, platform, external_id in batch:
            verdict = latest.get(
                pk, {"violation": False, "category": "NONE", "score": None, "rules": []}
            )
            yield {
                "platform": platform,
                "external_id": external_id,
                "violation": verdict["violation"],
                "category": verdict["category"],
                "score": verdict["score"],
                "rules": verdict["rules"],
                "case": cases.get(pk),
            }
