from django.conf import settings
from django.db import models

from core.models import TimestampedModel


class Evidence(TimestampedModel):
    class Kind(models.TextChoices):
        CAPTURED_POST = "captured_post", "Captured post"
        SCREENSHOT = "screenshot", "Screenshot"
        DOCUMENT = "document", "Document"
        PHOTO = "photo", "Photo"
        VIDEO = "video", "Video"
        URL = "url", "Web address"

    case = models.ForeignKey("cases.Case", on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    file = models.FileField(upload_to="evidence/%Y/%m/", blank=True)
    url = models.URLField(max_length=500, blank=True)
    post = models.ForeignKey(
        "cases.Post", null=True, blank=True, on_delete=models.SET_NULL, related_name="evidence"
    )
    sha256 = models.CharField(max_length=64)
    size = models.PositiveBigIntegerField(null=True, blank=True)
    description = models.TextField(blank=True)
    captured_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    captured_by_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+"
    )
    captured_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "captured_at"]
        verbose_name_plural = "evidence"

    def __str__(self):
        return f"{self.get_kind_display()} {self.sha256[:12]}"


class CustodyEntry(models.Model):
    """Chain of custody: who captured, handed over, accessed or verified a piece of evidence."""

    class Action(models.TextChoices):
        CAPTURED = "captured", "Captured"
        TRANSFERRED = "transferred", "Transferred"
        ACCESSED = "accessed", "Accessed"
        VERIFIED = "verified", "Hash verified"
        EXPORTED = "exported", "Exported"

    evidence = models.ForeignKey(Evidence, on_delete=models.CASCADE, related_name="custody")
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["evidence", "at", "id"]
        verbose_name_plural = "custody entries"
