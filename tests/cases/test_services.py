"""The case services beyond the workflow: sharing, evidence, involvements, links, intake."""

import hashlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from agencies.models import Agency, Notice
from cases import services
from cases.models import Case, CustodyEntry, Finding, Report
from cases.policy import visible
from cases.sharing import shares_of
from core.errors import NotFound, PermissionDenied, ServiceError
from core.models import AuditEvent


@pytest.fixture
def case(staff, asn, regime):
    return services.open_case(
        staff["BAWASLU"]["analyst"],
        title="Foto bersama paslon",
        subject=asn,
        violation_codes=["PHOTO_WITH_CANDIDATE"],
    )


@pytest.mark.django_db
def test_open_case_applies_the_open_sharing_rules(case, staff):
    assert case.reference.startswith("NET-") and case.owner_agency.code == "BAWASLU"
    # The subject works for a regional government: Kemendagri may read.
    assert shares_of(case) == {"BAWASLU": "manage", "KEMENDAGRI": "read"}
    assert case.involvements.get().role == "subject"
    assert Notice.objects.filter(
        case=case, agency__code="KEMENDAGRI", event_type="case.shared"
    ).exists()
    assert set(
        AuditEvent.objects.filter(object_id=str(case.pk), object_type="cases.case").values_list(
            "action", flat=True
        )
    ) == {"case.open", "case.share_rules.open"}


@pytest.mark.django_db
def test_references_are_sequential_per_year(staff, asn, regime):
    first = services.open_case(staff["BAWASLU"]["analyst"], title="a", subject=asn)
    second = services.open_case(staff["BAWASLU"]["analyst"], title="b", subject=asn)
    assert int(second.reference[-6:]) == int(first.reference[-6:]) + 1


@pytest.mark.django_db
def test_share_and_unshare_take_effect_at_once(case, staff):
    bssn = Agency.objects.get(code="BSSN")
    viewer = staff["BSSN"]["viewer"]
    assert not visible(viewer, Case.objects.filter(pk=case.pk)).exists()
    services.share_case(staff["BAWASLU"]["supervisor"], case, bssn, "read")
    assert visible(viewer, Case.objects.filter(pk=case.pk)).exists()
    services.unshare_case(staff["BAWASLU"]["supervisor"], case, bssn)
    assert not visible(viewer, Case.objects.filter(pk=case.pk)).exists()
    with pytest.raises(ServiceError, match="owns case"):
        services.unshare_case(staff["BAWASLU"]["supervisor"], case, case.owner_agency)


@pytest.mark.django_db
def test_hidden_case_looks_missing_and_visible_one_needs_the_level(case, staff):
    with pytest.raises(NotFound):
        services.add_note(staff["BSSN"]["supervisor"], case, "halo")
    with pytest.raises(PermissionDenied):  # Kemendagri may read, not contribute
        services.add_note(staff["KEMENDAGRI"]["supervisor"], case, "halo")
    with pytest.raises(PermissionDenied):  # a viewer's role is below contribute
        services.add_note(staff["BAWASLU"]["viewer"], case, "halo")
    assert services.add_note(staff["BAWASLU"]["analyst"], case, "Klarifikasi dijadwalkan").pk


