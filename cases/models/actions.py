"""What agencies do to a case: escalations between them, recommendations, sanctions."""

from django.conf import settings
from django.db import models

from core.models import TimestampedModel

from ..codes import SanctionLevel


class Escalation(TimestampedModel):
    """A hand-over of a case to another agency with a due date in Indonesian working days."""

    class Status(models.TextChoices):
        OPEN = "open", "Sent, not acknowledged"
        ACKNOWLEDGED = "acknowledged", "Acknowledged"
        ACTED = "acted", "Acted on"
        OVERDUE = "overdue", "Overdue"
        CANCELLED = "cancelled", "Cancelled"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="escalations")
    from_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="escalations_sent"
    )
    to_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="escalations_received"
    )
    step = models.CharField(max_length=60, help_text="The workflow transition that opened it.")
    reason = models.TextField(blank=True)
    sent_at = models.DateTimeField()
    due_at = models.DateField(null=True, blank=True)
    acknowledged_at = models.DateTimeField(null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    acted_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    overdue_at = models.DateTimeField(null=True, blank=True)
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.OPEN)

    class Meta:
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["to_agency", "status"]),
        ]

    def __str__(self):
        return f"{self.case_id}: {self.from_agency_id} -> {self.to_agency_id} ({self.step})"


class Recommendation(TimestampedModel):
    """The neutrality supervisor's recommendation to the PPK, with the proposed sanction."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="recommendations")
    issuer = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    addressed_ppk = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="recommendations_received"
    )
    proposed_sanction = models.CharField(max_length=20, choices=SanctionLevel.choices)
    text = models.TextField()
    due_at = models.DateField(null=True, blank=True)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    follow_up = models.TextField(blank=True)
    followed_up_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["case", "created_at"]

    def __str__(self):
        return f"Recommendation #{self.pk} to {self.addressed_ppk_id}"


class Sanction(TimestampedModel):
    """A sanction imposed by the PPK: moral (PP 42/2004) or disciplinary (PP 94/2021)."""

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="sanctions")
    recommendation = models.ForeignKey(
        Recommendation, null=True, blank=True, on_delete=models.SET_NULL, related_name="sanctions"
    )
    level = models.CharField(max_length=20, choices=SanctionLevel.choices)
    measure = models.CharField(
        max_length=300,
        blank=True,
        help_text="The specific measure, e.g. 'penundaan kenaikan pangkat'.",
    )
    decree_number = models.CharField(max_length=100)
    decree_date = models.DateField()
    imposing_ppk = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["case", "decree_date"]

    @property
    def kind(self) -> str:
        return SanctionLevel.kind(self.level)

    def __str__(self):
        return f"{self.get_level_display()} ({self.decree_number})"
