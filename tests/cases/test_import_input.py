"""Bad bytes and wrong JSON types in an import: each bad line is reported with its number and
reason, never a traceback; what was written and what the job and the command say agree."""

import io
import json
import sys

import pytest
from django.core.management import CommandError, call_command

from cases.importers import import_asn, import_contest, import_posts
from cases.models import CivilServant, Contest, Job, Post
from tests.cases.detection_fixtures import (  # noqa: F401 (fixtures)
    ASN_HEADER,
    SLUG,
    contest,
    contest_json,
    nip,
    post,
)

pytestmark = pytest.mark.django_db


def asn_line(serial: int, name: str = "Budi") -> str:
    return f"{nip(serial)},{name},Pemerintah Kabupaten Banyumas,Camat,33.02,PNS\n"


def errors_of(result) -> list[tuple]:
    return [(e.line, e.reason) for e in result.errors]


def test_invalid_utf8_is_one_bad_line_and_the_rest_is_imported(system):
    rows = [ASN_HEADER.encode(), asn_line(1).encode(), b"\xff\xfe" + asn_line(2).encode()]
    result = import_asn(system, [*rows, asn_line(3, "Sri").encode()])
    assert errors_of(result) == [(3, "not UTF-8 text (byte 0xff at column 1)")]
    assert sorted(CivilServant.objects.values_list("name", flat=True)) == ["Budi", "Sri"]
    assert result.job.status == Job.Status.DONE
    counts = result.job.counts
    assert (counts["lines"], counts["created"], counts["errors"]) == (3, 2, 1)


def test_invalid_utf8_in_a_posts_feed(system, contest):
    good = json.dumps(post("p-1")).encode() + b"\n"
    bad = json.dumps(post("p-2", text="caf\u00e9")).encode().replace(b"\\u00e9", b"\xe9") + b"\n"
    result = import_posts(system, [good, bad], contest)
    ((line, reason),) = errors_of(result)
    assert line == 2 and reason.startswith("not UTF-8 text (byte 0xe9 at column")
    assert list(Post.objects.values_list("external_id", flat=True)) == ["p-1"]
    assert result.job.counts["created"] == 1 and result.job.status != Job.Status.FAILED


def test_the_commands_read_bytes_and_report_bad_utf8_by_line(system, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_bytes(ASN_HEADER.encode() + asn_line(1).encode() + b"\x80" + asn_line(2).encode())
    out, err = io.StringIO(), io.StringIO()
    with pytest.raises(CommandError, match=r"^1 bad line\(s\) \(listed above\); the other 1 "):
        call_command("import_asn", str(path), stdout=out, stderr=err)
    assert "line 3: not UTF-8 text (byte 0x80 at column 1)" in err.getvalue()
    assert CivilServant.objects.count() == 1


class Stdin(io.TextIOWrapper):
    """Standard input as a process has it: text over a byte buffer."""


@pytest.mark.parametrize("command", ["import_asn", "import_posts"])
def test_a_byte_order_mark_is_ignored_also_on_standard_input(system, contest, monkeypatch, command):
    if command == "import_asn":
        data, args = (ASN_HEADER + asn_line(1)).encode(), []
    else:
        data, args = json.dumps(post("p-1")).encode() + b"\n", ["--contest", SLUG]
    monkeypatch.setattr(sys, "stdin", Stdin(io.BytesIO(b"\xef\xbb\xbf" + data), "utf-8"))
    out = io.StringIO()
    call_command(command, "-", *args, stdout=out, stderr=io.StringIO())
    assert "created 1" in out.getvalue() and "errors 0" in out.getvalue()


def test_wrong_json_types_in_a_posts_line_are_named(system, contest):
    records = [
        post("p-1", platform=["x"]),
        {**post("p-2"), "action": {"a": 1}},
        post("p-3", action="share", target={"author_handle": 42, "external_id": "t"}),
        {**post("p-4"), "author": {"handle": 12345}},
        post("p-5"),
    ]
    result = import_posts(system, [json.dumps(r) + "\n" for r in records], contest)
    assert errors_of(result) == [
        (1, 'platform must be a string, got ["x"]'),
        (2, 'action must be a string, got {"a": 1}'),
        (3, "target.author_handle must be a string, got 42"),
        (4, "author.handle must be a string, got 12345"),
    ]
    assert result.job.counts["created"] == 1 == Post.objects.count()


def test_a_contest_file_with_a_string_region_or_exclusions(system, tmp_path):
    result = import_contest(system, contest_json(region="33.02", exclusions="kampanye"))
    assert [reason for _, reason in errors_of(result)] == [
        'region must be an object such as {"code": "32.01"}, got a string \'33.02\'; leave '
        "region out (or null) for a national contest such as pilpres or pileg DPR",
        "exclusions must be a list of strings, got 'kampanye'",
    ]
    assert not Contest.objects.exists() and result.job.counts == {"lines": 1, "errors": 2}
    path = tmp_path / "contest.json"
    path.write_bytes(b"\xef\xbb\xbf" + contest_json().encode())
    call_command("import_contest", str(path), stdout=io.StringIO(), stderr=io.StringIO())
    path.write_bytes(contest_json().encode().replace(b"Banyumas", b"Banyumas\xff"))
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command("import_contest", str(path), stdout=io.StringIO(), stderr=io.StringIO())


def test_a_header_error_says_nothing_was_imported(system, tmp_path):
    path = tmp_path / "asn.csv"
    path.write_text("nip,name\n" + asn_line(1), encoding="utf-8")
    err = io.StringIO()
    with pytest.raises(CommandError, match=r"^1 bad line\(s\) \(listed above\); nothing was"):
        call_command("import_asn", str(path), stdout=io.StringIO(), stderr=err)
    assert "line 1: the header must name" in err.getvalue()
    assert not CivilServant.objects.exists()


def test_strict_job_counts_only_what_was_read(system):
    result = import_asn(system, [ASN_HEADER, asn_line(1), "123,X,Y,Z,33.02,PNS\n"], strict=True)
    assert not CivilServant.objects.exists()
    assert result.job.counts == {"lines": 2, "errors": 1}
    assert result.job.status == Job.Status.FAILED
