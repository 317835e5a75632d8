"""Post import: the JSON-lines ingest format of monitoring feeds. Idempotent on
(platform, external_id): a post already captured is skipped, its first capture kept as evidence.

Each batch's new posts become one detection chunk, sent to the workers when the batch commits.
"""

import datetime
import hashlib
import json

from django.utils import timezone

from .. import jobs
from ..bulk import SerializedJson, bulk_insert, ids_by_key
from ..codes import Platform, normalize_handle
from ..models import Function, Job, Post, SocialAccount
from ..policy import agency_of
from ..tasks import dispatch_chunk
from ..workflow import Resolver, active_regime
from .base import BadLine, run_import

ENGAGING = {"share", "comment", "like", "follow"}
# Sets, computed once: a TextChoices' `values` builds a new list on every access.
PLATFORMS, ACTIONS = frozenset(Platform.values), frozenset(Post.Action.values)
MAX_CACHED_ACCOUNTS = 200_000


def import_posts(
    actor,
    lines,
    contest,
    source_agency=None,
    *,
    strict: bool = False,
    source: str = "",
    on_batch=None,
):
    """Import JSON lines for `contest`, captured by `source_agency` (default: the actor's agency,
    else the detecting agency of the active regime, BSSN)."""
    agency = source_agency or agency_of(actor) or Resolver(active_regime())(Function.DETECTOR)
    seen: dict[tuple, int] = {}
    accounts: dict[tuple, int] = {}  # (platform, handle) -> id, kept across batches

    def prepare(batch, counts):
        items = []
        for line, row in batch:
            if seen.setdefault((row["platform"], row["external_id"]), line) != line:
                counts["skipped"] += 1  # earlier in this feed
            else:
                items.append(row)
        return items, []

    def write(items, result, number):
        if len(accounts) > MAX_CACHED_ACCOUNTS:
            accounts.clear()
        ids = _write_posts(items, contest, agency, accounts, result.counts)
        result.counts["skipped"] += len(items) - len(ids)  # captured before
        jobs.add_total(result.job, len(ids))
        if ids:
            dispatch_chunk(result.job.pk, number, ids)

    return run_import(
        actor,
        Job.Kind.POSTS,
        json_lines(lines),
        prepare,
        write,
        strict=strict,
        agency=agency,
        contest=contest,
        source=source,
        on_batch=on_batch,
    )


def json_lines(lines):
    """(line number, validated record or BadLine); blank lines are skipped."""
    for number, line in enumerate(lines, start=1):
        try:
            text = line.decode() if isinstance(line, bytes) else line
        except UnicodeDecodeError:
            yield number, BadLine("not UTF-8 text")
            continue
        if not text.strip():
            continue
        try:
            obj = json.loads(text.rstrip())
        except json.JSONDecodeError as error:
            yield number, BadLine(f"malformed JSON: {error.msg} (column {error.colno})")
            continue
        try:
            yield number, _validate(obj)
        except BadLine as error:
            yield number, error


def _validate(obj) -> dict:
    if not isinstance(obj, dict):
        raise BadLine("expected a JSON object")
    for key in ("platform", "external_id", "action"):
        if obj.get(key) in (None, ""):
            raise BadLine(f"missing field {key!r}")
    if obj["platform"] not in PLATFORMS:
        raise BadLine(
            f"unknown platform {obj['platform']!r}; expected one of {', '.join(Platform.values)}"
        )
    if obj["action"] not in ACTIONS:
        raise BadLine(
            f"unknown action {obj['action']!r}; expected one of {', '.join(Post.Action.values)}"
        )
    author = obj.get("author")
    handle = normalize_handle(str(author.get("handle") or "")) if isinstance(author, dict) else ""
    if not handle:
        raise BadLine("missing field 'author.handle'")
    target = obj.get("target")
    if target is not None and not isinstance(target, dict):
        raise BadLine("target must be an object or null")
    if obj["action"] in ENGAGING and not target:
        raise BadLine(f"missing field 'target' (a {obj['action']} acts on content or an account)")
    if obj["action"] == "follow" and not (target.get("author_handle") or "").strip():
        raise BadLine("missing field 'target.author_handle' (the account followed)")
    if not isinstance(obj.get("text") or "", str):
        raise BadLine("text must be a string")
    posted_at = None
    if obj.get("posted_at"):
        try:
            posted_at = datetime.datetime.fromisoformat(str(obj["posted_at"]))
        except ValueError:
            raise BadLine(f"posted_at {obj['posted_at']!r} is not an ISO 8601 date-time") from None
        if timezone.is_naive(posted_at):
            posted_at = timezone.make_aware(posted_at)
    external_id, url = str(obj["external_id"]), str(obj.get("url") or "")
    if len(external_id) > 200 or len(handle) > 100 or len(url) > 500:
        raise BadLine("external_id, author.handle or url too long (200, 100, 500 characters)")
    return {
        "record": obj,
        "platform": obj["platform"],
        "external_id": external_id,
        "handle": handle,
        "display_name": str(author.get("display_name") or "")[:200],
        "action": obj["action"],
        "text": obj.get("text") or "",
        "target": target or {},
        "url": url,
        "posted_at": posted_at,
    }


def canonical_json(record: dict) -> SerializedJson:
    """Sorted keys, no spaces, UTF-8: what the post's SHA-256 is taken over, so anyone can
    recompute it from the stored `Post.record`."""
    return SerializedJson(
        json.dumps(record, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    )


def record_sha256(record: dict) -> str:
    return hashlib.sha256(canonical_json(record).encode()).hexdigest()


def _write_posts(items, contest, agency, accounts, counts) -> list[int]:
    """Insert the posts not captured before; return their ids."""
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
