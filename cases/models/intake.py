"""Intake: reports from the public or agencies, and findings from analysts or detection."""

from django.conf import settings
from django.db import models

from core.models import TimestampedModel

from ..codes import ViolationCode


class Report(TimestampedModel):
    """A report (laporan). The reporter's identity is protected: only the receiving agency's
    supervisors see it (cases.policy.can_view_reporter)."""

    class Channel(models.TextChoices):
        PUBLIC_COMPLAINT = "public_complaint", "Public complaint"
        AGENCY_FINDING = "agency_finding", "Agency finding"
        SOCIAL_MEDIA = "social_media", "Social-media report"
        MEDIA = "media", "News media"
        DETECTION = "detection", "Automated detection"

    channel = models.CharField(max_length=20, choices=Channel.choices)
    text = models.TextField()
    about = models.CharField(
        max_length=300, blank=True, help_text="Who or what the report is about, as reported."
    )
    subject = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="reports",
    )
    receiving_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="received_reports"
    )
    reporter_name = models.CharField(max_length=200, blank=True)
    reporter_contact = models.CharField(max_length=200, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="reports"
    )

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return f"Report #{self.pk} ({self.get_channel_display()})"


class Finding(TimestampedModel):
    """A likely violation found in a post (by detection or an analyst) or in a report."""

    class Status(models.TextChoices):
        NEW = "new", "New"
        CONFIRMED = "confirmed", "Confirmed"
        DISMISSED = "dismissed", "Dismissed"

    post = models.ForeignKey(
        "cases.Post", null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    report = models.ForeignKey(
        Report, null=True, blank=True, on_delete=models.CASCADE, related_name="findings"
    )
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="findings",
        help_text="The agency examining the finding while it has no case.",
    )
    subject = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="findings",
    )
    contest = models.ForeignKey(
        "cases.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="findings"
    )
    violation_code = models.CharField(max_length=30, choices=ViolationCode.choices)
    score = models.FloatField()
    explanation = models.JSONField(default=list, blank=True)
    detector_version = models.CharField(max_length=100, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.NEW)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-score", "-created_at"]
        indexes = [models.Index(fields=["status", "case"])]

    def __str__(self):
        return f"{self.violation_code} ({self.score:.2f})"
