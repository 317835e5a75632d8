"""The workspace's home page: what waits for the user's agency, every count a link to the list
of exactly those rows, counted through the policy; operators look as one agency."""

import re

import pytest
from django.urls import reverse

from agencies.models import Agency
from cases.admin.home import SESSION_KEY
from tests.cases.workspace_fixtures import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def figures(page) -> dict[str, dict]:
    context = page.context
    return {
        str(f["label"]): f
        for f in [
            *context["held"]["by_status"],
            context["held"]["total"],
            *context["waiting"],
            *context["findings"],
        ]
    }


def listed(client, url: str) -> int:
    """How many rows the list behind a count shows."""
    page = client.get(url)
    assert page.status_code == 200, url
    if "cl" in page.context:
        return page.context["cl"].result_count
    return page.context["page"].paginator.count  # the inbox


def test_every_count_is_a_link_to_a_list_of_exactly_those_rows(world, staff, login):
    client = login(staff["BAWASLU"]["analyst"])
    home = client.get("/admin/")
    counts = {label: f["count"] for label, f in figures(home).items()}
    assert counts == {
        "Penerimaan": 1,
        "Kajian": 1,
        "Semua": 2,
        "Eskalasi melewati batas waktu": 0,
        "Eskalasi segera jatuh tempo": 0,
        "Pemberitahuan belum dibaca": 1,
        "Temuan menunggu telaah": 1,
        "Temuan menunggu penautan identitas": 2,
    }
    for figure in figures(home).values():
        assert listed(client, figure["url"]) == figure["count"], figure["label"]
    body = home.content.decode()
    for figure in figures(home).values():  # drawn as links
        assert f'href="{figure["url"]}"'.replace("&", "&amp;") in body


def test_the_supervisor_sees_its_escalations_by_deadline(world, staff, login):
    client = login(staff[world["supervisor_agency"]]["analyst"])
    found = figures(client.get("/admin/"))
    assert found["Eskalasi melewati batas waktu"]["count"] == 1
    assert found["Eskalasi segera jatuh tempo"]["count"] == 1
    assert found["Penilaian oleh pengawas netralitas"]["count"] == 2
    overdue = client.get(found["Eskalasi melewati batas waktu"]["url"]).context["cl"]
    assert [e.case for e in overdue.result_list] == [world["late"]]
    soon = client.get(found["Eskalasi segera jatuh tempo"]["url"]).context["cl"]
    assert [e.case for e in soon.result_list] == [world["soon"]]


def test_an_agency_does_not_see_another_agencys_counts(world, staff, login):
    client = login(staff["BSSN"]["analyst"])
    home = client.get("/admin/")
    assert {label: f["count"] for label, f in figures(home).items()} == {
        "Semua": 0,
        "Eskalasi melewati batas waktu": 0,
        "Eskalasi segera jatuh tempo": 0,
        "Pemberitahuan belum dibaca": 0,
        "Temuan menunggu telaah": 0,
        "Temuan menunggu penautan identitas": 0,
    }
    assert home.context["activity"] == []  # BSSN's people did nothing yet
    assert world["intake"].reference not in home.content.decode()


def test_recent_activity_is_in_words(world, staff, login):
    client = login(staff["BAWASLU"]["analyst"])
    activity = client.get("/admin/").context["activity"]
    words = [str(item["words"]) for item in activity]
    assert "membuka kasus" in words and "case.open" not in words
    opened = next(item for item in activity if item["event"].action == "case.open")
    assert opened["case_url"] == reverse(
        "admin:cases_case_change", args=[opened["event"].object_id]
    )


def test_an_operator_sees_the_whole_system_or_looks_as_one_agency(
    world, staff, login, django_user_model
):
    member_view = figures(login(staff["BAWASLU"]["analyst"]).get("/admin/"))
    root = django_user_model.objects.create_superuser("root", "root@example.go.id", "pw-root-1")
    client = login(root)
    whole = figures(client.get("/admin/"))
    assert whole["Semua"]["count"] == 4
    assert listed(client, whole["Semua"]["url"]) == 4

    bawaslu = Agency.objects.get(code="BAWASLU")
    assert client.post(reverse("admin:view_as"), {"agency": bawaslu.pk}).status_code == 302
    home = client.get("/admin/")
    assert home.context["agency"] == bawaslu
    as_bawaslu = figures(home)
    assert {k: f["count"] for k, f in as_bawaslu.items()} == {
        k: f["count"] for k, f in member_view.items()
    }
    for figure in as_bawaslu.values():
        assert listed(client, figure["url"]) == figure["count"], figure["label"]
    client.post(reverse("admin:view_as"), {"agency": ""})
    assert figures(client.get("/admin/"))["Semua"]["count"] == 4


def test_looking_as_another_agency_never_widens_what_a_member_sees(world, staff, login):
    client = login(staff["BSSN"]["analyst"])
    assert client.post(reverse("admin:view_as"), {"agency": 1}).status_code == 404
    session = client.session
    session[SESSION_KEY] = Agency.objects.get(code="BAWASLU").pk
    session.save()
    home = client.get("/admin/")
    assert home.context["agency"].code == "BSSN"
    assert figures(home)["Semua"]["count"] == 0
    assert "view_as" not in home.context


def test_the_technical_lists_stay_grouped_and_view_site_is_gone(world, staff, login):
    home = login(staff["BAWASLU"]["analyst"]).get("/admin/")
    titles = [str(group["title"]) for group in home.context["model_groups"]]
    assert titles[0] == "Kasus dan tahapannya"
    cases = home.context["model_groups"][0]["models"]
    assert cases[0]["admin_url"] == reverse("admin:cases_case_changelist")
    body = home.content.decode()
    assert "Lihat situs" not in body and not re.search(r'href="/"', body)
