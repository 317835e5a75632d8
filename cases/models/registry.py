"""Registry: civil servants (ASN) and the social-media accounts linked to them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from ..codes import Platform
from ..nip import validate_nip


class CivilServant(TimestampedModel):
    """An ASN (Aparatur Sipil Negara, civil servant), identified by NIP."""

    class PositionType(models.TextChoices):
        JPT = "jpt", _("JPT (senior executive)")
        ADMINISTRATOR = "administrator", _("Administrator")
        SUPERVISOR = "supervisor", _("Pengawas (supervisor)")
        FUNCTIONAL = "functional", _("Fungsional")
        EXECUTOR = "executor", _("Pelaksana (executor)")

    class EmploymentType(models.TextChoices):
        PNS = "PNS", _("PNS (career civil servant)")
        PPPK = "PPPK", _("PPPK (contract civil servant)")

    nip = models.CharField(
        max_length=18, unique=True, validators=[validate_nip], verbose_name="NIP"
    )
    name = models.CharField(max_length=200, db_index=True, verbose_name=_("name"))
    institution = models.ForeignKey(
        "agencies.Institution",
        on_delete=models.PROTECT,
        related_name="civil_servants",
        verbose_name=_("institution"),
    )
    position = models.CharField(max_length=200, blank=True, verbose_name=_("position"))
    position_type = models.CharField(
        max_length=20,
        choices=PositionType.choices,
        default=PositionType.EXECUTOR,
        verbose_name=_("position type"),
    )
    employment_type = models.CharField(
        max_length=4,
        choices=EmploymentType.choices,
        default=EmploymentType.PNS,
        verbose_name=_("employment type"),
    )
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="civil_servants",
        verbose_name=_("region"),
    )

    class Meta:
        verbose_name = _("civil servant")
        verbose_name_plural = _("civil servants")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.nip})"


class SocialAccount(TimestampedModel):
    """An account on a platform; owned by an ASN once linked, or a candidate's campaign account
    (in every contest the candidate runs in: CampaignAccount)."""

    class LinkMethod(models.TextChoices):
        UNLINKED = "unlinked", _("Not linked")
        SELF_DECLARED = "self_declared", _("Declared by the ASN")
        REGISTRY_IMPORT = "registry_import", _("Imported from a personnel registry")
        ANALYST = "analyst", _("Linked by an analyst")
        DETECTION = "detection", _("Suggested by detection")

    platform = models.CharField(max_length=20, choices=Platform.choices, verbose_name=_("platform"))
    handle = models.CharField(
        max_length=100,
        help_text=_("Normalised: lower case, no leading @."),
        verbose_name=_("handle"),
    )
    display_name = models.CharField(max_length=200, blank=True, verbose_name=_("display name"))
    url = models.URLField(blank=True, verbose_name=_("url"))
    owner = models.ForeignKey(
        CivilServant,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="accounts",
        verbose_name=_("owner"),
    )
    campaign_of = models.ManyToManyField(
        "cases.Candidate",
        through="cases.CampaignAccount",
        blank=True,
        related_name="accounts",
        help_text=_("The candidates whose campaign account this is, one per contest."),
        verbose_name=_("campaign of"),
    )
    link_method = models.CharField(
        max_length=20,
        choices=LinkMethod.choices,
        default=LinkMethod.UNLINKED,
        verbose_name=_("link method"),
    )
    linked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("linked by"),
    )
    linked_at = models.DateTimeField(null=True, blank=True, verbose_name=_("linked at"))
    link_confidence = models.FloatField(null=True, blank=True, verbose_name=_("link confidence"))

    class Meta:
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")
        ordering = ["platform", "handle"]
        constraints = [
            models.UniqueConstraint(
                fields=["platform", "handle"], name="unique_account_per_platform"
            )
        ]

    def __str__(self):
        return f"{self.platform}:@{self.handle}"
