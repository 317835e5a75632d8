"""Delivering outgoing notices (webhook, e-mail): at least once, each effect once.

`send` writes an event's notices in the caller's transaction and hands the outgoing ones to the
`notices` queue once it commits; the Celery tasks that deliver them and sweep up the lost ones
live here too, beside the functions they run, so that delivering, retrying and dead-lettering
(which sends an alert) form one module with no import cycle. agencies/tasks.py exposes them to
the workers.

A delivery first claims the notice with one conditional UPDATE (due, not delivered, not dead) that
pushes `next_attempt_at` past the longest an attempt can take: a second task for the same notice
finds nothing to claim, and if the worker dies mid-attempt the claim simply expires and the sweep
re-dispatches. No transaction stays open during the HTTP call or the SMTP exchange.
"""

import logging
import random
import time
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Count, F
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext
from kombu.exceptions import OperationalError

from core import audit
from core.errors import ServiceError

from .. import webhooks
from ..models import DeliveryAttempt, Notice, WebhookEndpoint
from ..policy import can_redeliver_notice
from .notices import DEAD, EVENTS, OUTGOING, email_recipients, envelope, visible_notice, write

logger = logging.getLogger(__name__)
LIVE = (Notice.Status.PENDING, Notice.Status.RETRYING)


@dataclass
class Outcome:
    status_code: int | None = None
    latency_ms: float = 0.0
    error: str = ""
    retry_after: float | None = None
    permanent: bool = False  # no retry: the endpoint is gone or nobody can receive it


def claim_seconds() -> float:
    """Longer than any attempt: connect, send and wait for the answer may each take the timeout,
    and resolving the host and recording the outcome get as long again."""
    return 4 * settings.NOTICE_WEBHOOK_TIMEOUT


def claim(notice_id: int) -> Notice | None:
    now = timezone.now()
    claimed = Notice.objects.filter(
        pk=notice_id,
        status__in=LIVE,
        channel__in=OUTGOING,
        next_attempt_at__lte=now,
    ).update(next_attempt_at=now + timedelta(seconds=claim_seconds()), attempts=F("attempts") + 1)
    if not claimed:
        return None
    # The attempts recorded so far are counted here, under the claim, rather than by a query
    # of their own when this one is recorded.
    return (
        Notice.objects.select_related("endpoint")
        .annotate(recorded_attempts=Count("delivery_attempts"))
        .get(pk=notice_id)
    )


def deliver(notice_id: int) -> str:
    """One attempt at one notice; returns its status afterwards ("skipped" if not ours to send)."""
    notice = claim(notice_id)
    if notice is None:
        return "skipped"
    attempt = send_webhook if notice.channel == Notice.Channel.WEBHOOK else send_email
    try:
        outcome = attempt(notice)
    except Exception as error:  # a bug or bad configuration: recorded, retried, then dead-lettered
        logger.exception("notice %s: attempt failed unexpectedly", notice.uuid)
        outcome = Outcome(error=f"{type(error).__name__}: {error}"[:500])
    return record(notice, outcome)


def send_webhook(notice: Notice) -> Outcome:
    endpoint = notice.endpoint
    if endpoint is None or not endpoint.is_active:
        return Outcome(error="the endpoint is disabled or was removed", permanent=True)
    response = webhooks.post(
        endpoint.url, str(notice.uuid), notice.payload, webhooks.signing_secrets(endpoint)
    )
    return Outcome(
        response.status_code,
        response.latency_ms,
        response.error,
        response.retry_after,
        permanent=response.status_code == 410,
    )


def send_email(notice: Notice) -> Outcome:
    recipients = list(
        email_recipients([notice.agency], notice.event_type).values_list("user__email", flat=True)
    )
    if not recipients:
        return Outcome(
            error="no member with an e-mail address in the receiving roles", permanent=True
        )
    subject, body = render_email(notice)
    started = time.perf_counter()
    message = EmailMessage(
        subject,
        body,
        to=recipients,
        # The same Message-ID on every retry lets mail systems drop a duplicate.
        headers={"Message-ID": f"<{notice.uuid}@notices.netralitas>"},
        connection=get_connection(timeout=settings.NOTICE_WEBHOOK_TIMEOUT),
    )
    try:
        message.send()
    except OSError as error:  # smtplib.SMTPException and socket errors are OSErrors
        return Outcome(
            latency_ms=(time.perf_counter() - started) * 1000,
            error=f"{type(error).__name__}: {error}"[:500],
        )
    return Outcome(latency_ms=(time.perf_counter() - started) * 1000)


def render_email(notice: Notice) -> tuple[str, str]:
    """Subject in the first of NOTICE_EMAIL_LANGUAGES; the body in each of them, in order."""
    titles = dict(zip(("id", "en"), EVENTS.get(notice.event_type, ())))
    context = {
        **notice.payload.get("data", {}),
        "event": notice.event_type,
        "agency": notice.agency,
        "notice_id": notice.uuid,
    }
    contexts = [
        {**context, "title": titles.get(lang, notice.event_type)}
        for lang in settings.NOTICE_EMAIL_LANGUAGES
    ]
    subject = " ".join(render_to_string("notices/subject.txt", contexts[0]).split())
    bodies = [
        render_to_string(f"notices/email_{lang}.txt", ctx)
        for lang, ctx in zip(settings.NOTICE_EMAIL_LANGUAGES, contexts)
    ]
    return subject, "\n\n-----\n\n".join(bodies)


