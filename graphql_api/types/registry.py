"""Reference data every agency may read: agencies, institutions, regions, contests, candidates,
civil servants and social-media accounts. A civil servant's cases only through visible cases."""

import datetime
from typing import TYPE_CHECKING, Annotated

import strawberry
import strawberry_django
from strawberry import auto

from agencies import models as agencies
from cases import models as graph
from core.models import Region

from .base import RegistryNode, visible_list
from .enums import (
    AgencyKind,
    ContestKind,
    EmploymentType,
    InstitutionKind,
    LinkMethod,
    PlatformEnum,
    PositionType,
)

if TYPE_CHECKING:  # the lazy annotations below name these
    from .cases import InvolvementType

Involvement = Annotated["InvolvementType", strawberry.lazy("graphql_api.types.cases")]


@strawberry_django.type(agencies.Agency, name="Agency")
class AgencyType(RegistryNode):
    code: auto
    name: auto
    kind: AgencyKind
    active: auto


@strawberry_django.type(Region, name="Region")
class RegionType(RegistryNode):
    code: auto
    name: auto
    level: auto
    parent: "RegionType | None"


@strawberry_django.type(agencies.Institution, name="Institution")
class InstitutionType(RegistryNode):
    name: auto
    kind: InstitutionKind
    region: RegionType
    ppk_agency: AgencyType = strawberry_django.field(
        description="The agency acting as the institution's PPK (sanctioning official)."
    )


@strawberry_django.type(graph.Contest, name="Contest")
class ContestType(RegistryNode):
    slug: auto
    name: auto
    kind: ContestKind
    region: RegionType | None
    campaign_start: datetime.date | None
    campaign_end: datetime.date | None
    voting_day: datetime.date | None
    candidates: list["CandidateType"]


@strawberry_django.type(graph.Candidate, name="Candidate")
class CandidateType(RegistryNode):
    contest: ContestType
    ballot_number: auto
    name: auto
    running_mate: auto
    parties: list[str]
    aliases: list[str]


@strawberry_django.type(graph.CivilServant, name="CivilServant")
class CivilServantType(RegistryNode):
    nip: auto
    name: auto
    institution: InstitutionType
    position: auto
    position_type: PositionType
    employment_type: EmploymentType
    region: RegionType | None
    accounts: list["SocialAccountType"]
    involvements: list[Involvement] = visible_list(
        graph.CivilServant, "involvements", "Parts in cases your agency may see."
    )


@strawberry_django.type(graph.SocialAccount, name="SocialAccount")
class SocialAccountType(RegistryNode):
    platform: PlatformEnum
    handle: auto
    display_name: auto
    url: auto
    owner: CivilServantType | None
    campaign_of: list[CandidateType] = strawberry_django.field(
        description="The candidates whose campaign account this is, one per contest."
    )
    link_method: LinkMethod
    link_confidence: auto
