"""The notice outbox's rows: what an event says and who gets it by which channel. `write` puts
the rows in the caller's transaction; agencies/services/delivery.py hands the outgoing ones to
Celery once it commits (`send`) and delivers them. Notices about a case are raised by the case
services through cases/notices.py, which decides which agencies may be told.

The inbox is read through the policy (`visible(user, Notice.objects...)`); `mark_read` is the
service the admin and GraphQL call.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import NotFound

from ..models import Membership, Notice, Role, WebhookEndpoint
from ..policy import can_mark_notice_read, can_view_notice, require

OUTGOING = (Notice.Channel.WEBHOOK, Notice.Channel.EMAIL)
# Dead-letter alerts go to the agency's admins only, and never by webhook (that may be what broke).
DEAD = "notice.dead"
# Every event type, with its title in Indonesian and English (e-mail subjects, admin).
EVENTS = {
    "escalation.opened": (
        "Kasus dieskalasikan ke instansi Anda",
        "A case was escalated to your agency",
    ),
    "escalation.acknowledged": ("Eskalasi telah diterima", "An escalation was acknowledged"),
    "escalation.reminder": (
        "Pengingat: batas waktu eskalasi segera tiba",
        "Reminder: an escalation is due soon",
    ),
    "escalation.overdue": ("Eskalasi melewati batas waktu", "An escalation is overdue"),
    "case.shared": ("Kasus dibagikan dengan instansi Anda", "A case was shared with your agency"),
    "sanction.recorded": ("Sanksi telah dicatat", "A sanction was recorded"),
    DEAD: ("Pemberitahuan gagal dikirim", "A notice could not be delivered"),
}


def envelope(event_type: str, data: dict) -> dict:
    """The Standard Webhooks payload shape: type, timestamp, data (extras made JSON-safe)."""
    return {
        "type": event_type,
        "timestamp": timezone.now().isoformat(),
        "data": json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
    }


def email_roles(event_type: str) -> list[str]:
    return [Role.AGENCY_ADMIN] if event_type == DEAD else settings.NOTICE_EMAIL_ROLES


def email_recipients(agencies, event_type: str):
    """Active staff (not service accounts) of `agencies` in the roles that get this event."""
    return _recipients(event_type).filter(agency__in=agencies)


def _recipients(event_type: str):
    return Membership.objects.filter(
        role__in=email_roles(event_type), is_service_account=False, user__is_active=True
    ).exclude(user__email="")


def emailed_agencies(event_type: str, agencies) -> set[int]:
    """Ids of those of `agencies` with someone to e-mail this event to. One query."""
    return set(
        email_recipients(agencies, event_type).values_list("agency_id", flat=True).distinct()
    )


def active_endpoints(agencies) -> list[WebhookEndpoint]:
    """The active webhook endpoints of `agencies`. One query, at every notice: where a case's
    notices go decides who reads about it, so endpoints are never taken from a cache."""
    return list(WebhookEndpoint.objects.filter(is_active=True, agency__in=agencies))


def write(event_type: str, agencies, payload: dict, case=None) -> list[Notice]:
    """The rows for each agency: inbox (delivered at once), one per active endpoint subscribed to
    the event, and e-mail if the agency has anyone to send it to. `case` is the row the notice
    is about, if any (its id is all that is stored)."""
    if not agencies:
        return []
    now = timezone.now()
    endpoints = (
        []
        if event_type == DEAD
        else [
            e
            for e in active_endpoints(agencies)
            if not e.event_types or event_type in e.event_types
        ]
    )
    emailed = emailed_agencies(event_type, agencies)
    common = {"event_type": event_type, "case": case, "payload": payload}
    rows = [
        Notice(
            agency=a,
            channel=Notice.Channel.INBOX,
            status=Notice.Status.DELIVERED,
            delivered_at=now,
            **common,
        )
        for a in agencies
    ]
    rows += [
        Notice(
            agency_id=e.agency_id,
            channel=Notice.Channel.WEBHOOK,
            endpoint=e,
            next_attempt_at=now,
            **common,
        )
        for e in endpoints
    ]
    rows += [
        Notice(agency=a, channel=Notice.Channel.EMAIL, next_attempt_at=now, **common)
        for a in agencies
        if a.pk in emailed
    ]
    return Notice.objects.bulk_create(rows)


# --- services for the inbox and the admins ---------------------------------------------------


def visible_notice(actor, notice: Notice, allowed) -> Notice:
    """The notice, locked, if `actor` sees it and `allowed(actor, notice)`; NotFound if it does
    not see it, PermissionDenied if it may not do this to it."""
    if not can_view_notice(actor, notice):
        raise NotFound(gettext("notice not found"), field="notice")
    require(
        allowed(actor, notice), gettext("your role may not do this to the notice"), field="notice"
    )
    return Notice.objects.select_for_update().get(pk=notice.pk)


@audit.atomic
def mark_read(actor, notice: Notice) -> Notice:
    """Mark an inbox notice read by `actor` (a member of the receiving agency). Idempotent."""
    notice = visible_notice(actor, notice, can_mark_notice_read)
    if notice.read_at is None:
        notice.read_at, notice.read_by = timezone.now(), actor
        notice.save(update_fields=["read_at", "read_by", "updated_at"])
        audit.record(actor, "notice.read", notice, {"read_at": [None, notice.read_at]})
    return notice
