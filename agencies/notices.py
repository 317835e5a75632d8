"""The notice outbox. Services call `notify` inside their transaction: it writes one row per
receiving agency and channel (webhook per subscribed endpoint, e-mail, inbox) with the change, and
hands the outgoing ones to Celery once the transaction commits. If that hand-over is lost (broker
down, process killed right after commit), the sweep in agencies/delivery.py finds the rows.

The inbox is read through core.policy (`visible(user, Notice.objects...)`); `mark_read` and
`redeliver` are the services the admin and GraphQL call.
"""

import base64
import json
import logging
from functools import partial

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.utils import timezone
from kombu.exceptions import OperationalError

from core import audit, policy
from core.errors import NotFound, ServiceError
from core.policy import can, require

from .models import Membership, Notice, Role, WebhookEndpoint

logger = logging.getLogger(__name__)
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


def case_global_id(case) -> str:
    """The case's GraphQL (Relay) global ID."""
    return base64.b64encode(f"Case:{case.pk}".encode()).decode()


def envelope(event_type: str, data: dict) -> dict:
    """The Standard Webhooks payload shape: type, timestamp, data (extras made JSON-safe)."""
    return {
        "type": event_type,
        "timestamp": timezone.now().isoformat(),
        "data": json.loads(json.dumps(data, cls=DjangoJSONEncoder)),
    }


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
    return write(event_type, receivers, case_payload(event_type, case, **extra), case=case)


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
    the event, and e-mail if the agency has anyone to send it to. Dispatched after commit."""
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
    notices = Notice.objects.bulk_create(rows)
    outgoing = [n.pk for n in notices if n.channel in OUTGOING]
    if outgoing:
        transaction.on_commit(partial(dispatch, outgoing), robust=True)
    return notices


def dispatch(notice_ids, countdown: float | None = None) -> None:
    """Hand notices to the `notices` queue. A failure here loses nothing: the rows are committed
    and the sweep re-dispatches them after NOTICE_SWEEP_GRACE."""
    from .tasks import deliver_notice  # here: the tasks module imports this one

    for pk in notice_ids:
        try:
            # Fail fast when the broker is down rather than hold up the request: the sweep retries.
            deliver_notice.apply_async(
                (pk,),
                countdown=countdown,
                retry_policy={
                    "max_retries": 1,
                    "interval_start": 0,
                    "interval_step": 0.2,
                    "interval_max": 0.2,
                },
            )
        except OperationalError as error:
            logger.warning(
                "broker unavailable, %d notice(s) left to the sweep: %s", len(notice_ids), error
            )
            return


# --- services for the inbox and the admins ---------------------------------------------------


def _visible_notice(actor, notice: Notice, action: str) -> Notice:
    if not can(actor, "view", notice):
        raise NotFound("notice not found", field="notice")
    require(actor, action, notice)
    return Notice.objects.select_for_update().get(pk=notice.pk)


@audit.atomic
def mark_read(actor, notice: Notice) -> Notice:
    """Mark an inbox notice read by `actor` (a member of the receiving agency). Idempotent."""
    notice = _visible_notice(actor, notice, "mark_read")
    if notice.read_at is None:
        notice.read_at, notice.read_by = timezone.now(), actor
        notice.save(update_fields=["read_at", "read_by", "updated_at"])
        audit.record(actor, "notice.read", notice, {"read_at": [None, notice.read_at]})
    return notice


@audit.atomic
def redeliver(actor, notice: Notice) -> Notice:
    """Send a dead-lettered notice again with a fresh retry schedule (agency admins). The
    `webhook-id` stays the same, so a receiver that got it after all can tell."""
    notice = _visible_notice(actor, notice, "redeliver")
    if notice.status != Notice.Status.DEAD:
        raise ServiceError(
            f"only a dead notice can be redelivered; this one is {notice.status}",
            field="notice",
            code="not_dead",
        )
    if notice.channel == Notice.Channel.WEBHOOK and not (
        notice.endpoint and notice.endpoint.is_active
    ):
        raise ServiceError(
            "the webhook endpoint is disabled or gone: enable it first",
            field="notice",
            code="endpoint_disabled",
        )
    notice.status, notice.attempts = Notice.Status.PENDING, 0
    notice.next_attempt_at, notice.last_error = timezone.now(), ""
    notice.save(update_fields=["status", "attempts", "next_attempt_at", "last_error", "updated_at"])
    audit.record(
        actor, "notice.redeliver", notice, {"status": [Notice.Status.DEAD, Notice.Status.PENDING]}
    )
    transaction.on_commit(partial(dispatch, [notice.pk]), robust=True)
    return notice
