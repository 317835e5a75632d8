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
