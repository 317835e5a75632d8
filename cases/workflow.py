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
from django.utils.translation import gettext

from agencies.models import Agency, Institution, Role
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
        raise ServiceError(
            gettext("no active routing regime (ROUTING_REGIME='%(code)s')") % {"code": code},
            code="config",
        )
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
            raise WorkflowError(
                gettext("unknown transition '%(transition)s' in regime %(regime)s")
                % {"transition": name, "regime": regime.code}
            )
        possible = ", ".join(
            sorted(t.name for t in transitions if t.from_status == case.status)
        ) or gettext("none")
        raise WorkflowError(
            gettext(
                "'%(transition)s' is not possible while case %(case)s is '%(status)s'; "
                "possible: %(possible)s"
            )
            % {
                "transition": name,
                "case": case.reference,
                "status": case.get_status_display(),
                "possible": possible,
            }
        )
    if system:
        if not transition.system_allowed:
            raise WorkflowError(
                gettext("'%(transition)s' cannot be fired by a scheduled sweep")
                % {"transition": name},
                code="wrong_agency",
            )
        return transition
    required = Resolver(regime, case)(transition.actor_function)
    if can_fire_transition(actor, transition, required):
        return transition
    mine = agency_of(actor)
    if required is None or mine is None or mine.pk != required.pk:
        raise WorkflowError(
            gettext(
                "only %(agency)s (%(function)s) may fire '%(transition)s' on case %(case)s; "
                "you act for %(mine)s"
            )
            % {
                "agency": required.code if required else gettext("nobody"),
                "function": transition.get_actor_function_display(),
                "transition": name,
                "case": case.reference,
                "mine": mine.code if mine else gettext("no agency"),
            },
            code="wrong_agency",
        )
    roles = dict(Role.choices)
    raise WorkflowError(
        gettext("'%(transition)s' needs the role %(role)s or higher; you are %(current)s")
        % {
            "transition": name,
            "role": roles.get(transition.min_role, transition.min_role),
            "current": roles.get(membership_of(actor).role, membership_of(actor).role),
        },
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
