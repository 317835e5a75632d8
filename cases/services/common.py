"""Helpers every service module shares."""

from django.utils import timezone
from django.utils.translation import gettext

from core.errors import ServiceError

from ..codes import ViolationCode
from ..models import Case, CaseSequence


def next_reference() -> str:
    """NET-<year>-<6 digits>, numbered per year without gaps (the sequence row is locked)."""
    year = timezone.localdate().year
    sequence, _ = CaseSequence.objects.select_for_update().get_or_create(year=year)
    sequence.last_number += 1
    sequence.save(update_fields=["last_number"])
    return f"NET-{year}-{sequence.last_number:06d}"


def lock(case: Case) -> Case:
    """Re-read the case under a row lock so concurrent changes queue instead of overwriting."""
    return (
        Case.objects.select_for_update(of=("self",))
        .select_related("owner_agency", "holder_agency", "institution")
        .get(pk=case.pk)
    )


def snapshot(obj, fields) -> dict:
    return {
        field: getattr(obj, f"{field}_id", None)
        if hasattr(obj, f"{field}_id")
        else getattr(obj, field)
        for field in fields
    }


def clean_violation_codes(codes) -> list[str]:
    codes = list(dict.fromkeys(codes or ()))
    unknown = [c for c in codes if c not in ViolationCode.values]
    if unknown:
        raise ServiceError(
            gettext("unknown violation code(s): %(codes)s") % {"codes": ", ".join(unknown)},
            field="violation_codes",
            code="invalid_choice",
        )
    return codes


def require_choice(value, choices, field: str) -> None:
    if value not in choices.values:
        raise ServiceError(
            gettext("'%(value)s' is not a valid %(field)s; expected one of %(choices)s")
            % {"value": value, "field": field, "choices": ", ".join(choices.values)},
            field=field,
            code="invalid_choice",
        )
