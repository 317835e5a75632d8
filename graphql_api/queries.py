"""The root query. Resolvers only pick the model and apply the client's filters: strawberry-django
runs each type's get_queryset (cases.policy.visible) on what they return, then the optimizer;
registry lists are filtered by `Connection` instead (see types/base.py)."""

import datetime
from collections.abc import Iterable

import strawberry
import strawberry_django
from django.conf import settings
from graphql import GraphQLError
from strawberry import Info, relay

from agencies import models as agency_models
from cases import models as graph
from cases import policy

from . import case_graph, statistics
from .auth import caller, needs, user_of
from .filters import (
    CaseFilter,
    CaseOrder,
    CivilServantFilter,
    ContestFilter,
    EscalationFilter,
    FindingFilter,
    FindingOrder,
    InstitutionFilter,
    PostFilter,
    ReportFilter,
    SocialAccountFilter,
)
from .ids import is_key, pk_of
from .types import board
from .types.base import Connection, PolicyNode, RegistryNode
from .types.cases import CaseType, EscalationType
from .types.enums import AgencyKind, AgencyRole, Scope
from .types.intake import FindingType, PostType, ReportType
from .types.jobs import JobType
from .types.notices import NoticeType
from .types.registry import (
    AgencyType,
    CandidateType,
    CivilServantType,
    ContestType,
    InstitutionType,
    SocialAccountType,
)


@strawberry.type
class ApiClientInfo:
    name: str
    token_last_four: str
    expires_at: datetime.datetime | None
    last_used_at: datetime.datetime | None


@strawberry.type
class Me:
    username: str
    agency: AgencyType | None
    role: AgencyRole | None
    scopes: list[Scope]
    api_client: ApiClientInfo | None = strawberry.field(
        description="Set when a partner system asks with its bearer token."
    )


def _filtered(model, filter_input, *args):
    qs = model.objects.all()
    return filter_input.apply(qs, *args) if filter_input else qs


def resolve_nodes(info: Info, ids: list[relay.GlobalID]) -> list:
    """Objects by global ID, one query per type; hidden, missing, malformed or non-node IDs all
    resolve to null alike (a list goes on past a bad ID; `node` refuses a malformed one)."""
    if len(ids) > settings.GRAPHQL_MAX_PAGE_SIZE:
        raise GraphQLError(f"nodes: at most {settings.GRAPHQL_MAX_PAGE_SIZE} ids per request")
    by_type: dict[str, tuple[type, list[str]]] = {}
    for gid in ids:
        origin = getattr(info.schema.get_type_by_name(gid.type_name), "origin", None)
        if (
            isinstance(origin, type)
            and issubclass(origin, (PolicyNode, RegistryNode))
            and is_key(gid.node_id)
        ):
            by_type.setdefault(gid.type_name, (origin, []))[1].append(gid.node_id)
    found = {}
    for type_name, (node_type, node_ids) in by_type.items():
        for obj in node_type.resolve_nodes(info=info, node_ids=node_ids, required=False):
            if obj is not None:
                found[type_name, str(obj.pk)] = strawberry.cast(node_type, obj)
    return [found.get((gid.type_name, gid.node_id)) for gid in ids]


