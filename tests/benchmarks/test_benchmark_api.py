"""benchmark_api times the board against hand-written SQL: both must be the same board."""

import io

import pytest
from django.core.management import call_command
from django.db import connection

from benchmarks import api as dataset

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db]


def test_the_handwritten_board_is_the_board_graphql_serves(api):
    dataset.seed(cases=120, asn=100)
    bawaslu = api("BAWASLU", scopes=["read"])
    board = bawaslu(dataset.BOARD)["cases"]
    with connection.cursor() as cursor:
        total, page, subjects, findings, escalations, evidence = dataset.handwritten_board(
            cursor, bawaslu.user.pk
        )

    nodes = [edge["node"] for edge in board["edges"]]
    assert total == board["totalCount"] == 120
    assert [row[1] for row in page] == [node["reference"] for node in nodes] and len(page) == 50
    page_ids = {row[0] for row in page}
    assert {row[0] for row in subjects} == page_ids
    assert len(subjects) == sum(len(node["subjects"]) for node in nodes)
    assert len(findings) == sum(len(node["findings"]) for node in nodes)
    assert sum(n for _, n in evidence) == sum(node["evidenceCount"] for node in nodes)
    assert {row[0] for row in escalations} <= page_ids
    rows = [edge["node"] for edge in bawaslu(dataset.CASE_BOARD)["caseBoard"]["edges"]]
    assert [row["reference"] for row in rows] == [node["reference"] for node in nodes]


def test_a_user_without_an_agency_sees_an_empty_handwritten_board(system):
    dataset.seed(cases=5, asn=10)
    with connection.cursor() as cursor:
        total, page, *_ = dataset.handwritten_board(cursor, system.pk)
    assert (total, page) == (0, [])


# Committed rows, so that on PostgreSQL the server the command starts reads them.
@pytest.mark.django_db(transaction=True)
def test_the_command_prints_every_line_with_its_figures():
    out = io.StringIO()
    call_command("benchmark_api", cases=60, asn=100, requests=10, stdout=out)
    text = out.getvalue()
    for line in (
        "case board (first 50)",
        "caseBoard rows (first 50)",
        "case detail + caseGraph(2)",
        "civil servant by NIP",
        "statistics (VIOLATION)",
        "statistics of one contest",
        "hand-written SQL board",
    ):
        figures = next(row for row in text.splitlines() if row.startswith(line))[len(line) :]
        p50, p95, p99, queries, in_database = figures.split()
        assert 0 < float(p50) <= float(p95) <= float(p99) and int(queries) > 0
        assert 0 < float(in_database) < float(p99) * 2  # measured apart: a slow one may pass p99
    assert "board / hand-written SQL at p50" in text
    served = "timed over HTTP against the production server" in text
    assert served == (connection.vendor == "postgresql")
