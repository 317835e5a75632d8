"""Captured content, in bulk: the posts a monitoring feed delivers and the accounts that wrote
them, as the post import writes them (one batch at a time, inside the batch's transaction,
whose audit event on the import job records what changed). Idempotent on (platform,
external_id): a post already captured is skipped, its first capture kept as evidence."""

import hashlib
import json

from django.utils import timezone
from django.utils.translation import gettext

from ..bulk import SerializedJson, bulk_insert, ids_by_key
from ..codes import normalize_handle
from ..models import Post, SocialAccount
from ..policy import can_start_job, require


def canonical_json(record: dict) -> SerializedJson:
    """Sorted keys, no spaces, UTF-8: what the post's SHA-256 is taken over, so anyone can
    recompute it from the stored `Post.record`."""
    return SerializedJson(
        json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    )


def record_sha256(record: dict) -> str:
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def insert_posts(actor, items, contest, agency, accounts, counts) -> list[int]:
    """Insert the posts (validated import items) not captured before, and the accounts met for
    the first time; return the new posts' ids. `accounts` caches {(platform, handle): id}."""
    require(can_start_job(actor), gettext("only analysts and above ingest posts"), field="job")
    follows = {
        (i["platform"], normalize_handle(i["target"]["author_handle"])): ""
        for i in items
        if i["action"] == "follow"
    }
    _accounts(
        {**follows, **{(i["platform"], i["handle"]): i["display_name"] for i in items}},
        accounts,
        counts,
    )
    targets = ids_by_key(
        Post.objects,
        "external_id",
        {
            (i["platform"], str(i["target"]["external_id"]))
            for i in items
            if i["target"].get("external_id")
        },
    )
    now, rows = timezone.now(), []
    for i in items:
        record = canonical_json(i["record"])
        follow = i["action"] == "follow"
        rows.append(
            {
                "platform": i["platform"],
                "external_id": i["external_id"],
                "author_id": accounts[(i["platform"], i["handle"])],
                "action": i["action"],
                "text": i["text"],
                "url": i["url"],
                "posted_at": i["posted_at"],
                "captured_at": now,
                "target_post_id": targets.get((i["platform"], str(i["target"].get("external_id")))),
                "target_account_id": accounts.get(
                    (i["platform"], normalize_handle(i["target"].get("author_handle") or ""))
                )
                if follow
                else None,
                "record": record,
                "record_sha256": hashlib.sha256(record.encode()).hexdigest(),
                "contest_id": contest.pk,
                "source_agency_id": agency.pk,
            }
        )
    inserted = bulk_insert(Post, rows, ignore_conflicts=True, returning=("id",))
    if inserted is None:  # rows of this capture only: a concurrent import detects its own
        ids = list(
            ids_by_key(
                Post.objects.filter(captured_at=now),
                "external_id",
                {(i["platform"], i["external_id"]) for i in items},
            ).values()
        )
    else:
        ids = [pk for (pk,) in inserted]
    counts["created"] += len(ids)
    return ids


def _accounts(wanted: dict[tuple, str], cache: dict, counts) -> None:
    """Add {(platform, handle): account id} of `wanted` to `cache`, creating the accounts met
    for the first time."""
    wanted = {key: name for key, name in wanted.items() if key not in cache}
    if not wanted:
        return
    found = ids_by_key(SocialAccount.objects, "handle", wanted)
    missing = [
        {"platform": p, "handle": h, "display_name": name}
        for (p, h), name in wanted.items()
        if (p, h) not in found
    ]
    if missing:
        inserted = bulk_insert(
            SocialAccount, missing, ignore_conflicts=True, returning=("id", "platform", "handle")
        )
        counts["accounts_created"] += len(missing if inserted is None else inserted)
        found.update({(p, h): pk for pk, p, h in inserted or ()})
        if len(found) < len(wanted):  # not PostgreSQL, or a concurrent import made some
            found = ids_by_key(SocialAccount.objects, "handle", wanted)
    cache.update(found)
