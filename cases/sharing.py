"""Low-level share rows: a share of a case with an agency is guardian permissions on the agency's
group. Only the services call these (they check the policy and audit); reads go through the policy.
"""

from django.contrib.auth.models import Permission
from django.db.models import Q

from .models import Case, CaseGroupObjectPermission, ShareLevel

# Each level carries the permissions of the levels below it.
LEVEL_CODENAMES = {
    ShareLevel.READ: ["view_case"],
    ShareLevel.CONTRIBUTE: ["view_case", "contribute_case"],
    ShareLevel.MANAGE: ["view_case", "contribute_case", "manage_case"],
}
CODENAME_LEVEL = {
    "view_case": ShareLevel.READ,
    "contribute_case": ShareLevel.CONTRIBUTE,
    "manage_case": ShareLevel.MANAGE,
}


def share_permissions():
    """The case permissions a share is made of (view, contribute, manage)."""
    return Permission.objects.filter(
        content_type__app_label="cases", content_type__model="case", codename__in=CODENAME_LEVEL
    )


def share_permission_ids() -> dict[str, int]:
    """{codename: id} of the share permissions."""
    return dict(share_permissions().values_list("codename", "pk"))


def level_from_codenames(codenames) -> str | None:
    levels = [CODENAME_LEVEL[c] for c in codenames if c in CODENAME_LEVEL]
    return max(levels, key=ShareLevel.values.index) if levels else None


def shares_of(case: Case) -> dict[str, str]:
    """{agency code: level} for every agency the case is shared with."""
    rows = CaseGroupObjectPermission.objects.filter(
        content_object=case, group__agency__isnull=False
    ).values_list("group__agency__code", "permission__codename")
    by_agency: dict[str, list[str]] = {}
    for code, codename in rows:
        by_agency.setdefault(code, []).append(codename)
    return {code: level_from_codenames(codenames) for code, codenames in by_agency.items()}


def apply_shares(case: Case, targets) -> dict[str, list]:
    """Apply (agency, level, exact) targets: exact makes the agency's access exactly `level`
    (None removes it); otherwise access is raised to `level`, never lowered. Returns
    {agency code: [level before, level after]} for the agencies whose access changed.

    One read, then at most one delete and one insert whatever the number of targets: workflow
    transitions run this while they hold the case's lock."""
    held: dict[int, set[str]] = {}
    for group_id, codename in CaseGroupObjectPermission.objects.filter(
        content_object=case
    ).values_list("group_id", "permission__codename"):
        held.setdefault(group_id, set()).add(codename)
    wanted: dict[int, set[str]] = {}
    agencies = {}
    for agency, level, exact in targets:
        current = level_from_codenames(wanted.get(agency.group_id, held.get(agency.group_id, ())))
        if (
            exact
            or current is None
            or (ShareLevel.values.index(level) > ShareLevel.values.index(current))
        ):
            wanted[agency.group_id] = set(LEVEL_CODENAMES[level]) if level else set()
            agencies[agency.group_id] = agency
    remove = [
        (group, codename)
        for group, codenames in wanted.items()
        for codename in held.get(group, set()) - codenames
    ]
    add = [
        (group, codename)
        for group, codenames in wanted.items()
        for codename in codenames - held.get(group, set())
    ]
    if remove or add:
        ids = share_permission_ids()
        if remove:
            CaseGroupObjectPermission.objects.filter(
                Q.create(
                    [Q(group_id=group, permission_id=ids[codename]) for group, codename in remove],
                    connector=Q.OR,
                ),
                content_object=case,
            ).delete()
        CaseGroupObjectPermission.objects.bulk_create(
            CaseGroupObjectPermission(
                content_object=case, group_id=group, permission_id=ids[codename]
            )
            for group, codename in add
        )
    changes = {}
    for group, codenames in wanted.items():
        before, after = level_from_codenames(held.get(group, ())), level_from_codenames(codenames)
        if before != after:
            changes[agencies[group].code] = [before, after]
    return changes
