"""The SKB 2022 flow as a state machine whose rules are data (cases/models/routing.py).

intake → examination (Bawaslu's kajian) → dismissed | forwarded to the neutrality supervisor
(KASN, since UU 20/2023 BKN) → not proven | recommendation to the PPK → sanctioned | PPK overdue →
enforcement (BKN blocks the SIASN record; Kemendagri or KemenPAN-RB reprimands the PPK) →
sanctioned → closed.

This module resolves functions to agencies and finds the transition asked for, explaining a
refusal; who may fire it is the rule book's (cases/policy.py: can_fire_transition). The services
(cases/services/workflow.py) apply it in one transaction.
"""

from django.conf import settings

from agencies.models import Agency, Institution
from core.errors import ServiceError

from .models import Case, Function, Regime, SharingRule
from .policy import agency_of, can_fire_transition, membership_of


class WorkflowError(ServiceError):
    code = "invalid_transition"

    def __init__(self, message: str, code: str | None = None):
        super().__init__(message, field="transition", code=code)


def active_regime() -> Regime:
    """The regime in force: ROUTING_REGIME when set, else the one marked active in admin, read
    with its functions, transitions and sharing rules (four queries) at every call: who gets to
    see a case follows from these rows, so they are never taken from a cache."""
    code = getattr(settings, "ROUTING_REGIME", "")
    regimes = Regime.objects.filter(code=code) if code else Regime.objects.filter(is_active=True)
    regime = regimes.prefetch_related("transitions", "sharing_rules").first()
    if regime is None:
        raise ServiceError(f"no active routing regime (ROUTING_REGIME={code!r})", code="config")
    regime.fixed_agencies  # noqa: B018 (a cached property: read now, with the rest)
    return regime


class Resolver:
    """Resolves functions ("examiner", "ppk", ...) to the agencies playing them for one case."""

    def __init__(
        self,
        regime: Regime,
        case: Case | None = None,
        actor_agency: Agency | None = None,
        source_agency: Agency | None = None,
    ):
        self.regime, self.case = regime, case
        self.actor_agency, self.source_agency = actor_agency, source_agency
        self.fixed = regime.fixed_agencies

    def __call__(self, function: str) -> Agency | None:
        if function in self.fixed:
            return self.fixed[function]
        institution = self.case.institution if self.case else None
        if function == Function.PPK:
            return institution.ppk_agency if institution else None
        if function == Function.PPK_SUPERVISOR:
            if institution is None:
                return None
            regional = institution.kind == Institution.Kind.REGIONAL
            return self.fixed.get(
                Function.REGIONAL_SUPERVISOR if regional else Function.MERIT_SUPERVISOR
            )
        if function == Function.OWNER:
            return self.case.owner_agency if self.case else None
        if function == Function.ACTOR:
            return self.actor_agency
        if function == Function.SOURCE_AGENCY:
            return self.source_agency
        return None


def check_transition(actor, case: Case, name: str, regime: Regime, system: bool = False):
    """The Transition row that `actor` may fire on `case`, or WorkflowError saying why not."""
    transitions = regime.transitions.all()
    candidates = [t for t in transitions if t.name == name]
    transition = next((t for t in candidates if t.from_status == case.status), None)
    if transition is None:
        if not candidates:
            raise WorkflowError(f"unknown transition {name!r} in regime {regime.code}")
        possible = (
            ", ".join(sorted(t.name for t in transitions if t.from_status == case.status)) or "none"
        )
        raise WorkflowError(
            f"{name!r} is not possible while case {case.reference} is "
            f"{case.status!r}; possible: {possible}"
        )
    if system:
        if not transition.system_allowed:
            raise WorkflowError(
                f"{name!r} cannot be fired by a scheduled sweep", code="wrong_agency"
            )
        return transition
    required = Resolver(regime, case)(transition.actor_function)
    if can_fire_transition(actor, transition, required):
        return transition
    mine = agency_of(actor)
    if required is None or mine is None or mine.pk != required.pk:
        raise WorkflowError(
            f"only {required.code if required else 'nobody'} ({transition.actor_function}) may "
            f"fire {name!r} on case {case.reference}; you act for {mine.code if mine else 'no agency'}",
            code="wrong_agency",
        )
    raise WorkflowError(
        f"{name!r} needs the role {transition.min_role} or higher; you are "
        f"{membership_of(actor).role}",
        code="insufficient_role",
    )


def sharing_targets(
    regime: Regime, trigger: str, resolve: "Resolver"
) -> list[tuple[Agency, str, bool]]:
    """(agency, level, exact) for every sharing rule of `trigger` whose condition holds."""
    case = resolve.case
    institution = case.institution if case else None
    conditions = {
        SharingRule.Condition.ALWAYS: True,
        SharingRule.Condition.REGIONAL_SUBJECT: bool(
            institution and institution.kind == Institution.Kind.REGIONAL
        ),
        SharingRule.Condition.CENTRAL_SUBJECT: bool(
            institution and institution.kind == Institution.Kind.CENTRAL
        ),
        SharingRule.Condition.DETECTED: resolve.source_agency is not None,
    }
    targets = []
    for rule in (r for r in regime.sharing_rules.all() if r.trigger == trigger):
        agency = resolve(rule.function)
        if agency is not None and conditions[rule.condition]:
            targets.append((agency, rule.level, rule.exact))
    return targets
