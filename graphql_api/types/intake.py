"""Intake: captured posts, findings and reports. The reporter's identity is protected."""

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import Info, auto
from strawberry.scalars import JSON

from cases import models as graph
from cases import policy

from ..auth import user_of
from .base import PolicyNode, visible_list
from .enums import FindingStatus, PlatformEnum, PostAction, ReportChannel, ViolationCodeEnum
from .registry import AgencyType, CivilServantType, ContestType, SocialAccountType

if TYPE_CHECKING:  # the lazy annotations below name these
    from .cases import CaseType

Case = Annotated["CaseType", strawberry.lazy("graphql_api.types.cases")]


@strawberry_django.type(graph.Post, name="Post")
class PostType(PolicyNode):
    platform: PlatformEnum
    external_id: auto
    author: SocialAccountType
    action: PostAction
    text: auto
    target_post: "PostType | None"
    target_account: SocialAccountType | None
    url: auto
    posted_at: datetime.datetime | None
    captured_at: datetime.datetime
    record_sha256: auto
    record: JSON
    contest: ContestType | None
    source_agency: AgencyType
    findings: list["FindingType"] = visible_list("findings")


@strawberry_django.type(graph.Report, name="Report")
class ReportType(PolicyNode):
    channel: ReportChannel
    text: auto
    about: auto
    subject: CivilServantType | None
    receiving_agency: AgencyType
    case: Case | None
    findings: list["FindingType"] = visible_list("findings")
    created_at: datetime.datetime

    @strawberry_django.field(
        only=["reporter_name", "receiving_agency_id"],
        description="Null unless you supervise at the receiving agency.",
    )
    def reporter_name(self, info: Info) -> str | None:
        return self.reporter_name or None if _may_see_reporter(info, self) else None

    @strawberry_django.field(
        only=["reporter_contact", "receiving_agency_id"],
        description="Null unless you supervise at the receiving agency.",
    )
    def reporter_contact(self, info: Info) -> str | None:
        return self.reporter_contact or None if _may_see_reporter(info, self) else None


def _may_see_reporter(info: Info, report: graph.Report) -> bool:
    return policy.can_view_reporter(user_of(info), report)


@strawberry_django.type(graph.Finding, name="Finding")
class FindingType(PolicyNode):
    post: PostType | None
    report: ReportType | None
    case: Case | None
    agency: AgencyType = strawberry_django.field(
        description="The agency examining the finding while it has no case."
    )
    subject: CivilServantType | None
    contest: ContestType | None
    violation_code: ViolationCodeEnum
    score: float
    explanation: JSON
    detector_version: auto
    status: FindingStatus
    reviewed_at: datetime.datetime | None
    created_at: datetime.datetime
