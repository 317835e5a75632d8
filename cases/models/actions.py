"""What agencies do to a case: escalations between them, recommendations, sanctions."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import SanctionLevel


class Escalation(TimestampedModel):
    """A hand-over of a case to another agency with a due date in Indonesian working days."""

    class Status(models.TextChoices):
        OPEN = "open", _("Sent, not acknowledged")
        ACKNOWLEDGED = "acknowledged", _("Acknowledged")
        ACTED = "acted", _("Acted on")
        OVERDUE = "overdue", _("Overdue")
        CANCELLED = "cancelled", _("Cancelled")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="escalations", verbose_name=_("case")
    )
    from_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="escalations_sent",
        verbose_name=_("from agency"),
    )
    to_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="escalations_received",
        verbose_name=_("to agency"),
    )
    step = models.CharField(
        max_length=60,
        help_text=_("The workflow transition that opened it."),
        verbose_name=_("step"),
    )
    reason = models.TextField(blank=True, verbose_name=_("reason"))
    sent_at = models.DateTimeField(verbose_name=_("sent at"))
    due_at = models.DateField(null=True, blank=True, verbose_name=_("due at"))
    acknowledged_at = models.DateTimeField(null=True, blank=True, verbose_name=_("acknowledged at"))
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("acknowledged by"),
    )
    acted_at = models.DateTimeField(null=True, blank=True, verbose_name=_("acted at"))
    reminded_at = models.DateTimeField(null=True, blank=True, verbose_name=_("reminded at"))
    overdue_at = models.DateTimeField(null=True, blank=True, verbose_name=_("overdue at"))
    status = models.CharField(
        max_length=20, choices=Status.choices, default=Status.OPEN, verbose_name=_("status")
    )

    class Meta:
        verbose_name = _("escalation")
        verbose_name_plural = _("escalations")
        ordering = ["-sent_at"]
        indexes = [
            models.Index(fields=["status", "due_at"]),
            models.Index(fields=["to_agency", "status"]),
        ]

    def __str__(self):
        return _("%(sender)s to %(receiver)s (%(status)s)") % {
            "sender": self.from_agency,
            "receiver": self.to_agency,
            "status": self.get_status_display(),
        }


class Recommendation(TimestampedModel):
    """The neutrality supervisor's recommendation to the PPK, with the proposed sanction."""

    case = models.ForeignKey(
        "cases.Case",
        on_delete=models.CASCADE,
        related_name="recommendations",
        verbose_name=_("case"),
    )
    issuer = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("issuer")
    )
    addressed_ppk = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="recommendations_received",
        verbose_name=_("addressed ppk"),
    )
    proposed_sanction = models.CharField(
        max_length=20, choices=SanctionLevel.choices, verbose_name=_("proposed sanction")
    )
    text = models.TextField(verbose_name=_("text"))
    due_at = models.DateField(null=True, blank=True, verbose_name=_("due at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("issued by"),
    )
    follow_up = models.TextField(blank=True, verbose_name=_("follow up"))
    followed_up_at = models.DateTimeField(null=True, blank=True, verbose_name=_("followed up at"))

    class Meta:
        verbose_name = _("recommendation")
        verbose_name_plural = _("recommendations")
        ordering = ["case", "created_at"]

    def __str__(self):
        return _("Recommendation #%(number)s to %(ppk)s") % {
            "number": self.pk,
            "ppk": self.addressed_ppk,
        }


class Sanction(TimestampedModel):
    """A sanction imposed by the PPK: moral (PP 42/2004) or disciplinary (PP 94/2021)."""

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="sanctions", verbose_name=_("case")
    )
    recommendation = models.ForeignKey(
        Recommendation,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="sanctions",
        verbose_name=_("recommendation"),
    )
    level = models.CharField(max_length=20, choices=SanctionLevel.choices, verbose_name=_("level"))
    measure = models.CharField(
        max_length=300,
        blank=True,
        help_text=_("The specific measure, e.g. 'penundaan kenaikan pangkat'."),
        verbose_name=_("measure"),
    )
    decree_number = models.CharField(max_length=100, verbose_name=_("decree number"))
    decree_date = models.DateField(verbose_name=_("decree date"))
    imposing_ppk = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("imposing ppk"),
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("recorded by"),
    )

    class Meta:
        verbose_name = _("sanction")
        verbose_name_plural = _("sanctions")
        ordering = ["case", "decree_date"]

    @property
    def kind(self) -> str:
        return SanctionLevel.kind(self.level)

    def __str__(self):
        return f"{self.get_level_display()} ({self.decree_number})"
