"""Intake: captured posts, findings and reports. The reporter's identity is protected."""

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import Info, auto
from strawberry.scalars import JSON

from cases import models as graph
from cases import policy
from cases.codes import ViolationCode

from ..auth import user_of
from .base import PolicyNode, visible_list
from .enums import FindingStatus, PlatformEnum, PostAction, ReportChannel, ViolationCodeEnum
from .registry import AgencyType, CivilServantType, ContestType, SocialAccountType

PostLabelSource = strawberry.enum(graph.PostLabel.Source, name="PostLabelSource")

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
    findings: list["FindingType"] = visible_list(graph.Post, "findings")

    @strawberry_django.field(
        select_related=["label"],
        description="The analysts' label of the post (a review or a missed violation), if any.",
    )
    def label(self) -> "PostLabelType | None":
        try:
            label = self.label  # as visible as the post
        except graph.PostLabel.DoesNotExist:
            return None
        return PostLabelType(
            violation=label.violation,
            source=label.source,
            labelled_at=label.labelled_at,
            category=ViolationCode(label.category) if label.category else None,
        )


@strawberry.type(name="PostLabel")
class PostLabelType:
    """An analyst's verdict on a post, which the detector learns from; one per post, the latest
    wins. A value of its post, read only through it (so no node of its own)."""

    violation: bool
    source: PostLabelSource
    labelled_at: datetime.datetime
    category: ViolationCodeEnum | None = strawberry.field(
        description="The violation code; null when the post is no violation."
    )


@strawberry_django.type(graph.Report, name="Report")
class ReportType(PolicyNode):
    channel: ReportChannel
    text: auto
    about: auto
    subject: CivilServantType | None
    receiving_agency: AgencyType
    case: Case | None
    findings: list["FindingType"] = visible_list(graph.Report, "findings")
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
