"""The statistics page shows the signed-in user the same totals as GraphQL's `statistics`."""

import json

from django.test import Client

from tests.browser.workspace_world import asn, bawaslu_world  # noqa: F401 (fixtures)

QUERY = "{ statistics(groupBy: STATUS) { total { reported proven sanctioned digital } } }"


def graphql_total(user) -> dict:
    client = Client()
    client.force_login(user)
    answer = client.post("/graphql/", json.dumps({"query": QUERY}), content_type="application/json")
    return answer.json()["data"]["statistics"]["total"]


def test_the_statistics_page_shows_graphqls_totals(page, login, shot, bawaslu_world):
    analyst = bawaslu_world["analyst"]
    expected = graphql_total(analyst)
    assert expected["reported"] == 3
    login(page, analyst)
    page.goto("/admin/statistics/")
    shot(page, "statistics-1-all-contests")
    for name in ("reported", "proven", "sanctioned"):
        assert page.locator(f'[data-total="{name}"]').inner_text() == str(expected[name])
    share = round(100 * expected["digital"] / expected["reported"])
    assert page.locator('[data-total="digital-share"]').inner_text() == f"{share}%"
    assert page.get_by_role("heading", name="Menurut pelanggaran").count() == 1
    assert page.get_by_role("img", name="Menurut bulan dibuka").count() == 1
    assert page.get_by_role("link", name="Unduh CSV").count() == 6
