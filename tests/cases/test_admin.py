"""The case admin: transitions, edits and additions go through the services; refusals show the
workflow's message and change nothing; other agencies' cases look missing."""

import datetime

import pytest

from agencies.models import Agency
from cases import services
from cases.models import Case, Note, Recommendation, Regime, Sanction
from cases.sharing import shares_of
from core.models import AuditEvent
from tests.cases.test_workflow import drive_to

CHANGELIST = "/admin/cases/case/"


def messages_of(response) -> list[str]:
    """The messages shown on the page a request ends on (requests follow redirects)."""
    return [str(message) for message in response.context["messages"]]


def page(pk, suffix="change/"):
    return f"{CHANGELIST}{pk}/{suffix}"


def run_action(client, action, *cases):
    return client.post(
        CHANGELIST, {"action": action, "_selected_action": [c.pk for c in cases]}, follow=True
    )


def inline_management(response) -> dict:
    """The management-form fields of the page's (read-only) inlines, which a POST must carry."""
    data = {}
    for inline in response.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(
            {
                f"{formset.prefix}-{key}": value
                for key, value in formset.management_form.initial.items()
            }
        )
    return data


@pytest.fixture
def case(staff, asn, regime):
    return services.open_case(
        staff["BAWASLU"]["analyst"],
        title="Kampanye di Instagram",
        subject=asn,
        violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
    )


@pytest.mark.django_db
def test_a_transition_through_an_admin_action_asks_the_reason_first(staff, case, login):
    client = login(staff["BAWASLU"]["analyst"])
    asked = run_action(client, "workflow_start_examination", case)
    assert asked.status_code == 200 and "reason" in asked.context["form"].fields
    assert Case.objects.get(pk=case.pk).status == "intake"
    response = client.post(
        CHANGELIST,
        {
            "action": "workflow_start_examination",
            "_selected_action": [case.pk],
            "reason": "Laporan lengkap",
        },
        follow=True,
    )
    assert response.redirect_chain == [(CHANGELIST, 302)]
    assert Case.objects.get(pk=case.pk).status == "examination"
    assert messages_of(response) == [f"Mulai kajian: {case.reference}"]  # Indonesian by default
    event = AuditEvent.objects.get(
        action="case.transition.start_examination",
        object_id=str(case.pk),
        actor_id=staff["BAWASLU"]["analyst"].pk,
    )
    assert event.changes["reason"] == [None, "Laporan lengkap"]


@pytest.mark.django_db
def test_a_refused_action_shows_the_workflow_error_and_changes_nothing(staff, case, login):
    client = login(staff["BAWASLU"]["supervisor"])
    events = AuditEvent.objects.count()
    response = client.post(
        CHANGELIST,
        {"action": "workflow_dismiss", "_selected_action": [case.pk], "reason": "Bukan ASN"},
        follow=True,
    )
    assert messages_of(response) == [
        f"{case.reference}: langkah 'dismiss' tidak dapat dilakukan selama kasus {case.reference} "
        "berstatus 'Penerimaan'; yang dapat dilakukan: start_examination"
    ]
    assert Case.objects.get(pk=case.pk).status == "intake"
    assert AuditEvent.objects.count() == events


@pytest.mark.django_db
def test_another_agencys_case_looks_missing(staff, case, login):
    client = login(staff["KASN"]["supervisor"])
    missing = Case.objects.order_by("-pk").first().pk + 1000
    for pk in (case.pk, missing):
        for url in (page(pk), page(pk, "do/note/")):
            response = client.get(url)
            assert (response.status_code, response.url) == (302, "/admin/")
        response = client.post(page(pk, "transition/start_examination/"))
        assert (response.status_code, response.url) == (302, "/admin/")
    assert Case.objects.get(pk=case.pk).status == "intake"
    listed = client.get(CHANGELIST).context["cl"].result_list
    assert case not in listed


@pytest.mark.django_db
def test_editing_a_case_goes_through_update_case(staff, case, login):
    client = login(staff["BAWASLU"]["supervisor"])
    form = client.get(page(case.pk))
    data = {
        "title": "Kampanye terselubung",
        "description": "",
        "severity": "high",
        "violation_codes": ["SOCIAL_MEDIA_CAMPAIGN", "PHOTO_WITH_CANDIDATE"],
        "contest": "",
        "outcome": "",
        **inline_management(form),
    }
    assert client.post(page(case.pk), data).status_code == 302
    case.refresh_from_db()
    assert (case.title, case.severity) == ("Kampanye terselubung", "high")
    event = AuditEvent.objects.get(action="case.update")
    assert event.changes["title"] == ["Kampanye di Instagram", "Kampanye terselubung"]
    viewer = login(staff["BAWASLU"]["viewer"])
    assert viewer.post(page(case.pk), {**data, "title": "Diubah"}).status_code == 403
    assert Case.objects.get(pk=case.pk).title == "Kampanye terselubung"


