from django.db import models

from .base import TimestampedModel


class Region(TimestampedModel):
    """An Indonesian administrative region by its Kemendagri code (e.g. 11 > 11.01 > 11.01.01)."""

    class Level(models.TextChoices):
        PROVINCE = "province", "Provinsi"
        REGENCY = "regency", "Kabupaten/Kota"
        DISTRICT = "district", "Kecamatan"

    code = models.CharField(max_length=13, unique=True)
    name = models.CharField(max_length=120)
    level = models.CharField(max_length=10, choices=Level.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )

    class Meta:
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]
