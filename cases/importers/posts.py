"""Post import: the JSON-lines ingest format of monitoring feeds. Idempotent on
(platform, external_id): a post already captured is skipped, its first capture kept as evidence.

Each batch's new posts become one detection chunk, sent to the workers when the batch commits.
The feed is streamed: a batch at a time is in memory, and a bounded cache of account ids.
"""

import datetime
import json

from django.utils import timezone

from .. import jobs
from ..codes import Platform, normalize_handle
from ..models import Function, Job, Post
from ..policy import agency_of
from ..services.content import insert_posts
from ..tasks import dispatch_chunk
from ..workflow import Resolver, active_regime
from .base import BadLine, not_utf8, run_import, text_lines

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
    accounts: dict[tuple, int] = {}  # (platform, handle) -> id, kept across batches

    def prepare(batch, counts):
        # Only this batch's keys are kept (memory stays flat however long the feed): a post
        # repeated from an earlier batch is skipped by the insert, as captured before.
        seen, items = set(), []
        for _line, row in batch:
            if (key := (row["platform"], row["external_id"])) in seen:
                counts["skipped"] += 1  # earlier in this batch
            else:
                seen.add(key)
                items.append(row)
        return items, []

    def write(items, result, number):
        if len(accounts) > MAX_CACHED_ACCOUNTS:
            accounts.clear()
        ids = insert_posts(actor, items, contest, agency, accounts, result.counts)
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
    for number, text in enumerate(text_lines(lines), start=1):
        if bad_text := not_utf8(text):
            yield number, bad_text
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


def _text(obj: dict, key: str, where: str = "") -> str:
    """obj[key] as text: a string, or a whole number for ids; absent or null is ""."""
    value = obj.get(key)
    if value is None:
        return ""
    if isinstance(value, int) and not isinstance(value, bool) and key == "external_id":
        return str(value)
    if not isinstance(value, str):
        raise BadLine(f"{where}{key} must be a string, got {json.dumps(value)[:60]}")
    return value


def _validate(obj) -> dict:
    if not isinstance(obj, dict):
        raise BadLine("expected a JSON object")
    platform, external_id, action = (
        _text(obj, key) for key in ("platform", "external_id", "action")
    )
    for key, value in (("platform", platform), ("external_id", external_id), ("action", action)):
        if not value:
            raise BadLine(f"missing field {key!r}")
    if platform not in PLATFORMS:
        raise BadLine(
            f"unknown platform {platform!r}; expected one of {', '.join(Platform.values)}"
        )
    if action not in ACTIONS:
        raise BadLine(f"unknown action {action!r}; expected one of {', '.join(Post.Action.values)}")
    author = obj.get("author")
    if author is not None and not isinstance(author, dict):
        raise BadLine("author must be an object with a handle")
    handle = normalize_handle(_text(author, "handle", "author.")) if author else ""
    if not handle:
        raise BadLine("missing field 'author.handle'")
    target = obj.get("target")
    if target is not None and not isinstance(target, dict):
        raise BadLine("target must be an object or null")
    if action in ENGAGING and not target:
        raise BadLine(f"missing field 'target' (a {action} acts on content or an account)")
    if target:
        for key in ("external_id", "author_handle", "text"):
            _text(target, key, "target.")
    if action == "follow" and not _text(target, "author_handle").strip():
        raise BadLine("missing field 'target.author_handle' (the account followed)")
    text, url, posted = (_text(obj, key) for key in ("text", "url", "posted_at"))
    posted_at = None
    if posted:
        try:
            posted_at = datetime.datetime.fromisoformat(posted)
        except ValueError:
            raise BadLine(f"posted_at {posted!r} is not an ISO 8601 date-time") from None
        if timezone.is_naive(posted_at):
            posted_at = timezone.make_aware(posted_at)
    if len(external_id) > 200 or len(handle) > 100 or len(url) > 500:
        raise BadLine("external_id, author.handle or url too long (200, 100, 500 characters)")
    return {
        "record": obj,
        "platform": platform,
        "external_id": external_id,
        "handle": handle,
        "display_name": _text(author, "display_name", "author.")[:200],
        "action": action,
        "text": text,
        "target": target or {},
        "url": url,
        "posted_at": posted_at,
    }
