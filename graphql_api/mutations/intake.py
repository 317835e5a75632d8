"""Reports from partner complaint systems, and the agency's inbox."""

import strawberry
from strawberry import Info, relay

from agencies.models import Agency, Notice
from agencies.services import notices
from cases import models as graph
from cases import services

from ..auth import needs, user_of
from ..types.enums import ReportChannel
from ..types.intake import ReportType
from ..types.notices import NoticeType
from .base import Payload, fetch, fetch_by, result_field, run


@strawberry.type
class ReportPayload(Payload):
    report: ReportType | None = result_field(ReportType)


@strawberry.type
class NoticePayload(Payload):
    notice: NoticeType | None = result_field(NoticeType)


@strawberry.input
class SubmitReportInput:
    channel: ReportChannel
    text: str
    about: str = strawberry.field(default="", description="Who or what it is about, as reported.")
    subject: relay.GlobalID | None = strawberry.field(
        default=None, description="The CivilServant, if known."
    )
    reporter_name: str = strawberry.field(
        default="", description="Protected: only the receiving agency's supervisors ever see it."
    )
    reporter_contact: str = ""
    receiving_agency: str | None = strawberry.field(
        default=None, description="Agency code; defaults to the examining agency (Bawaslu)."
    )


@strawberry.input
class AttachReportInput:
    report: relay.GlobalID
    case: relay.GlobalID


@strawberry.input
class MarkNoticeReadInput:
    notice: relay.GlobalID


@strawberry.type
class IntakeMutations:
    @strawberry.mutation(extensions=needs("report"))
    def submit_report(self, info: Info, input: SubmitReportInput) -> ReportPayload:
        return run(
            ReportPayload,
            lambda: services.submit_report(
                user_of(info),
                channel=input.channel,
                text=input.text,
                about=input.about,
                subject=fetch(info, graph.CivilServant, input.subject, "subject"),
                reporter_name=input.reporter_name,
                reporter_contact=input.reporter_contact,
                receiving_agency=fetch_by(
                    info, Agency, "receivingAgency", code=input.receiving_agency
                )
                if input.receiving_agency
                else None,
            ),
            input,
            graph.Report,
        )

    @strawberry.mutation(
        extensions=needs("workflow"),
        description="File a report your agency received in the case it is "
        "about. Idempotent; a report joins one case only.",
    )
    def attach_report(self, info: Info, input: AttachReportInput) -> ReportPayload:
        return run(
            ReportPayload,
            lambda: services.attach_report(
                user_of(info),
                fetch(info, graph.Report, input.report, "report"),
                fetch(info, graph.Case, input.case, "case"),
            ),
        )

    @strawberry.mutation(extensions=needs("read"), description="Idempotent.")
    def mark_notice_read(self, info: Info, input: MarkNoticeReadInput) -> NoticePayload:
        return run(
            NoticePayload,
            lambda: notices.mark_read(user_of(info), fetch(info, Notice, input.notice, "notice")),
        )
