"""Imports at national scale: the registry is written in large batches through one upsert
(COPY and INSERT ... ON CONFLICT on PostgreSQL), each batch audited once; posts are streamed a
batch at a time; the commands show lines/s, how far and the ETA."""

import io
import json

import pytest
from django.core.management import call_command

from cases import jobs
from cases.importers import import_asn, import_posts, registry
from cases.management.importing import Progress
from cases.models import CivilServant, Post
from cases.services.registry import save_civil_servants
from core.models import AuditEvent
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    ASN_HEADER,
    contest,
    contest_json,
    lines,
    nip,
    post,
    pppk_nip,
)

pytestmark = pytest.mark.django_db


def asn_rows(count: int, position: str = "Staf") -> list[str]:
    return [
        f"{nip(i)},ASN {i},Pemerintah Kabupaten Banyumas,{position},33.02.01,PNS\n"
        for i in range(1, count + 1)
    ]


def test_each_registry_batch_is_one_upsert_with_one_audit_event(system, monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY_BATCH", 3)
    first = import_asn(system, [ASN_HEADER, *asn_rows(7)])
    assert (first.counts["created"], first.counts["institutions_created"]) == (7, 1)
    events = AuditEvent.objects.filter(action="import.asn", object_id=str(first.job.pk))
    assert sorted(e.changes["line_range"] for e in events) == [[2, 4], [5, 7], [8, 8]]

    rows = asn_rows(7)
    rows[5] = rows[5].replace(",Staf,", ",Camat,")
    again = import_asn(system, [ASN_HEADER, *rows])
    assert (again.counts["created"], again.counts["updated"], again.counts["unchanged"]) == (
        0,
        1,
        6,
    )
    assert CivilServant.objects.count() == 7
    assert CivilServant.objects.get(nip=nip(6)).position == "Camat"


def test_a_nip_repeated_in_a_later_batch_names_the_first_line(system, monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY_BATCH", 2)
    rows = [*asn_rows(3), asn_rows(1)[0].replace("ASN 1", "ASN Lagi")]
    result = import_asn(system, [ASN_HEADER, *rows])
    assert [(e.line, e.reason) for e in result.errors] == [(5, f"NIP {nip(1)} repeats line 2")]
    assert CivilServant.objects.get(nip=nip(1)).name == "ASN 1"


def test_the_upsert_counts_what_it_created_and_changed_and_leaves_equal_rows(system):
    import_asn(system, [ASN_HEADER, *asn_rows(2)])
    stored = CivilServant.objects.get(nip=nip(1))
    row = {k: getattr(stored, k) for k in ("nip", "name", "institution_id", "position")}
    row |= {"region_id": stored.region_id, "employment_type": "PNS"}
    new = {**row, "nip": pppk_nip(9), "employment_type": "PPPK"}
    assert save_civil_servants(system, [row, {**row, "nip": nip(2), "name": "Lain"}, new]) == (1, 1)
    assert CivilServant.objects.get(nip=nip(2)).name == "Lain"
    assert CivilServant.objects.get(nip=pppk_nip(9)).position_type == "executor"  # the default
    assert CivilServant.objects.get(nip=nip(1)).updated_at == stored.updated_at  # untouched


def test_posts_repeated_in_a_later_batch_are_skipped_as_captured_before(
    system, contest, monkeypatch
):
    monkeypatch.setattr(jobs, "CHUNK", 2)
    result = import_posts(
        system, lines(post("p-1"), post("p-2"), post("p-3"), post("p-1"), post("p-3")), contest
    )
    assert (result.counts["created"], result.counts["skipped"]) == (3, 2)
    assert Post.objects.count() == 3 and result.job.total == 3


def test_the_command_prints_a_progress_line_with_the_rate_and_eta(system, tmp_path, monkeypatch):
    monkeypatch.setattr(Progress, "INTERVAL", 0)  # not a terminal: a line per interval
    monkeypatch.setattr(registry, "REGISTRY_BATCH", 2)
    path = tmp_path / "asn.csv"
    path.write_text(ASN_HEADER + "".join(asn_rows(5)), encoding="utf-8")
    err = io.StringIO()
    call_command("import_asn", str(path), stdout=io.StringIO(), stderr=err)
    progress = [line for line in err.getvalue().splitlines() if "lines/s" in line]
    assert len(progress) == 3 and "\r" not in err.getvalue()
    assert progress[-1].split(" lines/s, ")[1].startswith("100%, ETA 0:00:00, peak memory ")
    assert progress[-1].endswith("institutions created 1, created 5, updated 0, unchanged 0")


def test_progress_is_redrawn_in_place_on_a_terminal():
    class Terminal(io.StringIO):
        def isatty(self):
            return True

    from django.core.management.base import OutputWrapper

    out = Terminal()
    progress = Progress(OutputWrapper(out), size=100)
    assert list(progress.lines([b"x" * 25, b"y" * 25])) == [b"x" * 25, b"y" * 25]
    progress.show({"lines": 2})
    progress.last_line()
    text = out.getvalue()
    assert text.startswith("\r") and "50%, ETA " in text and text.endswith("\n")
    assert json.dumps(text).count("\\r") == 1
