"""The case graph, split by topic."""

from .actions import Escalation, Recommendation, Sanction
from .cases import Case, CaseLink, CaseSequence, CaseStatus, Involvement, Note
from .content import Post
from .elections import CampaignAccount, Candidate, Contest
from .evidence import CustodyEntry, Evidence
from .intake import Finding, Report
from .jobs import Job, PostVerdict
from .learning import DetectorModel, DetectorTraining, PostLabel
from .registry import CivilServant, SocialAccount
from .routing import Function, Regime, RegimeFunction, ShareLevel, SharingRule, Transition
from .sharing import CaseGroupObjectPermission

__all__ = [
    "CampaignAccount",
    "Candidate",
    "Case",
    "CaseGroupObjectPermission",
    "CaseLink",
    "CaseSequence",
    "CaseStatus",
    "CivilServant",
    "Contest",
    "CustodyEntry",
    "Escalation",
    "Evidence",
    "DetectorModel",
    "DetectorTraining",
    "Finding",
    "Function",
    "Involvement",
    "Job",
    "Note",
    "Post",
    "PostLabel",
    "PostVerdict",
    "Recommendation",
    "Regime",
    "RegimeFunction",
    "Report",
    "Sanction",
    "ShareLevel",
    "SharingRule",
    "SocialAccount",
    "Transition",
]
