"""Per-agency isolation at every entry point, nested path and mutation. An object another agency
holds must look exactly like one that does not exist."""

from types import SimpleNamespace

import pytest
import strawberry
import strawberry_django
from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from django.test import Client
from django.utils import timezone
from strawberry_django.optimizer import DjangoOptimizerExtension

from agencies.models import Agency, Role
from cases import services
from cases.models import Candidate, Case, Post, Report, SocialAccount
from cases.policy import REFERENCE_MODELS
from graphql_api.schema import Schema, schema
from graphql_api.types.base import PolicyNode, RegistryNode

from .conftest import gid

MISSING = gid("Case", 999_999)


@pytest.fixture
def world(api, open_case, make_member, make_asn, system):
    """Bawaslu's case A (regional subject: Kemendagri reads it), KASN's case B on the same ASN,
    linked A -> B; a report, a finding and a post around A; BSSN sees none of it."""
    asn = make_asn(name="Siti Aminah")
    case_a = open_case("BAWASLU", subject=asn, title="Kasus A")
    case_b = open_case("KASN", subject=asn, title="Kasus B")
    services.link_cases(system, case_a, case_b, "related")
    finding = services.add_finding(
        system, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.95, case=case_a
    )
    report = services.submit_report(
        make_member("BAWASLU", Role.ANALYST),
        channel="public_complaint",
        text="Laporan",
        reporter_name="Pelapor Rahasia",
        reporter_contact="0812-000",
    )
    Report.objects.filter(pk=report.pk).update(case=case_a)
    bssn = Agency.objects.get(code="BSSN")
    # BSSN received a report that ended up in case A, and its feed captured a post found in A.
    bssn_report = Report.objects.create(
        channel="media", text="x", receiving_agency=bssn, case=case_a
    )
    account = SocialAccount.objects.create(platform="x", handle="siti", owner=asn)
    post = Post.objects.create(
        platform="x",
        external_id="1",
        author=account,
        text="Pilih 02!",
        captured_at=timezone.now(),
        record_sha256="0" * 64,
        source_agency=bssn,
    )
    services.add_finding(
        system, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.9, post=post, case=case_a
    )
    forwarded = open_case("BAWASLU", title="Kasus C")
    bawaslu_supervisor = make_member("BAWASLU", Role.SUPERVISOR)
    services.transition_case(bawaslu_supervisor, forwarded, "start_examination")
    services.transition_case(bawaslu_supervisor, forwarded, "forward_to_supervisor")
    return SimpleNamespace(
        asn=asn,
        a=case_a,
        b=case_b,
        c=forwarded,
        finding=finding,
        report=report,
        bssn_report=bssn_report,
        post=post,
        escalation=forwarded.escalations.get(),
        bawaslu=api("BAWASLU"),
        kasn=api("KASN"),
        bssn=api("BSSN"),
    )


def ids(connection: dict) -> set[str]:
    return {edge["node"]["id"] for edge in connection["edges"]}


@pytest.mark.django_db
def test_case_list_shows_only_shared_cases(world):
    query = "{ cases { totalCount edges { node { id } } } }"
    assert ids(world.bawaslu(query)["cases"]) == {gid("Case", world.a.pk), gid("Case", world.c.pk)}
    assert ids(world.kasn(query)["cases"]) == {gid("Case", world.b.pk)}
    assert world.bssn(query)["cases"] == {"totalCount": 0, "edges": []}


@pytest.mark.django_db
def test_node_with_another_agencys_id_is_null_like_a_missing_one(world):
    query = "query($id: ID!) { node(id: $id) { id ... on Case { title } } }"
    hidden = world.bssn.post(query, {"id": gid("Case", world.a.pk)}).json()
    missing = world.bssn.post(query, {"id": MISSING}).json()
    assert hidden == missing == {"data": {"node": None}}
    for type_name, pk in [
        ("Finding", world.finding.pk),
        ("Report", world.report.pk),
        ("Escalation", world.escalation.pk),
        ("CaseLink", 1),
    ]:
        assert world.bssn(query, {"id": gid(type_name, pk)})["node"] is None
    nodes = world.bssn(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {
            "ids": [
                gid("Case", world.a.pk),
                gid("Post", world.post.pk),
                gid("AuditEvent", 1),
                gid("Case", "x"),
            ]
        },
    )
    assert nodes["nodes"] == [None, {"id": gid("Post", world.post.pk)}, None, None]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", ["findings", "reports", "escalations", "posts"])
