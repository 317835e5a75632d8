"""Each mutation: one service call, the object back through the policy, typed errors."""

import hashlib
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from cases import services
from cases.models import Evidence, Report

from .conftest import gid

CASE = "query($id: ID!) { node(id: $id) { ... on Case { title } } }"


@pytest.fixture
def bawaslu(api):
    return api("BAWASLU")


@pytest.fixture
def case(bawaslu, open_case):
    return open_case("BAWASLU")


@pytest.fixture
def case_id(case):
    return gid("Case", case.pk)


@pytest.mark.django_db
def test_submit_report_keeps_the_reporter_protected(api, make_asn):
    asn = make_asn()
    complaints = api("BAWASLU", ["report"], role="analyst")  # a complaint system files only
    result = complaints(
        """mutation($input: SubmitReportInput!) { submitReport(input: $input) {
        report { id channel receivingAgency { code } reporterName subject { nip } }
        errors { field code } } }""",
        {
            "input": {
                "channel": "PUBLIC_COMPLAINT",
                "text": "ASN ikut kampanye",
                "about": asn.name,
                "subject": gid("CivilServant", asn.pk),
                "reporterName": "Warga",
                "reporterContact": "warga@example.test",
            }
        },
    )["submitReport"]
    # The analyst client may not read the reporter's identity back; a supervisor would.
    assert result["report"]["receivingAgency"] == {"code": "BAWASLU"}
    assert result["report"]["reporterName"] is None and result["errors"] == []
    report = Report.objects.get()
    assert (report.reporter_name, report.reporter_contact) == ("Warga", "warga@example.test")


@pytest.mark.django_db
def test_errors_name_the_input_field_in_camel_case(bawaslu):
    result = bawaslu("""mutation { submitReport(input: {channel: MEDIA, text: "x",
        receivingAgency: "NOPE"}) { report { id } errors { field code message } } }""")
    assert result["submitReport"] == {
        "report": None,
        "errors": [
            {"field": "receivingAgency", "code": "not_found", "message": "agency not found"}
        ],
    }
    result = bawaslu('mutation { openCase(input: {title: " "}) { errors { field code } } }')
    assert result["openCase"]["errors"] == [{"field": "title", "code": "required"}]


@pytest.mark.django_db
def test_update_case_changes_only_given_fields(bawaslu, case_id, case, contest):
    result = bawaslu(
        """mutation($id: ID!) { updateCase(input: {case: $id, title: "Baru",
        severity: HIGH, contest: null}) { case { title severity description contest { slug } }
        errors { code } } }""",
        {"id": case_id},
    )["updateCase"]
    assert result == {
        "case": {
            "title": "Baru",
            "severity": "HIGH",
            "description": case.description,
            "contest": None,
        },
        "errors": [],
    }


@pytest.mark.django_db
def test_share_and_unshare_take_effect_at_once(bawaslu, api, case_id):
    bssn = api("BSSN")
    assert bssn(CASE, {"id": case_id})["node"] is None
    shared = bawaslu(
        """mutation($id: ID!) { shareCase(input: {case: $id, agency: "BSSN",
        level: READ}) { case { id } errors { code } } }""",
        {"id": case_id},
    )["shareCase"]
    assert shared == {"case": {"id": case_id}, "errors": []}
    assert bssn(CASE, {"id": case_id})["node"] == {"title": "Kampanye"}
    bawaslu(
        """mutation($id: ID!) { unshareCase(input: {case: $id, agency: "BSSN"})
        { errors { code } } }""",
        {"id": case_id},
    )
    assert bssn(CASE, {"id": case_id})["node"] is None


@pytest.mark.django_db
def test_read_access_is_not_enough_to_manage(bawaslu, api, case_id):
    kemendagri = api("KEMENDAGRI")  # regional subject: shared with Kemendagri to read
    result = kemendagri(
        """mutation($id: ID!) { shareCase(input: {case: $id, agency: "BSSN",
        level: READ}) { case { id } errors { field code } } }""",
        {"id": case_id},
    )["shareCase"]
    assert result == {"case": None, "errors": [{"field": "case", "code": "permission_denied"}]}


@pytest.mark.django_db
def test_link_cases_and_pressuring_party(bawaslu, open_case, case_id):
    other = gid("Case", open_case("BAWASLU").pk)
    linked = bawaslu(
        """mutation($a: ID!, $b: ID!) { linkCases(input: {fromCase: $a, toCase: $b,
        kind: DUPLICATE_OF}) { link { kind fromCase { id } toCase { id } } errors { code } } }""",
        {"a": case_id, "b": other},
    )["linkCases"]
    assert linked == {
        "link": {"kind": "DUPLICATE_OF", "fromCase": {"id": case_id}, "toCase": {"id": other}},
        "errors": [],
    }
    involved = bawaslu(
        """mutation($id: ID!) { addInvolvement(input: {case: $id,
        role: PRESSURING_PARTY, name: "Camat Cibinong", description: "Memerintahkan hadir"})
        { involvement { role name case { involvements { role } } } errors { code } } }""",
        {"id": case_id},
    )["addInvolvement"]
    assert involved["involvement"]["role"] == "PRESSURING_PARTY"
    assert {i["role"] for i in involved["involvement"]["case"]["involvements"]} == {
        "SUBJECT",
        "PRESSURING_PARTY",
    }


