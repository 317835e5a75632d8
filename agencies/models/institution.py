from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import Region, TimestampedModel


class Institution(TimestampedModel):
    """An instansi: a central ministry/agency or a regional government that employs ASN."""

    class Kind(models.TextChoices):
        CENTRAL = "central", _("Instansi pusat")
        REGIONAL = "regional", _("Instansi daerah")

    name = models.CharField(max_length=200, unique=True, verbose_name=_("name"))
    kind = models.CharField(max_length=10, choices=Kind.choices, verbose_name=_("kind"))
    region = models.ForeignKey(
        Region, on_delete=models.PROTECT, related_name="institutions", verbose_name=_("region")
    )
    ppk_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text=_("The agency acting as this institution's PPK (sanctioning official)."),
        verbose_name=_("ppk agency"),
    )

    class Meta:
        verbose_name = _("institution")
        verbose_name_plural = _("institutions")
        ordering = ["name"]

    def __str__(self):
        return self.name
