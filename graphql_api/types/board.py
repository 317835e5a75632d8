"""`caseBoard`: the list of cases a desk works from, each row read in one SQL query.

`cases` returns Case nodes, whose every field of every row passes through the GraphQL resolver
layers and whose lists are prefetched a query each. A board row is flat instead: the case's
columns, the codes and names it shows of its agencies and institution, and its subjects, findings
and latest hand-over as JSON the database builds in the same statement. The rows are the policy's
own queryset (`policy.visible` over cases, the children through `policy.visible_children`),
filtered and ordered as `cases` is.
"""

import datetime

import strawberry
from django.conf import settings
from django.db.models import Aggregate, F, JSONField, OuterRef, QuerySet, Subquery
from django.db.models.functions import Coalesce, JSONObject
from graphql import GraphQLError
from strawberry import relay

from cases import models as graph
from cases import policy

from .cases import EVIDENCE_COUNT, is_overdue
from .enums import CaseStatusEnum, EscalationStatus, Severity, ViolationCodeEnum

CURSOR_PREFIX = "arrayconnection"  # relay's offset cursors, as `cases` gives


class JSONArray(Aggregate):
    """The aggregated values as one JSON array, in no particular order (PostgreSQL, SQLite)."""

    function = "JSONB_AGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(compiler, connection, function="JSON_GROUP_ARRAY", **extra_context)


@strawberry.type(name="CaseBoardSubject")
class BoardSubject:
    nip: str | None = strawberry.field(description="Null for people not in the registry.")
    name: str


@strawberry.type(name="CaseBoardFinding")
class BoardFinding:
    violation_code: ViolationCodeEnum
    score: float


@strawberry.type(name="CaseBoardEscalation")
class BoardEscalation:
    to_agency_code: str
    due_at: datetime.date | None
    status: EscalationStatus
    is_overdue: bool


@strawberry.type(name="CaseBoardRow", description="A case as the board lists it.")
class BoardRow:
    id: relay.GlobalID = strawberry.field(description="The case's: `node(id:)` opens it.")
    reference: str
    title: str
    status: CaseStatusEnum
    severity: Severity
    violation_codes: list[ViolationCodeEnum]
    due_at: datetime.date | None
    created_at: datetime.datetime
    owner_agency_code: str
    holder_agency_code: str = strawberry.field(description="The agency that must act now.")
    institution_name: str | None = strawberry.field(description="The subject ASN's institution.")
    subjects: list[BoardSubject] = strawberry.field(description="In the order they were added.")
    findings: list[BoardFinding] = strawberry.field(description="Highest score first.")
    latest_escalation: BoardEscalation | None
    evidence_count: int

    @classmethod
    def of(cls, row: dict) -> "BoardRow":
        """A row of `rows()`: its other keys are the row's own fields."""
        row = dict(row)
        subjects = sorted(row.pop("subject_rows") or (), key=lambda s: s["pk"])
        findings = sorted(row.pop("finding_rows") or (), key=lambda f: (-f["score"], -f["pk"]))
        latest = row.pop("latest_escalation_row")
        if latest is not None:
            due_at = latest["due_at"] and datetime.date.fromisoformat(latest["due_at"])
            latest = BoardEscalation(
                to_agency_code=latest["to_agency"],
                due_at=due_at,
                status=latest["status"],
                is_overdue=is_overdue(latest["status"], due_at),
            )
        return cls(
            id=relay.GlobalID("Case", str(row.pop("pk"))),
            subjects=[BoardSubject(nip=s["nip"], name=s["name"]) for s in subjects],
            findings=[BoardFinding(violation_code=f["code"], score=f["score"]) for f in findings],
            latest_escalation=latest,
            **row,
        )


@strawberry.type(name="CaseBoardEdge")
class BoardEdge:
    cursor: str
    node: BoardRow


@strawberry.type(name="CaseBoardConnection")
class BoardConnection:
    page_info: relay.PageInfo
    edges: list[BoardEdge]
    cases: strawberry.Private[QuerySet]

    @strawberry.field(description="How many cases the list holds.")
    def total_count(self) -> int:
        return self.cases.count()


def children(user, queryset: QuerySet, **columns) -> Subquery:
    """The case's rows of `queryset` (those the policy lets through from a visible case) as a JSON
    array of `columns`."""
    rows = policy.visible_children(user, queryset.filter(case=OuterRef("pk")), "case")
    return Subquery(
        rows.order_by()
        .values("case")
        .annotate(rows=JSONArray(JSONObject(**columns)))
        .values("rows"),
        output_field=JSONField(),
    )


def rows(user, cases: QuerySet) -> QuerySet:
    """One dictionary per case of `cases` (visible ones), for BoardRow.of."""
    escalations = graph.Escalation.objects.filter(case=OuterRef("pk"))
    latest = (
        policy.visible_children(user, escalations, "case")
        .order_by("-sent_at", "-pk")
        .values(row=JSONObject(to_agency="to_agency__code", due_at="due_at", status="status"))
    )
    return cases.values(
        "pk",
        "reference",
        "title",
        "status",
        "severity",
        "violation_codes",
        "due_at",
        "created_at",
        owner_agency_code=F("owner_agency__code"),
        holder_agency_code=F("holder_agency__code"),
        institution_name=F("institution__name"),
        subject_rows=children(
            user,
            graph.Involvement.objects.filter(role=graph.Involvement.Role.SUBJECT),
            pk="pk",
            nip="civil_servant__nip",
            name=Coalesce("civil_servant__name", "name"),
        ),
        finding_rows=children(
            user, graph.Finding.objects.all(), pk="pk", code="violation_code", score="score"
        ),
        latest_escalation_row=Subquery(latest[:1], output_field=JSONField()),
        evidence_count=EVIDENCE_COUNT,
    )


def page(user, cases: QuerySet, first: int | None, after: str | None) -> BoardConnection:
    """A page of `cases` (filtered and ordered, not yet through the policy) as board rows."""
    largest = settings.GRAPHQL_MAX_PAGE_SIZE
    size = largest if first is None else first
    if not 0 <= size <= largest:
        raise GraphQLError(f"caseBoard: first must be between 0 and {largest}, not {first}")
    start = 0 if after is None else offset_after(after) + 1
    visible = policy.visible(user, cases)
    found = [BoardRow.of(row) for row in rows(user, visible)[start : start + size + 1]]
    edges = [
        BoardEdge(cursor=relay.to_base64(CURSOR_PREFIX, start + n), node=row)
        for n, row in enumerate(found[:size])
    ]
    return BoardConnection(
        page_info=relay.PageInfo(
            has_next_page=len(found) > size,
            has_previous_page=start > 0,
            start_cursor=edges[0].cursor if edges else None,
            end_cursor=edges[-1].cursor if edges else None,
        ),
        edges=edges,
        cases=visible,
    )


def offset_after(cursor: str) -> int:
    """The position an `after` cursor names; a clear error for anything else."""
    try:
        prefix, offset = relay.from_base64(cursor)
        if prefix != CURSOR_PREFIX or not (offset.isascii() and offset.isdigit()):
            raise ValueError(cursor)
    except ValueError:
        raise GraphQLError(f"caseBoard: after {cursor!r} is not a cursor of this list") from None
    return int(offset)
