"""Which second factor a user has and owes."""

from django.conf import settings
from django.db import transaction
from django_otp import devices_for_user, user_has_device
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies import policy


def has_authenticator(user) -> bool:
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def owes_second_factor(user) -> bool:
    """Signed in with the password only, while a rule requires the code, or the user chose to
    enrol (a viewer who enrolled signs in with the code too)."""
    if user.is_verified() or not settings.SIGNIN_REQUIRE_SECOND_FACTOR:
        return False
    return policy.requires_second_factor(user) or user_has_device(user, confirmed=True)


def device_accepting(user, code: str):
    """The user's confirmed device (authenticator or recovery codes) that accepts `code`, or
    None; each device throttles its own failures, and a recovery code is spent on use."""
    code = code.replace(" ", "").strip()
    with transaction.atomic():
        for device in devices_for_user(user, confirmed=True, for_verify=True):
            if device.verify_token(code):
                return device
    return None
