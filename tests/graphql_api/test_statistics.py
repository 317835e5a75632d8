"""`statistics`: reported, proven, sanctioned and digital counts per group, over visible cases."""

import pytest

from cases import services

QUERY = """query($by: StatisticsGroup!) { statistics(groupBy: $by) {
  total { reported proven sanctioned digital digitalShare }
  rows { key label reported proven sanctioned digital } } }"""


@pytest.fixture
def cases(open_case, make_asn):
    open_case(
        violation_codes=["SOCIAL_MEDIA_CAMPAIGN", "PHOTO_WITH_CANDIDATE"],
        intake_channel="detection",
        subject=make_asn(position_type="jpt"),
    )
    open_case(
        violation_codes=["PHOTO_WITH_CANDIDATE"],
        intake_channel="public_complaint",
        subject=make_asn(position_type="executor"),
    )


@pytest.mark.django_db
def test_a_case_counts_under_each_of_its_violations(api, cases):
    statistics = api("BAWASLU")(QUERY, {"by": "VIOLATION"})["statistics"]
    assert statistics["total"] == {
        "reported": 2,
        "proven": 0,
        "sanctioned": 0,
        "digital": 1,
        "digitalShare": 0.5,
    }
    rows = {row["key"]: (row["reported"], row["digital"]) for row in statistics["rows"]}
    assert rows == {"SOCIAL_MEDIA_CAMPAIGN": (1, 1), "PHOTO_WITH_CANDIDATE": (2, 1)}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "group_by, expected",
    [
        (
            "POSITION_TYPE",
            {("jpt", "JPT (senior executive)"): 1, ("executor", "Pelaksana (executor)"): 1},
        ),
        (
            "CHANNEL",
            {("detection", "Automated detection"): 1, ("public_complaint", "Public complaint"): 1},
        ),
        ("STATUS", {("intake", "Intake"): 2}),
        ("REGION", {("32.01", "Kabupaten Bogor"): 2}),
    ],
)
def test_groupings(api, cases, group_by, expected):
    rows = api("BAWASLU")(QUERY, {"by": group_by})["statistics"]["rows"]
    assert {(row["key"], row["label"]): row["reported"] for row in rows} == expected


@pytest.mark.django_db
def test_the_total_is_the_same_whatever_the_grouping(api, cases, open_case, make_asn, system):
    # Two subjects in different positions: the case counts under both, but once in the total.
    case = open_case(subject=make_asn(position_type="jpt"))
    services.add_involvement(
        system, case, "subject", civil_servant=make_asn(position_type="executor")
    )
    client = api("BAWASLU")
    totals = {
        group_by: client(QUERY, {"by": group_by})["statistics"]["total"]["reported"]
        for group_by in ("VIOLATION", "REGION", "STATUS", "AGENCY", "POSITION_TYPE", "CHANNEL")
    }
    assert set(totals.values()) == {3}
    rows = client(QUERY, {"by": "POSITION_TYPE"})["statistics"]["rows"]
    assert sum(row["reported"] for row in rows) == 4


CONTEST_QUERY = """query($contest: String) { statistics(groupBy: REGION, contest: $contest) {
  contest total { reported } rows { key reported } } }"""


@pytest.mark.django_db
def test_an_unknown_contest_is_not_found_rather_than_zeros(api, cases):
    bawaslu = api("BAWASLU")
    (error,) = bawaslu.errors(CONTEST_QUERY, {"contest": "pilkada-tidak-ada"})
    assert error["message"] == "contest not found" and error["path"] == ["statistics"]
    known = bawaslu(CONTEST_QUERY, {"contest": "pilkada-bogor-2024"})["statistics"]
    assert known["total"] == {"reported": 2}


@pytest.mark.django_db
def test_a_national_contest_has_no_region(api, open_case, system):
    from cases.importers import import_contest
    from cases.models import Contest

    national = {
        "slug": "pilpres-2029",
        "name": "Pilpres 2029",
        "kind": "pilpres",
        "candidates": [{"ballot_number": 1, "name": "Calon"}],
    }
    assert not import_contest(system, national).errors
    assert not import_contest(system, {**national, "region": None}).errors
    refused = import_contest(system, {**national, "region": {"code": "00"}}).errors
    assert [e.reason for e in refused] == [
        "region code '00' is not a Kemendagri region code; leave region out (or null) for a "
        "national contest such as pilpres or pileg DPR"
    ]
    contest = Contest.objects.get(slug="pilpres-2029")
    assert contest.region is None
    open_case(contest=contest)
    statistics = api("BAWASLU")(CONTEST_QUERY, {"contest": "pilpres-2029"})["statistics"]
    assert statistics["contest"] == "pilpres-2029" and statistics["total"] == {"reported": 1}
    assert statistics["rows"] == [{"key": "32.01", "reported": 1}]  # by the case's region
