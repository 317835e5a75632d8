"""Registry: civil servants (ASN) and the social-media accounts linked to them."""

from django.conf import settings
from django.db import models

from core.models import TimestampedModel

from ..codes import Platform
from ..nip import validate_nip


class CivilServant(TimestampedModel):
    """An ASN (Aparatur Sipil Negara, civil servant), identified by NIP."""

    class PositionType(models.TextChoices):
        JPT = "jpt", "JPT (senior executive)"
        ADMINISTRATOR = "administrator", "Administrator"
        SUPERVISOR = "supervisor", "Pengawas (supervisor)"
        FUNCTIONAL = "functional", "Fungsional"
        EXECUTOR = "executor", "Pelaksana (executor)"

    class EmploymentType(models.TextChoices):
        PNS = "PNS", "PNS (career civil servant)"
        PPPK = "PPPK", "PPPK (contract civil servant)"

    nip = models.CharField("NIP", max_length=18, unique=True, validators=[validate_nip])
    name = models.CharField(max_length=200, db_index=True)
    institution = models.ForeignKey(
        "agencies.Institution", on_delete=models.PROTECT, related_name="civil_servants"
    )
    position = models.CharField(max_length=200, blank=True)
    position_type = models.CharField(
        max_length=20, choices=PositionType.choices, default=PositionType.EXECUTOR
    )
    employment_type = models.CharField(
        max_length=4, choices=EmploymentType.choices, default=EmploymentType.PNS
    )
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="civil_servants",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.nip})"


class SocialAccount(TimestampedModel):
    """An account on a platform; owned by an ASN once linked, or a candidate's campaign account
    (in every contest the candidate runs in: CampaignAccount)."""

    class LinkMethod(models.TextChoices):
        UNLINKED = "unlinked", "Not linked"
        SELF_DECLARED = "self_declared", "Declared by the ASN"
        REGISTRY_IMPORT = "registry_import", "Imported from a personnel registry"
        ANALYST = "analyst", "Linked by an analyst"
        DETECTION = "detection", "Suggested by detection"

    platform = models.CharField(max_length=20, choices=Platform.choices)
    handle = models.CharField(max_length=100, help_text="Normalised: lower case, no leading @.")
    display_name = models.CharField(max_length=200, blank=True)
    url = models.URLField(blank=True)
    owner = models.ForeignKey(
        CivilServant, null=True, blank=True, on_delete=models.SET_NULL, related_name="accounts"
    )
    campaign_of = models.ManyToManyField(
        "cases.Candidate",
        through="cases.CampaignAccount",
        blank=True,
        related_name="accounts",
        help_text="The candidates whose campaign account this is, one per contest.",
    )
    link_method = models.CharField(
        max_length=20, choices=LinkMethod.choices, default=LinkMethod.UNLINKED
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    linked_at = models.DateTimeField(null=True, blank=True)
    link_confidence = models.FloatField(null=True, blank=True)

    class Meta:
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "handle"], name="unique_account_per_platform"
            )
        ]

    def __str__(self):
        return f"{self.platform}:@{self.handle}"
