"""Contest import (the JSON format of issue 5); cases/lexicons.py reads it back for the detector.

Re-importing a contest updates it: candidates by ballot number, campaign accounts by platform and
handle (per contest: the same account may be a campaign account in several contests).
Exclusions analysts added while the contest runs are kept (the file's are added to them).
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
NAME_LENGTH = Contest._meta.get_field("name").max_length  # a candidate's name and mate too


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
    if not isinstance(source, (str, bytes)) and not hasattr(source, "read"):
        return BadLine(f"expected one JSON object (a contest), got {_json_type(source)}")
    try:
        data = json.loads(source if isinstance(source, (str, bytes)) else source.read())
    except json.JSONDecodeError as error:
        return BadLine(f"malformed JSON: {error.msg} (line {error.lineno}, column {error.colno})")
    except UnicodeDecodeError as error:
        return BadLine(f"not UTF-8 text (byte {error.start + 1} of the file)")
    if isinstance(data, dict):
        return data
    return BadLine(f"expected one JSON object (a contest), got {_json_type(data)}")


def _json_type(value) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false"}
    if value is None:
        return "null"
    return names.get(type(value), "a number" if isinstance(value, (int, float)) else "a value")


def _prepare(batch, _counts):
    ((line, data),) = batch or [(None, None)]
    if data is None:
        return [], []
    problems = []
    for key in ("slug", "name", "kind"):
        if data.get(key) is not None and not isinstance(data[key], str):
            problems.append(f"{key} must be a string, got {_json_type(data[key])}")
        elif not (data.get(key) or "").strip():
            problems.append(f"missing field {key!r}")
        elif len(data[key]) > NAME_LENGTH:
            problems.append(f"{key} holds at most {NAME_LENGTH} characters")
    if isinstance(data.get("slug"), str) and data["slug"] and not SLUG.match(data["slug"]):
        problems.append(f"slug {data['slug']!r} may only hold letters, digits, '-' and '_'")
    if isinstance(data.get("kind"), str) and data["kind"]:
        if data["kind"] not in Contest.Kind.values:
            problems.append(
                f"kind {data['kind']!r} must be one of {', '.join(Contest.Kind.values)}"
            )
    region, problem = _region(data.get("region"))
    problems += [problem] if problem else []
    problems += _string_list_problems(data, "exclusions", "")
    for key in DATES:
        try:
            data.get(key) and datetime.date.fromisoformat(data[key])
        except (TypeError, ValueError):
            problems.append(f"{key} {data[key]!r} is not a date (YYYY-MM-DD)")
    problems += _threshold_problems(data)
    problems += _candidate_problems(data.get("candidates"))
    problems += _epithet_problems(data)
    if not problems and data.get("slug"):
        problems += _removal_problems(data)
    if problems:
        return [], [LineError(line, problem) for problem in problems]
    return [(line, data, region)], []


def _region(value) -> tuple[Region | None, str | None]:
    """The contest's region, or None for a national contest (pilpres, pileg DPR)."""
    national = "leave region out (or null) for a national contest such as pilpres or pileg DPR"
    if value is None:
        return None, None
    if not isinstance(value, dict) or not isinstance(value.get("code") or "", str):
        return None, (
            f'region must be an object such as {{"code": "32.01"}}, got {_json_type(value)} '
            f"{value!r}; {national}"
        )
    code = (value.get("code") or "").strip()
    region = Region.objects.filter(code=code).first() if code else None
    if code and region is None:
        return None, f"region code {code!r} is not a Kemendagri region code; {national}"
    return region, None


def _string_list_problems(data: dict, key: str, where: str) -> list[str]:
    value = data.get(key)
    if value is None or (isinstance(value, list) and all(isinstance(item, str) for item in value)):
        return []
    return [f"{where}{key} must be a list of strings, got {value!r}"]


def _epithet_problems(data) -> list[str]:
    """`"epithets": [{"phrase", "ballot_number", "direction": "pro"|"anti"}]`, optional: what
    the camps call a candidate, for detection."""
    epithets = data.get("epithets")
    if epithets is None:
        return []
    if not isinstance(epithets, list):
        return ["epithets must be a list of objects"]
    ballots = {c.get("ballot_number") for c in data.get("candidates") or [] if isinstance(c, dict)}
    problems = []
    for i, epithet in enumerate(epithets):
        where = f"epithets[{i}]"
        if not isinstance(epithet, dict):
            problems.append(f"{where} must be an object")
            continue
        if not isinstance(epithet.get("phrase"), str) or not epithet["phrase"].strip():
            problems.append(f"{where}: missing field 'phrase'")
        if epithet.get("ballot_number") not in ballots:
            problems.append(
                f"{where}.ballot_number {epithet.get('ballot_number')!r} is no candidate's"
            )
        if epithet.get("direction") not in ("pro", "anti"):
            problems.append(
                f"{where}.direction {epithet.get('direction')!r} must be 'pro' or 'anti'"
            )
    return problems


def _threshold_problems(data) -> list[str]:
    problems = []
    for key in ("review_threshold", "case_threshold"):
        value = data.get(key)
        if value is not None and not (
            isinstance(value, (int, float)) and not isinstance(value, bool) and 0 <= value <= 1
        ):
            problems.append(f"{key} must be a number between 0 and 1, got {value!r}")
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
        for key in ("name", "running_mate"):
            if cand.get(key) is not None and not isinstance(cand[key], str):
                problems.append(f"{where}.{key} must be a string, got {cand[key]!r}")
            elif len(cand.get(key) or "") > NAME_LENGTH:
                problems.append(f"{where}.{key} holds at most {NAME_LENGTH} characters")
        if not str(cand.get("name") or "").strip():
            problems.append(f"{where}: missing field 'name'")
        for key in LISTS:
            problems += _string_list_problems(cand, key, f"{where}.")
        if not isinstance(cand.get("accounts") or [], list):
            problems.append(f"{where}.accounts must be a list")
            continue
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
