"""Writing notices into the outbox. Services call `notify` inside their transaction; delivery
(webhooks, e-mail) happens in Celery tasks after commit."""

import base64

from django.conf import settings

from .models import Notice


def case_global_id(case) -> str:
    """The case's GraphQL (Relay) global ID."""
    return base64.b64encode(f"Case:{case.pk}".encode()).decode()


def case_payload(event_type: str, case, **extra) -> dict:
    """What a notice may say about a case: never more than the receiving agency can see anyway
    (the receiver is always an agency the case is shared with)."""
    return {
        "event": event_type,
        "case": {"reference": case.reference, "id": case_global_id(case), "status": case.status,
                 "title": case.title},
        "owner_agency": case.owner_agency.code,
        "holder_agency": case.holder_agency.code,
        "due_at": case.due_at.isoformat() if case.due_at else None,
        "link": f"{settings.SITE_URL}/admin/cases/case/{case.pk}/change/",
        **extra,
    }


def notify(event_type: str, case, agencies, **extra) -> list[Notice]:
    """One inbox notice per receiving agency, written in the caller's transaction."""
    payload = case_payload(event_type, case, **extra)
    return Notice.objects.bulk_create(
        Notice(event_type=event_type, agency=agency, channel=Notice.Channel.INBOX, case=case,
               payload=payload)
        for agency in {a.pk: a for a in agencies}.values()
    )
