"""Every transition of both regimes: allowed for the right agency and role, refused otherwise."""

import datetime

import pytest
import time_machine

from agencies.models import Agency, Role
from cases import services
from cases.models import Case, CaseStatus, Escalation, Regime, RegimeFunction, Transition
from cases.services.routing import activate_regime, save_routing
from cases.workflow import WorkflowError
from core.actors import system_user
from core.models import AuditEvent
from tests.cases.conftest import ROLES, SUPERVISOR_OF

REGIMES = ["SKB_2022", "UU_20_2023"]
OTHER_AGENCIES = ["BAWASLU", "KASN", "BKN", "KEMENDAGRI", "BSSN", "BUPATI-BOGOR"]


def open_examined(staff, asn):
    case = services.open_case(
        staff["BAWASLU"]["analyst"],
        title="Kampanye di Instagram",
        subject=asn,
        violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
    )
    return services.transition_case(staff["BAWASLU"]["analyst"], case, "start_examination")


def drive_to(status, staff, asn, regime):
    """A case in `status`, reached through the services by the agencies in turn."""
    supervisor = staff[SUPERVISOR_OF[regime]]["supervisor"]
    case = open_examined(staff, asn)
    steps = {
        "examination": [],
        "dismissed": [(staff["BAWASLU"]["supervisor"], "dismiss")],
        "assessment": [(staff["BAWASLU"]["supervisor"], "forward_to_supervisor")],
        "not_proven": [
            (staff["BAWASLU"]["supervisor"], "forward_to_supervisor"),
            (supervisor, "declare_not_proven"),
        ],
        "recommended": [
            (staff["BAWASLU"]["supervisor"], "forward_to_supervisor"),
            (supervisor, "recommend"),
        ],
    }[status]
    for actor, name in steps:
        if name == "recommend":
            services.issue_recommendation(
                actor, case, proposed_sanction="heavy", text="Sanksi berat"
            )
        else:
            case = services.transition_case(actor, case, name)
    return Case.objects.get(pk=case.pk)


