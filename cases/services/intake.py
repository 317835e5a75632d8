"""Intake: reports and findings, before and after they join a case."""

from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import NotFound, PermissionDenied, ServiceError

from ..codes import ViolationCode
from ..models import Case, Finding, Function, Report
from ..policy import (
    can_add_finding,
    can_name_finding_agency,
    can_review_finding,
    can_submit_report,
    get_visible,
    is_visible,
    require,
    require_visible_case,
)
from ..workflow import Resolver, active_regime
from .common import require_choice, snapshot
from .labels import label_reviewed


def examining_agency():
    """The agency that examines new reports and findings under the active regime (Bawaslu)."""
    return Resolver(active_regime())(Function.EXAMINER)


@audit.atomic
def submit_report(
    actor,
    *,
    channel,
    text,
    about="",
    subject=None,
    reporter_name="",
    reporter_contact="",
    receiving_agency=None,
) -> Report:
    """File a report; it goes to the examining agency unless another receiving agency is named."""
    require(
        can_submit_report(actor), gettext("only analysts and above file reports"), field="report"
    )
    require_choice(channel, Report.Channel, "channel")
    if not text.strip():
        raise ServiceError(gettext("a report needs its text"), field="text", code="required")
    report = Report.objects.create(
        channel=channel,
        text=text,
        about=about,
        subject=subject,
        receiving_agency=receiving_agency or examining_agency(),
        reporter_name=reporter_name,
        reporter_contact=reporter_contact,
        submitted_by=actor,
    )
    # The reporter's identity stays out of the trail: it is protected.
    audit.record(
        actor, "report.submit", report, snapshot(report, ("channel", "receiving_agency", "subject"))
    )
    return report


@audit.atomic
def attach_report(actor, report: Report, case: Case) -> Report:
    """Join a report to the case it is about (idempotent). A report joins one case only; until
    then only the agency that received it sees it, so only that agency can file it."""
    report = get_visible(actor, Report.objects.select_for_update(), field="report", pk=report.pk)
    if report.case_id is not None and not is_visible(actor, report.case):
        # Filed in a case the actor may not see: answered as a report it may not see, so that
        # the case does not show through.
        raise NotFound(gettext("report not found"), field="report")
    if report.case_id == case.pk:
        return report
    require_visible_case(actor, case, "contribute")
    if report.case_id is not None:
        raise ServiceError(
            gettext("the report is already part of another case"),
            field="report",
            code="already_attached",
        )
    report.case = case
    report.save(update_fields=["case", "updated_at"])
    audit.record(actor, "report.attach", report, {"case": [None, case.reference]})
    return report


@audit.atomic
def add_finding(
    actor,
    *,
    violation_code,
    score,
    explanation=(),
    detector_version="",
    post=None,
    report=None,
    subject=None,
    contest=None,
    case: Case | None = None,
    agency=None,
) -> Finding:
    """Record a likely violation. On a case it needs contribute access; otherwise it waits with
    the examining agency (or `agency`, named by the system) for review."""
    require_choice(violation_code, ViolationCode, "violation_code")
    if not 0 <= float(score) <= 1:
        raise ServiceError(
            gettext("score must be between 0 and 1, not %(score)s") % {"score": score},
            field="score",
        )
    if case is not None:
        require_visible_case(actor, case, "contribute")
    else:
        require(
            can_add_finding(actor),
            gettext("only analysts and above record findings"),
            field="case",
        )
    if agency is not None and not can_name_finding_agency(actor):
        raise PermissionDenied(
            gettext("only the system names the examining agency"), field="agency"
        )
    finding = Finding.objects.create(
        post=post,
        report=report,
        case=case,
        subject=subject,
        contest=contest,
        agency=agency or (case.owner_agency if case else examining_agency()),
        violation_code=violation_code,
        score=float(score),
        explanation=list(explanation),
        detector_version=detector_version,
    )
    audit.record(
        actor,
        "finding.add",
        finding,
        snapshot(finding, ("violation_code", "score", "case", "post", "detector_version")),
    )
    return finding


@audit.atomic
def review_finding(actor, finding: Finding, status: str) -> Finding:
    """An analyst confirms or dismisses a finding; its post gets the same label (labels.py)."""
    finding = Finding.objects.select_for_update().get(pk=finding.pk)
    if not is_visible(actor, finding):
        raise NotFound(gettext("finding not found"), field="finding")
    if finding.case_id:
        require_visible_case(actor, finding.case, "contribute")
    require(
        can_review_finding(actor, finding),
        gettext("only the examining agency's analysts review this finding"),
        field="finding",
    )
    if status not in (Finding.Status.CONFIRMED, Finding.Status.DISMISSED):
        raise ServiceError(
            gettext("'%(status)s' is not a review outcome; use confirmed or dismissed")
            % {"status": status},
            field="status",
            code="invalid_choice",
        )
    before = finding.status
    finding.status, finding.reviewed_by, finding.reviewed_at = status, actor, timezone.now()
    finding.save()
    audit.record(actor, "finding.review", finding, {"status": [before, status]})
    label_reviewed(actor, finding)  # the review is a training example too
    return finding
