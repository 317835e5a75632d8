"""The statistics page: the figures GraphQL's `statistics` gives the same user, as charts over
tables, per contest or all; each table as CSV."""

import csv
import io
import json

import pytest
from django.urls import reverse

from cases import services
from cases.models import Contest
from cases.statistics import Grouping
from tests.cases.workspace_fixtures import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db
QUERY = """query($by: StatisticsGroup!, $contest: String) {
  statistics(groupBy: $by, contest: $contest) {
    total { reported proven sanctioned digital }
    rows { key reported proven sanctioned digital } } }"""
COUNTS = ("reported", "proven", "sanctioned", "digital")


def graphql(client, grouping: Grouping, contest=None) -> dict:
    answer = client.post(
        "/graphql/",
        json.dumps({"query": QUERY, "variables": {"by": grouping.name, "contest": contest}}),
        content_type="application/json",
    ).json()
    return answer["data"]["statistics"]


def as_dict(row) -> dict:
    return {name: getattr(row, name) for name in COUNTS}


@pytest.fixture
def contest_case(world, staff, asn):
    contest = Contest.objects.create(slug="pilkada-bogor-2024", name="Pilkada Bogor 2024")
    return services.open_case(
        staff["BAWASLU"]["analyst"],
        title="Unggahan kampanye",
        subject=asn,
        contest=contest,
        intake_channel="detection",
        violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
    )


@pytest.mark.parametrize("contest", [None, "pilkada-bogor-2024"])
def test_the_page_shows_graphqls_figures_for_the_same_user(contest_case, staff, login, contest):
    client = login(staff["BAWASLU"]["analyst"])
    page = client.get(reverse("admin:statistics"), {"contest": contest or ""})
    assert page.status_code == 200
    expected_total = graphql(client, Grouping.STATUS, contest)["total"]
    assert as_dict(page.context["total"]) == expected_total
    for section in page.context["sections"]:
        figures = section["figures"]
        answer = graphql(client, section["grouping"], contest)
        assert as_dict(figures.total) == answer["total"], section["grouping"]
        assert [{"key": row.key, **as_dict(row)} for row in figures.rows] == answer["rows"]
        assert len(section["chart"]["bands"]) == len(figures.rows)
    if contest:
        assert page.context["total"].reported == 1


def test_over_time_is_by_month_of_opening(contest_case, staff, login):
    client = login(staff["BAWASLU"]["analyst"])
    month = contest_case.created_at.astimezone().strftime("%Y-%m")
    answer = graphql(client, Grouping.MONTH)
    assert answer["rows"][-1]["key"] == month
    assert sum(row["reported"] for row in answer["rows"]) == answer["total"]["reported"] == 5
    page = client.get(reverse("admin:statistics"))
    [section] = [s for s in page.context["sections"] if s["grouping"] == Grouping.MONTH]
    assert section["figures"].rows[-1].label.split()[-1] == month[:4]  # "Desember 2026"


@pytest.mark.parametrize("grouping", list(Grouping))
def test_each_csv_equals_its_table(contest_case, staff, login, grouping):
    client = login(staff["BAWASLU"]["analyst"])
    response = client.get(reverse("admin:statistics"), {"csv": grouping.value})
    assert response["Content-Type"].startswith("text/csv")
    header, *lines = list(csv.reader(io.StringIO(response.content.decode())))
    assert header == [
        "Kode",
        "Kelompok",
        "Dilaporkan",
        "Terbukti",
        "Dijatuhi sanksi",
        "Digital",
        "Porsi digital",
    ]
    answer = graphql(client, grouping)
    table = [*answer["rows"], answer["total"]]
    assert [[int(n) for n in line[2:6]] for line in lines] == [
        [row[name] for name in COUNTS] for row in table
    ]
    assert lines[-1][1] == "Jumlah"


def test_another_agency_counts_only_what_it_sees(contest_case, staff, login):
    page = login(staff["BSSN"]["analyst"]).get(reverse("admin:statistics"))
    assert page.context["total"].reported == 0
    assert all(section["figures"].rows == [] for section in page.context["sections"])


def test_an_unknown_contest_is_not_found(world, staff, login):
    client = login(staff["BAWASLU"]["analyst"])
    assert client.get(reverse("admin:statistics"), {"contest": "tidak-ada"}).status_code == 404
    assert client.get(reverse("admin:statistics"), {"csv": "nothing"}).status_code == 404