@pytest.mark.parametrize("regime", REGIMES, indirect=True)
@pytest.mark.django_db
def test_full_flow_moves_the_case_between_agencies(staff, asn, regime):
    supervisor_agency = SUPERVISOR_OF[regime]
    case = drive_to("assessment", staff, asn, regime)
    assert case.owner_agency.code == case.holder_agency.code == supervisor_agency
    escalation = case.escalations.get()
    assert (escalation.from_agency.code, escalation.to_agency.code) == (
        "BAWASLU",
        supervisor_agency,
    )
    services.acknowledge_escalation(staff[supervisor_agency]["viewer"], escalation)
    recommendation = services.issue_recommendation(
        staff[supervisor_agency]["supervisor"], case, proposed_sanction="heavy", text="Sanksi berat"
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.RECOMMENDED and case.holder_agency.code == "BUPATI-BOGOR"
    assert recommendation.addressed_ppk.code == "BUPATI-BOGOR"
    assert Escalation.objects.get(case=case, step="forward_to_supervisor").status == "acted"
    services.record_sanction(
        staff["BUPATI-BOGOR"]["supervisor"],
        case,
        level="heavy",
        decree_number="800/123/2024",
        decree_date=datetime.date(2024, 3, 1),
    )
    case.refresh_from_db()
    assert case.status == CaseStatus.SANCTIONED and case.holder_agency.code == supervisor_agency
    services.transition_case(staff[supervisor_agency]["supervisor"], case, "close")
    case.refresh_from_db()
    assert case.status == CaseStatus.CLOSED and case.closed_at is not None


def transition_cases():
    """(regime, transition name, from status, acting agency, min role) for every shipped row."""
    from cases.routing_data import TRANSITIONS

    return [
        pytest.param(
            regime, name, from_status, function, min_role, id=f"{regime}-{name}-from-{from_status}"
        )
        for regime in REGIMES
        for name, from_status, _to, function, min_role, *_ in TRANSITIONS
    ]


def agency_for(function, regime):
    return {
        "examiner": "BAWASLU",
        "neutrality_supervisor": SUPERVISOR_OF[regime],
        "ppk": "BUPATI-BOGOR",
        "owner": None,
    }[function]


def reach(from_status, staff, asn, regime):
    if from_status == "intake":
        return services.open_case(staff["BAWASLU"]["analyst"], title="Kasus", subject=asn)
    if from_status in ("sanctioned", "enforcement"):
        case = drive_to("recommended", staff, asn, regime)
        if from_status == "enforcement":
            return services.transition_case(None, case, "mark_ppk_overdue", system=True)
        services.record_sanction(
            staff["BUPATI-BOGOR"]["supervisor"],
            case,
            level="light",
            decree_number="1/2024",
            decree_date=datetime.date(2024, 3, 1),
        )
        return Case.objects.get(pk=case.pk)
    return drive_to(from_status, staff, asn, regime)


def fire(actor, case, name):
    if name == "recommend":
        return services.issue_recommendation(actor, case, proposed_sanction="heavy", text="x")
    if name == "record_sanction":
        return services.record_sanction(
            actor,
            case,
            level="light",
            decree_number="2/2024",
            decree_date=datetime.date(2024, 3, 2),
        )
    return services.transition_case(actor, case, name)


@pytest.mark.parametrize(
    "regime,name,from_status,function,min_role", transition_cases(), indirect=["regime"]
)
@pytest.mark.django_db
def test_each_transition_is_allowed_only_for_its_agency_and_role(
    staff, asn, regime, name, from_status, function, min_role
):
    case = reach(from_status, staff, asn, regime)
    right = agency_for(function, regime) or case.owner_agency.code
    for agency in OTHER_AGENCIES:
        for role in ROLES:
            allowed = agency == right and Role.rank(role) >= Role.rank(min_role)
            if allowed:
                continue
            actor = staff[agency][role]
            events = AuditEvent.objects.count()
            with pytest.raises(Exception) as refused:
                fire(actor, case, name)
            assert getattr(refused.value, "code", None) in (
                "wrong_agency",
                "insufficient_role",
                "not_found",
                "permission_denied",
            ), refused.value
            assert Case.objects.get(pk=case.pk).status == from_status
            assert AuditEvent.objects.count() == events
    fire(staff[right][min_role], case, name)
    expected = Transition.objects.get(regime__code=regime, name=name, from_status=from_status)
    assert Case.objects.get(pk=case.pk).status == expected.to_status


@pytest.mark.django_db
def test_illegal_transition_names_what_is_possible(staff, asn, regime):
    case = services.open_case(staff["BAWASLU"]["analyst"], title="Kasus", subject=asn)
    with pytest.raises(
        WorkflowError,
        match=r"'recommend' is not possible while case NET-\d{4}-"
        r"\d{6} is 'Intake'; possible: start_examination",
    ):
        services.transition_case(staff["BAWASLU"]["supervisor"], case, "recommend")
    with pytest.raises(WorkflowError, match="unknown transition 'fly'"):
        services.transition_case(staff["BAWASLU"]["supervisor"], case, "fly")


@pytest.mark.parametrize("regime", REGIMES, indirect=True)
@pytest.mark.django_db
def test_ppk_overdue_escalates_to_bkn_and_the_ppk_supervisor(
    staff, asn, central_institution, regime
):
    case = drive_to("recommended", staff, asn, regime)
    case = services.transition_case(None, case, "mark_ppk_overdue", system=True)
    targets = set(
        case.escalations.filter(step="mark_ppk_overdue").values_list("to_agency__code", flat=True)
    )
    assert targets == {"BKN", "KEMENDAGRI"}  # regional subject: Kemendagri reprimands the regent
    senders = set(
        case.escalations.filter(step="mark_ppk_overdue").values_list("from_agency__code", flat=True)
    )
    assert senders == {SUPERVISOR_OF[regime]}  # the sweep acts for the neutrality supervisor
    assert case.holder_agency.code == "BUPATI-BOGOR"
    with pytest.raises(WorkflowError, match="cannot be fired by a scheduled sweep"):
        services.transition_case(None, case, "record_sanction", system=True)
    asn.institution = central_institution
    asn.save()
    case = services.transition_case(
        None, drive_to("recommended", staff, asn, regime), "mark_ppk_overdue", system=True
    )
    targets = set(
        case.escalations.filter(step="mark_ppk_overdue").values_list("to_agency__code", flat=True)
    )
    assert targets == {"BKN", "KEMENPANRB"}  # central PPK: KemenPAN-RB


@pytest.mark.django_db
def test_due_dates_skip_weekends_and_public_holidays(staff, asn, regime):
    # Friday 9 Feb 2024 (cuti bersama); 14 Feb 2024 is election day: 7 working days -> 21 Feb.
    with time_machine.travel(datetime.datetime(2024, 2, 9, 10, tzinfo=datetime.UTC), tick=False):
        case = open_examined(staff, asn)
    assert case.due_at == datetime.date(2024, 2, 21)


@pytest.mark.django_db
def test_the_routing_regime_is_data(staff, asn, settings):
    settings.ROUTING_REGIME = ""  # the regime marked active: UU_20_2023 as shipped
    case = drive_to("assessment", staff, asn, "UU_20_2023")
    assert case.holder_agency.code == "BKN"
    activate_regime(system_user(), Regime.objects.get(code="SKB_2022"))
    function = RegimeFunction.objects.get(regime__code="SKB_2022", function="neutrality_supervisor")
    function.agency = Agency.objects.get(code="KEMENPANRB")
    save_routing(system_user(), function)
    case = drive_to("assessment", staff, asn, "SKB_2022")
    assert case.holder_agency.code == "KEMENPANRB"
