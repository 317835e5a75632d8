"""A whole case driven only through GraphQL by the agencies' own API clients, in turn."""

import pytest

from cases.routing_data import FUNCTIONS

from .conftest import gid

OPEN = """mutation($input: OpenCaseInput!) { openCase(input: $input) {
  case { id reference status holderAgency { code } subjects { civilServant { nip } } }
  errors { field code message } } }"""
TRANSITION = """mutation($input: TransitionCaseInput!) { transitionCase(input: $input) {
  case { status holderAgency { code } ownerAgency { code }
         latestEscalation { id toAgency { code } } }
  errors { field code message } } }"""
ACKNOWLEDGE = """mutation($id: ID!) { acknowledgeEscalation(input: {escalation: $id}) {
  escalation { status acknowledgedAt } errors { code } } }"""
RECOMMEND = """mutation($input: IssueRecommendationInput!) { issueRecommendation(input: $input) {
  recommendation { proposedSanction addressedPpk { code } case { status holderAgency { code }
    latestEscalation { id toAgency { code } } } }
  errors { field code message } } }"""
SANCTION = """mutation($input: RecordSanctionInput!) { recordSanction(input: $input) {
  sanction { level kind decreeNumber imposingPpk { code } case { status } }
  errors { field code message } } }"""
STATISTICS = """query($contest: String) { statistics(groupBy: STATUS, contest: $contest) {
  total { reported proven sanctioned digital digitalShare }
  rows { key reported proven sanctioned } } }"""


@pytest.mark.django_db
@pytest.mark.parametrize("regime", ["UU_20_2023", "SKB_2022"])
def test_case_lifecycle_through_graphql(api, make_asn, contest, ppk, settings, regime):
    settings.ROUTING_REGIME = regime
    supervisor_code = FUNCTIONS[regime]["neutrality_supervisor"]  # BKN since UU 20/2023, else KASN
    bawaslu, supervisor, ppk_client = api("BAWASLU"), api(supervisor_code), api(ppk.code)
    asn = make_asn(name="Budi Santoso")

    # Bawaslu opens the case and examines it.
    opened = bawaslu(
        OPEN,
        {
            "input": {
                "title": "ASN membagikan konten kampanye",
                "violationCodes": ["SOCIAL_MEDIA_CAMPAIGN"],
                "subject": gid("CivilServant", asn.pk),
                "contest": contest.slug,
                "intakeChannel": "SOCIAL_MEDIA",
            }
        },
    )["openCase"]
    assert opened["errors"] == []
    case = opened["case"]
    assert case["status"] == "INTAKE" and case["subjects"][0]["civilServant"]["nip"] == asn.nip
    assert supervisor('{{ node(id: "{}") {{ id }} }}'.format(case["id"]))["node"] is None

    moved = bawaslu(TRANSITION, {"input": {"case": case["id"], "transition": "start_examination"}})
    assert moved["transitionCase"]["case"]["status"] == "EXAMINATION"

    # ... and forwards it to the neutrality supervisor, who must acknowledge it.
    forwarded = bawaslu(
        TRANSITION,
        {
            "input": {
                "case": case["id"],
                "transition": "forward_to_supervisor",
                "reason": "Terbukti dari kajian",
            }
        },
    )["transitionCase"]
    assert forwarded["errors"] == []
    assert forwarded["case"]["holderAgency"]["code"] == supervisor_code
    escalation = forwarded["case"]["latestEscalation"]
    assert escalation["toAgency"]["code"] == supervisor_code
    acknowledged = supervisor(ACKNOWLEDGE, {"id": escalation["id"]})["acknowledgeEscalation"]
    assert acknowledged["escalation"]["status"] == "ACKNOWLEDGED"

    # Bawaslu kept read access only: it cannot recommend, the supervisor can.
    refused = bawaslu(
        RECOMMEND,
        {"input": {"case": case["id"], "proposedSanction": "HEAVY", "text": "Sanksi berat"}},
    )["issueRecommendation"]
    assert refused["recommendation"] is None and refused["errors"][0]["code"] != "not_found"
    recommended = supervisor(
        RECOMMEND,
        {
            "input": {
                "case": case["id"],
                "proposedSanction": "HEAVY",
                "text": "Direkomendasikan hukuman disiplin berat",
            }
        },
    )["issueRecommendation"]
    assert recommended["errors"] == []
    recommendation = recommended["recommendation"]
    assert recommendation["addressedPpk"]["code"] == ppk.code
    assert recommendation["case"]["holderAgency"]["code"] == ppk.code

    # The PPK sees the case now, and records the sanction.
    assert ppk_client('{{ node(id: "{}") {{ id }} }}'.format(case["id"]))["node"] == {
        "id": case["id"]
    }
    sanctioned = ppk_client(
        SANCTION,
        {
            "input": {
                "case": case["id"],
                "level": "HEAVY",
                "decreeNumber": "800/123/BKPSDM/2024",
                "decreeDate": "2024-11-20",
                "measure": "penurunan jabatan",
            }
        },
    )["recordSanction"]
    assert sanctioned["errors"] == []
    assert sanctioned["sanction"] == {
        "level": "HEAVY",
        "kind": "disciplinary",
        "decreeNumber": "800/123/BKPSDM/2024",
        "imposingPpk": {"code": ppk.code},
        "case": {"status": "SANCTIONED"},
    }

    # The supervisor reads the outcome in its statistics.
    statistics = supervisor(STATISTICS, {"contest": contest.slug})["statistics"]
    assert statistics["total"] == {
        "reported": 1,
        "proven": 1,
        "sanctioned": 1,
        "digital": 1,
        "digitalShare": 1.0,
    }
    assert statistics["rows"] == [
        {"key": "sanctioned", "reported": 1, "proven": 1, "sanctioned": 1}
    ]
    # Another agency the case was never shared with counts nothing.
    assert api("BSSN")(STATISTICS)["statistics"]["total"]["reported"] == 0
