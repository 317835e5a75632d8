"""User accounts and their groups, as operators change them in the admin: groups decide what a
user sees (an agency's group carries its case shares), so every change is audited like any
other. Agency admins manage their members through agencies.add_member and its siblings, which
keep the groups in step with the membership."""

from django.contrib.auth import get_user_model

from core import audit

from ..policy import can_manage_agencies, require

# What the trail records of a user; never the password, only that it changed.
USER_FIELDS = (
    "username",
    "first_name",
    "last_name",
    "email",
    "is_active",
    "is_staff",
    "is_superuser",
)


def _require_operator(actor) -> None:
    require(can_manage_agencies(actor), "only an operator (superuser) edits accounts", field="user")


def _values(user) -> dict:
    return {field: getattr(user, field) for field in USER_FIELDS}


@audit.atomic
def save_user(actor, user, *, password_changed: bool = False):
    """Create or change `user` as given (its password already set on it, if it changed)."""
    _require_operator(actor)
    User = get_user_model()
    stored = User.objects.select_for_update().filter(pk=user.pk).first() if user.pk else None
    before = _values(stored) if stored else {}
    user.save()
    changes = audit.diff(before, _values(user))
    if password_changed:
        changes["password"] = [None, "changed"]
    if changes or stored is None:
        audit.record(actor, f"user.{'change' if stored else 'create'}", user, changes)
    return user


@audit.atomic
def set_user_groups(actor, user, groups) -> None:
    """Make `groups` exactly the user's groups."""
    _require_operator(actor)
    before = sorted(user.groups.values_list("name", flat=True))
    user.groups.set(groups)
    after = sorted(group.name for group in groups)
    if before != after:
        audit.record(actor, "user.set_groups", user, {"groups": [before, after]})


@audit.atomic
def delete_user(actor, user) -> None:
    _require_operator(actor)
    audit.record(actor, "user.delete", user, audit.diff(_values(user), {}))
    user.delete()
