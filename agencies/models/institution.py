from django.db import models

from core.models import Region, TimestampedModel


class Institution(TimestampedModel):
    """An instansi: a central ministry/agency or a regional government that employs ASN."""

    class Kind(models.TextChoices):
        CENTRAL = "central", "Instansi pusat"
        REGIONAL = "regional", "Instansi daerah"

    name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=Kind.choices)
    region = models.ForeignKey(Region, on_delete=models.PROTECT, related_name="institutions")
    ppk_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="institutions",
        help_text="The agency acting as this institution's PPK (sanctioning official).",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name
