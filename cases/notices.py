"""Notices about cases: the case services raise them here, inside their transaction, after the
change's sharing rules have been applied. This module decides which agencies may be told (only
those the case is shared with) and what a notice says about the case; the agencies app writes,
sends and delivers them (agencies/services/delivery.py) without knowing what a case is.
"""

import base64
import logging

from django.conf import settings

from agencies.models import Notice
from agencies.services import delivery
from agencies.services.notices import envelope
from core import audit

from . import policy

logger = logging.getLogger(__name__)


def case_global_id(case) -> str:
    """The case's GraphQL (Relay) global ID."""
    return base64.b64encode(f"Case:{case.pk}".encode()).decode()


def case_payload(event_type: str, case, **extra) -> dict:
    """What a notice says about a case: only what every agency it is shared with may see."""
    return envelope(
        event_type,
        {
            "case": {
                "id": case_global_id(case),
                "reference": case.reference,
                "status": case.status,
                "title": case.title,
            },
            "agencies": {"owner": case.owner_agency.code, "holder": case.holder_agency.code},
            "due_date": case.due_at,
            "link": f"{settings.SITE_URL}/admin/cases/case/{case.pk}/change/",
            "audit_head": audit.signed_head(),  # lets the receiver witness the audit chain
            **extra,
        },
    )


def notify(event_type: str, case, agencies, **extra) -> list[Notice]:
    """Write the notices of `event_type` about `case` for each of `agencies`, in the caller's
    transaction. An agency the case is not shared with gets nothing (logged): a notice must never
    reveal a case. Call it after the change's sharing rules have been applied."""
    wanted = {a.pk: a for a in agencies}
    if not wanted:
        return []
    receivers = policy.agencies_seeing(case, list(wanted.values()))
    for agency in set(wanted.values()) - set(receivers):
        logger.warning(
            "notice %s on case %s withheld from %s: the case is not shared with it",
            event_type,
            case.reference,
            agency.code,
        )
    return delivery.send(event_type, receivers, case_payload(event_type, case, **extra), case=case)
