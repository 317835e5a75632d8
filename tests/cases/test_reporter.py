"""The reporter's identity is protected: only the receiving agency's supervisors (and above)
see it, in the policy and in admin; every other user sees the report without it."""

import pytest

from cases import policy, services
from cases.models import Report
from tests.cases.conftest import ROLES

REPORTER = "Rahmat Hidayat"
CONTACT = "0812-3456-7890"


@pytest.fixture
def report(staff, asn, regime):
    report = services.submit_report(
        staff["BAWASLU"]["analyst"],
        channel="public_complaint",
        text="Terlapor membagikan poster paslon di grup WhatsApp.",
        subject=asn,
        reporter_name=REPORTER,
        reporter_contact=CONTACT,
    )
    case = services.open_case(staff["BAWASLU"]["analyst"], title="Kasus", subject=asn)
    Report.objects.filter(pk=report.pk).update(case=case)  # the report joins the case
    for agency in ("KASN", "BKN"):  # other agencies see the case, and so the report
        services.share_case(
            staff["BAWASLU"]["supervisor"],
            case,
            staff[agency]["viewer"].membership.agency,
            "manage",
        )
    return Report.objects.get(pk=report.pk)


def allowed(agency, role) -> bool:
    return agency == "BAWASLU" and role in ("supervisor", "agency_admin")


@pytest.mark.parametrize("agency", ["BAWASLU", "KASN", "BKN"])
@pytest.mark.django_db
def test_only_the_receiving_agencys_supervisors_see_the_reporter(staff, report, login, agency):
    for role in ROLES:
        user = staff[agency][role]
        assert policy.can_view_reporter(user, report) is allowed(agency, role), (agency, role)
        client = login(user)
        page = client.get(f"/admin/cases/report/{report.pk}/change/")
        assert page.status_code == 200  # everyone with the case sees the report itself
        html = page.content.decode()
        assert "WhatsApp" in html
        assert (REPORTER in html, CONTACT in html) == (allowed(agency, role),) * 2, (agency, role)
        assert REPORTER not in client.get("/admin/cases/report/").content.decode()
        searched = client.get("/admin/cases/report/", {"q": REPORTER})
        assert list(searched.context["cl"].result_list) == []  # nor searchable