@pytest.mark.django_db
def test_evidence_file_is_hashed_and_a_wrong_hash_is_refused(case, staff, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    content = b"tangkapan layar"
    analyst = staff["BAWASLU"]["analyst"]
    with pytest.raises(ServiceError, match="does not match the uploaded file") as error:
        services.add_evidence(
            analyst,
            case,
            "screenshot",
            sha256="0" * 64,
            file=SimpleUploadedFile("shot.png", content),
        )
    assert error.value.field == "sha256"
    evidence = services.add_evidence(
        analyst, case, "screenshot", file=SimpleUploadedFile("shot.png", content)
    )
    assert evidence.sha256 == hashlib.sha256(content).hexdigest() and evidence.size == len(content)
    assert CustodyEntry.objects.get(evidence=evidence).action == "captured"
    with pytest.raises(ServiceError, match="64 hexadecimal"):
        services.add_evidence(analyst, case, "url", url="https://example.org/p/1", sha256="abc")


@pytest.mark.django_db
def test_pressuring_party_need_not_be_an_asn(case, staff):
    involvement = services.add_involvement(
        staff["BAWASLU"]["analyst"],
        case,
        "pressuring_party",
        name="Kepala Dinas X",
        description="Menyuruh memasang baliho",
    )
    assert involvement.civil_servant is None and involvement.name == "Kepala Dinas X"
    with pytest.raises(ServiceError, match="name the person"):
        services.add_involvement(staff["BAWASLU"]["analyst"], case, "witness")
    with pytest.raises(ServiceError, match="not a valid role"):
        services.add_involvement(staff["BAWASLU"]["analyst"], case, "villain", name="X")


@pytest.mark.django_db
def test_link_needs_both_cases_visible(case, staff, asn):
    other = services.open_case(staff["BAWASLU"]["analyst"], title="Duplikat", subject=asn)
    supervisor = staff["BAWASLU"]["supervisor"]
    link = services.link_cases(supervisor, other, case, "duplicate_of")
    assert services.link_cases(supervisor, other, case, "duplicate_of") == link  # idempotent
    with pytest.raises(ServiceError, match="itself"):
        services.link_cases(supervisor, case, case, "related")
    with pytest.raises(NotFound):
        services.link_cases(staff["BSSN"]["supervisor"], other, case, "related")


@pytest.mark.django_db
def test_update_case_validates_and_audits(case, staff):
    supervisor = staff["BAWASLU"]["supervisor"]
    services.update_case(supervisor, case, severity="high", violation_codes=["CAMPAIGN_PROPS"])
    event = AuditEvent.objects.filter(action="case.update").get()
    assert event.changes["severity"] == ["medium", "high"]
    with pytest.raises(ServiceError, match="unknown violation code") as error:
        services.update_case(supervisor, case, violation_codes=["LIKING_CATS"])
    assert error.value.field == "violation_codes"
    with pytest.raises(ServiceError, match="cannot edit reference"):
        services.update_case(supervisor, case, reference="X")


@pytest.mark.django_db
def test_a_case_opened_from_a_report_files_it_and_shares_it(staff, asn, regime):
    report = services.submit_report(
        staff["BSSN"]["analyst"],
        channel="public_complaint",
        text="ASN memakai atribut partai",
        subject=asn,
    )
    analyst = staff["BAWASLU"]["analyst"]
    case = services.open_case(analyst, title="Atribut partai", subject=asn, reports=[report])
    report.refresh_from_db()
    assert report.case == case
    assert AuditEvent.objects.filter(action="report.attach", object_id=str(report.pk)).exists()
    # Kemendagri reads the case (regional subject), and so the report filed in it.
    assert visible(staff["KEMENDAGRI"]["viewer"], Report.objects.all()).get() == report
    assert services.attach_report(analyst, report, case) == report  # idempotent
    other = services.open_case(analyst, title="Lain", subject=asn)
    with pytest.raises(ServiceError, match="already part of another case") as error:
        services.attach_report(analyst, report, other)
    assert error.value.code == "already_attached"
    # Nothing half-written: a case whose report cannot be filed is not opened at all.
    cases_before = Case.objects.count()
    with pytest.raises(ServiceError):
        services.open_case(analyst, title="Lagi", subject=asn, reports=[report])
    assert Case.objects.count() == cases_before


@pytest.mark.django_db
def test_only_the_receiving_agency_files_a_report(staff, asn, regime, case):
    report = services.submit_report(
        staff["BSSN"]["analyst"],
        channel="media",
        text="Berita",
        receiving_agency=Agency.objects.get(code="KASN"),
    )
    with pytest.raises(NotFound):  # Bawaslu cannot see KASN's report: as if it did not exist
        services.attach_report(staff["BAWASLU"]["supervisor"], report, case)
    with pytest.raises(NotFound):  # KASN cannot see Bawaslu's case
        services.attach_report(staff["KASN"]["supervisor"], report, case)
    assert Report.objects.get(pk=report.pk).case is None


@pytest.mark.django_db
def test_reports_go_to_the_examining_agency_and_findings_get_reviewed(staff, asn, regime):
    report = services.submit_report(
        staff["BSSN"]["analyst"],
        channel="public_complaint",
        text="ASN memakai atribut partai",
        subject=asn,
        reporter_name="Siti",
        reporter_contact="0812",
    )
    assert report.receiving_agency.code == "BAWASLU"
    assert "reporter_name" not in AuditEvent.objects.get(action="report.submit").changes
    finding = services.add_finding(
        staff["BAWASLU"]["analyst"],
        violation_code="PARTY_MEMBERSHIP",
        score=0.7,
        report=report,
        subject=asn,
    )
    with pytest.raises(ServiceError, match="between 0 and 1"):
        services.add_finding(
            staff["BAWASLU"]["analyst"], violation_code="PARTY_MEMBERSHIP", score=2
        )
    with pytest.raises(PermissionDenied):
        services.review_finding(staff["BAWASLU"]["viewer"], finding, "confirmed")
    with pytest.raises(NotFound):
        services.review_finding(staff["KASN"]["supervisor"], finding, "confirmed")
    services.review_finding(staff["BAWASLU"]["analyst"], finding, "dismissed")
    assert Finding.objects.get(pk=finding.pk).status == "dismissed"


@pytest.mark.django_db
def test_acknowledging_twice_changes_nothing(staff, asn, regime):
    from tests.cases.test_workflow import drive_to

    case = drive_to("assessment", staff, asn, regime)
    escalation = case.escalations.get()
    services.acknowledge_escalation(staff["BKN"]["viewer"], escalation)
    events = AuditEvent.objects.count()
    again = services.acknowledge_escalation(staff["BKN"]["viewer"], escalation)
    assert again.status == "acknowledged" and AuditEvent.objects.count() == events
    with pytest.raises(PermissionDenied):
        services.acknowledge_escalation(staff["BAWASLU"]["supervisor"], escalation)
    with pytest.raises(NotFound):
        services.acknowledge_escalation(staff["BSSN"]["supervisor"], escalation)


@pytest.mark.django_db
def test_apply_shares_raises_sets_and_removes_in_a_few_queries(case, django_assert_max_num_queries):
    from cases.sharing import apply_shares

    bssn, bkn, kemendagri = (Agency.objects.get(code=c) for c in ("BSSN", "BKN", "KEMENDAGRI"))
    with django_assert_max_num_queries(4):  # read, permission ids, delete, insert
        changes = apply_shares(
            case,
            [
                (bssn, "contribute", False),
                (kemendagri, None, True),
                (bkn, "read", False),
                (bkn, "manage", False),
            ],
        )
    assert changes == {
        "BSSN": [None, "contribute"],
        "KEMENDAGRI": ["read", None],
        "BKN": [None, "manage"],
    }
    assert shares_of(case) == {"BAWASLU": "manage", "BSSN": "contribute", "BKN": "manage"}

    # Raising never lowers; exact does; asking for what is already there changes nothing.
    assert apply_shares(case, [(bssn, "read", False)]) == {}
    assert apply_shares(case, [(bkn, "read", True), (bssn, "contribute", True)]) == {
        "BKN": ["manage", "read"]
    }
    assert shares_of(case) == {"BAWASLU": "manage", "BSSN": "contribute", "BKN": "read"}
