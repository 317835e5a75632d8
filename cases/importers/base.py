"""The import engine every importer shares: batches, bad lines, strict mode, one job, audit.

An importer hands over its rows as (line number, parsed row or BadLine), a `prepare` that
validates a batch with a few queries (and counts what it skips) and a `write` that writes it.
Each batch is written in its own transaction with one audit event on the job; in strict mode
everything runs in one outer transaction that is rolled back if any line was bad (the lines
after the first bad one are still checked, so the report is complete). Either way no batch is
ever half-written, and re-importing the same input changes nothing.
"""

import csv
from collections import Counter
from contextlib import nullcontext
from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext

from core import audit

from .. import jobs
from ..models import Job
from ..policy import agency_of, can_start_job, require


class BadLine(Exception):
    """A line that cannot be imported; the message says why."""


@dataclass(frozen=True)
class LineError:
    line: int | None
    reason: str

    def __str__(self):
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass
class ImportResult:
    job: Job
    counts: Counter = field(default_factory=Counter)
    errors: list[LineError] = field(default_factory=list)
    imported: bool = True  # False when strict mode rolled everything back


def run_import(
    actor,
    kind: str,
    rows,
    prepare,
    write,
    *,
    strict: bool = False,
    agency=None,
    contest=None,
    source: str = "",
    on_batch=None,
    batch_size: int | None = None,
) -> ImportResult:
    """Import `rows` in batches of `batch_size` lines (default: a detection chunk);
    `prepare(batch, counts) -> (items, [LineError])`, `write(items, result, batch number)`."""
    require(can_start_job(actor), gettext("only analysts and above import"), field="job")
    job = jobs.start(
        actor,
        kind,
        agency=agency or agency_of(actor),
        contest=contest,
        source=source,
        strict=strict,
    )
    result = ImportResult(job)
    try:
        with audit.atomic() if strict else nullcontext():
            for number, batch in enumerate(jobs.batched(rows, batch_size or jobs.CHUNK)):
                _import_batch(actor, result, number, batch, prepare, write, strict)
                if on_batch:
                    on_batch(result)
            if strict and result.errors:
                result.imported = False
                transaction.set_rollback(True)
    except Exception as error:
        result.imported = not strict  # the batches committed before stay, none in strict mode
        _close(result, f"{type(error).__name__}: {error}")
        raise
    _close(
        result,
        "" if result.imported else f"strict: {len(result.errors)} bad line(s), nothing imported",
    )
    return result


def _close(result: ImportResult, failed_reason: str) -> None:
    """Record on the job what was written (after a strict rollback, only what was read)."""
    result.counts["errors"] = len(result.errors)
    if not result.imported:
        result.counts = Counter(
            {key: result.counts[key] for key in ("lines", "errors") if key in result.counts}
        )
    result.job = jobs.close_input(result.job, dict(result.counts), result.errors, failed_reason)


def _import_batch(actor, result, number, batch, prepare, write, strict) -> None:
    before = Counter(result.counts)
    good = [(line, row) for line, row in batch if not isinstance(row, BadLine)]
    result.errors += [LineError(line, str(row)) for line, row in batch if isinstance(row, BadLine)]
    result.counts["lines"] += len(batch)
    items, errors = prepare(good, result.counts)
    result.errors += errors
    if strict and result.errors:
        return  # it will all be rolled back: only keep checking
    with audit.atomic():
        write(items, result, number)
        changes = {k: v - before[k] for k, v in result.counts.items() if v != before[k]}
        audit.record(
            actor,
            f"import.{result.job.kind}",
            result.job,
            {"line_range": [batch[0][0], batch[-1][0]], **changes},
            agency=result.job.agency,
        )


def text_lines(lines):
    """`lines` (bytes or text) as text, a byte-order mark at the start dropped. Bytes that are not
    UTF-8 become lone surrogates (`not_utf8` finds them), so the line they are on is reported
    with its number and the others are still read."""
    for number, line in enumerate(lines):
        if isinstance(line, bytes):
            line = line.decode("utf-8", "surrogateescape")
        yield line.removeprefix("\ufeff") if number == 0 else line


def not_utf8(text: str) -> BadLine | None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        byte = ord(text[error.start]) - 0xDC00
        return BadLine(f"not UTF-8 text (byte 0x{byte:02x} at column {error.start + 1})")
    return None


def csv_rows(lines, columns: tuple[str, ...]):
    """(line number, row dict or BadLine) of a CSV with a header naming at least `columns`."""
    reader = csv.DictReader(text_lines(lines))
    header = [name.strip() for name in reader.fieldnames or []]
    missing = [name for name in columns if name not in header]
    if missing:
        yield (
            1,
            BadLine(
                f"the header must name {', '.join(columns)}; missing: {', '.join(missing)} "
                "(the other lines were not read)"
            ),
        )
        return
    reader.fieldnames = header
    for row in reader:
        bad_text = not_utf8("".join(v for v in row.values() if isinstance(v, str)))
        if bad_text:
            yield reader.line_num, bad_text
        elif None in row:
            yield (
                reader.line_num,
                BadLine(f"{len(header) + len(row[None])} fields, the header has {len(header)}"),
            )
        else:
            yield reader.line_num, {k: (v or "").strip() for k, v in row.items()}
