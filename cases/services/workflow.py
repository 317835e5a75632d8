"""Moving cases through the flow: transitions, recommendations, sanctions, acknowledgements."""

from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import NotFound, ServiceError

from ..codes import SanctionLevel
from ..models import Case, CaseStatus, Escalation, Recommendation, Sanction
from ..notices import notify
from ..policy import (
    agency_of,
    can_acknowledge_escalation,
    is_visible,
    require,
    require_visible_case,
)
from ..workflow import Resolver, active_regime, check_transition
from ..working_days import add_working_days
from .common import lock, require_choice, snapshot
from .sharing import apply_sharing_rules

OPEN_ESCALATION = (
    Escalation.Status.OPEN,
    Escalation.Status.ACKNOWLEDGED,
    Escalation.Status.OVERDUE,
)


def _fire(actor, case: Case, name: str, reason: str, system: bool) -> tuple[Case, list[Escalation]]:
    """Apply one transition; the caller holds the transaction and the case lock."""
    if not system:
        require_visible_case(actor, case, "read")
    regime = active_regime()
    transition = check_transition(actor, case, name, regime, system)
    # A sweep acts for the agency the transition belongs to (e.g. the neutrality supervisor).
    acting = agency_of(actor) or Resolver(regime, case)(transition.actor_function)
    resolve = Resolver(regime, case, actor_agency=acting or case.holder_agency)
    now, before = (
        timezone.now(),
        snapshot(case, ("status", "holder_agency", "owner_agency", "due_at")),
    )
    if not system:  # the acting agency has now acted on what was escalated to it
        case.escalations.filter(to_agency=resolve.actor_agency, status__in=OPEN_ESCALATION).update(
            status=Escalation.Status.ACTED, acted_at=now
        )
    case.status = transition.to_status
    if transition.holder_after:
        case.holder_agency = resolve(transition.holder_after) or case.holder_agency
    if transition.owner_after:
        case.owner_agency = resolve(transition.owner_after) or case.owner_agency
    case.due_at = (
        add_working_days(timezone.localdate(), transition.due_working_days)
        if transition.due_working_days
        else None
    )
    if case.status == CaseStatus.CLOSED:
        case.closed_at = now
    case.save(update_fields=[*before, "closed_at", "updated_at"])  # what a transition changes
    escalations = Escalation.objects.bulk_create(
        Escalation(
            case=case,
            from_agency=resolve.actor_agency,
            to_agency=agency,
            step=name,
            reason=reason,
            sent_at=now,
            due_at=case.due_at,
        )
        for agency in {a.pk: a for a in map(resolve, transition.escalate_to) if a}.values()
    )
    changes = audit.diff(before, snapshot(case, before))
    audit.record(
        actor,
        f"case.transition.{name}",
        case,
        {**changes, "reason": [None, reason]} if reason else changes,
    )
    gained = apply_sharing_rules(actor, case, name, resolve)
    for escalation in escalations:
        notify(
            "escalation.opened",
            case,
            [escalation.to_agency],
            step=name,
            reason=reason,
            from_agency=escalation.from_agency.code,
            to_agency=escalation.to_agency.code,
        )
    notify(
        "case.shared",
        case,
        [a for a in gained if a.pk not in {e.to_agency_id for e in escalations}],
    )
    return case, escalations


@audit.atomic
def transition_case(
    actor, case: Case, name: str, *, reason: str = "", system: bool = False
) -> Case:
    """Fire the workflow transition `name`. `system=True` is for scheduled sweeps only."""
    return _fire(actor, lock(case), name, reason, system)[0]


@audit.atomic
def issue_recommendation(
    actor, case: Case, *, proposed_sanction: str, text: str, reason: str = ""
) -> Recommendation:
    """The neutrality supervisor recommends a sanction to the subject's PPK (transition `recommend`).
    The transition's reason is `reason`, or the recommendation's text when none is given."""
    require_choice(proposed_sanction, SanctionLevel, "proposed_sanction")
    if not text.strip():
        raise ServiceError(
            gettext("a recommendation needs its text"), field="text", code="required"
        )
    case = lock(case)
    if case.institution is None:
        require_visible_case(actor, case, "read")
        raise ServiceError(
            gettext("case %(case)s has no subject institution, so no PPK to address")
            % {"case": case.reference},
            field="case",
            code="no_ppk",
        )
    case, _ = _fire(actor, case, "recommend", reason or text, False)
    recommendation = Recommendation.objects.create(
        case=case,
        issuer=agency_of(actor) or case.owner_agency,
        addressed_ppk=case.institution.ppk_agency,
        proposed_sanction=proposed_sanction,
        text=text,
        due_at=case.due_at,
        issued_by=actor,
    )
    audit.record(
        actor,
        "case.recommend",
        recommendation,
        snapshot(recommendation, ("addressed_ppk", "proposed_sanction", "due_at")),
    )
    return recommendation


@audit.atomic
def record_sanction(
    actor,
    case: Case,
    *,
    level: str,
    decree_number: str,
    decree_date,
    measure: str = "",
    reason: str = "",
) -> Sanction:
    """The PPK reports the sanction it imposed (transition `record_sanction`). The transition's
    reason is `reason`, or the measure when none is given."""
    require_choice(level, SanctionLevel, "level")
    if not decree_number.strip():
        raise ServiceError(
            gettext("the decree number is required"), field="decree_number", code="required"
        )
    case, _ = _fire(actor, lock(case), "record_sanction", reason or measure, False)
    recommendation = case.recommendations.order_by("-created_at").first()
    sanction = Sanction.objects.create(
        case=case,
        recommendation=recommendation,
        level=level,
        measure=measure,
        decree_number=decree_number.strip(),
        decree_date=decree_date,
        imposing_ppk=agency_of(actor) or case.holder_agency,
        recorded_by=actor,
    )
    if recommendation:
        recommendation.followed_up_at = timezone.now()
        recommendation.follow_up = f"{sanction.get_level_display()} ({sanction.decree_number})"
        recommendation.save(update_fields=["followed_up_at", "follow_up", "updated_at"])
    audit.record(
        actor,
        "case.record_sanction",
        sanction,
        snapshot(sanction, ("level", "decree_number", "decree_date", "imposing_ppk")),
    )
    notify("sanction.recorded", case, [case.owner_agency], level=level)
    return sanction


@audit.atomic
def acknowledge_escalation(actor, escalation: Escalation) -> Escalation:
    """The receiving agency confirms it has the case. Idempotent: a second call changes nothing."""
    escalation = Escalation.objects.select_for_update().select_related("case").get(pk=escalation.pk)
    if not is_visible(actor, escalation):
        raise NotFound(gettext("escalation not found"), field="escalation")
    require(
        can_acknowledge_escalation(actor, escalation),
        gettext("only the receiving agency acknowledges an escalation"),
        field="escalation",
    )
    if escalation.acknowledged_at is not None:
        return escalation
    escalation.acknowledged_at, escalation.acknowledged_by = timezone.now(), actor
    if escalation.status in (Escalation.Status.OPEN, Escalation.Status.OVERDUE):
        escalation.status = Escalation.Status.ACKNOWLEDGED
    escalation.save()
    audit.record(actor, "escalation.acknowledge", escalation, {"status": [None, escalation.status]})
    notify(
        "escalation.acknowledged",
        escalation.case,
        [escalation.from_agency],
        to_agency=escalation.to_agency.code,
        step=escalation.step,
    )
    return escalation
