"""Filter and ordering inputs of the root lists. Each only narrows a queryset the policy has
already limited (strawberry-django applies the type's get_queryset to what resolvers return); a
filter on a relation to rows the policy rules row by row (a report's case) goes through the
policy too, so that a hidden row looks missing there as well.

Agencies, contests and regions are named by their codes, as partners know them; other objects by
their global IDs. An ID of the wrong type matches nothing, exactly like an unknown one.
"""

import datetime
from enum import Enum

import strawberry
from django.db.models import Exists, F, OuterRef, Q, QuerySet
from django.utils import timezone
from strawberry import relay

from cases import models as graph
from cases import policy
from cases.codes import normalize_handle
from cases.services.labels import CERTAINTY, REVIEW_ORDER

from .ids import pk_of
from .types.enums import (
    CaseStatusEnum,
    ContestKind,
    EscalationStatus,
    FindingStatus,
    InstitutionKind,
    PlatformEnum,
    ReportChannel,
    ViolationCodeEnum,
)


def in_region(lookup: str, code: str) -> Q:
    """The region or any region inside it (Kemendagri codes nest: 32 > 32.01 > 32.01.01)."""
    return Q(**{f"{lookup}__code": code}) | Q(**{f"{lookup}__code__startswith": f"{code}."})


def date_range(lookup: str, after: datetime.date | None, before: datetime.date | None) -> Q:
    q = Q()
    if after:
        q &= Q(**{f"{lookup}__date__gte": after})
    if before:
        q &= Q(**{f"{lookup}__date__lte": before})
    return q


def where(qs: QuerySet, **conditions) -> QuerySet:
    """Filter by every condition whose value was given (None means "not filtered")."""
    return qs.filter(**{k: v for k, v in conditions.items() if v is not None})


@strawberry.input
class CaseFilter:
    status: list[CaseStatusEnum] | None = None
    owner_agency: str | None = strawberry.field(default=None, description="Agency code.")
    holder_agency: str | None = strawberry.field(default=None, description="Agency code.")
    violation_code: ViolationCodeEnum | None = None
    contest: str | None = strawberry.field(default=None, description="Contest slug.")
    region: str | None = strawberry.field(
        default=None, description="Region code; includes the regions inside it."
    )
    institution: relay.GlobalID | None = None
    created_after: datetime.date | None = None
    created_before: datetime.date | None = None
    text: str | None = strawberry.field(
        default=None, description="Searches the reference, title and description."
    )

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(
            qs,
            status__in=self.status,
            owner_agency__code=self.owner_agency,
            holder_agency__code=self.holder_agency,
            contest__slug=self.contest,
            institution_id=pk_of(self.institution, "Institution"),
        )
        if self.violation_code:
            # JSON list membership that works on SQLite and PostgreSQL alike; the quotes make
            # the match exact (no code is a quoted substring of another).
            qs = qs.filter(violation_codes__icontains=f'"{self.violation_code.value}"')
        if self.region:
            qs = qs.filter(in_region("region", self.region))
        if self.text:
            qs = qs.filter(
                Q(reference__icontains=self.text)
                | Q(title__icontains=self.text)
                | Q(description__icontains=self.text)
            )
        return qs.filter(date_range("created_at", self.created_after, self.created_before))


@strawberry.enum
class CaseOrderField(Enum):
    CREATED_AT = "created_at"
    UPDATED_AT = "updated_at"
    DUE_AT = "due_at"
    REFERENCE = "reference"
    STATUS = "status"
    SEVERITY = "severity"


@strawberry.enum
class Direction(Enum):
    ASC = "asc"
    DESC = "desc"


@strawberry.input
class CaseOrder:
    field: CaseOrderField = CaseOrderField.CREATED_AT
    direction: Direction = Direction.DESC

    def apply(self, qs: QuerySet) -> QuerySet:
        # Cases without a due date go last either way; NULLS LAST only where a column has nulls,
        # so the (created_at, id) index still serves the default order.
        nulls_last = True if self.field == CaseOrderField.DUE_AT else None
        column = F(self.field.value)
        column = (
            column.asc(nulls_last=nulls_last)
            if self.direction == Direction.ASC
            else column.desc(nulls_last=nulls_last)
        )
        tiebreak = "pk" if self.direction == Direction.ASC else "-pk"  # stable pages
        return qs.order_by(column, tiebreak)


@strawberry.input
class CivilServantFilter:
    nip: str | None = None
    name: str | None = strawberry.field(default=None, description="Part of the name.")
    institution: relay.GlobalID | None = None
    region: str | None = strawberry.field(default=None, description="Region code.")

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(
            qs,
            nip=self.nip,
            name__icontains=self.name,
            institution_id=pk_of(self.institution, "Institution"),
        )
        return qs.filter(in_region("region", self.region)) if self.region else qs


@strawberry.input
class SocialAccountFilter:
    platform: PlatformEnum | None = None
    handle: str | None = None
    owner: relay.GlobalID | None = strawberry.field(default=None, description="A CivilServant.")
    linked: bool | None = None

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(
            qs,
            platform=self.platform,
            handle=self.handle and normalize_handle(self.handle),
            owner_id=pk_of(self.owner, "CivilServant"),
        )
        return qs if self.linked is None else qs.filter(owner__isnull=not self.linked)


