"""A small world for the workspace's pages: cases at several steps, escalations overdue and due
soon, findings waiting for review and for identity linking, notices in the agencies' inboxes."""

import datetime

import pytest
from django.utils import timezone

from cases import services
from cases.models import Escalation
from core.actors import system_user
from tests.cases.conftest import SUPERVISOR_OF
from tests.cases.test_workflow import drive_to, open_examined


@pytest.fixture
def world(staff, asn, regime):
    bawaslu = staff["BAWASLU"]["analyst"]
    supervisor_agency = SUPERVISOR_OF[regime]
    staff[supervisor_agency]["supervisor"].email = "pengawas@example.go.id"  # gets e-mail too
    staff[supervisor_agency]["supervisor"].save(update_fields=["email"])
    intake = services.open_case(bawaslu, title="Foto bersama calon bupati", subject=asn)
    examined = open_examined(staff, asn)
    late, soon = (drive_to("assessment", staff, asn, regime) for _ in range(2))
    today = timezone.localdate()
    Escalation.objects.filter(case=late).update(due_at=today - datetime.timedelta(days=3))
    Escalation.objects.filter(case=soon).update(due_at=today)
    # The supervisor acknowledges one: Bawaslu, which escalated it, is told.
    services.acknowledge_escalation(
        staff[supervisor_agency]["viewer"], Escalation.objects.get(case=soon)
    )
    services.add_finding(bawaslu, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.6, subject=asn)
    for score in (0.55, 0.7):
        services.add_finding(system_user(), violation_code="SOCIAL_MEDIA_CAMPAIGN", score=score)
    return {
        "intake": intake,
        "examined": examined,
        "late": late,
        "soon": soon,
        "supervisor_agency": supervisor_agency,
    }
