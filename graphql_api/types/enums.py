"""GraphQL enums over the models' own choices, so the schema and the database never disagree."""

import strawberry

from agencies.models import Agency, ApiClient, Institution, Role
from cases.codes import Platform, SanctionLevel, ViolationCode
from cases.models import Case as CaseModel
from cases.models import (
    CaseLink,
    CaseStatus,
    CivilServant,
    Contest,
    Escalation,
    Evidence,
    Finding,
    Involvement,
    Post,
    Report,
    ShareLevel,
    SocialAccount,
)

AgencyKind = strawberry.enum(Agency.Kind, name="AgencyKind")
AgencyRole = strawberry.enum(Role, name="AgencyRole")
Scope = strawberry.enum(ApiClient.Scope, name="Scope")
InstitutionKind = strawberry.enum(Institution.Kind, name="InstitutionKind")
CaseStatusEnum = strawberry.enum(CaseStatus, name="CaseStatus")
Severity = strawberry.enum(CaseModel.Severity, name="Severity")
ViolationCodeEnum = strawberry.enum(ViolationCode, name="ViolationCode")
SanctionLevelEnum = strawberry.enum(SanctionLevel, name="SanctionLevel")
PlatformEnum = strawberry.enum(Platform, name="Platform")
PositionType = strawberry.enum(CivilServant.PositionType, name="PositionType")
EmploymentType = strawberry.enum(CivilServant.EmploymentType, name="EmploymentType")
LinkMethod = strawberry.enum(SocialAccount.LinkMethod, name="LinkMethod")
ContestKind = strawberry.enum(Contest.Kind, name="ContestKind")
PostAction = strawberry.enum(Post.Action, name="PostAction")
ReportChannel = strawberry.enum(Report.Channel, name="ReportChannel")
FindingStatus = strawberry.enum(Finding.Status, name="FindingStatus")
InvolvementRole = strawberry.enum(Involvement.Role, name="InvolvementRole")
LinkKind = strawberry.enum(CaseLink.Kind, name="LinkKind")
EvidenceKind = strawberry.enum(Evidence.Kind, name="EvidenceKind")
EscalationStatus = strawberry.enum(Escalation.Status, name="EscalationStatus")
ShareLevelEnum = strawberry.enum(ShareLevel, name="ShareLevel")