@pytest.mark.django_db
def test_add_evidence_by_multipart_upload(bawaslu, case_id, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = b"screenshot bytes"
    operations = {
        "query": """mutation($input: AddEvidenceInput!) { addEvidence(input: $input) {
        evidence { kind sha256 size fileName custody { action agency { code } } }
        errors { field code } } }""",
        "variables": {"input": {"case": case_id, "kind": "SCREENSHOT", "file": None}},
    }
    response = bawaslu.http.post(
        "/graphql/",
        {
            "operations": json.dumps(operations),
            "map": json.dumps({"0": ["variables.input.file"]}),
            "0": SimpleUploadedFile("bukti.png", content, content_type="image/png"),
        },
        HTTP_AUTHORIZATION=f"Bearer {bawaslu.token}",
    )
    assert response.status_code == 200, response.content
    evidence = response.json()["data"]["addEvidence"]["evidence"]
    assert evidence["sha256"] == hashlib.sha256(content).hexdigest()
    assert evidence["size"] == len(content) and evidence["fileName"].endswith(".png")
    assert evidence["custody"] == [{"action": "captured", "agency": {"code": "BAWASLU"}}]
    assert Evidence.objects.get().file.read() == content


@pytest.mark.django_db
def test_add_evidence_by_url_and_hash(bawaslu, case_id):
    query = """mutation($input: AddEvidenceInput!) { addEvidence(input: $input) {
        evidence { kind url sha256 } errors { field code } } }"""
    url_input = {"case": case_id, "kind": "URL", "url": "https://x.test/p/1"}
    refused = bawaslu(query, {"input": {**url_input, "sha256": "abc"}})["addEvidence"]
    assert refused == {"evidence": None, "errors": [{"field": "sha256", "code": "invalid"}]}
    added = bawaslu(query, {"input": {**url_input, "sha256": "B" * 64}})["addEvidence"]
    assert added == {
        "evidence": {"kind": "URL", "url": "https://x.test/p/1", "sha256": "b" * 64},
        "errors": [],
    }


@pytest.mark.django_db
def test_workflow_refusals_are_typed(bawaslu, case_id):
    result = bawaslu(
        """mutation($id: ID!) { transitionCase(input: {case: $id,
        transition: "recommend"}) { case { status } errors { field code } } }""",
        {"id": case_id},
    )["transitionCase"]
    assert result == {
        "case": None,
        "errors": [{"field": "transition", "code": "invalid_transition"}],
    }


@pytest.mark.django_db
def test_inbox_notices_are_the_agencys_own_and_can_be_marked_read(api, open_case, make_member):
    case = open_case("BAWASLU")
    supervisor = make_member("BAWASLU", "supervisor")
    services.transition_case(supervisor, case, "start_examination")
    services.transition_case(supervisor, case, "forward_to_supervisor")  # tells BKN
    bkn, bawaslu = api("BKN"), api("BAWASLU")
    query = "{ notices(unread: true) { totalCount edges { node { id eventType case { id } } } } }"
    inbox = bkn(query)["notices"]
    notice = next(
        edge["node"] for edge in inbox["edges"] if edge["node"]["eventType"] == "escalation.opened"
    )
    assert notice["case"] == {"id": gid("Case", case.pk)}
    assert notice["id"] not in {e["node"]["id"] for e in bawaslu(query)["notices"]["edges"]}
    mark = """mutation($id: ID!) { markNoticeRead(input: {notice: $id}) {
        notice { readAt } errors { field code } } }"""
    assert bawaslu(mark, {"id": notice["id"]})["markNoticeRead"]["errors"] == [
        {"field": "notice", "code": "not_found"}
    ]
    assert bkn(mark, {"id": notice["id"]})["markNoticeRead"]["notice"]["readAt"]
    assert bkn(query)["notices"]["totalCount"] == inbox["totalCount"] - 1


@pytest.mark.django_db
def test_reports_join_the_case_opened_from_them(api, bawaslu, make_asn, case_id):
    complaints = api("BAWASLU", ["report"], role="analyst")  # Bawaslu's complaint system
    submit = """mutation($input: SubmitReportInput!) { submitReport(input: $input) {
        report { id } } }"""
    first, second = (
        complaints(submit, {"input": {"channel": "PUBLIC_COMPLAINT", "text": text}})[
            "submitReport"
        ]["report"]["id"]
        for text in ("Laporan 1", "Laporan 2")
    )
    opened = bawaslu(
        """mutation($input: OpenCaseInput!) { openCase(input: $input) {
        case { reports { id } } errors { field } } }""",
        {
            "input": {
                "title": "Dari laporan",
                "subject": gid("CivilServant", make_asn().pk),
                "reports": [first],
            }
        },
    )["openCase"]
    assert opened == {"case": {"reports": [{"id": first}]}, "errors": []}
    attach = """mutation($input: AttachReportInput!) { attachReport(input: $input) {
        report { case { id } } errors { field code message } } }"""
    result = bawaslu(attach, {"input": {"report": second, "case": case_id}})["attachReport"]
    assert result == {"report": {"case": {"id": case_id}}, "errors": []}
    # Another agency's report ID looks like a missing one.
    kasn_report = services.submit_report(
        api("KASN").user, channel="media", text="x", receiving_agency=api("KASN").client.agency
    )
    result = bawaslu(attach, {"input": {"report": gid("Report", kasn_report.pk), "case": case_id}})[
        "attachReport"
    ]
    assert result["report"] is None
    assert result["errors"] == [
        {"field": "report", "code": "not_found", "message": "report not found"}
    ]
    assert (
        result
        == bawaslu(attach, {"input": {"report": gid("Report", 999_999), "case": case_id}})[
            "attachReport"
        ]
    )
