"""The write path for agencies and memberships: policy check, change and audit in one transaction."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db.models import Q
from django.utils.translation import gettext

from core import audit
from core.errors import ServiceError

from ..models import Agency, AgencyRole, Institution, Membership, Role
from ..policy import can_add_institutions, can_manage_agencies, require, require_agency_admin


def ensure_role_groups(agency, group_model=Group, agency_role_model=AgencyRole) -> None:
    """Create the agency-wide group `CODE` and the `CODE/role` group of every role for `agency`
    (model classes are parameters so the data migration can pass its historical ones). Groups get
    no model-level permissions, ever: visibility is decided per object by the policy."""
    if agency.group_id is None:
        agency.group, _ = group_model.objects.get_or_create(name=agency.code)
        type(agency).objects.filter(pk=agency.pk).update(group=agency.group)
    for role in Role.values:
        group, _ = group_model.objects.get_or_create(name=f"{agency.code}/{role}")
        agency_role_model.objects.get_or_create(agency=agency, role=role, defaults={"group": group})


def _agency_groups():
    return Group.objects.filter(Q(agency_role__isnull=False) | Q(agency__isnull=False))


def _sync_groups(membership: Membership) -> None:
    """The user is in exactly two groups: their agency's and their role's."""
    user = membership.user
    user.groups.remove(*_agency_groups())
    user.groups.add(
        membership.agency.group,
        AgencyRole.objects.get(agency=membership.agency, role=membership.role).group,
    )


@audit.atomic
def add_member(
    actor,
    agency: Agency,
    username: str,
    role: str,
    *,
    email: str = "",
    first_name: str = "",
    last_name: str = "",
    password: str | None = None,
    is_service_account: bool = False,
) -> Membership:
    """Create a user in `agency` with `role`. Staff get admin access; service accounts do not."""
    require_agency_admin(actor, agency, "members and API clients")
    if role not in Role.values:
        raise ServiceError(
            gettext("unknown role '%(role)s'; expected one of %(roles)s")
            % {"role": role, "roles": ", ".join(Role.values)},
            field="role",
        )
    User = get_user_model()
    if User.objects.filter(username=username).exists():
        raise ServiceError(
            gettext("username '%(username)s' is already taken") % {"username": username},
            field="username",
        )
    user = User(
        username=username,
        email=email,
        first_name=first_name,
        last_name=last_name,
        is_staff=not is_service_account,
    )
    if password and not is_service_account:
        user.set_password(password)
    else:
        user.set_unusable_password()
    user.save()
    membership = Membership.objects.create(
        user=user, agency=agency, role=role, is_service_account=is_service_account
    )
    _sync_groups(membership)
    audit.record(
        actor, "member.add", membership, {"agency": [None, agency.code], "role": [None, role]}
    )
    return membership


@audit.atomic
def change_member_role(actor, membership: Membership, role: str) -> Membership:
    require_agency_admin(actor, membership.agency, "members and API clients")
    if role not in Role.values:
        raise ServiceError(
            gettext("unknown role '%(role)s'; expected one of %(roles)s")
            % {"role": role, "roles": ", ".join(Role.values)},
            field="role",
        )
    before = membership.role
    membership.role = role
    membership.save(update_fields=["role", "updated_at"])
    _sync_groups(membership)
    audit.record(actor, "member.change_role", membership, {"role": [before, role]})
    return membership


@audit.atomic
def remove_member(actor, membership: Membership) -> None:
    """Deactivate the user and drop the membership: access ends at once, the trail keeps the name."""
    require_agency_admin(actor, membership.agency, "members and API clients")
    user = membership.user
    audit.record(actor, "member.remove", membership, {"role": [membership.role, None]})
    user.groups.remove(*_agency_groups())
    user.is_active = False
    user.save(update_fields=["is_active"])
    membership.delete()


@audit.atomic
def set_agency_active(actor, agency: Agency, active: bool) -> Agency:
    """Switch an agency on or off (operators only). Off, its members and API clients see nothing
    and its tokens are refused from the next request on; nothing it was granted is deleted."""
    require(
        can_manage_agencies(actor),
        gettext("only an operator (superuser) switches agencies"),
        field="agency",
    )
    if agency.active != active:
        agency.active = active
        agency.save(update_fields=["active", "updated_at"])
        audit.record(actor, "agency.set_active", agency, {"active": [not active, active]})
    return agency


@audit.atomic
def save_registry_row(actor, obj):
    """Create or change an agency or an institution as given (operators); a new agency gets its
    role groups."""
    require(can_manage_agencies(actor), gettext("only an operator edits agencies"), field="agency")
    return _save_row(actor, obj)


def _save_row(actor, obj):
    label = obj._meta.model_name
    stored = type(obj).objects.select_for_update().filter(pk=obj.pk).first() if obj.pk else None
    before = audit.field_values(stored) if stored else {}
    obj.save()
    changes = audit.diff(before, audit.field_values(obj))
    if changes or stored is None:
        audit.record(actor, f"{label}.{'change' if stored else 'create'}", obj, changes)
    return obj


@audit.atomic
def delete_registry_row(actor, obj) -> None:
    """Delete an agency or institution nothing refers to (the database refuses otherwise)."""
    require(can_manage_agencies(actor), gettext("only an operator edits agencies"), field="agency")
    audit.record(
        actor, f"{obj._meta.model_name}.delete", obj, audit.diff(audit.field_values(obj), {})
    )
    obj.delete()


@audit.atomic
def ensure_ppk_agency(actor, code: str, name: str) -> tuple[Agency, bool]:
    """The PPK agency with `code`, created (and audited) if new: a registry import's new
    institution needs one."""
    _require_registry_importer(actor)
    agency = Agency.objects.filter(code=code).first()
    if agency is not None:
        return agency, False
    return _save_row(actor, Agency(code=code, name=name, kind=Agency.Kind.PPK)), True


@audit.atomic
def create_institution(actor, **fields) -> Institution:
    """A new institution, named by a civil-servant import."""
    _require_registry_importer(actor)
    return _save_row(actor, Institution(**fields))


def _require_registry_importer(actor) -> None:
    require(
        can_add_institutions(actor),
        gettext("only analysts and above import institutions"),
        field="institution",
    )