@pytest.mark.django_db
def test_opening_a_case_in_admin_uses_open_case(staff, asn, login, regime):
    client = login(staff["BAWASLU"]["analyst"])
    response = client.post(
        f"{CHANGELIST}add/",
        {
            "title": "Foto dengan paslon",
            "severity": "low",
            "violation_codes": ["PHOTO_WITH_CANDIDATE"],
            "subject": asn.nip,
            "description": "",
        },
    )
    case = Case.objects.get()
    assert response.status_code == 302 and case.owner_agency.code == "BAWASLU"
    assert case.involvements.get().civil_servant == asn
    events = AuditEvent.objects.filter(object_type="cases.case", object_id=str(case.pk))
    assert set(events.values_list("action", flat=True)) == {"case.open", "case.share_rules.open"}
    refused = client.post(
        f"{CHANGELIST}add/", {"title": "x", "severity": "low", "subject": "198503122010011999"}
    )
    assert refused.context["adminform"].form.errors == {
        "subject": ["Tidak ada ASN dengan NIP 198503122010011999 dalam daftar."]
    }


@pytest.mark.django_db
def test_notes_and_shares_are_added_through_the_case_forms(staff, case, login):
    analyst = login(staff["BAWASLU"]["analyst"])
    added = analyst.post(
        page(case.pk, "do/note/"), {"text": "Klarifikasi dijadwalkan"}, follow=True
    )
    assert messages_of(added) == [f"{case.reference}: Tambah catatan — selesai"]
    assert Note.objects.get(case=case).text == "Klarifikasi dijadwalkan"
    bssn = Agency.objects.get(code="BSSN")
    refused = analyst.post(page(case.pk, "do/share/"), {"agency": bssn.pk, "level": "read"})
    assert refused.status_code == 200 and messages_of(refused) == [
        f"lembaga atau peran Anda tidak boleh mengelola kasus {case.reference}"
    ]
    supervisor = login(staff["BAWASLU"]["supervisor"])
    supervisor.post(page(case.pk, "do/share/"), {"agency": bssn.pk, "level": "contribute"})
    assert "BSSN (kontribusi)" in supervisor.get(page(case.pk)).content.decode()
    supervisor.post(page(case.pk, "do/share/"), {"agency": bssn.pk, "level": ""})
    assert "BSSN" not in shares_of(case)
    owner = supervisor.post(
        page(case.pk, "do/share/"), {"agency": case.owner_agency.pk, "level": ""}
    )
    assert owner.context["form"].errors == {
        "agency": [
            f"BAWASLU adalah pemilik kasus {case.reference} sehingga aksesnya tidak dapat dicabut"
        ]
    }


@pytest.mark.django_db
def test_recommendation_and_sanction_forms_fire_their_transitions(staff, asn, login, regime):
    case = drive_to("assessment", staff, asn, regime)
    bkn = login(staff["BKN"]["supervisor"])
    assert bkn.get(page(case.pk, "transition/recommend/")).status_code == 200
    bkn.post(
        page(case.pk, "transition/recommend/"),
        {"proposed_sanction": "heavy", "text": "Terbukti", "reason": "Hasil kajian kuat"},
    )
    assert Recommendation.objects.get(case=case).addressed_ppk.code == "BUPATI-BOGOR"
    ppk = login(staff["BUPATI-BOGOR"]["supervisor"])
    ppk.post(
        page(case.pk, "transition/record_sanction/"),
        {
            "level": "heavy",
            "measure": "",
            "decree_number": "800/1/2024",
            "decree_date": datetime.date(2024, 3, 1).isoformat(),
            "reason": "SK ditandatangani",
        },
    )
    assert Sanction.objects.get(case=case).decree_number == "800/1/2024"
    assert Case.objects.get(pk=case.pk).status == "sanctioned"
    reasons = AuditEvent.objects.filter(action__startswith="case.transition.").values_list(
        "changes__reason", flat=True
    )
    assert [None, "Hasil kajian kuat"] in list(reasons)
    assert [None, "SK ditandatangani"] in list(reasons)


