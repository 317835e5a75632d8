"""`caseBoard` lists what `cases` lists, row for row, through the same policy."""

import datetime

import pytest
from django.utils import timezone

from agencies.models import Agency
from cases import services
from cases.models import Escalation

from .conftest import gid
from .test_isolation import world  # noqa: F401 - the isolation tests' case graph

pytestmark = pytest.mark.django_db

NODES = """{ cases(orderBy: {field: REFERENCE, direction: ASC}) { totalCount edges { node {
    id reference title status severity violationCodes dueAt createdAt
    ownerAgency { code } holderAgency { code } institution { name }
    subjects { name civilServant { nip name } } findings { violationCode score }
    latestEscalation { toAgency { code } dueAt status isOverdue } evidenceCount } } } }"""
BOARD = """{ caseBoard(orderBy: {field: REFERENCE, direction: ASC}) { totalCount edges { node {
    id reference title status severity violationCodes dueAt createdAt
    ownerAgencyCode holderAgencyCode institutionName
    subjects { nip name } findings { violationCode score }
    latestEscalation { toAgencyCode dueAt status isOverdue } evidenceCount } } } }"""


def as_board_row(node: dict) -> dict:
    """A `cases` node in the shape of a caseBoard row."""
    latest = node["latestEscalation"]
    return {
        **{k: v for k, v in node.items() if k not in ("ownerAgency", "holderAgency")},
        "ownerAgencyCode": node["ownerAgency"]["code"],
        "holderAgencyCode": node["holderAgency"]["code"],
        "institutionName": node["institution"] and node["institution"]["name"],
        "institution": None,
        "subjects": [
            {
                "nip": s["civilServant"] and s["civilServant"]["nip"],
                "name": s["civilServant"]["name"] if s["civilServant"] else s["name"],
            }
            for s in node["subjects"]
        ],
        "latestEscalation": latest
        and {**latest, "toAgencyCode": latest["toAgency"]["code"], "toAgency": None},
    }


def board_rows(data: dict) -> list[dict]:
    return [{**edge["node"], "institution": None} for edge in data["caseBoard"]["edges"]]


def without_nones(rows: list[dict]) -> list[dict]:
    """Drops the placeholder keys as_board_row/board_rows leave, so the two compare."""

    def clean(value):
        if isinstance(value, dict):
            return {k: clean(v) for k, v in value.items() if k not in ("institution", "toAgency")}
        if isinstance(value, list):
            return [clean(v) for v in value]
        return value

    return clean(rows)


def test_the_board_shows_what_the_case_nodes_show_to_every_agency(world, system):
    services.add_finding(system, violation_code="KTP_SUPPORT", score=0.97, case=world.a)
    Escalation.objects.filter(pk=world.escalation.pk).update(
        due_at=timezone.localdate() - datetime.timedelta(days=1)
    )
    for client in (world.bawaslu, world.kasn, world.bssn):
        nodes, board = client(NODES), client(BOARD)
        assert board["caseBoard"]["totalCount"] == nodes["cases"]["totalCount"]
        expected = [as_board_row(edge["node"]) for edge in nodes["cases"]["edges"]]
        assert without_nones(board_rows(board)) == without_nones(expected)
    rows = {row["reference"]: row for row in board_rows(world.bawaslu(BOARD))}
    assert world.b.reference not in rows  # KASN's case: Bawaslu cannot see it
    case_a = rows[world.a.reference]
    assert [f["score"] for f in case_a["findings"]] == [0.97, 0.95, 0.9]  # highest first
    assert case_a["subjects"] == [{"nip": world.asn.nip, "name": "Siti Aminah"}]
    assert rows[world.c.reference]["latestEscalation"]["isOverdue"] is True
    assert world.bssn(BOARD)["caseBoard"] == {"totalCount": 0, "edges": []}


def test_a_case_unshared_leaves_the_board(world, system):
    services.share_case(system, world.b, Agency.objects.get(code="BAWASLU"), "read")
    assert world.b.reference in references(world.bawaslu(BOARD))
    services.unshare_case(system, world.b, Agency.objects.get(code="BAWASLU"))
    assert world.b.reference not in references(world.bawaslu(BOARD))


def references(data: dict) -> set[str]:
    return {edge["node"]["reference"] for edge in data["caseBoard"]["edges"]}


PAGE = """query($after: String) { caseBoard(first: 2, after: $after) { totalCount
    pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } } } }"""


def test_pages_follow_the_cases_order_and_cursors(world, open_case):
    for n in range(3):
        open_case("BAWASLU", title=f"Kasus {n}")
    nodes = world.bawaslu("{ cases { edges { cursor node { id } } } }")["cases"]["edges"]
    first = world.bawaslu(PAGE)["caseBoard"]
    assert first["totalCount"] == len(nodes) == 5
    assert first["pageInfo"] == {
        "hasNextPage": True,
        "hasPreviousPage": False,
        "endCursor": nodes[1]["cursor"],
    }
    assert first["edges"] == nodes[:2]  # the same cursors and ids as `cases`
    seen = first["edges"]
    after = first["pageInfo"]["endCursor"]
    while after:
        page = world.bawaslu(PAGE, {"after": after})["caseBoard"]
        seen += page["edges"]
        after = page["pageInfo"]["endCursor"] if page["pageInfo"]["hasNextPage"] else None
    assert seen == nodes


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        ('after: "bm90IGEgY3Vyc29y"', "caseBoard: after 'bm90IGEgY3Vyc29y' is not a cursor"),
        (f'after: "{gid("arrayconnection", "²")}"', "is not a cursor of this list"),
    ],
)
def test_bad_paging_arguments_are_named_in_the_error(world, arguments, message):
    errors = world.bawaslu.errors(f"{{ caseBoard({arguments}) {{ totalCount }} }}")
    assert [e["path"] for e in errors] == [["caseBoard"]]
    assert message in errors[0]["message"]


def test_a_negative_page_is_refused_before_the_query_runs(world):
    (error,) = world.bawaslu.errors("{ caseBoard(first: -1) { totalCount } }")
    assert "path" not in error  # refused while validating the document, before any resolver
    assert (
        error["message"] == "caseBoard: first and last count items and cannot be negative (got -1)"
    )
