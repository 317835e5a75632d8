"""Cases and what hangs directly off them: involvements, links between cases, notes."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel


class CaseStatus(models.TextChoices):
    """The states of the SKB 2022 flow (see cases/workflow.py for who moves a case between them)."""

    INTAKE = "intake", _("Intake")
    EXAMINATION = "examination", _("Examination (kajian)")
    DISMISSED = "dismissed", _("Dismissed")
    ASSESSMENT = "assessment", _("Assessment by the neutrality supervisor")
    NOT_PROVEN = "not_proven", _("Not proven")
    RECOMMENDED = "recommended", _("Recommendation to the PPK")
    ENFORCEMENT = "enforcement", _("Enforcement (PPK overdue)")
    SANCTIONED = "sanctioned", _("Sanctioned")
    CLOSED = "closed", _("Closed")


class Case(TimestampedModel):
    class Severity(models.TextChoices):
        LOW = "low", _("Low")
        MEDIUM = "medium", _("Medium")
        HIGH = "high", _("High")

    reference = models.CharField(
        max_length=20,
        unique=True,
        editable=False,
        help_text=_("Human reference, e.g. NET-2024-000123."),
        verbose_name=_("reference"),
    )
    title = models.CharField(max_length=300, verbose_name=_("title"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    owner_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="owned_cases",
        verbose_name=_("owner agency"),
    )
    holder_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="held_cases",
        help_text=_("The agency that must act now."),
        verbose_name=_("holder agency"),
    )
    status = models.CharField(
        max_length=20,
        choices=CaseStatus.choices,
        default=CaseStatus.INTAKE,
        verbose_name=_("status"),
    )
    severity = models.CharField(
        max_length=10, choices=Severity.choices, default=Severity.MEDIUM, verbose_name=_("severity")
    )
    violation_codes = models.JSONField(default=list, blank=True, verbose_name=_("violation codes"))
    intake_channel = models.CharField(
        max_length=20,
        blank=True,
        help_text=_("How the case came in (a Report channel)."),
        verbose_name=_("intake channel"),
    )
    contest = models.ForeignKey(
        "cases.Contest",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("contest"),
    )
    institution = models.ForeignKey(
        "agencies.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text=_("The subject ASN's institution."),
        verbose_name=_("institution"),
    )
    region = models.ForeignKey(
        "core.Region",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        verbose_name=_("region"),
    )
    due_at = models.DateField(null=True, blank=True, verbose_name=_("due at"))
    outcome = models.TextField(blank=True, verbose_name=_("outcome"))
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("opened by"),
    )
    closed_at = models.DateTimeField(null=True, blank=True, verbose_name=_("closed at"))

    class Meta:
        verbose_name = _("case")
        verbose_name_plural = _("cases")
        ordering = ["-created_at"]
        permissions = [
            ("contribute_case", "Add notes and evidence to the case"),
            ("manage_case", "Transition, share and escalate the case"),
        ]
        indexes = [
            models.Index(fields=["status", "holder_agency"]),
            models.Index(fields=["contest", "status"]),
            models.Index(fields=["-created_at", "-id"]),
        ]

    def __str__(self):
        return self.reference


class CaseSequence(models.Model):
    """The last case number given out per year; locked while a reference is assigned."""

    year = models.PositiveIntegerField(primary_key=True, verbose_name=_("year"))
    last_number = models.PositiveIntegerField(default=0, verbose_name=_("last number"))

    class Meta:
        verbose_name = _("case sequence")
        verbose_name_plural = _("case sequences")


class Involvement(TimestampedModel):
    """A person's part in a case. The pressuring party (a superior, an incumbent, a team) is
    recorded so they can be sanctioned too; they need not be an ASN."""

    class Role(models.TextChoices):
        SUBJECT = "subject", _("Subject (the ASN)")
        PRESSURING_PARTY = "pressuring_party", _("Pressuring party")
        BENEFICIARY_CANDIDATE = "beneficiary_candidate", _("Beneficiary candidate")
        WITNESS = "witness", _("Witness")
        REPORTER = "reporter", _("Reporter")

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="involvements", verbose_name=_("case")
    )
    role = models.CharField(max_length=30, choices=Role.choices, verbose_name=_("role"))
    civil_servant = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
        verbose_name=_("civil servant"),
    )
    candidate = models.ForeignKey(
        "cases.Candidate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
        verbose_name=_("candidate"),
    )
    name = models.CharField(
        max_length=200,
        blank=True,
        help_text=_("For people not in the registry."),
        verbose_name=_("name"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("added by"),
    )

    class Meta:
        verbose_name = _("involvement")
        verbose_name_plural = _("involvements")
        ordering = ["case", "role", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(civil_servant__isnull=False)
                | models.Q(candidate__isnull=False)
                | ~models.Q(name=""),
                name="involvement_names_someone",
            ),
        ]

    def __str__(self):
        who = self.civil_servant or self.candidate or self.name
        return f"{self.get_role_display()}: {who}"


class CaseLink(TimestampedModel):
    class Kind(models.TextChoices):
        RELATED = "related", _("Related to")
        DUPLICATE_OF = "duplicate_of", _("Duplicate of")

    from_case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="links_out", verbose_name=_("from case")
    )
    to_case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="links_in", verbose_name=_("to case")
    )
    kind = models.CharField(max_length=20, choices=Kind.choices, verbose_name=_("kind"))
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("created by"),
    )

    class Meta:
        verbose_name = _("case link")
        verbose_name_plural = _("case links")
        constraints = [
            models.UniqueConstraint(
                fields=["from_case", "to_case", "kind"], name="unique_case_link"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")), name="case_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_case} {self.get_kind_display().lower()} {self.to_case}"


class Note(TimestampedModel):
    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="notes", verbose_name=_("case")
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("author"),
    )
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )
    text = models.TextField(verbose_name=_("text"))

    class Meta:
        verbose_name = _("note")
        verbose_name_plural = _("notes")
        ordering = ["case", "created_at"]

    def __str__(self):
        return _("Note #%(number)s") % {"number": self.pk}
