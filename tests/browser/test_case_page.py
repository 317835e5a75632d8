"""The case page in a real browser: a case travels Bawaslu → BKN → the PPK, each step fired by
the agency and role the workflow names, with a reason that the history then shows; an unsaved
edit holds the workflow back; an analyst is offered only an analyst's steps; the graph leaves out
what the reader's agency may not see."""

import datetime

import pytest
from playwright.sync_api import expect

from agencies.models import Agency
from cases import services
from cases.models import Case
from cases.sharing import shares_of
from core.actors import system_user
from tests.cases.conftest import asn


def open_case(staff, asn, title="Kampanye di Instagram"):
    return services.open_case(
        staff("BAWASLU", "analyst"),
        title=title,
        subject=asn,
        violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
    )


def case_page(case) -> str:
    return f"/admin/cases/case/{case.pk}/change/"


def sign_in(page, login, user) -> None:
    page.context.clear_cookies()
    login(page, user)


def test_a_case_goes_from_bawaslu_to_bkn_to_the_ppk_with_a_reason_at_each_step(
    page, login, staff, shot, asn
):
    case = open_case(staff, asn)
    steps = [
        ("BAWASLU", "analyst", "Mulai kajian di BAWASLU", "Kajian dimulai di BAWASLU", {}),
        ("BAWASLU", "supervisor", "Teruskan ke BKN", "Diteruskan dari BAWASLU ke BKN", {}),
        (
            "BKN",
            "supervisor",
            "Rekomendasikan sanksi ke BUPATI-BOGOR",
            "Sanksi direkomendasikan oleh BKN kepada BUPATI-BOGOR",
            {"Sanksi yang diusulkan": "heavy", "Rekomendasi": "Hukuman disiplin berat"},
        ),
        (
            "BUPATI-BOGOR",
            "supervisor",
            "Catat sanksi: laporkan ke BKN",
            "Sanksi dicatat oleh BUPATI-BOGOR dan dilaporkan kepada BKN",
            {
                "Sanksi": "heavy",
                "Nomor surat keputusan": "800/12/2024",
                "Tanggal surat keputusan": "2024-03-01",
            },
        ),
    ]
    for number, (agency, role, button, history, fields) in enumerate(steps, start=1):
        sign_in(page, login, staff(agency, role))
        page.goto(case_page(case))
        if agency == "BKN":  # the receiving agency first acknowledges the hand-over
            page.get_by_role("button", name="Terima eskalasi dari BAWASLU").click()
            expect(page.get_by_text("BKN menerima eskalasi")).to_be_visible()
        shot(page, f"case-page-{number}-{agency.lower()}")
        page.get_by_role("button", name=button).click()
        expect(page.get_by_text("Kasus sebagaimana tersimpan")).to_be_visible()
        for label, value in fields.items():
            field = page.get_by_label(label)
            if field.evaluate("element => element.tagName") == "SELECT":
                field.select_option(value)
            else:
                field.fill(value)
        reason = f"Alasan langkah {number}: berkas lengkap"
        page.get_by_label("Alasan").fill(reason)
        shot(page, f"case-page-{number}-{agency.lower()}-confirm")
        page.get_by_role("button", name=button).click()
        expect(page.get_by_text(f"{history}: {reason}")).to_be_visible()
    shot(page, "case-page-5-sanctioned")
    case.refresh_from_db()
    assert (case.status, case.holder_agency.code) == ("sanctioned", "BKN")
    assert case.sanctions.get().decree_date == datetime.date(2024, 3, 1)


def test_a_transition_waits_while_the_edit_form_has_unsaved_changes(page, login, staff, shot, asn):
    case = open_case(staff, asn)
    services.transition_case(staff("BAWASLU", "analyst"), case, "start_examination", reason="Ada")
    sign_in(page, login, staff("BAWASLU", "supervisor"))
    page.goto(case_page(case))
    forward = page.get_by_role("button", name="Teruskan ke BKN")
    expect(forward).to_be_enabled()
    page.get_by_label("Hasil").fill("Terbukti hadir di deklarasi")
    expect(forward).to_be_disabled()
    expect(page.get_by_text("Simpan perubahan dulu")).to_be_visible()
    shot(page, "case-page-unsaved-edit")
    forward.click(force=True)  # a disabled button does nothing
    assert page.url.endswith(case_page(case))
    page.get_by_label("Hasil").fill("")
    expect(forward).to_be_enabled()
    expect(page.get_by_text("Simpan perubahan dulu")).to_be_hidden()
    assert Case.objects.get(pk=case.pk).status == "examination"


def test_an_analyst_is_offered_only_the_analysts_steps(page, login, staff, shot, asn):
    case = open_case(staff, asn)
    open_case(staff, asn, title="Kampanye terselubung di Instagram, TikTok dan grup WhatsApp " * 4)
    sign_in(page, login, staff("BAWASLU", "analyst"))
    page.goto("/admin/cases/case/")
    options = page.locator("select[name=action] option").all_inner_texts()
    assert [o for o in options if o.startswith("Alur kerja")] == ["Alur kerja: Mulai kajian"]
    shot(page, "case-list-analyst")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 1400, f"the case list scrolls sideways ({width} px)"
    page.goto(case_page(case))
    expect(page.get_by_role("button", name="Mulai kajian di BAWASLU")).to_be_visible()
    assert page.locator("[data-needs-saved]").count() == 1
    services.transition_case(staff("BAWASLU", "analyst"), case, "start_examination", reason="Ada")
    page.reload()
    expect(page.get_by_text("Saat ini tidak ada langkah alur kerja untuk Anda")).to_be_visible()
    assert page.locator("[data-needs-saved]").count() == 0
    shot(page, "case-page-analyst-nothing-to-fire")


def test_the_graph_leaves_out_a_case_shared_with_another_agency_only(page, login, staff, shot, asn):
    case = open_case(staff, asn)
    services.add_evidence(
        staff("BAWASLU", "analyst"), case, "url", url="https://example.org/a", sha256="ab" * 32
    )
    system = system_user()
    bkn_only = services.open_case(
        system,
        title="Rahasia BKN",
        subject=asn,
        owner_agency=Agency.objects.get(code="BKN"),
    )
    assert "BAWASLU" not in shares_of(bkn_only)
    shared = open_case(staff, asn, title="Kasus kedua di Bawaslu")
    services.link_cases(system, case, shared, "related")
    sign_in(page, login, staff("BAWASLU", "viewer"))
    page.goto(case_page(case))
    graph = page.locator("svg.case-graph-drawing")
    expect(graph).to_be_visible()
    shot(page, "case-page-graph")
    drawn = graph.locator("a").evaluate_all("links => links.map(a => a.getAttribute('href'))")
    assert case_page(shared) in drawn and case_page(case) in drawn
    assert case_page(bkn_only) not in drawn
    assert f"/admin/cases/civilservant/{asn.pk}/change/" in drawn
    assert "Rahasia BKN" not in graph.inner_html() and bkn_only.reference not in page.content()
    graph.locator(f'a[href="{case_page(shared)}"]').click()
    page.wait_for_url(f"**{case_page(shared)}")
