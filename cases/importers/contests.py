"""Contest import (the JSON format of issue 5); cases/lexicons.py reads it back for the detector.

Re-importing a contest updates it: candidates by ballot number, campaign accounts by platform and
handle. Exclusions analysts added while the contest runs are kept (the file's are added to them).
"""

import datetime
import json
import re
from functools import partial

from core.models import Region

from ..codes import Platform, normalize_handle
from ..lexicons import DATES, LISTS
from ..models import Candidate, Contest, Job
from ..services.contests import save_contest
from .base import BadLine, LineError, run_import

SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,80}$")


def import_contest(actor, source, *, name: str = "", on_batch=None):
    """`source`: JSON text, a file, or the parsed dict (GraphQL)."""
    return run_import(
        actor,
        Job.Kind.CONTEST,
        [(1, _parse(source))],
        _prepare,
        partial(_write, actor),
        source=name,
        on_batch=on_batch,
    )


def _parse(source):
    if isinstance(source, dict):
        return source
    try:
        data = json.loads(source if isinstance(source, (str, bytes)) else source.read())
    except json.JSONDecodeError as error:
        return BadLine(f"malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})")
    return data if isinstance(data, dict) else BadLine("expected one JSON object (a contest)")


def _prepare(batch, _counts):
    ((line, data),) = batch or [(None, None)]
    if data is None:
        return [], []
    problems = []
    for key in ("slug", "name", "kind"):
        if not str(data.get(key) or "").strip():
            problems.append(f"missing field {key!r}")
    if data.get("slug") and not SLUG.match(str(data["slug"])):
        problems.append(f"slug {data['slug']!r} may only hold letters, digits, '-' and '_'")
    if data.get("kind") and data["kind"] not in Contest.Kind.values:
        problems.append(f"kind {data['kind']!r} must be one of {', '.join(Contest.Kind.values)}")
    region_code = str((data.get("region") or {}).get("code") or "")
    region = Region.objects.filter(code=region_code).first() if region_code else None
    if region_code and region is None:
        problems.append(f"region code {region_code!r} is not a Kemendagri region code")
    for key in DATES:
        try:
            data.get(key) and datetime.date.fromisoformat(data[key])
        except (TypeError, ValueError):
            problems.append(f"{key} {data[key]!r} is not a date (YYYY-MM-DD)")
    problems += _threshold_problems(data)
    problems += _candidate_problems(data.get("candidates"))
    if not problems and data.get("slug"):
        problems += _removal_problems(data)
    if problems:
        return [], [LineError(line, problem) for problem in problems]
    return [(line, data, region)], []


def _threshold_problems(data) -> list[str]:
    problems = []
    for key in ("review_threshold", "case_threshold"):
        value = data.get(key)
        if value is not None and not (isinstance(value, (int, float)) and 0 <= value <= 1):
            problems.append(f"{key} must be a number between 0 and 1")
    return problems


def _candidate_problems(candidates) -> list[str]:
    if not isinstance(candidates, list) or not candidates:
        return ["missing field 'candidates' (a list with at least one candidate)"]
    problems, numbers = [], set()
    for i, cand in enumerate(candidates):
        where = f"candidates[{i}]"
        if not isinstance(cand, dict):
            problems.append(f"{where} must be an object")
            continue
        number = cand.get("ballot_number")
        if not (isinstance(number, int) and not isinstance(number, bool) and number > 0):
            problems.append(f"{where}.ballot_number must be a positive whole number")
        elif number in numbers:
            problems.append(f"{where}.ballot_number {number} is used twice")
        numbers.add(number)
        if not str(cand.get("name") or "").strip():
            problems.append(f"{where}: missing field 'name'")
        for key in LISTS:
            if not isinstance(cand.get(key) or [], list):
                problems.append(f"{where}.{key} must be a list")
        for j, account in enumerate(cand.get("accounts") or []):
            if not isinstance(account, dict) or not normalize_handle(
                str(account.get("handle") or "")
            ):
                problems.append(f"{where}.accounts[{j}]: missing field 'handle'")
            elif account.get("platform") not in Platform.values:
                problems.append(
                    f"{where}.accounts[{j}]: unknown platform "
                    f"{account.get('platform')!r}; expected one of "
                    f"{', '.join(Platform.values)}"
                )
    return problems


def _removal_problems(data) -> list[str]:
    """Candidates dropped from the file are deleted, unless a case names them."""
    kept = {c["ballot_number"] for c in data["candidates"]}
    named = (
        Candidate.objects.filter(contest__slug=data["slug"], involvements__isnull=False)
        .exclude(ballot_number__in=kept)
        .distinct()
    )
    return [
        f"candidate {c.ballot_number:02d} {c.name} is named in cases and cannot be removed"
        for c in named
    ]


def _write(actor, items, result, _number) -> None:
    for _line, data, region in items:
        contest, counts = save_contest(actor, data, region)
        result.counts.update(counts)
        Job.objects.filter(pk=result.job.pk).update(contest=contest)
        result.job.contest = contest
