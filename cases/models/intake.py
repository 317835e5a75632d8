"""Intake: reports from the public or agencies, and findings from analysts or detection."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import ViolationCode


class Report(TimestampedModel):
    """A report (laporan). The reporter's identity is protected: only the receiving agency's
    supervisors see it (cases.policy.can_view_reporter)."""

    class Channel(models.TextChoices):
        PUBLIC_COMPLAINT = "public_complaint", _("Public complaint")
        AGENCY_FINDING = "agency_finding", _("Agency finding")
        SOCIAL_MEDIA = "social_media", _("Social-media report")
        MEDIA = "media", _("News media")
        DETECTION = "detection", _("Automated detection")

    channel = models.CharField(max_length=20, choices=Channel.choices, verbose_name=_("channel"))
    text = models.TextField(verbose_name=_("text"))
    about = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("Who or what the report is about, as reported."),
        verbose_name=_("about"),
    )
    subject = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("subject"),
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="received_reports",
        verbose_name=_("receiving agency"),
    )
    reporter_name = models.CharField(max_length=200, blank=True, verbose_name=_("reporter name"))
    reporter_contact = models.CharField(
        max_length=200, blank=True, verbose_name=_("reporter contact")
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("submitted by"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
        verbose_name=_("case"),
    )

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["-created_at"]

    def __str__(self):
        return _("Report #%(number)s (%(channel)s)") % {
            "number": self.pk,
            "channel": self.get_channel_display(),
        }


class Finding(TimestampedModel):
    """A likely violation found in a post (by detection or an analyst) or in a report."""

    class Status(models.TextChoices):
        NEW = "new", _("New")
        CONFIRMED = "confirmed", _("Confirmed")
        DISMISSED = "dismissed", _("Dismissed")

    post = models.ForeignKey(
        "cases.Post",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("post"),
    )
    report = models.ForeignKey(
        Report,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="findings",
        verbose_name=_("report"),
    )
    case = models.ForeignKey(
        "cases.Case",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name=_("case"),
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="findings",
        help_text=_("The agency examining the finding while it has no case."),
        verbose_name=_("agency"),
    )
    subject = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name=_("subject"),
    )
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
        verbose_name=_("contest"),
    )
    violation_code = models.CharField(
        max_length=30, choices=ViolationCode.choices, verbose_name=_("violation code")
    )
    score = models.FloatField(verbose_name=_("score"))
    explanation = models.JSONField(default=list, blank=True, verbose_name=_("explanation"))
    detector_version = models.CharField(
        max_length=100, blank=True, verbose_name=_("detector version")
    )
    status = models.CharField(
        max_length=10, choices=Status.choices, default=Status.NEW, verbose_name=_("status")
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("reviewed by"),
    )
    reviewed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reviewed at"))

    class Meta:
        verbose_name = _("finding")
        verbose_name_plural = _("findings")
        ordering = ["-score", "-created_at"]
        indexes = [models.Index(fields=["status", "case"])]

    def __str__(self):
        return f"{self.get_violation_code_display()} ({self.score:.2f})"
