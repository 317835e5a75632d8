from django.db import models
from django.utils.translation import gettext_lazy as _

from .base import TimestampedModel


class Region(TimestampedModel):
    """An Indonesian administrative region by its Kemendagri code (e.g. 11 > 11.01 > 11.01.01)."""

    class Level(models.TextChoices):
        PROVINCE = "province", _("Provinsi")
        REGENCY = "regency", _("Kabupaten/Kota")
        DISTRICT = "district", _("Kecamatan")

    code = models.CharField(max_length=13, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=120, verbose_name=_("name"))
    level = models.CharField(max_length=10, choices=Level.choices, verbose_name=_("level"))
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("parent"),
    )

    class Meta:
        verbose_name = _("region")
        verbose_name_plural = _("regions")
        ordering = ["code"]
        indexes = [models.Index(fields=["level", "name"])]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def province_code(self) -> str:
        return self.code.split(".")[0]
