from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class Role(models.TextChoices):
    """Roles within an agency, lowest first; each is a Django group per agency (`BAWASLU/analyst`)."""

    VIEWER = "viewer", _("Viewer")
    ANALYST = "analyst", _("Analyst")
    SUPERVISOR = "supervisor", _("Supervisor")
    AGENCY_ADMIN = "agency_admin", _("Agency admin")

    @classmethod
    def rank(cls, role: str) -> int:
        return cls.values.index(role)


class Agency(TimestampedModel):
    """A participating agency. Agencies are data, so the post-2024 BKN routing needs no deploy.

    PPK (Pejabat Pembina Kepegawaian, the official who manages an institution's civil servants and
    imposes sanctions: a minister, governor, regent or mayor) take part as agencies of kind PPK.
    """

    class Kind(models.TextChoices):
        ELECTION_SUPERVISOR = "election_supervisor", _("Election supervisor")
        CIVIL_SERVICE_COMMISSION = "civil_service_commission", _("Civil service commission")
        MINISTRY = "ministry", _("Ministry")
        CYBER = "cyber", _("Cyber and crypto agency")
        PERSONNEL = "personnel", _("Personnel agency")
        PPK = "ppk", _("PPK (sanctioning official)")

    code = models.SlugField(max_length=40, unique=True, allow_unicode=False, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    kind = models.CharField(max_length=30, choices=Kind.choices, verbose_name=_("kind"))
    active = models.BooleanField(default=True, verbose_name=_("active"))
    group = models.OneToOneField(
        Group,
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="agency",
        help_text=_(
            "Every member's group; cases are shared with the agency by object permissions "
            "on this group (django-guardian rows), never by model-level permissions."
        ),
        verbose_name=_("group"),
    )

    class Meta:
        verbose_name = _("agency")
        verbose_name_plural = _("agencies")
        ordering = ["code"]

    def __str__(self):
        return self.code


class AgencyRole(TimestampedModel):
    """The Django group that carries one role of one agency (created automatically)."""

    agency = models.ForeignKey(
        Agency, on_delete=models.CASCADE, related_name="roles", verbose_name=_("agency")
    )
    role = models.CharField(max_length=20, choices=Role.choices, verbose_name=_("role"))
    group = models.OneToOneField(
        Group, on_delete=models.PROTECT, related_name="agency_role", verbose_name=_("group")
    )

    class Meta:
        verbose_name = _("agency role")
        verbose_name_plural = _("agency roles")
        ordering = ["agency__code", "role"]
        constraints = [
            models.UniqueConstraint(fields=["agency", "role"], name="unique_agency_role"),
        ]

    def __str__(self):
        return f"{self.agency.code}: {self.get_role_display()}"

    @staticmethod
    def group_name(agency_code: str, role: str) -> str:
        return f"{agency_code}/{role}"
