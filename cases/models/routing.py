"""The routing table of a regime, as data an operator edits in admin (no deploy needed).

A regime maps functions (examiner, neutrality supervisor, ...) to agencies, and lists the
transitions of the workflow: who may fire them, who holds the case after, which escalations they
open with what due date, and how the case is shared. SKB_2022 gives the neutrality supervisor role
to KASN; UU_20_2023 (Law 20/2023 dissolved KASN) gives it to BKN.
"""

from django.db import models
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from core.models import TimestampedModel

from .cases import CaseStatus


class Function(models.TextChoices):
    """The parts agencies play in the flow. `ppk`, `ppk_supervisor`, `actor`, `owner` and
    `source_agency` are resolved per case rather than through RegimeFunction rows."""

    EXAMINER = "examiner", _("Examiner (Bawaslu)")
    NEUTRALITY_SUPERVISOR = "neutrality_supervisor", _("Neutrality supervisor (KASN, later BKN)")
    PERSONNEL_ENFORCER = "personnel_enforcer", _("Personnel records (BKN: blocks SIASN)")
    REGIONAL_SUPERVISOR = "regional_supervisor", _("Supervisor of regional heads (Kemendagri)")
    MERIT_SUPERVISOR = "merit_supervisor", _("Supervisor of central PPK (KemenPAN-RB)")
    DETECTOR = "detector", _("Digital detection (BSSN)")
    PPK = "ppk", _("The PPK of the subject's institution")
    PPK_SUPERVISOR = (
        "ppk_supervisor",
        _("Whoever sanctions that PPK (regional or merit supervisor)"),
    )
    ACTOR = "actor", _("The agency acting")
    OWNER = "owner", _("The case's owner agency")
    SOURCE_AGENCY = "source_agency", _("The agency whose feed supplied the content")


class ShareLevel(models.TextChoices):
    """Per-agency access to one case; each level includes the ones before it."""

    READ = "read", _("Read")
    CONTRIBUTE = "contribute", _("Contribute (notes, evidence)")
    MANAGE = "manage", _("Manage (transition, share, escalate)")


class Regime(TimestampedModel):
    code = models.SlugField(max_length=40, unique=True, verbose_name=_("code"))
    name = models.CharField(max_length=200, verbose_name=_("name"))
    description = models.TextField(blank=True, verbose_name=_("description"))
    is_active = models.BooleanField(
        default=False,
        help_text=_("The regime new transitions follow (unless ROUTING_REGIME is set)."),
        verbose_name=_("is active"),
    )

    class Meta:
        verbose_name = _("regime")
        verbose_name_plural = _("regimes")
        ordering = ["code"]

    def __str__(self):
        return self.code

    @cached_property
    def fixed_agencies(self) -> dict:
        """{function: agency} for the functions this regime gives to one agency; read once per
        instance, so the resolvers of one transition share it."""
        return {rf.function: rf.agency for rf in self.functions.select_related("agency")}


class RegimeFunction(TimestampedModel):
    regime = models.ForeignKey(
        Regime, on_delete=models.CASCADE, related_name="functions", verbose_name=_("regime")
    )
    function = models.CharField(max_length=30, choices=Function.choices, verbose_name=_("function"))
    agency = models.ForeignKey(
        "agencies.Agency", on_delete=models.PROTECT, related_name="+", verbose_name=_("agency")
    )

    class Meta:
        verbose_name = _("regime function")
        verbose_name_plural = _("regime functions")
        ordering = ["regime", "function"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "function"], name="unique_function_per_regime"
            )
        ]

    def __str__(self):
        return f"{self.regime}: {self.get_function_display()} = {self.agency}"


class Transition(TimestampedModel):
    regime = models.ForeignKey(
        Regime, on_delete=models.CASCADE, related_name="transitions", verbose_name=_("regime")
    )
    name = models.SlugField(max_length=60, verbose_name=_("name"))
    from_status = models.CharField(
        max_length=20, choices=CaseStatus.choices, verbose_name=_("from status")
    )
    to_status = models.CharField(
        max_length=20, choices=CaseStatus.choices, verbose_name=_("to status")
    )
    actor_function = models.CharField(
        max_length=30, choices=Function.choices, verbose_name=_("actor function")
    )
    min_role = models.CharField(
        max_length=20,
        default="supervisor",
        help_text=_("Lowest agency role that may fire it."),
        verbose_name=_("min role"),
    )
    system_allowed = models.BooleanField(
        default=False,
        help_text=_("Scheduled sweeps may fire it (e.g. PPK overdue)."),
        verbose_name=_("system allowed"),
    )
    holder_after = models.CharField(
        max_length=30,
        choices=Function.choices,
        blank=True,
        help_text=_("Who must act next; empty keeps the holder."),
        verbose_name=_("holder after"),
    )
    owner_after = models.CharField(
        max_length=30,
        choices=Function.choices,
        blank=True,
        help_text=_("New owner agency; empty keeps the owner."),
        verbose_name=_("owner after"),
    )
    escalate_to = models.JSONField(
        default=list,
        blank=True,
        help_text=_("Functions that receive an escalation."),
        verbose_name=_("escalate to"),
    )
    due_working_days = models.PositiveSmallIntegerField(
        null=True,
        blank=True,
        help_text=_("Deadline for the escalation, in Indonesian working days."),
        verbose_name=_("due working days"),
    )
    description = models.TextField(blank=True, verbose_name=_("description"))

    class Meta:
        verbose_name = _("transition")
        verbose_name_plural = _("transitions")
        ordering = ["regime", "from_status", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["regime", "name", "from_status"], name="unique_transition_per_state"
            )
        ]

    def __str__(self):
        return (
            f"{self.regime}: {self.name} "
            f"({self.get_from_status_display()} → {self.get_to_status_display()})"
        )


class SharingRule(TimestampedModel):
    """When `trigger` happens (case opened, or a transition by name), share the case with the
    agency playing `function` at `level` — if `condition` holds for the case."""

    class Condition(models.TextChoices):
        ALWAYS = "always", _("Always")
        REGIONAL_SUBJECT = "regional_subject", _("The subject works for a regional institution")
        CENTRAL_SUBJECT = "central_subject", _("The subject works for a central institution")
        DETECTED = "detected", _("The case came from detection on an agency's feed")

    regime = models.ForeignKey(
        Regime, on_delete=models.CASCADE, related_name="sharing_rules", verbose_name=_("regime")
    )
    trigger = models.CharField(
        max_length=60, help_text=_("'open' or a transition name."), verbose_name=_("trigger")
    )
    function = models.CharField(max_length=30, choices=Function.choices, verbose_name=_("function"))
    level = models.CharField(max_length=20, choices=ShareLevel.choices, verbose_name=_("level"))
    condition = models.CharField(
        max_length=20,
        choices=Condition.choices,
        default=Condition.ALWAYS,
        verbose_name=_("condition"),
    )
    exact = models.BooleanField(
        default=False,
        help_text=_(
            "Set exactly this level, even if lower (e.g. the examiner keeps "
            "read access once the case is forwarded); otherwise only raise."
        ),
        verbose_name=_("exact"),
    )

    class Meta:
        verbose_name = _("sharing rule")
        verbose_name_plural = _("sharing rules")
        ordering = ["regime", "trigger", "function"]

    def __str__(self):
        return _("%(regime)s: on %(trigger)s share %(level)s with %(function)s") % {
            "regime": self.regime,
            "trigger": self.trigger,
            "level": self.get_level_display(),
            "function": self.get_function_display(),
        }
