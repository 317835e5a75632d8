"""Low-level share rows: a share of a case with an agency is guardian permissions on the agency's
group. Only the services call these (they check the policy and audit); reads go through core.policy.
"""

from django.contrib.auth.models import Permission

from .models import Case, CaseGroupObjectPermission, ShareLevel

# Each level carries the permissions of the levels below it.
LEVEL_CODENAMES = {
    ShareLevel.READ: ["view_case"],
    ShareLevel.CONTRIBUTE: ["view_case", "contribute_case"],
    ShareLevel.MANAGE: ["view_case", "contribute_case", "manage_case"],
}
CODENAME_LEVEL = {"view_case": ShareLevel.READ, "contribute_case": ShareLevel.CONTRIBUTE,
                  "manage_case": ShareLevel.MANAGE}


def level_from_codenames(codenames) -> str | None:
    levels = [CODENAME_LEVEL[c] for c in codenames if c in CODENAME_LEVEL]
    return max(levels, key=ShareLevel.values.index) if levels else None


def _permissions(codenames) -> list[Permission]:
    return list(Permission.objects.filter(content_type__app_label="cases",
                                          content_type__model="case", codename__in=codenames))


def shares_of(case: Case) -> dict[str, str]:
    """{agency code: level} for every agency the case is shared with."""
    rows = CaseGroupObjectPermission.objects.filter(
        content_object=case, group__agency__isnull=False
    ).values_list("group__agency__code", "permission__codename")
    by_agency: dict[str, list[str]] = {}
    for code, codename in rows:
        by_agency.setdefault(code, []).append(codename)
    return {code: level_from_codenames(codenames) for code, codenames in by_agency.items()}


def set_share(case: Case, agency, level: str | None) -> None:
    """Make the agency's access to the case exactly `level` (None removes it)."""
    wanted = set(LEVEL_CODENAMES[level]) if level else set()
    current = CaseGroupObjectPermission.objects.filter(content_object=case, group=agency.group)
    current.exclude(permission__codename__in=wanted).delete()
    have = set(current.values_list("permission__codename", flat=True))
    CaseGroupObjectPermission.objects.bulk_create(
        CaseGroupObjectPermission(content_object=case, group=agency.group, permission=permission)
        for permission in _permissions(wanted - have)
    )


def raise_share(case: Case, agency, level: str) -> None:
    """Grant `level` unless the agency already has as much or more (rules never downgrade)."""
    current = level_from_codenames(
        CaseGroupObjectPermission.objects.filter(content_object=case, group=agency.group)
        .values_list("permission__codename", flat=True)
    )
    if current is None or ShareLevel.values.index(level) > ShareLevel.values.index(current):
        set_share(case, agency, level)
