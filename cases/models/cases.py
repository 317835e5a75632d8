"""Cases and what hangs directly off them: involvements, links between cases, notes."""

from django.conf import settings
from django.db import models

from core.models import TimestampedModel


class CaseStatus(models.TextChoices):
    """The states of the SKB 2022 flow (see cases/workflow.py for who moves a case between them)."""

    INTAKE = "intake", "Intake"
    EXAMINATION = "examination", "Examination (kajian)"
    DISMISSED = "dismissed", "Dismissed"
    ASSESSMENT = "assessment", "Assessment by the neutrality supervisor"
    NOT_PROVEN = "not_proven", "Not proven"
    RECOMMENDED = "recommended", "Recommendation to the PPK"
    ENFORCEMENT = "enforcement", "Enforcement (PPK overdue)"
    SANCTIONED = "sanctioned", "Sanctioned"
    CLOSED = "closed", "Closed"


class Case(TimestampedModel):
    class Severity(models.TextChoices):
        LOW = "low", "Low"
        MEDIUM = "medium", "Medium"
        HIGH = "high", "High"

    reference = models.CharField(
        max_length=20,
        unique=True,
        editable=False,
        help_text="Human reference, e.g. NET-2024-000123.",
    )
    title = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    owner_agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="owned_cases"
    )
    holder_agency = models.ForeignKey(
        "agencies.Agency",
        on_delete=models.PROTECT,
        related_name="held_cases",
        help_text="The agency that must act now.",
    )
    status = models.CharField(max_length=20, choices=CaseStatus.choices, default=CaseStatus.INTAKE)
    severity = models.CharField(max_length=10, choices=Severity.choices, default=Severity.MEDIUM)
    violation_codes = models.JSONField(default=list, blank=True)
    intake_channel = models.CharField(
        max_length=20, blank=True, help_text="How the case came in (a Report channel)."
    )
    contest = models.ForeignKey(
        "cases.Contest", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    institution = models.ForeignKey(
        "agencies.Institution",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="cases",
        help_text="The subject ASN's institution.",
    )
    region = models.ForeignKey(
        "core.Region", null=True, blank=True, on_delete=models.SET_NULL, related_name="cases"
    )
    due_at = models.DateField(null=True, blank=True)
    outcome = models.TextField(blank=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
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

    year = models.PositiveIntegerField(primary_key=True)
    last_number = models.PositiveIntegerField(default=0)


class Involvement(TimestampedModel):
    """A person's part in a case. The pressuring party (a superior, an incumbent, a team) is
    recorded so they can be sanctioned too; they need not be an ASN."""

    class Role(models.TextChoices):
        SUBJECT = "subject", "Subject (the ASN)"
        PRESSURING_PARTY = "pressuring_party", "Pressuring party"
        BENEFICIARY_CANDIDATE = "beneficiary_candidate", "Beneficiary candidate"
        WITNESS = "witness", "Witness"
        REPORTER = "reporter", "Reporter"

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="involvements")
    role = models.CharField(max_length=30, choices=Role.choices)
    civil_servant = models.ForeignKey(
        "cases.CivilServant",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    candidate = models.ForeignKey(
        "cases.Candidate",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="involvements",
    )
    name = models.CharField(max_length=200, blank=True, help_text="For people not in the registry.")
    description = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
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
        RELATED = "related", "Related to"
        DUPLICATE_OF = "duplicate_of", "Duplicate of"

    from_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_out")
    to_case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="links_in")
    kind = models.CharField(max_length=20, choices=Kind.choices)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["from_case", "to_case", "kind"], name="unique_case_link"
            ),
            models.CheckConstraint(
                condition=~models.Q(from_case=models.F("to_case")), name="case_link_not_to_itself"
            ),
        ]

    def __str__(self):
        return f"{self.from_case} {self.kind} {self.to_case}"


class Note(TimestampedModel):
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="notes")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")
    text = models.TextField()

    class Meta:
        ordering = ["case", "created_at"]

    def __str__(self):
        return f"Note #{self.pk} on {self.case_id}"