@strawberry.type
class Query:
    @strawberry.field(description="Who is asking: the API client or staff user, and its agency.")
    def me(self, info: Info) -> Me:
        who = caller(info)
        member = policy.membership_of(who.user)
        client = who.client
        return Me(
            username=who.user.username,
            agency=member.agency if member else None,
            role=member.role if member else None,
            scopes=sorted(who.scopes),
            api_client=ApiClientInfo(
                name=client.name,
                token_last_four=client.token_last_four,
                expires_at=client.expires_at,
                last_used_at=client.last_used_at,
            )
            if client
            else None,
        )

    @strawberry.field(extensions=needs("read"))
    def node(self, info: Info, id: relay.GlobalID) -> relay.Node | None:
        pk_of(id, id.type_name, "id")
        return resolve_nodes(info, [id])[0]

    @strawberry.field(extensions=needs("read"))
    def nodes(self, info: Info, ids: list[relay.GlobalID]) -> list[relay.Node | None]:
        return resolve_nodes(info, ids)

    @strawberry_django.connection(Connection[CaseType], extensions=needs("read"))
    def cases(
        self, filter: CaseFilter | None = None, order_by: CaseOrder | None = None
    ) -> Iterable[graph.Case]:
        return (order_by or CaseOrder()).apply(_filtered(graph.Case, filter))

    @strawberry.field(
        extensions=needs("read"),
        description="The cases you may see as flat board rows, filtered and ordered as `cases`; "
        "open one with `node(id:)` for everything else.",
    )
    def case_board(
        self,
        info: Info,
        filter: CaseFilter | None = None,
        order_by: CaseOrder | None = None,
        first: int | None = None,
        after: str | None = None,
    ) -> board.BoardConnection:
        cases = (order_by or CaseOrder()).apply(_filtered(graph.Case, filter))
        return board.page(user_of(info), cases, first, after)

    @strawberry_django.connection(Connection[CivilServantType], extensions=needs("read"))
    def civil_servants(
        self, filter: CivilServantFilter | None = None
    ) -> Iterable[graph.CivilServant]:
        return _filtered(graph.CivilServant, filter)

    @strawberry_django.connection(Connection[SocialAccountType], extensions=needs("read"))
    def social_accounts(
        self, filter: SocialAccountFilter | None = None
    ) -> Iterable[graph.SocialAccount]:
        return _filtered(graph.SocialAccount, filter)

    @strawberry_django.connection(Connection[PostType], extensions=needs("read"))
    def posts(self, filter: PostFilter | None = None) -> Iterable[graph.Post]:
        return _filtered(graph.Post, filter)

    @strawberry_django.connection(Connection[FindingType], extensions=needs("read"))
    def findings(
        self, filter: FindingFilter | None = None, order_by: FindingOrder | None = None
    ) -> Iterable[graph.Finding]:
        findings = _filtered(graph.Finding, filter)
        return order_by.apply(findings) if order_by else findings

    @strawberry_django.connection(Connection[ReportType], extensions=needs("read"))
    def reports(self, info: Info, filter: ReportFilter | None = None) -> Iterable[graph.Report]:
        return _filtered(graph.Report, filter, user_of(info))

    @strawberry_django.connection(Connection[EscalationType], extensions=needs("read"))
    def escalations(
        self, info: Info, filter: EscalationFilter | None = None
    ) -> Iterable[graph.Escalation]:
        return _filtered(graph.Escalation, filter, user_of(info))

    @strawberry_django.connection(Connection[ContestType], extensions=needs("read"))
    def contests(self, filter: ContestFilter | None = None) -> Iterable[graph.Contest]:
        return _filtered(graph.Contest, filter)

    @strawberry_django.connection(Connection[CandidateType], extensions=needs("read"))
    def candidates(self, contest: str | None = None) -> Iterable[graph.Candidate]:
        qs = graph.Candidate.objects.all()
        return qs.filter(contest__slug=contest) if contest else qs

    @strawberry_django.connection(Connection[AgencyType], extensions=needs("read"))
    def agencies(self, kind: AgencyKind | None = None) -> Iterable[agency_models.Agency]:
        qs = agency_models.Agency.objects.all()
        return qs.filter(kind=kind) if kind else qs

    @strawberry_django.connection(Connection[InstitutionType], extensions=needs("read"))
    def institutions(
        self, filter: InstitutionFilter | None = None
    ) -> Iterable[agency_models.Institution]:
        return _filtered(agency_models.Institution, filter)

    @strawberry_django.connection(
        Connection[NoticeType],
        extensions=needs("read"),
        description="Your agency's inbox, newest first.",
    )
    def notices(self, unread: bool | None = None) -> Iterable[agency_models.Notice]:
        qs = agency_models.Notice.objects.filter(channel=agency_models.Notice.Channel.INBOX)
        return qs if unread is None else qs.filter(read_at__isnull=unread)

    @strawberry_django.connection(
        Connection[JobType],
        extensions=needs("read"),
        description="Your agency's imports and detection runs.",
    )
    def jobs(self, contest: str | None = None) -> Iterable[graph.Job]:
        qs = graph.Job.objects.all()
        return qs if contest is None else qs.filter(contest__slug=contest)

    @strawberry.field(
        extensions=needs("read"),
        description=f"The case, its children and the cases around it, up to "
        f"{case_graph.MAX_DEPTH} hops; null if you cannot see it.",
    )
    def case_graph(
        self, info: Info, id: relay.GlobalID, depth: int = 1
    ) -> case_graph.CaseGraph | None:
        if not 1 <= depth <= case_graph.MAX_DEPTH:
            raise GraphQLError(f"depth must be between 1 and {case_graph.MAX_DEPTH}")
        user = user_of(info)
        case = policy.visible(user, graph.Case.objects.filter(pk=pk_of(id, "Case", "id"))).first()
        return case_graph.build(user, case, depth) if case else None

    @strawberry.field(
        extensions=needs("read"),
        description="Reported, proven and sanctioned cases and the digital share, "
        "over the cases you may see.",
    )
    def statistics(
        self, info: Info, group_by: statistics.StatisticsGroup, contest: str | None = None
    ) -> statistics.Statistics:
        return statistics.compute(user_of(info), group_by, contest)
