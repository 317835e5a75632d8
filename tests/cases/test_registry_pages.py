"""A civil servant's page lists the cases, social accounts and findings about them that the user
may see, an institution's page its PPK and open cases: what the user may not see is neither
listed nor counted, and everything reads in Indonesian words."""

import re

import pytest

from cases import services
from cases.models import SocialAccount
from tests.core.test_translations import visible_text


def table(html: str, table_id: str) -> str:
    """The visible text of one table of a registry page."""
    found = re.search(rf'<fieldset class="module" id="{table_id}">(.*?)</fieldset>', html, re.S)
    assert found, table_id
    return visible_text(found.group(1))


@pytest.fixture
def asn_case(staff, asn):
    analyst = staff["BAWASLU"]["analyst"]
    case = services.open_case(
        analyst,
        title="Menghadiri deklarasi bakal calon",
        subject=asn,
        violation_codes=["ATTENDING_DECLARATION"],
    )
    services.add_finding(
        analyst, case=case, subject=asn, violation_code="ATTENDING_DECLARATION", score=0.9
    )
    SocialAccount.objects.create(
        platform="instagram", handle="budi.camat", owner=asn, link_method="analyst"
    )
    return case


@pytest.mark.django_db
def test_a_civil_servants_page_lists_what_the_user_may_see(staff, asn, asn_case, login):
    url = f"/admin/cases/civilservant/{asn.pk}/change/"
    html = login(staff["BAWASLU"]["viewer"]).get(url).content.decode()
    cases = table(html, "cases")
    assert cases.startswith("Kasus (1)")
    assert asn_case.reference in cases and "Penerimaan" in cases and "Terlapor (ASN)" in cases
    assert f'href="/admin/cases/case/{asn_case.pk}/change/"' in html
    assert "@budi.camat" in table(html, "accounts") and "Instagram" in table(html, "accounts")
    findings = table(html, "findings")
    assert findings.startswith("Temuan (1)") and "Menghadiri deklarasi" in findings
    assert "0,90" in findings  # an Indonesian decimal comma
    # BSSN was not given the case: neither it nor its finding shows, nor are they counted.
    html = login(staff["BSSN"]["supervisor"]).get(url).content.decode()
    assert table(html, "cases").startswith("Kasus (0)")
    assert table(html, "findings").startswith("Temuan (0)")
    assert asn_case.reference not in html
    assert "@budi.camat" in table(html, "accounts")  # the registry is every agency's


@pytest.mark.django_db
def test_an_institutions_page_shows_its_ppk_and_open_cases(staff, asn, asn_case, login):
    supervisor = staff["BAWASLU"]["supervisor"]
    services.transition_case(supervisor, asn_case, "start_examination")
    ended = services.open_case(supervisor, title="Kasus lain", subject=asn)
    services.transition_case(supervisor, ended, "start_examination")
    services.transition_case(supervisor, ended, "dismiss")
    url = f"/admin/agencies/institution/{asn.institution_id}/change/"
    html = login(staff["BAWASLU"]["viewer"]).get(url).content.decode()
    assert "Bupati Bogor" in table(html, "ppk")
    open_cases = table(html, "open-cases")
    assert open_cases.startswith("Kasus yang masih berjalan (1)")
    assert asn_case.reference in open_cases and "Kajian" in open_cases
    assert ended.reference not in open_cases  # dismissed: not open
    html = login(staff["BSSN"]["viewer"]).get(url).content.decode()
    assert table(html, "open-cases").startswith("Kasus yang masih berjalan (0)")
    assert asn_case.reference not in html
