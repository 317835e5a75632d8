"""The write path of the agencies app. Every function checks agencies/policy.py, writes the
change and its audit event (and any notices) in one transaction; admin, GraphQL, the CLI, the
importers and the workers call these, nothing else writes agencies' rows.

- `agencies`: agencies, institutions, memberships and their groups;
- `users`: user accounts and their groups, as operators edit them;
- `api_clients`: partner systems' clients and their tokens (and authenticating them);
- `endpoints`: webhook endpoints;
- `notices`: the outbox rows and the inbox;
- `delivery`: handing notices to the workers, delivering, retrying, dead-lettering.
"""

from .agencies import (
    add_member,
    change_member_role,
    create_institution,
    delete_registry_row,
    ensure_ppk_agency,
    ensure_role_groups,
    remove_member,
    save_registry_row,
    set_agency_active,
)

__all__ = [
    "add_member",
    "change_member_role",
    "create_institution",
    "delete_registry_row",
    "ensure_ppk_agency",
    "ensure_role_groups",
    "remove_member",
    "save_registry_row",
    "set_agency_active",
]
