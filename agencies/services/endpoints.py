"""The write path for webhook endpoints (agency admins): register, change, rotate the secret,
remove. Each checks the policy, writes the change and its audit event in one transaction."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import ServiceError

from .. import webhooks
from ..models import Agency, WebhookEndpoint
from ..policy import require_agency_admin
from .notices import DEAD, EVENTS


def clean_event_types(event_types) -> list[str]:
    event_types = list(dict.fromkeys(event_types or ()))
    subscribable = [e for e in EVENTS if e != DEAD]  # dead-letter alerts never go by webhook
    unknown = sorted(set(event_types) - set(subscribable))
    if unknown:
        raise ServiceError(
            gettext("unknown event type(s): %(unknown)s; expected some of %(known)s")
            % {"unknown": ", ".join(unknown), "known": ", ".join(subscribable)},
            field="event_types",
            code="invalid_choice",
        )
    return event_types


@audit.atomic
def register_endpoint(actor, agency: Agency, url: str, event_types=()) -> WebhookEndpoint:
    """A new endpoint for `agency` with a fresh `whsec_` secret (shown to the agency's admins).
    The URL must resolve to a public address (or one in NOTICE_ALLOWED_NETWORKS)."""
    endpoint = WebhookEndpoint(
        agency=agency,
        url=url,
        secret=webhooks.new_secret(),
        event_types=clean_event_types(event_types),
    )
    require_agency_admin(actor, endpoint.agency, "webhook endpoints")
    webhooks.check_url(url)
    endpoint.save()
    audit.record(
        actor,
        "webhook_endpoint.register",
        endpoint,
        {"url": [None, url], "event_types": [None, endpoint.event_types]},
    )
    return endpoint


@audit.atomic
def update_endpoint(
    actor,
    endpoint: WebhookEndpoint,
    *,
    url: str | None = None,
    event_types=None,
    is_active: bool | None = None,
) -> WebhookEndpoint:
    """Change the URL or subscriptions, or enable/disable the endpoint (enabling clears why it
    was disabled, e.g. after a 410)."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    require_agency_admin(actor, endpoint.agency, "webhook endpoints")
    before = {
        "url": endpoint.url,
        "event_types": endpoint.event_types,
        "is_active": endpoint.is_active,
    }
    if url is not None and url != endpoint.url:
        webhooks.check_url(url)
        endpoint.url = url
    if event_types is not None:
        endpoint.event_types = clean_event_types(event_types)
    if is_active is not None and is_active != endpoint.is_active:
        endpoint.is_active = is_active
        endpoint.disabled_reason = "" if is_active else f"disabled by {actor.username}"
    endpoint.save()
    changes = audit.diff(
        before,
        {"url": endpoint.url, "event_types": endpoint.event_types, "is_active": endpoint.is_active},
    )
    if changes:
        audit.record(actor, "webhook_endpoint.update", endpoint, changes)
    return endpoint


@audit.atomic
def rotate_secret(actor, endpoint: WebhookEndpoint) -> WebhookEndpoint:
    """A new secret; the old one keeps signing (both signatures sent) for
    NOTICE_SECRET_OVERLAP_HOURS, so the receiver can switch without losing a notice."""
    endpoint = WebhookEndpoint.objects.select_for_update().get(pk=endpoint.pk)
    require_agency_admin(actor, endpoint.agency, "webhook endpoints")
    endpoint.previous_secret, endpoint.secret = endpoint.secret, webhooks.new_secret()
    endpoint.previous_secret_expires_at = timezone.now() + timedelta(
        hours=settings.NOTICE_SECRET_OVERLAP_HOURS
    )
    endpoint.save(
        update_fields=["secret", "previous_secret", "previous_secret_expires_at", "updated_at"]
    )
    # The trail says that and when, never the secrets themselves.
    audit.record(
        actor,
        "webhook_endpoint.rotate_secret",
        endpoint,
        {"previous_secret_expires_at": [None, endpoint.previous_secret_expires_at]},
    )
    return endpoint


@audit.atomic
def remove_endpoint(actor, endpoint: WebhookEndpoint) -> None:
    """Delete the endpoint; its notices stay (with no endpoint, pending ones are dead-lettered)."""
    require_agency_admin(actor, endpoint.agency, "webhook endpoints")
    audit.record(actor, "webhook_endpoint.remove", endpoint, {"url": [endpoint.url, None]})
    endpoint.delete()
