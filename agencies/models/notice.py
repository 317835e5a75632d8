"""The notice outbox: rows written in the same transaction as the change they announce, then
delivered by Celery (webhook, e-mail) or read in the in-app inbox."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class WebhookEndpoint(TimestampedModel):
    """A receiving agency's URL, signed per Standard Webhooks with a `whsec_` secret."""

    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="webhook_endpoints",
        verbose_name=_("agency"),
    )
    url = models.URLField(max_length=500, verbose_name=_("url"))
    event_types = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Empty: every event type."),
        verbose_name=_("event types"),
    )
    secret = models.CharField(max_length=100, verbose_name=_("secret"))
    previous_secret = models.CharField(
        max_length=100, blank=True, verbose_name=_("previous secret")
    )
    previous_secret_expires_at = models.DateTimeField(
        null=True, blank=True, verbose_name=_("previous secret expires at")
    )
    is_active = models.BooleanField(default=True, verbose_name=_("is active"))
    disabled_reason = models.CharField(
        max_length=200, blank=True, verbose_name=_("disabled reason")
    )

    class Meta:
        verbose_name = _("webhook endpoint")
        verbose_name_plural = _("webhook endpoints")
        ordering = ["agency__code", "url"]

    def __str__(self):
        return f"{self.agency.code}: {self.url}"


class Notice(TimestampedModel):
    class Channel(models.TextChoices):
        WEBHOOK = "webhook", _("Webhook")
        EMAIL = "email", _("E-mail")
        INBOX = "inbox", _("In-app inbox")

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        RETRYING = "retrying", _("Retrying")
        DELIVERED = "delivered", _("Delivered")
        DEAD = "dead", _("Dead-lettered")

    uuid = models.UUIDField(
        default=uuid.uuid4,
        unique=True,
        editable=False,
        help_text=_("Stable across retries (the webhook-id)."),
        verbose_name=_("uuid"),
    )
    event_type = models.CharField(max_length=60, verbose_name=_("event type"))
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("agency"),
    )
    channel = models.CharField(max_length=10, choices=Channel.choices, verbose_name=_("channel"))
    endpoint = models.ForeignKey(
        WebhookEndpoint,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="notices",
        verbose_name=_("endpoint"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notices",
        verbose_name=_("case"),
    )
    payload = models.JSONField(default=dict, verbose_name=_("payload"))
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.PENDING, verbose_name=_("status")
    )
    attempts = models.PositiveIntegerField(default=0, verbose_name=_("attempts"))
    next_attempt_at = models.DateTimeField(null=True, blank=True, verbose_name=_("next attempt at"))
    last_error = models.TextField(blank=True, verbose_name=_("last error"))
    delivered_at = models.DateTimeField(null=True, blank=True, verbose_name=_("delivered at"))
    read_at = models.DateTimeField(null=True, blank=True, verbose_name=_("read at"))
    read_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("read by"),
    )

    class Meta:
        verbose_name = _("notice")
        verbose_name_plural = _("notices")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["agency", "channel", "read_at"]),
        ]

    def __str__(self):
        return _("Notice #%(number)s to %(agency)s (%(channel)s)") % {
            "number": self.pk,
            "agency": self.agency,
            "channel": self.get_channel_display(),
        }


class DeliveryAttempt(models.Model):
    notice = models.ForeignKey(
        Notice, on_delete=models.CASCADE, related_name="delivery_attempts", verbose_name=_("notice")
    )
    number = models.PositiveIntegerField(verbose_name=_("number"))
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))
    status_code = models.PositiveIntegerField(null=True, blank=True, verbose_name=_("status code"))
    latency_ms = models.FloatField(null=True, blank=True, verbose_name=_("latency ms"))
    error = models.TextField(blank=True, verbose_name=_("error"))

    class Meta:
        verbose_name = _("delivery attempt")
        verbose_name_plural = _("delivery attempts")
        ordering = ["notice", "number"]
