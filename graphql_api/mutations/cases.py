"""Opening, editing, moving and sharing cases, and what hangs off them."""

import strawberry
from strawberry import UNSET, Info, relay
from strawberry.file_uploads import Upload

from agencies.models import Agency, Institution
from cases import models as graph
from cases import services

from ..auth import needs, user_of
from ..types.cases import CaseLinkType, CaseType, EvidenceType, InvolvementType
from ..types.enums import (
    EvidenceKind,
    InvolvementRole,
    LinkKind,
    ReportChannel,
    Severity,
    ShareLevelEnum,
    ViolationCodeEnum,
)
from .base import Payload, fetch, fetch_by, result_field, run


@strawberry.type
class CasePayload(Payload):
    case: CaseType | None = result_field(CaseType)


@strawberry.type
class CaseLinkPayload(Payload):
    link: CaseLinkType | None = result_field(CaseLinkType)


@strawberry.type
class InvolvementPayload(Payload):
    involvement: InvolvementType | None = result_field(InvolvementType)


@strawberry.type
class EvidencePayload(Payload):
    evidence: EvidenceType | None = result_field(EvidenceType)


@strawberry.input
class OpenCaseInput:
    title: str
    description: str = ""
    violation_codes: list[ViolationCodeEnum] = strawberry.field(default_factory=list)
    severity: Severity = Severity.MEDIUM
    contest: str | None = strawberry.field(default=None, description="Contest slug.")
    subject: relay.GlobalID | None = strawberry.field(
        default=None, description="The CivilServant concerned."
    )
    institution: relay.GlobalID | None = strawberry.field(
        default=None, description="Defaults to the subject's institution."
    )
    intake_channel: ReportChannel = ReportChannel.AGENCY_FINDING
    reports: list[relay.GlobalID] = strawberry.field(
        default_factory=list,
        description="Reports your agency received that this case is opened from; they join it.",
    )


@strawberry.input
class UpdateCaseInput:
    case: relay.GlobalID
    title: str | None = UNSET
    description: str | None = UNSET
    severity: Severity | None = UNSET
    violation_codes: list[ViolationCodeEnum] | None = UNSET
    contest: str | None = strawberry.field(
        default=UNSET, description="Contest slug; null clears it."
    )
    outcome: str | None = UNSET


@strawberry.input
class TransitionCaseInput:
    case: relay.GlobalID
    transition: str = strawberry.field(
        description="e.g. start_examination, forward_to_supervisor, dismiss, close."
    )
    reason: str = ""


@strawberry.input
class ShareCaseInput:
    case: relay.GlobalID
    agency: str = strawberry.field(description="Agency code.")
    level: ShareLevelEnum


@strawberry.input
class UnshareCaseInput:
    case: relay.GlobalID
    agency: str = strawberry.field(description="Agency code.")


@strawberry.input
class LinkCasesInput:
    from_case: relay.GlobalID
    to_case: relay.GlobalID
    kind: LinkKind = LinkKind.RELATED


@strawberry.input
class AddInvolvementInput:
    case: relay.GlobalID
    role: InvolvementRole = strawberry.field(
        description="PRESSURING_PARTY records whoever pressured the ASN (a superior, an "
        "incumbent), so they can be sanctioned too."
    )
    civil_servant: relay.GlobalID | None = None
    candidate: relay.GlobalID | None = None
    name: str = strawberry.field(default="", description="For people not in the registry.")
    description: str = ""


@strawberry.input
class AddEvidenceInput:
    case: relay.GlobalID
    kind: EvidenceKind
    file: Upload | None = strawberry.field(
        default=None, description="Per the GraphQL multipart request spec; hashed on arrival."
    )
    url: str = ""
    sha256: str = strawberry.field(
        default="", description="Required with a URL; checked against a file."
    )
    description: str = ""
    post: relay.GlobalID | None = None


def _contest(info: Info, slug: str | None):
    return fetch_by(info, graph.Contest, "contest", slug=slug) if slug else None


