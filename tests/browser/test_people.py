"""A BKN supervisor opens a civil servant's page in a browser: the cases BKN was given are listed
and open from there, the case it was not given is neither listed nor counted, and the page says
everything in Indonesian; so does the page of the civil servant's institution."""

from agencies.models import Role
from cases import services
from cases.models import SocialAccount
from tests.cases.conftest import asn  # noqa: F401  (a fixture)
from tests.core.test_translations import english_of_ours, untranslated_on


def test_a_bkn_supervisor_reads_a_civil_servants_cases(page, staff, login, shot, asn):
    SocialAccount.objects.create(
        platform="instagram", handle="budisantoso.camat", owner=asn, link_method="analyst"
    )
    analyst, supervisor = staff("BAWASLU", Role.ANALYST), staff("BAWASLU", Role.SUPERVISOR)
    forwarded = services.open_case(
        analyst,
        title="Menghadiri deklarasi bakal calon",
        subject=asn,
        violation_codes=["ATTENDING_DECLARATION"],
    )
    services.transition_case(supervisor, forwarded, "start_examination")
    services.transition_case(supervisor, forwarded, "forward_to_supervisor")
    kept = services.open_case(analyst, title="Foto bersama calon", subject=asn)

    login(page, staff("BKN", Role.SUPERVISOR))
    page.goto(f"/admin/cases/civilservant/{asn.pk}/change/")
    shot(page, "people-1-civil-servant")
    assert page.get_by_role("heading", name="Kasus (1)").is_visible()
    assert page.get_by_role("heading", name="Akun media sosial (1)").is_visible()
    assert page.get_by_role("link", name=forwarded.reference).is_visible()
    assert page.get_by_text("Penilaian oleh pengawas netralitas").is_visible()
    assert page.get_by_text(kept.reference).count() == 0
    assert untranslated_on(page.inner_text("body"), english_of_ours()) == []

    page.get_by_role("link", name="Pemerintah Kabupaten Bogor").click()
    shot(page, "people-2-institution")
    assert page.get_by_role("heading", name="Kasus yang masih berjalan (1)").is_visible()
    assert page.get_by_role("cell", name="Bupati Bogor").is_visible()
    assert page.get_by_text(kept.reference).count() == 0
    assert untranslated_on(page.inner_text("body"), english_of_ours()) == []

    page.get_by_role("link", name=forwarded.reference).click()
    page.wait_for_url(f"**/admin/cases/case/{forwarded.pk}/change/")
    shot(page, "people-3-case")
    assert page.get_by_text(forwarded.reference).first.is_visible()
