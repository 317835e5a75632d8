"""The case and what hangs off it. Children are visible exactly when their case is."""

import datetime

import strawberry_django
from django.db.models import Count, IntegerField, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from strawberry import auto

from cases import models as graph

from .base import PolicyNode, visible_list, visible_prefetch
from .enums import (
    CaseStatusEnum,
    EscalationStatus,
    EvidenceKind,
    InvolvementRole,
    LinkKind,
    SanctionLevelEnum,
    Severity,
    ViolationCodeEnum,
)
from .intake import FindingType, PostType, ReportType
from .registry import (
    AgencyType,
    CandidateType,
    CivilServantType,
    ContestType,
    InstitutionType,
    RegionType,
)

OPEN_ESCALATION = (graph.Escalation.Status.OPEN, graph.Escalation.Status.ACKNOWLEDGED)


def is_overdue(status: str, due_at: datetime.date | None) -> bool:
    """An escalation past its due date without being acted on, marked overdue by the sweep or
    not yet."""
    return status == graph.Escalation.Status.OVERDUE or (
        status in OPEN_ESCALATION and due_at is not None and due_at < timezone.localdate()
    )


EVIDENCE_COUNT = Coalesce(
    Subquery(
        graph.Evidence.objects.filter(case=OuterRef("pk"))
        .order_by()
        .values("case")
        .annotate(n=Count("pk"))
        .values("n"),
        output_field=IntegerField(),
    ),
    Value(0),
)


@strawberry_django.type(graph.Case, name="Case")
class CaseType(PolicyNode):
    reference: auto
    title: auto
    description: auto
    status: CaseStatusEnum
    severity: Severity
    violation_codes: list[ViolationCodeEnum]
    intake_channel: auto
    owner_agency: AgencyType
    holder_agency: AgencyType = strawberry_django.field(description="The agency that must act now.")
    contest: ContestType | None
    institution: InstitutionType | None = strawberry_django.field(
        description="The subject ASN's institution."
    )
    region: RegionType | None
    due_at: datetime.date | None
    outcome: auto
    created_at: datetime.datetime
    updated_at: datetime.datetime
    closed_at: datetime.datetime | None
    involvements: list["InvolvementType"] = visible_list(graph.Case, "involvements")
    findings: list[FindingType] = visible_list(graph.Case, "findings")
    reports: list[ReportType] = visible_list(graph.Case, "reports")
    evidence: list["EvidenceType"] = visible_list(graph.Case, "evidence")
    escalations: list["EscalationType"] = visible_list(graph.Case, "escalations")
    recommendations: list["RecommendationType"] = visible_list(graph.Case, "recommendations")
    sanctions: list["SanctionType"] = visible_list(graph.Case, "sanctions")
    notes: list["NoteType"] = visible_list(graph.Case, "notes")
    links: list["CaseLinkType"] = visible_list(
        graph.Case, "links_out", "Links from this case to other cases you may see."
    )
    linked_from: list["CaseLinkType"] = visible_list(
        graph.Case, "links_in", "Links to this case from other cases you may see."
    )
    evidence_count: int = strawberry_django.field(annotate=EVIDENCE_COUNT)

    @strawberry_django.field(
        prefetch_related=[
            visible_prefetch(
                graph.Case,
                "involvements",
                "subject_involvements",
                where=Q(role=graph.Involvement.Role.SUBJECT),
            )
        ],
        description="The involvements of the subject ASN (role SUBJECT).",
    )
    def subjects(self) -> list["InvolvementType"]:
        return self.subject_involvements

    @strawberry_django.field(
        prefetch_related=[
            visible_prefetch(
                graph.Case, "escalations", "escalations_newest_first", order=("-sent_at", "-pk")
            )
        ],
        description="The most recent hand-over of the case.",
    )
    def latest_escalation(self) -> "EscalationType | None":
        return next(iter(self.escalations_newest_first), None)


@strawberry_django.type(graph.Involvement, name="Involvement")
class InvolvementType(PolicyNode):
    case: CaseType
    role: InvolvementRole
    civil_servant: CivilServantType | None
    candidate: CandidateType | None
    name: auto = strawberry_django.field(description="For people not in the registry.")
    description: auto


@strawberry_django.type(graph.CaseLink, name="CaseLink")
class CaseLinkType(PolicyNode):
    from_case: CaseType
    to_case: CaseType
    kind: LinkKind
    created_at: datetime.datetime


@strawberry_django.type(graph.Note, name="Note")
class NoteType(PolicyNode):
    case: CaseType
    agency: AgencyType
    text: auto
    created_at: datetime.datetime


@strawberry_django.type(graph.Evidence, name="Evidence")
class EvidenceType(PolicyNode):
    case: CaseType
    kind: EvidenceKind
    url: auto
    post: PostType | None
    sha256: auto
    size: auto
    description: auto
    captured_by_agency: AgencyType
    captured_at: datetime.datetime
    custody: list["CustodyEntryType"] = visible_list(graph.Evidence, "custody")

    @strawberry_django.field(only=["file"])
    def file_name(self) -> str | None:
        return self.file.name or None


@strawberry_django.type(graph.CustodyEntry, name="CustodyEntry")
class CustodyEntryType(PolicyNode):
    action: auto
    agency: AgencyType
    at: datetime.datetime
    note: auto


@strawberry_django.type(graph.Escalation, name="Escalation")
class EscalationType(PolicyNode):
    case: CaseType
    from_agency: AgencyType
    to_agency: AgencyType
    step: auto = strawberry_django.field(description="The workflow transition that opened it.")
    reason: auto
    sent_at: datetime.datetime
    due_at: datetime.date | None
    acknowledged_at: datetime.datetime | None
    acted_at: datetime.datetime | None
    status: EscalationStatus

    @strawberry_django.field(only=["status", "due_at"])
    def is_overdue(self) -> bool:
        return is_overdue(self.status, self.due_at)


@strawberry_django.type(graph.Recommendation, name="Recommendation")
class RecommendationType(PolicyNode):
    case: CaseType
    issuer: AgencyType
    addressed_ppk: AgencyType
    proposed_sanction: SanctionLevelEnum
    text: auto
    due_at: datetime.date | None
    follow_up: auto
    followed_up_at: datetime.datetime | None
    created_at: datetime.datetime


@strawberry_django.type(graph.Sanction, name="Sanction")
class SanctionType(PolicyNode):
    case: CaseType
    recommendation: RecommendationType | None
    level: SanctionLevelEnum
    measure: auto
    decree_number: auto
    decree_date: datetime.date
    imposing_ppk: AgencyType

    @strawberry_django.field(
        only=["level"], description="moral (PP 42/2004) or disciplinary (PP 94/2021)"
    )
    def kind(self) -> str:
        return self.kind