def _case(info: Info, global_id: relay.GlobalID, field: str = "case"):
    return fetch(info, graph.Case, global_id, field)


@strawberry.type
class CaseMutations:
    @strawberry.mutation(extensions=needs("workflow"))
    def open_case(self, info: Info, input: OpenCaseInput) -> CasePayload:
        return run(
            CasePayload,
            lambda: services.open_case(
                user_of(info),
                title=input.title,
                description=input.description,
                violation_codes=list(input.violation_codes),
                severity=input.severity,
                contest=_contest(info, input.contest),
                subject=fetch(info, graph.CivilServant, input.subject, "subject"),
                institution=fetch(info, Institution, input.institution, "institution"),
                intake_channel=input.intake_channel,
                reports=[fetch(info, graph.Report, report, "reports") for report in input.reports],
            ),
            input,
            graph.Case,
        )

    @strawberry.mutation(extensions=needs("workflow"))
    def update_case(self, info: Info, input: UpdateCaseInput) -> CasePayload:
        def action():
            fields = {
                name: getattr(input, name)
                for name in ("title", "description", "severity", "violation_codes", "outcome")
                if getattr(input, name) is not UNSET
            }
            if input.contest is not UNSET:
                fields["contest"] = _contest(info, input.contest)
            if "violation_codes" in fields:
                fields["violation_codes"] = list(fields["violation_codes"] or ())
            return services.update_case(user_of(info), _case(info, input.case), **fields)

        return run(CasePayload, action, input, graph.Case)

    @strawberry.mutation(extensions=needs("workflow"))
    def transition_case(self, info: Info, input: TransitionCaseInput) -> CasePayload:
        return run(
            CasePayload,
            lambda: services.transition_case(
                user_of(info), _case(info, input.case), input.transition, reason=input.reason
            ),
        )

    @strawberry.mutation(extensions=needs("workflow"))
    def share_case(self, info: Info, input: ShareCaseInput) -> CasePayload:
        def action():
            case = _case(info, input.case)
            services.share_case(
                user_of(info),
                case,
                fetch_by(info, Agency, "agency", code=input.agency),
                input.level,
            )
            return case

        return run(CasePayload, action)

    @strawberry.mutation(extensions=needs("workflow"))
    def unshare_case(self, info: Info, input: UnshareCaseInput) -> CasePayload:
        def action():
            case = _case(info, input.case)
            services.unshare_case(
                user_of(info), case, fetch_by(info, Agency, "agency", code=input.agency)
            )
            return case

        return run(CasePayload, action)

    @strawberry.mutation(extensions=needs("workflow"))
    def link_cases(self, info: Info, input: LinkCasesInput) -> CaseLinkPayload:
        return run(
            CaseLinkPayload,
            lambda: services.link_cases(
                user_of(info),
                _case(info, input.from_case, "fromCase"),
                _case(info, input.to_case, "toCase"),
                input.kind,
            ),
        )

    @strawberry.mutation(extensions=needs("workflow"))
    def add_involvement(self, info: Info, input: AddInvolvementInput) -> InvolvementPayload:
        return run(
            InvolvementPayload,
            lambda: services.add_involvement(
                user_of(info),
                _case(info, input.case),
                input.role,
                civil_servant=fetch(info, graph.CivilServant, input.civil_servant, "civilServant"),
                candidate=fetch(info, graph.Candidate, input.candidate, "candidate"),
                name=input.name,
                description=input.description,
            ),
            input,
            graph.Involvement,
        )

    @strawberry.mutation(extensions=needs("workflow"))
    def add_evidence(self, info: Info, input: AddEvidenceInput) -> EvidencePayload:
        return run(
            EvidencePayload,
            lambda: services.add_evidence(
                user_of(info),
                _case(info, input.case),
                input.kind,
                file=input.file,
                url=input.url,
                sha256=input.sha256,
                description=input.description,
                post=fetch(info, graph.Post, input.post, "post"),
            ),
            input,
            graph.Evidence,
        )