def test_child_lists_follow_their_case(world, entry):
    query = f"{{ {entry} {{ totalCount edges {{ node {{ id }} }} }} }}"
    outsider = world.bssn(query)[entry]
    owner = world.bawaslu(query)[entry]
    assert owner["totalCount"] > 0
    hidden = {
        "findings": gid("Finding", world.finding.pk),
        "reports": gid("Report", world.report.pk),
        "escalations": gid("Escalation", world.escalation.pk),
    }.get(entry)
    if hidden:
        assert hidden not in ids(outsider)
    # BSSN sees only what its own feed or inbox brought in.
    assert ids(outsider) <= {gid("Post", world.post.pk), gid("Report", world.bssn_report.pk)}


@pytest.mark.django_db
def test_nested_paths_filter_through_the_policy(world):
    # BSSN sees its post and its report, but not the case they ended up in.
    post = world.bssn(
        "query($id: ID!) { node(id: $id) { ... on Post { findings { id } "
        "author { owner { involvements { id } } } } } }",
        {"id": gid("Post", world.post.pk)},
    )["node"]
    assert post == {"findings": [], "author": {"owner": {"involvements": []}}}
    report = world.bssn(
        "query($id: ID!) { node(id: $id) { ... on Report { case { id } } } }",
        {"id": gid("Report", world.bssn_report.pk)},
    )["node"]
    assert report == {"case": None}
    # The civil servant is shared reference data; their cases are not.
    servants = (
        '{ civilServants(filter: {nip: "%s"}) { edges { node { involvements { case { id } } } } } }'
    )
    seen = [
        i["case"]["id"]
        for i in world.bawaslu(servants % world.asn.nip)["civilServants"]["edges"][0]["node"][
            "involvements"
        ]
    ]
    assert seen == [gid("Case", world.a.pk)]
    # A link to a case the reader cannot see is not shown from either side.
    links = "query($id: ID!) { node(id: $id) { ... on Case { links { id } linkedFrom { id } } } }"
    assert world.bawaslu(links, {"id": gid("Case", world.a.pk)})["node"] == {
        "links": [],
        "linkedFrom": [],
    }
    assert world.kasn(links, {"id": gid("Case", world.b.pk)})["node"] == {
        "links": [],
        "linkedFrom": [],
    }


@pytest.mark.django_db
def test_reporter_identity_only_for_the_receiving_agencys_supervisors(world, api):
    query = (
        "query($id: ID!) { node(id: $id) { ... on Report { text reporterName reporterContact } } }"
    )
    variables = {"id": gid("Report", world.report.pk)}
    assert world.bawaslu(query, variables)["node"] == {
        "text": "Laporan",
        "reporterName": "Pelapor Rahasia",
        "reporterContact": "0812-000",
    }
    viewer = api("BAWASLU", ["read"])  # a read-only client acts as a viewer
    assert viewer(query, variables)["node"] == {
        "text": "Laporan",
        "reporterName": None,
        "reporterContact": None,
    }


@pytest.mark.django_db
def test_case_graph_stays_inside_what_the_reader_sees(world):
    query = (
        "query($id: ID!) { caseGraph(id: $id, depth: 3) { nodes { id kind } "
        "edges { source target kind } } }"
    )
    graph = world.bawaslu(query, {"id": gid("Case", world.a.pk)})["caseGraph"]
    node_ids = {n["id"] for n in graph["nodes"]}
    assert gid("Case", world.a.pk) in node_ids and gid("CivilServant", world.asn.pk) in node_ids
    assert gid("Finding", world.finding.pk) in node_ids and gid("Post", world.post.pk) in node_ids
    assert gid("Case", world.b.pk) not in node_ids  # KASN's case on the same ASN
    assert world.bssn(query, {"id": gid("Case", world.a.pk)})["caseGraph"] is None
    # From KASN's side the same ASN does not lead to Bawaslu's case either.
    graph = world.kasn(query, {"id": gid("Case", world.b.pk)})["caseGraph"]
    assert gid("Case", world.a.pk) not in {n["id"] for n in graph["nodes"]}


@pytest.mark.django_db
def test_statistics_count_only_visible_cases(world):
    query = "{ statistics(groupBy: AGENCY) { total { reported } rows { key reported } } }"
    assert world.bawaslu(query)["statistics"] == {
        "total": {"reported": 1 + 1},
        "rows": [{"key": "BAWASLU", "reported": 1}, {"key": "BKN", "reported": 1}],
    }
    assert world.bssn(query)["statistics"] == {"total": {"reported": 0}, "rows": []}


