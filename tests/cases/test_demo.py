"""The demo leaves each agency something to do, as the README's login table says, and the README's
GraphQL examples answer with data on it (the demo is seeded once for the module and rolled back
after it)."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import transaction
from django.utils import timezone

from agencies.demo import DEMO_PPK, demo_token
from cases import policy
from cases.demo.registry import NAMED_ASN
from cases.models import Case, CivilServant, Finding, Recommendation

README = Path(settings.BASE_DIR) / "README.md"
ENDED = ["dismissed", "not_proven", "sanctioned", "closed"]


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("seed_demo", verbosity=0)
        yield
        transaction.set_rollback(True)


def visible_cases(username: str):
    user = get_user_model().objects.get(username=username)
    return policy.visible(user, Case.objects.all()), user


@pytest.mark.django_db
def test_kasn_sees_only_the_cases_of_2023_handled_under_skb_2022(demo):
    cases, _ = visible_cases("kasn.supervisor")
    assert sorted(cases.values_list("reference", flat=True)) == [
        "NET-2023-000001",
        "NET-2023-000002",
        "NET-2023-000003",
    ]
    assert all(case.created_at.year == 2023 for case in cases)
    assert set(cases.values_list("owner_agency__code", flat=True)) == {"KASN"}
    assert sorted(cases.values_list("status", flat=True)) == ["closed", "closed", "sanctioned"]


@pytest.mark.django_db
def test_bkn_assesses_the_cases_of_the_new_regime(demo):
    cases, _ = visible_cases("bkn.supervisor")
    assert cases.count() == 25
    assert all(case.created_at.year >= 2024 for case in cases)
    assessing = cases.filter(holder_agency__code="BKN", status="assessment")
    assert assessing.count() == 6
    assert assessing.filter(involvements__civil_servant__nip=NAMED_ASN["nip"]).exists()


@pytest.mark.django_db
def test_every_ppk_has_a_recommendation_due_and_bawaslu_findings_to_review(demo):
    today = timezone.localdate()
    for code, _name, _institutions in DEMO_PPK:
        due = Recommendation.objects.filter(
            addressed_ppk__code=code, followed_up_at__isnull=True, due_at__gte=today
        )
        assert due.exists(), code
        cases, _ = visible_cases(f"{code.lower()}.supervisor")
        assert cases.filter(recommendations__in=due).exists(), code
    cases, analyst = visible_cases("bawaslu.analyst")
    waiting = policy.visible(analyst, Finding.objects.filter(status="new", case__isnull=True))
    assert waiting.count() == 4
    held = cases.filter(holder_agency__code="BAWASLU").exclude(status__in=ENDED)
    assert sorted(held.values_list("status", flat=True)) == ["examination"] * 6 + ["intake"] * 6


@pytest.mark.django_db
def test_the_named_civil_servant_has_a_past_and_a_current_case(demo):
    servant = CivilServant.objects.get(nip=NAMED_ASN["nip"])
    cases = Case.objects.filter(involvements__civil_servant=servant).order_by("created_at")
    assert [(c.reference[:8], c.status, c.holder_agency.code) for c in cases] == [
        ("NET-2023", "closed", "KASN"),
        (f"NET-{timezone.now().year}", "assessment", "BKN"),
    ]
    assert cases[0].sanctions.get().imposing_ppk.code == "BUPATI-BOGOR"
    assert servant.accounts.filter(handle="budisantoso.camat").exists()


@pytest.mark.django_db
def test_the_readme_login_table_names_demo_logins(demo):
    table = README.read_text(encoding="utf-8").split("### The demo: who sees what")[1]
    logins = re.findall(r"`([a-z-]+)\.\*`", table.split("\n\n")[2])
    assert len(logins) >= 10
    usernames = set(get_user_model().objects.values_list("username", flat=True))
    for login in logins:
        assert {f"{login}.{role}" for role in ("viewer", "analyst", "supervisor")} <= usernames


def readme_queries() -> list[dict]:
    """The body of every `gql '…'` example of the README."""
    lines = README.read_text(encoding="utf-8").splitlines()
    return [
        json.loads(line[len("gql '") : line.rindex("'")])
        for line in lines
        if line.startswith("gql '")
    ]


# What each example's answer must hold on the demo data.
ANSWERS = {
    "cases": lambda data: data["totalCount"] > 0,
    "caseBoard": lambda data: data["totalCount"] > 0,
    "civilServants": lambda data: (
        len(data["edges"]) == 1 and len(data["edges"][0]["node"]["involvements"]) == 2
    ),
    "statistics": lambda data: data["total"]["reported"] > 0 and data["rows"],
}


@pytest.mark.django_db
def test_the_readme_graphql_examples_answer_with_data(demo, client):
    queries = readme_queries()
    assert len(queries) == 5
    token = demo_token("BAWASLU")
    files = []
    for body in queries:
        answer = client.post(
            "/graphql/",
            json.dumps(body),
            content_type="application/json",
            headers={"Authorization": f"Bearer {token}"},
        ).json()
        assert "errors" not in answer, (body["query"][:60], answer)
        name, data = next(iter(answer["data"].items()))
        assert ANSWERS[name](data), (name, data)
        files += [
            evidence["fileName"]
            for edge in data.get("edges", [])
            for evidence in edge["node"].get("evidence", [])
            if evidence["fileName"]
        ]
    # The evidence-files example: a name GraphQL gave is a file the same token downloads.
    assert files
    download = client.get(f"/files/{files[0]}", headers={"Authorization": f"Bearer {token}"})
    assert download.status_code == 200
    assert b"".join(download.streaming_content).startswith(b"Berita acara pengawasan")
