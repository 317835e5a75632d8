"""Contests that share people: a candidate's official account belongs to every contest the
candidate runs in, whichever contest was imported last."""

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from cases.importers import import_accounts, import_asn, import_contest
from cases.lexicons import contest_data
from cases.models import CampaignAccount, Candidate, Contest, DetectorTraining, SocialAccount
from tests.cases.detection_fixtures import ASN_HEADER, nip

pytestmark = pytest.mark.django_db


def pilpres(year: int, second: dict, **changes) -> dict:
    """A small synthetic presidential contest: two pairs, the second given."""
    return {
        "slug": f"pilpres-{year}",
        "name": f"Pilpres {year}",
        "kind": "pilpres",
        "region": {"code": "", "name": "Indonesia"},
        "voting_day": f"{year}-04-17",
        "candidates": [
            {
                "ballot_number": 1,
                "name": f"Calon Satu {year}",
                "accounts": [{"platform": "x", "handle": f"@calonsatu{year}"}],
            },
            {"ballot_number": 2, **second},
        ],
        **changes,
    }


PRABOWO_2019 = {
    "name": "Prabowo Subianto",
    "running_mate": "Sandiaga Uno",
    "accounts": [{"platform": "x", "handle": "@prabowo"}, {"platform": "x", "handle": "@sandiuno"}],
}
PRABOWO_2024 = {
    "name": "Prabowo Subianto",
    "running_mate": "Gibran Rakabuming Raka",
    "accounts": [{"platform": "x", "handle": "@Prabowo"}, {"platform": "x", "handle": "@gibran"}],
}


def handles_of(slug: str, ballot: int) -> list[str]:
    data = contest_data(Contest.objects.get(slug=slug))
    (candidate,) = [c for c in data["candidates"] if c["ballot_number"] == ballot]
    return [a["handle"] for a in candidate["accounts"]]


def test_a_candidate_running_twice_keeps_the_account_in_both_contests(system):
    import_contest(system, pilpres(2019, PRABOWO_2019))
    result = import_contest(system, pilpres(2024, PRABOWO_2024))
    assert result.counts["campaign_accounts_set"] == 3  # @prabowo linked again, not moved
    prabowo = SocialAccount.objects.get(platform="x", handle="prabowo")
    assert sorted(prabowo.campaign_of.values_list("contest__slug", flat=True)) == [
        "pilpres-2019",
        "pilpres-2024",
    ]
    assert handles_of("pilpres-2019", 2) == ["prabowo", "sandiuno"]
    assert handles_of("pilpres-2024", 2) == ["gibran", "prabowo"]
    # Re-importing the older contest changes nothing in either.
    again = import_contest(system, pilpres(2019, PRABOWO_2019))
    assert "campaign_accounts_set" not in again.counts
    assert "campaign_accounts_unset" not in again.counts
    assert handles_of("pilpres-2024", 2) == ["gibran", "prabowo"]


def test_dropping_an_account_from_one_contest_leaves_the_other(system):
    import_contest(system, pilpres(2019, PRABOWO_2019))
    import_contest(system, pilpres(2024, PRABOWO_2024))
    without = {**PRABOWO_2019, "accounts": [{"platform": "x", "handle": "@sandiuno"}]}
    result = import_contest(system, pilpres(2019, without))
    assert result.counts["campaign_accounts_unset"] == 1
    assert handles_of("pilpres-2019", 2) == ["sandiuno"]
    assert handles_of("pilpres-2024", 2) == ["gibran", "prabowo"]


def test_an_account_moved_to_another_candidate_of_the_same_contest(system):
    import_contest(system, pilpres(2024, PRABOWO_2024))
    moved = pilpres(2024, {**PRABOWO_2024, "accounts": [{"platform": "x", "handle": "@gibran"}]})
    moved["candidates"][0]["accounts"].append({"platform": "x", "handle": "@prabowo"})
    import_contest(system, moved)
    link = CampaignAccount.objects.get(account__handle="prabowo")
    assert (link.contest.slug, link.candidate.ballot_number) == ("pilpres-2024", 1)


def test_a_campaign_account_in_any_contest_is_never_linked_to_a_civil_servant(system):
    import_contest(system, pilpres(2019, PRABOWO_2019))
    import_contest(system, pilpres(2024, PRABOWO_2024))
    import_contest(system, pilpres(2024, {**PRABOWO_2024, "accounts": []}))
    import_asn(
        system, [ASN_HEADER, f"{nip(1)},Budi,Pemerintah Kabupaten Banyumas,Camat,33.02,PNS\n"]
    )
    result = import_accounts(system, ["nip,platform,handle\n", f"{nip(1)},x,prabowo\n"])
    ((line, reason),) = [(e.line, e.reason) for e in result.errors]
    assert line == 2 and "campaign account of candidate 02 Prabowo Subianto" in reason


@pytest.mark.django_db(transaction=True)
def test_the_migration_carries_each_accounts_candidate_over():
    before = ("cases", "0004_drop_user_case_permissions")
    call_command("migrate", *before, verbosity=0)
    try:
        # The models as they were at 0004, with the account's candidate set as the old importer
        # did.
        old = MigrationExecutor(connection).loader.project_state(before).apps
        contest = old.get_model("cases", "Contest").objects.create(
            slug="pilpres-2019", name="Pilpres 2019", kind="pilpres"
        )
        prabowo = old.get_model("cases", "Candidate").objects.create(
            contest=contest, ballot_number=2, name="Prabowo"
        )
        accounts = old.get_model("cases", "SocialAccount").objects
        account = accounts.create(platform="x", handle="prabowo", candidate=prabowo)
        accounts.create(platform="x", handle="budi_asn")
    finally:
        call_command("migrate", "cases", verbosity=0)
    link = CampaignAccount.objects.get()
    assert (link.contest_id, link.candidate_id, link.account_id) == (
        contest.pk, prabowo.pk, account.pk,
    )  # fmt: skip
    assert DetectorTraining.current().pk is not None and not DetectorTraining.current().enabled