@pytest.mark.django_db
@pytest.mark.parametrize(
    "mutation, variables",
    [
        ('transitionCase(input: {case: $id, transition: "start_examination"})', {}),
        ('updateCase(input: {case: $id, title: "x"})', {}),
        ('shareCase(input: {case: $id, agency: "BSSN", level: MANAGE})', {}),
        ('unshareCase(input: {case: $id, agency: "KASN"})', {}),
        ('addInvolvement(input: {case: $id, role: PRESSURING_PARTY, name: "Camat"})', {}),
        (
            'addEvidence(input: {case: $id, kind: URL, url: "https://x.test", sha256: "%s"})'
            % ("a" * 64),
            {},
        ),
        ('issueRecommendation(input: {case: $id, proposedSanction: HEAVY, text: "x"})', {}),
        (
            'recordSanction(input: {case: $id, level: HEAVY, decreeNumber: "1", '
            'decreeDate: "2024-01-01"})',
            {},
        ),
    ],
)
def test_mutations_on_hidden_cases_fail_as_not_found(world, mutation, variables):
    query = f"mutation($id: ID!) {{ {mutation} {{ errors {{ field code message }} }} }}"
    name = mutation.split("(")[0]
    hidden = world.bssn(query, {"id": gid("Case", world.a.pk)})[name]
    missing = world.bssn(query, {"id": MISSING})[name]
    assert (
        hidden
        == missing
        == {"errors": [{"field": "case", "code": "not_found", "message": "case not found"}]}
    )


@pytest.mark.django_db
def test_other_hidden_references_fail_as_not_found(world):
    own = world.bssn(
        'mutation { openCase(input: {title: "Kasus BSSN"}) { case { id } errors { code } } }'
    )
    own_id = own["openCase"]["case"]["id"]
    linked = world.bssn(
        "mutation($from: ID!, $to: ID!) { linkCases(input: {fromCase: $from, "
        "toCase: $to}) { link { id } errors { field code } } }",
        {"from": own_id, "to": gid("Case", world.a.pk)},
    )["linkCases"]
    assert linked == {"link": None, "errors": [{"field": "toCase", "code": "not_found"}]}
    acknowledged = world.bssn(
        "mutation($id: ID!) { acknowledgeEscalation(input: {escalation: $id})"
        " { errors { field code } } }",
        {"id": gid("Escalation", world.escalation.pk)},
    )
    assert acknowledged["acknowledgeEscalation"]["errors"] == [
        {"field": "escalation", "code": "not_found"}
    ]
    wrong_type = world.bssn(
        "mutation($id: ID!) { transitionCase(input: {case: $id, transition: "
        '"close"}) { errors { field code } } }',
        {"id": gid("Post", world.post.pk)},
    )
    assert wrong_type["transitionCase"]["errors"] == [{"field": "case", "code": "not_found"}]


REGISTRY_ROOTS = (
    "agencies",
    "institutions",
    "civilServants",
    "socialAccounts",
    "contests",
    "candidates",
)


def registry_query(node_id: str) -> str:
    roots = " ".join(
        f"{root} {{ totalCount edges {{ node {{ id }} }} }}" for root in REGISTRY_ROOTS
    )
    return f'{{ {roots} node(id: "{node_id}") {{ id }} }}'


@pytest.mark.django_db
def test_registry_rows_are_read_all_or_none(world, contest):
    """Registry types are joined to the rows that refer to them, with no filter of their own:
    so a caller who may read no registry row must get none where they are read on their own."""
    Candidate.objects.create(contest=contest, ballot_number=1, name="Calon Satu")
    agency = gid("Agency", Agency.objects.get(code="BAWASLU").pk)
    seen = world.bssn(registry_query(agency))
    assert all(seen[root]["totalCount"] > 0 for root in REGISTRY_ROOTS)
    assert seen["node"] == {"id": agency}
    staff = get_user_model().objects.create_user("registry-staff", is_staff=True)
    browser = Client()
    browser.force_login(staff)  # a staff session of no agency: everything the API has is empty
    response = browser.post(
        "/graphql/", {"query": registry_query(agency)}, content_type="application/json"
    ).json()
    assert "errors" not in response
    assert all(response["data"][root] == {"totalCount": 0, "edges": []} for root in REGISTRY_ROOTS)
    assert response["data"]["node"] is None
    Agency.objects.filter(code="BSSN").update(active=False)  # a closed agency's client: refused
    assert world.bssn.post(registry_query(agency)).status_code == 401


@strawberry_django.type(Case, name="PlainCase")
class PlainCase:  # a type over case rows that is neither a PolicyNode nor a RegistryNode
    title: strawberry.auto


@strawberry_django.type(Case, name="RegistryCase")
class RegistryCase(RegistryNode):  # case rows read all or none: past the policy too
    title: strawberry.auto


@strawberry_django.type(Case, name="PolicyCase")
class PolicyCase(PolicyNode):
    title: strawberry.auto


def schema_listing(node_type):
    @strawberry.type
    class Query:
        @strawberry_django.field
        def rows(self) -> list[node_type]:
            return Case.objects.all()

    return Schema(query=Query)


@pytest.mark.parametrize("unguarded", [PlainCase, RegistryCase])
def test_a_schema_with_a_type_past_the_policy_fails_to_build(unguarded):
    with pytest.raises(ImproperlyConfigured, match=unguarded.__name__):
        schema_listing(unguarded)
    assert schema_listing(PolicyCase)


