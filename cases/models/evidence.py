from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class Evidence(TimestampedModel):
    class Kind(models.TextChoices):
        CAPTURED_POST = "captured_post", _("Captured post")
        SCREENSHOT = "screenshot", _("Screenshot")
        DOCUMENT = "document", _("Document")
        PHOTO = "photo", _("Photo")
        VIDEO = "video", _("Video")
        URL = "url", _("Web address")

    case = models.ForeignKey(
        "cases.Case", on_delete=models.CASCADE, related_name="evidence", verbose_name=_("case")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True, verbose_name=_("file"))
    url = models.URLField(max_length=500, blank=True, verbose_name=_("url"))
    post = models.ForeignKey(
        "cases.Post",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="evidence",
        verbose_name=_("post"),
    )
    sha256 = models.CharField(max_length=64, verbose_name=_("sha256"))
    size = models.PositiveBigIntegerField(null=True, blank=True, verbose_name=_("size"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("captured by"),
    )
    captured_by_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("captured by agency"),
    )
    captured_at = models.DateTimeField(verbose_name=_("captured at"))

    class Meta:
        verbose_name = _("evidence")
        verbose_name_plural = _("evidence")
        ordering = ["case", "captured_at"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.sha256[:12]}"


class CustodyEntry(models.Model):
    """Chain of custody: who captured, handed over, accessed or verified a piece of evidence."""

    class Action(models.TextChoices):
        CAPTURED = "captured", _("Captured")
        TRANSFERRED = "transferred", _("Transferred")
        ACCESSED = "accessed", _("Accessed")
        VERIFIED = "verified", _("Hash verified")
        EXPORTED = "exported", _("Exported")

    evidence = models.ForeignKey(
        Evidence, on_delete=models.CASCADE, related_name="custody", verbose_name=_("evidence")
    )
    action = models.CharField(max_length=20, choices=Action.choices, verbose_name=_("action"))
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("actor"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    at = models.DateTimeField(auto_now_add=True, verbose_name=_("at"))
    note = models.TextField(blank=True, verbose_name=_("note"))

    class Meta:
        verbose_name = _("custody entry")
        verbose_name_plural = _("custody entries")
        ordering = ["evidence", "at", "id"]
