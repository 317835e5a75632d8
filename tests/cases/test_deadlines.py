"""The deadline sweep with time frozen: reminders before the due date, overdue marks after it,
and the next level of each regime told; deadlines count Indonesian working days."""

import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from agencies.models import Notice
from cases import services
from cases.models import CaseStatus, Escalation
from cases.services import deadlines
from core.models import AuditEvent
from tests.cases.conftest import SUPERVISOR_OF
from tests.cases.test_workflow import drive_to

pytestmark = pytest.mark.django_db
REGIMES = ["SKB_2022", "UU_20_2023"]


def at(day: str, hour: int = 9):
    """Time frozen at `hour` o'clock in Jakarta on `day`."""
    when = datetime.datetime.fromisoformat(day).replace(hour=hour, tzinfo=ZoneInfo("Asia/Jakarta"))
    return time_machine.travel(when, tick=False)


def notices_of(event_type: str) -> set[str]:
    return set(
        Notice.objects.filter(event_type=event_type, channel=Notice.Channel.INBOX).values_list(
            "agency__code", flat=True
        )
    )


@pytest.mark.parametrize("regime", REGIMES, indirect=True)
def test_an_overdue_recommendation_goes_to_the_next_level_of_the_regime(staff, asn, regime):
    with at("2025-03-27"):  # a Thursday
        case = drive_to("recommended", staff, asn, regime)
    recommendation = case.escalations.get(step="recommend")
    # 14 working days, skipping Idul Fitri (31 March, 1 April) and Good Friday (18 April);
    # counting those as working days would make it 16 April.
    assert recommendation.due_at == datetime.date(2025, 4, 21)

    with at("2025-04-17"):
        assert deadlines.sweep() == {"overdue": 0, "reminded": 1}
    assert notices_of("escalation.reminder") == {"BUPATI-BOGOR"}
    with at("2025-04-21", hour=23):  # the due date itself is still in time
        assert deadlines.sweep() == {"overdue": 0, "reminded": 0}

    with at("2025-04-22"):
        assert deadlines.sweep() == {"overdue": 1, "reminded": 0}
    recommendation.refresh_from_db()
    assert recommendation.status == Escalation.Status.OVERDUE and recommendation.overdue_at
    case.refresh_from_db()
    assert case.status == CaseStatus.ENFORCEMENT
    # The PPK and the neutrality supervisor that is waiting on it are told...
    assert notices_of("escalation.overdue") == {"BUPATI-BOGOR", SUPERVISOR_OF[regime]}
    # ...and the next level acts: BKN blocks the SIASN record, Kemendagri reprimands the regent.
    enforcement = case.escalations.filter(step="mark_ppk_overdue")
    assert set(enforcement.values_list("to_agency__code", flat=True)) == {"BKN", "KEMENDAGRI"}
    assert {e.due_at for e in enforcement} == {datetime.date(2025, 4, 25)}
    assert notices_of("escalation.opened") >= {"BKN", "KEMENDAGRI"}
    assert {"escalation.remind", "escalation.overdue", "case.transition.mark_ppk_overdue"} <= set(
        AuditEvent.objects.values_list("action", flat=True)
    )

    with at("2025-04-22", hour=10):
        assert deadlines.sweep() == {"overdue": 0, "reminded": 0}  # nothing twice


def test_acknowledging_is_not_acting_and_a_settled_stage_is_not_overdue(staff, asn, regime):
    with at("2025-06-02"):
        case = drive_to("assessment", staff, asn, regime)
    forwarded = case.escalations.get()
    services.acknowledge_escalation(staff[SUPERVISOR_OF[regime]]["viewer"], forwarded)
    assert notices_of("escalation.acknowledged") == {"BAWASLU"}
    with at("2025-07-30"):
        assert deadlines.sweep()["overdue"] == 1
    forwarded.refresh_from_db()
    assert forwarded.status == Escalation.Status.OVERDUE
    case.refresh_from_db()
    assert case.status == CaseStatus.ASSESSMENT  # no sweep transition from assessment

    with at("2025-06-02"):
        case = drive_to("recommended", staff, asn, regime)
    with at("2025-07-30"):
        services.record_sanction(
            staff["BUPATI-BOGOR"]["supervisor"],
            case,
            level="heavy",
            decree_number="800/12/2025",
            decree_date=datetime.date(2025, 7, 30),
        )
        assert deadlines.sweep() == {"overdue": 0, "reminded": 0}  # the PPK acted, late or not
