"""A constant number of SQL queries per request, whatever the page size and nesting.

Each named query below is counted over a whole HTTP request (token lookup included) with 10 and
then 100 cases: the counts must be equal, and no higher than the baselines in query_counts.json
(as NetBox keeps them). After an intended change, rewrite the baselines with
    UPDATE_QUERY_COUNTS=1 python -m pytest tests/graphql_api/test_query_counts.py
and review the diff.
"""

import json
import os
from pathlib import Path

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, Role
from cases import services
from cases.models import Case, Post, Report, SocialAccount

from .conftest import gid

BASELINES = Path(__file__).with_name("query_counts.json")

QUERIES = {
    "case_board": """{ cases(first: 100) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id reference title status severity violationCodes dueAt createdAt
        ownerAgency { code } holderAgency { code name }
        institution { name region { code name } ppkAgency { code } }
        subjects { role civilServant { nip name positionType institution { name }
                                        accounts { platform handle } } }
        findings { violationCode score status post { url platform author { handle } } }
        latestEscalation { fromAgency { code } toAgency { code } dueAt status isOverdue }
        evidenceCount } } } }""",
    "case_board_rows": """{ caseBoard(first: 100) { totalCount pageInfo { hasNextPage endCursor }
      edges { node { id reference title status severity violationCodes dueAt createdAt
        ownerAgencyCode holderAgencyCode institutionName subjects { nip name }
        findings { violationCode score }
        latestEscalation { toAgencyCode dueAt status isOverdue } evidenceCount } } } }""",
    "case_detail": """query($id: ID!) { node(id: $id) { ... on Case { reference title
        involvements { role name civilServant { nip name } }
        evidence { kind sha256 url capturedByAgency { code } custody { action agency { code } } }
        escalations { step toAgency { code } status }
        reports { channel text reporterName }
        recommendations { proposedSanction } sanctions { level } notes { text }
        links { kind toCase { reference } } } }
      caseGraph(id: $id, depth: 3) { nodes { id kind label } edges { source target kind } } }""",
    "civil_servant_by_nip": """query($nip: String) { civilServants(filter: {nip: $nip}) {
      edges { node { nip name position institution { name ppkAgency { code } } region { name }
        accounts { platform handle }
        involvements { role case { reference status holderAgency { code } } } } } } }""",
    "statistics_by_violation": """{ statistics(groupBy: VIOLATION) {
      total { reported proven sanctioned digitalShare } rows { key reported } } }""",
    "statistics_by_position": """{ statistics(groupBy: POSITION_TYPE) {
      total { reported } rows { key label reported proven } } }""",
    "outbound_escalations": """{ escalations(first: 100, filter: {direction: OUTBOUND}) {
      totalCount edges { node { step dueAt isOverdue fromAgency { code } toAgency { code }
        case { reference subjects { civilServant { name } } } } } } }""",
    "findings": """{ findings(first: 100) { totalCount edges { node { violationCode score
        post { text author { handle owner { nip } } } case { reference } subject { nip } } } } }""",
    "reports": """{ reports(first: 100) { totalCount edges { node { channel text reporterName
        receivingAgency { code } case { reference } } } } }""",
    "posts": """{ posts(first: 100) { totalCount edges { node { platform text
        author { handle owner { name } } findings { violationCode case { reference } } } } } }""",
}


def add_cases(n: int, examiner, system, make_asn, bssn) -> None:
    """n forwarded cases, each with a subject and their account, a post, a finding, URL evidence,
    a report and a link to the case before it: every nested list above has rows."""
    previous = None
    for i in range(n):
        asn = make_asn()
        account = SocialAccount.objects.create(platform="x", handle=f"asn{asn.pk}", owner=asn)
        post = Post.objects.create(
            platform="x",
            external_id=f"p{asn.pk}",
            author=account,
            text="Coblos 02",
            url=f"https://x.test/{asn.pk}",
            captured_at=timezone.now(),
            record_sha256="0" * 64,
            source_agency=bssn,
        )
        case = services.open_case(
            examiner, title=f"Kasus {i}", subject=asn, violation_codes=["SOCIAL_MEDIA_CAMPAIGN"]
        )
        services.add_finding(
            system, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.9, post=post, case=case
        )
        services.add_evidence(examiner, case, "url", url=post.url, sha256="a" * 64, post=post)
        report = services.submit_report(
            examiner, channel="social_media", text="Lapor", reporter_name="Warga", subject=asn
        )
        Report.objects.filter(pk=report.pk).update(case=case)
        if previous:
            services.link_cases(examiner, case, previous, "related")
        services.transition_case(examiner, case, "start_examination")
        services.transition_case(examiner, case, "forward_to_supervisor")
        previous = case


def count(client, name: str, first_case) -> int:
    variables = {
        "id": gid("Case", first_case.pk),
        "nip": first_case.involvements.first().civil_servant.nip,
    }
    used = {k: v for k, v in variables.items() if f"${k}" in QUERIES[name]}
    with CaptureQueriesContext(connection) as captured:
        client(QUERIES[name], used)
    return len(captured.captured_queries)


@pytest.mark.django_db
def test_query_counts_are_constant_and_within_baselines(api, make_member, make_asn, system):
    examiner = make_member("BAWASLU", Role.SUPERVISOR)
    bssn = Agency.objects.get(code="BSSN")
    client = api("BAWASLU", ["read"])
    client("{ me { username } }")  # writes last_used_at, which later requests skip for a minute
    add_cases(10, examiner, system, make_asn, bssn)
    first = Case.objects.order_by("pk").first()
    for name in QUERIES:  # once each: the process's own caches (content types) fill up first
        count(client, name, first)
    small = {name: count(client, name, first) for name in QUERIES}
    add_cases(90, examiner, system, make_asn, bssn)
    large = {name: count(client, name, first) for name in QUERIES}
    assert large == small, "query count grows with the data"

    if os.environ.get("UPDATE_QUERY_COUNTS"):
        BASELINES.write_text(json.dumps(large, indent=2, sort_keys=True) + "\n")
    baselines = json.loads(BASELINES.read_text())
    risen = {
        name: (baselines.get(name), n) for name, n in large.items() if n > baselines.get(name, 0)
    }
    assert not risen, f"query counts rose above their baselines (baseline, now): {risen}"
