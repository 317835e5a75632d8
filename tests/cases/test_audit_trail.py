"""Every service call leaves its audit events (exactly these, each naming the action), and
tampering with one of them is found by verify_audit, which names it."""

import datetime

import pytest
from django.core.management import CommandError, call_command

from agencies.models import Agency
from cases import services
from cases.models import Case, Regime, Transition
from cases.services import routing
from core.models import AuditEvent
from tests.core.test_audit import tamper

SHA = "cd" * 32


class Trail:
    """The actions of the events appended since the last call."""

    def __init__(self):
        self.seen = AuditEvent.objects.count()

    def new(self) -> list[str]:
        events = AuditEvent.objects.order_by("sequence")[self.seen :]
        actions = [event.action for event in events]
        self.seen += len(actions)
        return actions


@pytest.mark.django_db
def test_every_service_call_records_exactly_its_events(staff, asn, regime, django_user_model):
    bawaslu, bkn, ppk = staff["BAWASLU"], staff["BKN"], staff["BUPATI-BOGOR"]
    assert all(
        user.pk
        for user in (
            bawaslu["analyst"],
            bawaslu["supervisor"],
            bkn["viewer"],
            bkn["supervisor"],
            ppk["supervisor"],
        )
    )  # created beforehand
    trail, called = Trail(), set()

    def expect(name, *actions):
        called.add(name)
        assert trail.new() == list(actions), name

    case = services.open_case(bawaslu["analyst"], title="Kasus", subject=asn)
    expect("open_case", "case.open", "case.share_rules.open")  # Kemendagri reads (regional ASN)
    other = services.open_case(bawaslu["analyst"], title="Kasus lain")
    expect("open_case", "case.open", "case.share_rules.open")
    services.update_case(bawaslu["supervisor"], case, title="Kasus diperbarui")
    expect("update_case", "case.update")
    services.add_involvement(bawaslu["analyst"], case, "witness", name="Saksi")
    expect("add_involvement", "case.add_involvement")
    services.add_note(bawaslu["analyst"], case, "Catatan")
    expect("add_note", "case.add_note")
    services.add_evidence(bawaslu["analyst"], case, "url", url="https://example.org/x", sha256=SHA)
    expect("add_evidence", "case.add_evidence")
    services.link_cases(bawaslu["supervisor"], case, other, "related")
    expect("link_cases", "case.link")
    report = services.submit_report(bawaslu["analyst"], channel="public_complaint", text="Lapor")
    expect("submit_report", "report.submit")
    services.attach_report(bawaslu["analyst"], report, case)
    expect("attach_report", "report.attach")
    finding = services.add_finding(
        bawaslu["analyst"], violation_code="KTP_SUPPORT", score=0.7, report=report
    )
    expect("add_finding", "finding.add")
    services.review_finding(bawaslu["analyst"], finding, "confirmed")
    expect("review_finding", "finding.review")
    bssn = Agency.objects.get(code="BSSN")
    services.share_case(bawaslu["supervisor"], case, bssn, "read")
    expect("share_case", "case.share")
    services.unshare_case(bawaslu["supervisor"], case, bssn)
    expect("unshare_case", "case.unshare")
    services.transition_case(bawaslu["analyst"], case, "start_examination")
    expect("transition_case", "case.transition.start_examination")
    services.transition_case(bawaslu["supervisor"], case, "forward_to_supervisor")
    expect(
        "transition_case",
        "case.transition.forward_to_supervisor",
        "case.share_rules.forward_to_supervisor",
    )
    services.acknowledge_escalation(bkn["viewer"], case.escalations.get())
    expect("acknowledge_escalation", "escalation.acknowledge")
    services.issue_recommendation(bkn["supervisor"], case, proposed_sanction="heavy", text="Berat")
    expect(
        "issue_recommendation",
        "case.transition.recommend",
        "case.share_rules.recommend",
        "case.recommend",
    )
    services.record_sanction(
        ppk["supervisor"],
        case,
        level="heavy",
        decree_number="800/1",
        decree_date=datetime.date(2024, 3, 1),
    )
    expect("record_sanction", "case.transition.record_sanction", "case.record_sanction")
    assert called == set(services.__all__)  # a new service function needs its line here

    operator = django_user_model.objects.create_superuser("operator", "o@example.org", "pw")
    transition = Transition.objects.get(regime__code="SKB_2022", name="dismiss")
    transition.due_working_days = 3
    routing.save_routing(operator, transition)
    assert trail.new() == ["routing.change"]
    routing.activate_regime(operator, Regime.objects.get(code="SKB_2022"))
    assert trail.new() == ["routing.activate_regime"]
    routing.delete_routing(operator, transition)
    assert trail.new() == ["routing.delete"]


@pytest.mark.django_db
def test_tampering_with_a_case_event_is_found_and_named(staff, regime):
    case = services.open_case(staff["BAWASLU"]["analyst"], title="Kasus")
    bssn = Agency.objects.get(code="BSSN")
    services.share_case(staff["BAWASLU"]["supervisor"], case, bssn, "read")
    call_command("verify_audit")
    shared = AuditEvent.objects.get(action="case.share")
    tamper(shared.sequence)  # e.g. to hide that the case was shared with BSSN
    with pytest.raises(
        CommandError,
        match=rf"^audit chain broken at event #{shared.sequence}: "
        "content does not match its hash",
    ):
        call_command("verify_audit")
    assert Case.objects.get(pk=case.pk)  # the case itself is untouched: only the trail is broken
