"""Opening and editing cases, and what hangs off them: involvements, links, notes."""

from django.utils.translation import gettext

from agencies.models import Agency
from core import audit
from core.errors import ServiceError

from ..models import Case, CaseLink, CaseStatus, Involvement, Note
from ..notices import notify
from ..policy import (
    agency_of,
    can_name_case_owner,
    can_open_case,
    require,
    require_visible_case,
)
from ..workflow import Resolver, active_regime
from .common import clean_violation_codes, lock, next_reference, require_choice, snapshot
from .intake import attach_report
from .sharing import apply_sharing_rules

EDITABLE_FIELDS = ("title", "description", "severity", "violation_codes", "contest", "outcome")


@audit.atomic
def open_case(
    actor,
    *,
    title,
    description="",
    violation_codes=(),
    severity="medium",
    contest=None,
    subject=None,
    institution=None,
    intake_channel="agency_finding",
    owner_agency: Agency | None = None,
    source_agency: Agency | None = None,
    reports=(),
) -> Case:
    """Open a case owned by the actor's agency (CLI and workers, acting as the system, name the
    owner: detection opens cases for the examining agency), filing the `reports` it is opened
    from (see attach_report). Shared per the regime's "open" rules."""
    require(can_open_case(actor), gettext("only analysts and above open cases"), field="case")
    if owner_agency is not None and not can_name_case_owner(actor):
        raise ServiceError(
            gettext("only the system may open a case for another agency"),
            field="owner_agency",
            code="permission_denied",
        )
    owner = owner_agency or agency_of(actor)
    if owner is None:
        raise ServiceError(gettext("the system must name the owner agency"), field="owner_agency")
    if not title.strip():
        raise ServiceError(gettext("a case needs a title"), field="title", code="required")
    require_choice(severity, Case.Severity, "severity")
    institution = institution or (subject.institution if subject else None)
    case = Case.objects.create(
        reference=next_reference(),
        title=title.strip(),
        description=description,
        owner_agency=owner,
        holder_agency=owner,
        status=CaseStatus.INTAKE,
        severity=severity,
        violation_codes=clean_violation_codes(violation_codes),
        intake_channel=intake_channel,
        contest=contest,
        institution=institution,
        region=(
            subject.region
            if subject and subject.region_id
            else institution.region
            if institution
            else None
        ),
        opened_by=actor,
    )
    if subject is not None:
        Involvement.objects.create(
            case=case, role=Involvement.Role.SUBJECT, civil_servant=subject, added_by=actor
        )
    audit.record(
        actor,
        "case.open",
        case,
        snapshot(case, ("title", "owner_agency", "status", "violation_codes", "contest")),
        agency=owner,
    )
    resolve = Resolver(active_regime(), case, actor_agency=owner, source_agency=source_agency)
    gained = apply_sharing_rules(actor, case, "open", resolve)
    for report in reports:
        attach_report(actor, report, case)
    notify("case.shared", case, [a for a in gained if a.pk != owner.pk])
    return case


@audit.atomic
def update_case(actor, case: Case, **fields) -> Case:
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ServiceError(
            gettext("cannot edit %(fields)s") % {"fields": ", ".join(sorted(unknown))},
            field=sorted(unknown)[0],
        )
    case = lock(case)
    require_visible_case(actor, case, "manage")
    if "violation_codes" in fields:
        fields["violation_codes"] = clean_violation_codes(fields["violation_codes"])
    if "severity" in fields:
        require_choice(fields["severity"], Case.Severity, "severity")
    if "title" in fields and not (fields["title"] or "").strip():
        raise ServiceError(gettext("a case needs a title"), field="title", code="required")
    before = snapshot(case, fields)
    for name, value in fields.items():
        setattr(case, name, value)
    case.save()
    audit.record(actor, "case.update", case, audit.diff(before, snapshot(case, fields)))
    return case


@audit.atomic
def add_involvement(
    actor, case: Case, role: str, *, civil_servant=None, candidate=None, name="", description=""
) -> Involvement:
    """Record a person's part: the subject ASN, the pressuring party (ASN or not), ..."""
    require_visible_case(actor, case, "contribute")
    require_choice(role, Involvement.Role, "role")
    if civil_servant is None and candidate is None and not name.strip():
        raise ServiceError(
            gettext("name the person: a civil servant, a candidate or a name"),
            field="name",
            code="required",
        )
    involvement = Involvement.objects.create(
        case=case,
        role=role,
        civil_servant=civil_servant,
        candidate=candidate,
        name=name.strip(),
        description=description,
        added_by=actor,
    )
    audit.record(
        actor,
        "case.add_involvement",
        involvement,
        snapshot(involvement, ("case", "role", "civil_servant", "candidate", "name")),
    )
    return involvement


@audit.atomic
def link_cases(actor, from_case: Case, to_case: Case, kind: str) -> CaseLink:
    require_visible_case(actor, to_case, "read")
    require_visible_case(actor, from_case, "manage")
    require_choice(kind, CaseLink.Kind, "kind")
    if from_case.pk == to_case.pk:
        raise ServiceError(gettext("a case cannot be linked to itself"), field="to_case")
    link, created = CaseLink.objects.get_or_create(
        from_case=from_case, to_case=to_case, kind=kind, defaults={"created_by": actor}
    )
    if created:
        audit.record(
            actor, "case.link", link, {"kind": [None, kind], "to": [None, to_case.reference]}
        )
    return link


@audit.atomic
def add_note(actor, case: Case, text: str) -> Note:
    require_visible_case(actor, case, "contribute")
    if not text.strip():
        raise ServiceError(gettext("a note needs text"), field="text", code="required")
    note = Note.objects.create(
        case=case, author=actor, agency=agency_of(actor) or case.owner_agency, text=text
    )
    audit.record(actor, "case.add_note", note, {"case": [None, case.reference]})
    return note