def retry_delay(attempts: int, retry_after: float | None) -> float | None:
    """Seconds before the next attempt after `attempts` failed ones; None when they are spent.
    A Retry-After longer than the schedule's longest step is capped to it."""
    schedule = settings.NOTICE_RETRY_SCHEDULE
    if attempts > len(schedule):
        return None
    jitter = settings.NOTICE_RETRY_JITTER
    delay = schedule[attempts - 1] * (1 + random.uniform(-jitter, jitter))
    if retry_after:
        delay = max(delay, min(retry_after, max(schedule)))
    return delay


def record(notice: Notice, outcome: Outcome) -> str:
    """Store the attempt and what follows from it: delivered, a retry, or the dead letter.
    `notice` is the one `claim` returned."""
    now, delay = timezone.now(), None
    with audit.atomic():
        DeliveryAttempt.objects.create(
            notice=notice,
            number=notice.recorded_attempts + 1,
            status_code=outcome.status_code,
            latency_ms=outcome.latency_ms,
            error=outcome.error,
        )
        notice.last_error = outcome.error
        if not outcome.error:
            notice.status, notice.delivered_at, notice.next_attempt_at = (
                Notice.Status.DELIVERED,
                now,
                None,
            )
        else:
            delay = None if outcome.permanent else retry_delay(notice.attempts, outcome.retry_after)
            if delay is None:
                notice.status, notice.next_attempt_at = Notice.Status.DEAD, None
            else:
                notice.status = Notice.Status.RETRYING
                notice.next_attempt_at = now + timedelta(seconds=delay)
        notice.save(
            update_fields=["status", "delivered_at", "next_attempt_at", "last_error", "updated_at"]
        )
        if outcome.status_code == 410:
            WebhookEndpoint.objects.filter(pk=notice.endpoint_id).update(
                is_active=False,
                disabled_reason=f"the receiver answered 410 Gone at {now:%Y-%m-%d %H:%M %Z}",
            )
        if notice.status == Notice.Status.DEAD:
            alert_admins(notice)
        if delay is not None and delay <= settings.CELERY_MAX_COUNTDOWN:
            # Longer waits are the sweep's: a countdown must stay under the visibility timeout.
            transaction.on_commit(lambda: dispatch([notice.pk], countdown=delay), robust=True)
    return notice.status


def alert_admins(notice: Notice) -> None:
    """Tell the agency's admins (inbox and e-mail) that a notice was dead-lettered."""
    if notice.event_type == DEAD:
        return
    logger.warning(
        "notice %s (%s, %s) to %s is dead: %s",
        notice.uuid,
        notice.event_type,
        notice.channel,
        notice.agency.code,
        notice.last_error,
    )
    send(
        DEAD,
        [notice.agency],
        envelope(
            DEAD,
            {
                "notice": {
                    "id": str(notice.uuid),
                    "event": notice.event_type,
                    "channel": notice.channel,
                    "endpoint": notice.endpoint.url if notice.endpoint else None,
                    "attempts": notice.attempts,
                    "last_error": notice.last_error,
                },
                "link": f"{settings.SITE_URL}/admin/agencies/notice/{notice.pk}/change/",
            },
        ),
    )


def sweep(batch: int = 500) -> int:
    """Re-dispatch outgoing notices that are due and have waited longer than the grace (lost
    after commit, claimed by a worker that died, or a retry too far off for a countdown).
    Concurrent sweeps skip each other's rows (FOR UPDATE SKIP LOCKED on PostgreSQL)."""
    now = timezone.now()
    with audit.atomic():
        ids = list(
            Notice.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=LIVE,
                channel__in=OUTGOING,
                next_attempt_at__lte=now - timedelta(seconds=settings.NOTICE_SWEEP_GRACE),
            )
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:batch]
        )
        # Not again for another grace period, unless a worker claims it first.
        Notice.objects.filter(pk__in=ids).update(next_attempt_at=now)
    dispatch(ids)
    return len(ids)


def send(event_type: str, agencies, payload: dict, case=None) -> list[Notice]:
    """Write the notices of `event_type` for `agencies` in the caller's transaction (see
    notices.write) and hand the outgoing ones to the queue once it commits."""
    notices = write(event_type, agencies, payload, case=case)
    outgoing = [n.pk for n in notices if n.channel in OUTGOING]
    if outgoing:
        transaction.on_commit(partial(dispatch, outgoing), robust=True)
    return notices


def dispatch(notice_ids, countdown: float | None = None) -> None:
    """Hand notices to the `notices` queue. A failure here loses nothing: the rows are committed
    and the sweep re-dispatches them after NOTICE_SWEEP_GRACE."""
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


@audit.atomic
def redeliver(actor, notice: Notice) -> Notice:
    """Send a dead-lettered notice again with a fresh retry schedule (agency admins). The
    `webhook-id` stays the same, so a receiver that got it after all can tell."""
    notice = visible_notice(actor, notice, can_redeliver_notice)
    if notice.status != Notice.Status.DEAD:
        raise ServiceError(
            gettext("only a dead notice can be redelivered; this one is %(status)s")
            % {"status": notice.get_status_display()},
            field="notice",
            code="not_dead",
        )
    if notice.channel == Notice.Channel.WEBHOOK and not (
        notice.endpoint and notice.endpoint.is_active
    ):
        raise ServiceError(
            gettext("the webhook endpoint is disabled or gone: enable it first"),
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


# Task names are the workers' contract (queues route on them: config/celery.py); they carry ids.


@shared_task(name="agencies.tasks.deliver_notice", ignore_result=True)
def deliver_notice(notice_id: int) -> str:
    """One delivery attempt; safe to run twice (the second finds nothing to claim)."""
    return deliver(notice_id)


@shared_task(name="agencies.tasks.sweep_notices", ignore_result=True)
def sweep_notices() -> int:
    """Re-dispatch notices lost between commit and broker, or left by a dead worker."""
    return sweep()