@strawberry.input
class PostFilter:
    platform: PlatformEnum | None = None
    author: relay.GlobalID | None = strawberry.field(default=None, description="A SocialAccount.")
    contest: str | None = strawberry.field(default=None, description="Contest slug.")
    captured_after: datetime.date | None = None
    captured_before: datetime.date | None = None
    text: str | None = None

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(
            qs,
            platform=self.platform,
            contest__slug=self.contest,
            author_id=pk_of(self.author, "SocialAccount"),
            text__icontains=self.text,
        )
        return qs.filter(date_range("captured_at", self.captured_after, self.captured_before))


@strawberry.input
class FindingFilter:
    status: FindingStatus | None = None
    violation_code: ViolationCodeEnum | None = None
    contest: str | None = strawberry.field(default=None, description="Contest slug.")
    case: relay.GlobalID | None = None
    min_score: float | None = None
    without_case: bool | None = strawberry.field(
        default=None, description="Only findings still waiting for review outside any case."
    )

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(
            qs,
            status=self.status,
            violation_code=self.violation_code,
            contest__slug=self.contest,
            case_id=pk_of(self.case, "Case"),
            score__gte=self.min_score,
        )
        return qs if self.without_case is None else qs.filter(case__isnull=self.without_case)


@strawberry.enum
class FindingOrderField(Enum):
    CREATED_AT = "created_at"
    SCORE = "score"
    UNCERTAINTY = "uncertainty"


@strawberry.input(
    description="UNCERTAINTY (descending) is the review queue's order: the findings the model "
    "is least sure of (score nearest 0.5) first, then the oldest; use it with "
    "filter: {status: NEW}."
)
class FindingOrder:
    field: FindingOrderField = FindingOrderField.UNCERTAINTY
    direction: Direction = Direction.DESC

    def apply(self, qs: QuerySet) -> QuerySet:
        if self.field != FindingOrderField.UNCERTAINTY:
            column = F(self.field.value)
            descending = self.direction == Direction.DESC
            return qs.order_by(
                column.desc() if descending else column.asc(), "-pk" if descending else "pk"
            )
        if self.direction == Direction.DESC:
            return qs.order_by(*REVIEW_ORDER)
        return qs.order_by(CERTAINTY.desc(), "created_at", "pk")


@strawberry.input
class ReportFilter:
    channel: ReportChannel | None = None
    has_case: bool | None = None
    created_after: datetime.date | None = None
    created_before: datetime.date | None = None

    def apply(self, qs: QuerySet, user) -> QuerySet:
        qs = where(qs, channel=self.channel)
        if self.has_case is not None:
            # Through the policy: a report filed in a case the caller cannot see shows no case
            # (`case` is null), so it counts as one without.
            seen = Exists(policy.visible(user, graph.Case.objects.filter(pk=OuterRef("case"))))
            qs = qs.filter(seen if self.has_case else ~seen)
        return qs.filter(date_range("created_at", self.created_after, self.created_before))


@strawberry.enum
class EscalationDirection(Enum):
    INBOUND = "inbound"
    OUTBOUND = "outbound"


@strawberry.input
class EscalationFilter:
    direction: EscalationDirection | None = strawberry.field(
        default=None, description="INBOUND: sent to your agency; OUTBOUND: sent by it."
    )
    status: list[EscalationStatus] | None = None
    overdue: bool | None = strawberry.field(
        default=None, description="Past its due date without being acted on."
    )

    def apply(self, qs: QuerySet, user) -> QuerySet:
        if self.direction is not None:
            agency = policy.agency_of(user)
            side = "to_agency" if self.direction == EscalationDirection.INBOUND else "from_agency"
            qs = qs.filter(**{side: agency}) if agency else qs.none()
        qs = where(qs, status__in=self.status)
        if self.overdue is None:
            return qs
        overdue = Q(status=graph.Escalation.Status.OVERDUE) | Q(
            status__in=[graph.Escalation.Status.OPEN, graph.Escalation.Status.ACKNOWLEDGED],
            due_at__lt=timezone.localdate(),
        )
        return qs.filter(overdue) if self.overdue else qs.exclude(overdue)


@strawberry.input
class ContestFilter:
    kind: ContestKind | None = None
    region: str | None = strawberry.field(default=None, description="Region code.")

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(qs, kind=self.kind)
        return qs.filter(in_region("region", self.region)) if self.region else qs


@strawberry.input
class InstitutionFilter:
    kind: InstitutionKind | None = None
    ppk_agency: str | None = strawberry.field(default=None, description="Agency code.")
    region: str | None = strawberry.field(default=None, description="Region code.")
    name: str | None = None

    def apply(self, qs: QuerySet) -> QuerySet:
        qs = where(qs, kind=self.kind, ppk_agency__code=self.ppk_agency, name__icontains=self.name)
        return qs.filter(in_region("region", self.region)) if self.region else qs
