"""The deadline sweep's write path (run by beat: cases.tasks.sweep_deadlines).

An escalation waits on its receiver while it is open or acknowledged (acknowledging is receipt,
not action) and the case is still in the stage the escalating transition led to. Before it is due
the receiver is reminded; once its due date (in Indonesian working days) has passed it is marked
overdue, the receiver and the sender are told, and when the receiver was the case's holder the
active regime's sweep transition fires (e.g. `mark_ppk_overdue`: BKN blocks the SIASN record and
Kemendagri or KemenPAN-RB reprimands the PPK), which escalates to and notifies the next level.
Each escalation is handled in its own transaction with its audit event, as the system user.
"""

import logging
from functools import reduce
from operator import or_

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core import audit
from core.actors import system_user
from core.errors import ServiceError

from ..models import Escalation, Transition
from ..notices import notify
from ..workflow import active_regime
from ..working_days import add_working_days
from .workflow import transition_case

logger = logging.getLogger(__name__)
WAITING = (Escalation.Status.OPEN, Escalation.Status.ACKNOWLEDGED)


def waiting_escalations(regime):
    """Escalations still waiting on their receiver (see the module docstring)."""
    stages = [
        Q(step=t.name, case__status=t.to_status)
        for t in Transition.objects.filter(regime=regime)
        if t.escalate_to
    ]
    if not stages:
        return Escalation.objects.none()
    return Escalation.objects.filter(reduce(or_, stages), status__in=WAITING, due_at__isnull=False)


def past_due(escalations, today):
    """Those whose due date has passed."""
    return escalations.filter(due_at__lt=today)


def due_soon(escalations, today):
    """Those due from today to NOTICE_REMIND_WORKING_DAYS Indonesian working days ahead (the
    horizon of the reminder, and of the staff's home page)."""
    horizon = add_working_days(today, settings.NOTICE_REMIND_WORKING_DAYS)
    return escalations.filter(due_at__gte=today, due_at__lte=horizon)


def sweep() -> dict:
    """Remind and mark overdue what is due; returns how many of each."""
    today, regime, system = timezone.localdate(), active_regime(), system_user()
    waiting = waiting_escalations(regime)
    overdue = list(past_due(waiting, today).values_list("pk", flat=True))
    unreminded = due_soon(waiting, today).filter(reminded_at__isnull=True)
    to_remind = list(unreminded.values_list("pk", flat=True))
    done = {
        "overdue": sum(mark_overdue(system, pk) for pk in overdue),
        "reminded": sum(remind(system, pk) for pk in to_remind),
    }
    if any(done.values()):
        logger.info("deadline sweep: %s", done)
    return done


def _lock(escalation_id: int) -> Escalation | None:
    """The escalation under a row lock, or None if a concurrent sweep holds it."""
    return (
        Escalation.objects.select_for_update(skip_locked=True)
        .select_related("case", "from_agency", "to_agency")
        .filter(pk=escalation_id)
        .first()
    )


def _facts(escalation: Escalation) -> dict:
    return {
        "step": escalation.step,
        "from_agency": escalation.from_agency.code,
        "to_agency": escalation.to_agency.code,
        "due_date": escalation.due_at,
    }


@audit.atomic
def remind(system, escalation_id: int) -> bool:
    """Tell the receiver its escalation is due soon (once)."""
    escalation = _lock(escalation_id)
    if escalation is None or escalation.reminded_at or escalation.status not in WAITING:
        return False
    escalation.reminded_at = timezone.now()
    escalation.save(update_fields=["reminded_at", "updated_at"])
    audit.record(
        system, "escalation.remind", escalation, {"reminded_at": [None, escalation.reminded_at]}
    )
    notify("escalation.reminder", escalation.case, [escalation.to_agency], **_facts(escalation))
    return True


@audit.atomic
def mark_overdue(system, escalation_id: int) -> bool:
    """Mark the escalation overdue, tell receiver and sender, and move the case to the next level
    when the regime has a sweep transition for the stage the case is in."""
    escalation = _lock(escalation_id)
    if escalation is None or escalation.status not in WAITING:
        return False
    before = escalation.status
    escalation.status, escalation.overdue_at = Escalation.Status.OVERDUE, timezone.now()
    escalation.save(update_fields=["status", "overdue_at", "updated_at"])
    audit.record(
        system,
        "escalation.overdue",
        escalation,
        {"status": [before, escalation.status], "due_at": [None, escalation.due_at]},
    )
    case = escalation.case
    notify(
        "escalation.overdue",
        case,
        [escalation.to_agency, escalation.from_agency],
        **_facts(escalation),
    )
    if escalation.to_agency_id == case.holder_agency_id:
        _escalate_further(system, escalation)
    return True


def _escalate_further(system, escalation: Escalation) -> None:
    case = escalation.case
    transition = (
        Transition.objects.filter(
            regime=active_regime(), from_status=case.status, system_allowed=True
        )
        .order_by("name")
        .first()
    )
    if transition is None:
        return
    reason = (
        f"{escalation.to_agency.code} let the deadline of {escalation.due_at:%Y-%m-%d} pass "
        f"({escalation.step})"
    )
    try:
        transition_case(system, case, transition.name, reason=reason, system=True)
    except ServiceError as error:  # the overdue mark stands; the next sweep does not retry
        logger.error(
            "case %s: sweep transition %s refused: %s",
            case.reference,
            transition.name,
            error.message,
        )
