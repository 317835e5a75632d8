"""The root lists' filters and ordering (each only narrows what the policy already allows)."""

import datetime

import pytest
from django.utils import timezone

from agencies.models import Role
from cases import services
from cases.models import Escalation

from .conftest import gid

CASES = (
    "query($f: CaseFilter, $o: CaseOrder) { cases(filter: $f, orderBy: $o) "
    "{ edges { node { title } } } }"
)


@pytest.fixture
def titled(open_case, make_asn, make_member):
    supervisor = make_member("BAWASLU", Role.SUPERVISOR)
    open_case(title="Alpha kampanye", violation_codes=["WINNING_TEAM"])
    second = open_case(
        title="Beta foto", violation_codes=["PHOTO_WITH_CANDIDATE"], subject=make_asn(name="Rina")
    )
    services.transition_case(supervisor, second, "start_examination")


def titles(client, **variables) -> list[str]:
    return [e["node"]["title"] for e in client(CASES, variables)["cases"]["edges"]]


@pytest.mark.django_db
def test_case_filters_and_order(api, titled, institution, contest):
    bawaslu = api("BAWASLU")
    assert titles(bawaslu, o={"field": "REFERENCE", "direction": "ASC"}) == [
        "Alpha kampanye",
        "Beta foto",
    ]
    assert titles(bawaslu) == ["Beta foto", "Alpha kampanye"]  # newest first
    assert titles(bawaslu, f={"status": ["EXAMINATION"]}) == ["Beta foto"]
    assert titles(bawaslu, f={"violationCode": "WINNING_TEAM"}) == ["Alpha kampanye"]
    assert titles(bawaslu, f={"text": "foto"}) == ["Beta foto"]
    assert titles(
        bawaslu, f={"holderAgency": "BAWASLU", "ownerAgency": "BAWASLU", "contest": contest.slug}
    ) == ["Beta foto", "Alpha kampanye"]
    assert len(titles(bawaslu, f={"region": "32"})) == 2  # Kabupaten Bogor is in Jawa Barat
    assert titles(bawaslu, f={"region": "35"}) == []
    assert len(titles(bawaslu, f={"institution": gid("Institution", institution.pk)})) == 2
    assert titles(bawaslu, f={"institution": gid("Agency", institution.pk)}) == []
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    assert titles(bawaslu, f={"createdAfter": tomorrow}) == []


@pytest.mark.django_db
def test_civil_servant_filters(api, make_asn, institution):
    make_asn(name="Rina Wulandari")
    asn = make_asn(name="Budi")
    client = api("KASN", ["read"])
    query = (
        "query($f: CivilServantFilter) { civilServants(filter: $f) { edges { node { name } } } }"
    )

    def names(**f):
        return [e["node"]["name"] for e in client(query, {"f": f})["civilServants"]["edges"]]

    assert names(nip=asn.nip) == ["Budi"]
    assert names(name="wulan") == ["Rina Wulandari"]
    assert names(region="32.01", institution=gid("Institution", institution.pk)) == [
        "Budi",
        "Rina Wulandari",
    ]


@pytest.mark.django_db
def test_escalation_direction_and_overdue(api, open_case, make_member):
    case = open_case("BAWASLU")
    supervisor = make_member("BAWASLU", Role.SUPERVISOR)
    services.transition_case(supervisor, case, "start_examination")
    services.transition_case(supervisor, case, "forward_to_supervisor")
    query = "query($f: EscalationFilter) { escalations(filter: $f) { totalCount } }"
    bawaslu, bkn = api("BAWASLU"), api("BKN")

    def count(client, **f):
        return client(query, {"f": f})["escalations"]["totalCount"]

    assert count(bawaslu, direction="OUTBOUND") == 1 and count(bawaslu, direction="INBOUND") == 0
    assert count(bkn, direction="INBOUND") == 1 and count(bkn, overdue=True) == 0
    Escalation.objects.update(due_at=timezone.localdate() - datetime.timedelta(days=1))
    assert count(bkn, overdue=True, status=["OPEN"]) == 1
