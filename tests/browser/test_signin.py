"""A staff login in a real browser: the password alone does not open the workspace, the
authenticator's code does; a wrong code is refused in Indonesian."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Role
from agencies.services import users

PASSWORD = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.SIGNIN_REQUIRE_SECOND_FACTOR = True
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, t0=device.t0, step=device.step):06d}"


def test_a_supervisor_needs_the_second_factor(page, staff, shot):
    supervisor = staff("BKN", Role.SUPERVISOR)
    device = TOTPDevice.objects.create(user=supervisor, name="authenticator", confirmed=False)
    users.confirm_second_factor(supervisor, device)

    page.goto("/admin/")
    page.get_by_label("Nama Pengguna").fill(supervisor.username)
    page.get_by_label("Sandi").fill(PASSWORD)
    shot(page, "signin-1-password")
    page.get_by_role("button", name="Masuk").click()

    assert "/signin/" in page.url
    page.goto("/admin/")
    assert "/signin/" in page.url, "the password alone opened the workspace"
    code = page.get_by_role("textbox")
    code.fill("000000")
    page.get_by_role("button", name="Lanjutkan").click()
    shot(page, "signin-2-wrong-code")
    assert "/signin/" in page.url

    page.get_by_role("textbox").fill(current_code(device))
    page.get_by_role("button", name="Lanjutkan").click()
    page.wait_for_url("**/admin/")
    shot(page, "signin-3-workspace")
    assert "/signin/" not in page.url
    assert page.locator("#user-tools").get_by_text(supervisor.username).count() == 1
