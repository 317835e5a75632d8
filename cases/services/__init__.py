"""The write path of the case graph. Every function checks cases/policy.py, writes the change, one
audit event per change and the outbox notices, in one transaction. GraphQL, admin, CLI commands
and Celery tasks all call these; nothing else writes the case graph."""

from .cases import add_involvement, add_note, link_cases, open_case, update_case
from .evidence import add_evidence
from .intake import add_finding, attach_report, review_finding, submit_report
from .sharing import share_case, unshare_case
from .workflow import acknowledge_escalation, issue_recommendation, record_sanction, transition_case

__all__ = [
    "acknowledge_escalation",
    "add_evidence",
    "add_finding",
    "add_involvement",
    "add_note",
    "attach_report",
    "issue_recommendation",
    "link_cases",
    "open_case",
    "record_sanction",
    "review_finding",
    "share_case",
    "submit_report",
    "transition_case",
    "unshare_case",
    "update_case",
]