@pytest.mark.django_db
def test_an_operator_switches_the_regime_by_ticking_is_active(
    login, django_user_model, staff, settings
):
    settings.ROUTING_REGIME = ""
    operator = django_user_model.objects.create_superuser("operator", "o@example.org", "pw")
    client = login(operator)
    skb = Regime.objects.get(code="SKB_2022")
    form = {"code": skb.code, "name": skb.name, "description": "", "is_active": "on"}
    assert client.post(f"/admin/cases/regime/{skb.pk}/change/", form).status_code == 302
    assert [r.code for r in Regime.objects.filter(is_active=True)] == ["SKB_2022"]
    assert AuditEvent.objects.get(action="routing.activate_regime").changes == {
        "active": [["UU_20_2023"], ["SKB_2022"]]
    }
    response = client.post(
        f"/admin/cases/regime/{skb.pk}/change/", {**form, "is_active": ""}, follow=True
    )
    assert (
        "SKB_2022 adalah rezim yang berlaku: aktifkan rezim lain sebagai gantinya"
        in messages_of(response)
    )
    assert Regime.objects.get(pk=skb.pk).is_active
    viewer = login(staff["BAWASLU"]["supervisor"])
    assert viewer.get("/admin/cases/transition/").status_code == 200
    assert viewer.post(f"/admin/cases/regime/{skb.pk}/change/", form).status_code == 403


@pytest.mark.django_db
def test_every_case_graph_page_renders_for_staff_and_operators(
    staff, asn, login, regime, django_user_model
):
    from django.contrib import admin

    case = drive_to("recommended", staff, asn, regime)
    services.add_note(staff["BKN"]["analyst"], case, "Catatan")
    services.add_evidence(
        staff["BKN"]["analyst"], case, "url", url="https://example.org/b", sha256="ef" * 32
    )
    services.add_finding(
        staff["BKN"]["analyst"], case=case, violation_code="KTP_SUPPORT", score=0.8
    )
    operator = django_user_model.objects.create_superuser("operator", "o@example.org", "pw")
    for user in (staff["BKN"]["viewer"], operator):
        client = login(user)
        for model in admin.site._registry:
            if model._meta.app_label != "cases":
                continue
            url = f"/admin/cases/{model._meta.model_name}/"
            assert client.get(url).status_code == 200, url
            first = model.objects.first()
            if first is not None:
                assert client.get(f"{url}{first.pk}/change/").status_code == 200, url


@pytest.mark.django_db
def test_escalations_are_acknowledged_and_findings_reviewed_from_their_lists(
    staff, asn, login, regime
):
    case = drive_to("assessment", staff, asn, regime)
    escalation = case.escalations.get()
    refused = login(staff["BAWASLU"]["supervisor"]).post(
        "/admin/cases/escalation/",
        {"action": "acknowledge", "_selected_action": [escalation.pk]},
        follow=True,
    )
    assert messages_of(refused) == [
        "BAWASLU ke BKN (Terkirim, belum diterima): "
        "hanya lembaga penerima yang dapat mengonfirmasi penerimaan eskalasi"
    ]
    bkn = login(staff["BKN"]["viewer"])
    bkn.post(
        "/admin/cases/escalation/", {"action": "acknowledge", "_selected_action": [escalation.pk]}
    )
    escalation.refresh_from_db()
    assert (escalation.status, escalation.acknowledged_by) == (
        "acknowledged",
        staff["BKN"]["viewer"],
    )
    finding = services.add_finding(
        staff["BAWASLU"]["analyst"], violation_code="KTP_SUPPORT", score=0.6
    )
    login(staff["BAWASLU"]["analyst"]).post(
        "/admin/cases/finding/", {"action": "dismiss", "_selected_action": [finding.pk]}
    )
    finding.refresh_from_db()
    assert finding.status == "dismissed"


@pytest.mark.django_db
def test_a_national_contest_without_a_region_shows_in_admin(login, staff):
    from cases.models import Contest

    contest = Contest.objects.create(slug="pileg-dpr-2029", name="Pileg DPR 2029", kind="pileg")
    client = login(staff["BAWASLU"]["supervisor"])
    listing = client.get("/admin/cases/contest/")
    assert listing.status_code == 200 and b"Pileg DPR 2029" in listing.content
    assert client.get(f"/admin/cases/contest/{contest.pk}/change/").status_code == 200