@pytest.mark.django_db
def test_lists_not_prefetched_are_read_through_the_policy(world, system):
    """A row the optimizer did not load reads its lists as querysets, filtered as prefetches."""
    services.add_evidence(system, world.a, "url", url="https://x.test/1", sha256="a" * 64)
    lists = f"""{{ cases {{ edges {{ node {{ reference involvements {{ role civilServant {{ nip }} }}
        findings {{ violationCode score }} reports {{ channel findings {{ score }} }}
        evidence {{ kind custody {{ action }} }} escalations {{ step }}
        links {{ kind toCase {{ reference }} }} linkedFrom {{ fromCase {{ reference }} }} }} }} }}
      civilServants(filter: {{nip: "{world.asn.nip}"}}) {{ edges {{ node {{ involvements {{ case {{ reference }} }} }} }} }}
      posts {{ edges {{ node {{ externalId findings {{ score }} }} }} }} }}"""
    clients = (world.bawaslu, world.kasn, world.bssn)
    prefetched = [client(lists) for client in clients]
    with DjangoOptimizerExtension.disabled():
        assert [client(lists) for client in clients] == prefetched
    case_a = next(
        edge["node"]
        for edge in prefetched[0]["cases"]["edges"]
        if edge["node"]["reference"] == world.a.reference
    )
    assert len(case_a["findings"]) == 2 and len(case_a["reports"]) == 2
    assert case_a["evidence"] == [{"kind": "URL", "custody": [{"action": "captured"}]}]
    servant = prefetched[0]["civilServants"]["edges"][0]["node"]
    assert servant["involvements"] == [{"case": {"reference": world.a.reference}}]  # not KASN's B
    assert case_a["links"] == []  # to KASN's case B, which Bawaslu cannot see


REPORTS_WITH_CASE = """query($hasCase: Boolean) { reports(filter: {hasCase: $hasCase}) {
    totalCount edges { node { id case { id } } } } }"""
ATTACH = """mutation($input: AttachReportInput!) { attachReport(input: $input) {
    report { id } errors { field code message } } }"""


@pytest.mark.django_db
def test_a_report_filed_in_a_case_unshared_from_its_agency_looks_unfiled(world, system):
    """Bawaslu filed its report in KASN's case B while B was shared with it; once B is unshared,
    the report has no case to Bawaslu: not listed as having one, and not refiled as `already
    attached` elsewhere (that would tell B exists), but refused as a missing report is."""
    bawaslu = Agency.objects.get(code="BAWASLU")
    services.share_case(system, world.b, bawaslu, "contribute")
    client_user = world.bawaslu.user
    report = services.submit_report(client_user, channel="media", text="Laporan untuk B")
    services.attach_report(client_user, report, world.b)
    report_id = gid("Report", report.pk)

    def listed(has_case: bool) -> dict:
        edges = world.bawaslu(REPORTS_WITH_CASE, {"hasCase": has_case})["reports"]["edges"]
        return {edge["node"]["id"]: edge["node"]["case"] for edge in edges}

    assert listed(True)[report_id] == {"id": gid("Case", world.b.pk)}
    services.unshare_case(system, world.b, bawaslu)
    assert report_id not in listed(True)
    assert listed(False)[report_id] is None
    assert all(case is not None for case in listed(True).values())

    refile = world.bawaslu(
        ATTACH, {"input": {"report": report_id, "case": gid("Case", world.a.pk)}}
    )
    missing = world.bawaslu(
        ATTACH, {"input": {"report": gid("Report", 999_999), "case": gid("Case", world.a.pk)}}
    )
    assert refile == missing
    assert refile["attachReport"]["errors"] == [
        {"field": "report", "code": "not_found", "message": "report not found"}
    ]
    report.refresh_from_db()
    assert report.case_id == world.b.pk  # KASN's case keeps its report


@pytest.mark.django_db
def test_reports_of_cases_another_agency_holds_are_listed_without_a_case(world):
    """BSSN received a report that joined Bawaslu's case A, which BSSN cannot see."""
    bssn_report = gid("Report", world.bssn_report.pk)
    with_case = world.bssn(REPORTS_WITH_CASE, {"hasCase": True})["reports"]
    without = world.bssn(REPORTS_WITH_CASE, {"hasCase": False})["reports"]
    assert with_case == {"totalCount": 0, "edges": []}
    assert without["edges"] == [{"node": {"id": bssn_report, "case": None}}]
    seen_by_bawaslu = world.bawaslu(REPORTS_WITH_CASE, {"hasCase": True})["reports"]["edges"]
    assert {"node": {"id": bssn_report, "case": {"id": gid("Case", world.a.pk)}}} in seen_by_bawaslu
