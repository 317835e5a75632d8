"""User accounts and their groups, as operators change them in the admin: groups decide what a
user sees (an agency's group carries its case shares), so every change is audited like any
other. Agency admins manage their members through agencies.add_member and its siblings, which
keep the groups in step with the membership."""

from django.contrib.auth import get_user_model
from django.utils.translation import gettext
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from core import audit

from ..policy import can_manage_agencies, can_reset_second_factor, require

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
    require(
        can_manage_agencies(actor),
        gettext("only an operator (superuser) edits accounts"),
        field="user",
    )


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


# --- the second factor (agencies/signin/) ---------------------------------------------------------

RECOVERY_CODE_COUNT = 10


@audit.atomic
def confirm_second_factor(user, device: TOTPDevice) -> list[str]:
    """Confirm `user`'s new authenticator (its first code already checked) and give them fresh
    recovery codes, returned once and stored only as the device keeps them."""
    require(
        device.user_id == user.pk,
        gettext("a user confirms only their own device"),
        field="device",
    )
    TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
    device.confirmed = True
    device.save()
    StaticDevice.objects.filter(user=user).delete()
    recovery = StaticDevice.objects.create(user=user, name="recovery codes")
    codes = [StaticToken.random_token() for _ in range(RECOVERY_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=recovery, token=code) for code in codes)
    audit.record(user, "user.second_factor.enrol", user, {"recovery_codes": [None, len(codes)]})
    return codes


@audit.atomic
def reset_second_factor(actor, target) -> int:
    """Remove `target`'s authenticator and recovery codes (a lost phone), so that their next
    sign-in enrols anew; never silently: the rule book decides and the trail records it."""
    require(
        can_reset_second_factor(actor, target),
        gettext("%(actor)s may not reset the second factor of %(target)s")
        % {"actor": actor.username, "target": target.username},
        field="user",
    )
    removed = 0
    for model in (TOTPDevice, StaticDevice):
        removed += model.objects.filter(user=target).delete()[1].get(model._meta.label, 0)
    audit.record(actor, "user.second_factor.reset", target, {"devices": [removed, 0]})
    return removed
