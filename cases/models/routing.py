"""The routing table of a regime, as data an operator edits in admin (no deploy needed).

A regime maps functions (examiner, neutrality supervisor, ...) to agencies, and lists the
transitions of the workflow: who may fire them, who holds the case after, which escalations they
open with what due date, and how the case is shared. SKB_2022 gives the neutrality supervisor role
to KASN; UU_20_2023 (Law 20/2023 dissolved KASN) gives it to BKN.
"""

from django.db import models
from django.utils.functional import cached_property

from core.models import TimestampedModel

from .cases import CaseStatus


class Function(models.TextChoices):
    """The parts agencies play in the flow. `ppk`, `ppk_supervisor`, `actor`, `owner` and
    `source_agency` are resolved per case rather than through RegimeFunction rows."""

    EXAMINER = "examiner", "Examiner (Bawaslu)"
    NEUTRALITY_SUPERVISOR = "neutrality_supervisor", "Neutrality supervisor (KASN, later BKN)"
    PERSONNEL_ENFORCER = "personnel_enforcer", "Personnel records (BKN: blocks SIASN)"
    REGIONAL_SUPERVISOR = "regional_supervisor", "Supervisor of regional heads (Kemendagri)"
    MERIT_SUPERVISOR = "merit_supervisor", "Supervisor of central PPK (KemenPAN-RB)"
    DETECTOR = "detector", "Digital detection (BSSN)"
    PPK = "ppk", "The PPK of the subject's institution"
    PPK_SUPERVISOR = "ppk_supervisor", "Whoever sanctions that PPK (regional or merit supervisor)"
    ACTOR = "actor", "The agency acting"
    OWNER = "owner", "The case's owner agency"
    SOURCE_AGENCY = "source_agency", "The agency whose feed supplied the content"


class ShareLevel(models.TextChoices):
    """Per-agency access to one case; each level includes the ones before it."""

    READ = "read", "Read"
    CONTRIBUTE = "contribute", "Contribute (notes, evidence)"
    MANAGE = "manage", "Manage (transition, share, escalate)"


class Regime(TimestampedModel):
    code = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    is_active = models.BooleanField(
        default=False, help_text="The regime new transitions follow (unless ROUTING_REGIME is set)."
    )

    class Meta:
        ordering = ["code"]

    def __str__(self):
        return self.code

    @cached_property
    def fixed_agencies(self) -> dict:
        """{function: agency} for the functions this regime gives to one agency; read once per
        instance, so the resolvers of one transition share it."""
        return {rf.function: rf.agency for rf in self.functions.select_related("agency")}


class RegimeFunction(TimestampedModel):
    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="functions")
    function = models.CharField(max_length=30, choices=Function.choices)
    agency = models.ForeignKey("agencies.Agency", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["regime", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "function"], name="unique_function_per_regime"
            )
        ]

    def __str__(self):
        return f"{self.regime}: {self.function} = {self.agency}"


class Transition(TimestampedModel):
    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="transitions")
    name = models.SlugField(max_length=60)
    from_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    to_status = models.CharField(max_length=20, choices=CaseStatus.choices)
    actor_function = models.CharField(max_length=30, choices=Function.choices)
    min_role = models.CharField(
        max_length=20, default="supervisor", help_text="Lowest agency role that may fire it."
    )
    system_allowed = models.BooleanField(
        default=False, help_text="Scheduled sweeps may fire it (e.g. PPK overdue)."
    )
    holder_after = models.CharField(
        max_length=30,
        choices=Function.choices,
        blank=True,
        help_text="Who must act next; empty keeps the holder.",
    )
    owner_after = models.CharField(
        max_length=30,
        choices=Function.choices,
        blank=True,
        help_text="New owner agency; empty keeps the owner.",
    )
    escalate_to = models.JSONField(
        default=list, blank=True, help_text="Functions that receive an escalation."
    )
    due_working_days = models.PositiveSmallIntegerField(
        null=True, blank=True, help_text="Deadline for the escalation, in Indonesian working days."
    )
    description = models.TextField(blank=True)

    class Meta:
        ordering = ["regime", "from_status", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "name", "from_status"], name="unique_transition_per_state"
            )
        ]

    def __str__(self):
        return f"{self.regime}: {self.name} ({self.from_status} -> {self.to_status})"


class SharingRule(TimestampedModel):
    """When `trigger` happens (case opened, or a transition by name), share the case with the
    agency playing `function` at `level` — if `condition` holds for the case."""

    class Condition(models.TextChoices):
        ALWAYS = "always", "Always"
        REGIONAL_SUBJECT = "regional_subject", "The subject works for a regional institution"
        CENTRAL_SUBJECT = "central_subject", "The subject works for a central institution"
        DETECTED = "detected", "The case came from detection on an agency's feed"

    regime = models.ForeignKey(Regime, on_delete=models.CASCADE, related_name="sharing_rules")
    trigger = models.CharField(max_length=60, help_text="'open' or a transition name.")
    function = models.CharField(max_length=30, choices=Function.choices)
    level = models.CharField(max_length=20, choices=ShareLevel.choices)
    condition = models.CharField(max_length=20, choices=Condition.choices, default=Condition.ALWAYS)
    exact = models.BooleanField(
        default=False,
        help_text="Set exactly this level, even if lower (e.g. the examiner keeps "
        "read access once the case is forwarded); otherwise only raise.",
    )

    class Meta:
        ordering = ["regime", "trigger", "function"]

    def __str__(self):
        return f"{self.regime}: on {self.trigger} share {self.level} with {self.function}"
