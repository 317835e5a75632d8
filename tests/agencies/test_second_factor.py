"""Staff sign in with the password, then a code: analysts and above and operators must, viewers
may. Enrolment on first sign-in gives ten single-use recovery codes; resets are audited."""

import re
import time

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from agencies.models import Agency, ApiClient, Role
from agencies.services import users
from agencies.services.api_clients import create_api_client
from core.errors import PermissionDenied
from core.models import AuditEvent

pytestmark = pytest.mark.django_db
PASSWORD = "pw-for-tests-1"


@pytest.fixture(autouse=True)
def second_factor_on(settings):
    settings.SIGNIN_REQUIRE_SECOND_FACTOR = True
    # django-otp waits a second after each wrong code (doubling); these tests retry at once.
    settings.OTP_TOTP_THROTTLE_FACTOR = 0


def sign_in(client, user, password=PASSWORD):
    return client.post(
        "/admin/login/?next=/admin/", {"username": user.username, "password": password}
    )


def code_for(device: TOTPDevice, offset_steps: int = 0) -> str:
    return f"{totp(device.bin_key, t0=device.t0, step=device.step, drift=offset_steps):06d}"


def with_authenticator(user) -> TOTPDevice:
    device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    users.confirm_second_factor(user, device)
    return device


def test_analyst_without_device_is_made_to_enrol_then_gets_recovery_codes(client, make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    response = sign_in(client, analyst)
    assert response.status_code == 302 and response.url == "/admin/"
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/signin/enrol/")
    page = client.get(response.url)
    assert b"<svg" in page.content and b"otpauth://totp/" in page.content
    # Drawn inline: HTML parses no namespace prefixes, so "<svg:rect>" would draw nothing.
    assert b"<path d=" in page.content and b"<svg:" not in page.content
    secret = page.context["secret"]
    device = TOTPDevice.objects.get(user=analyst, confirmed=False)
    assert re.sub(r"=+$", "", secret) in page.content.decode()

    wrong = client.post("/signin/enrol/", {"code": "000000", "next": "/admin/"})
    assert wrong.status_code == 200 and wrong.context["form"].errors["code"]
    done = client.post("/signin/enrol/", {"code": code_for(device), "next": "/admin/"})
    codes = done.context["codes"]
    assert len(codes) == 10 and len(set(codes)) == 10
    assert all(code in done.content.decode() for code in codes)
    assert client.get("/admin/").status_code == 200
    assert AuditEvent.objects.filter(action="user.second_factor.enrol", object_id=analyst.pk)


def test_password_alone_does_not_open_the_admin_the_code_does(client, make_member):
    supervisor = make_member("BKN", Role.SUPERVISOR)
    device = with_authenticator(supervisor)
    sign_in(client, supervisor)
    for page in ("/admin/", "/admin/agencies/membership/", "/admin/core/auditevent/"):
        response = client.get(page)
        assert response.status_code == 302 and response.url.startswith("/signin/code/"), page
    # Another session's enrolment page cannot replace the authenticator with a thief's phone.
    assert client.get("/signin/enrol/").url.startswith("/signin/code/")
    assert client.post("/signin/code/", {"code": "123", "next": "/admin/"}).status_code == 200
    response = client.post("/signin/code/", {"code": code_for(device), "next": "/admin/"})
    assert response.status_code == 302 and response.url == "/admin/"
    assert client.get("/admin/agencies/membership/").status_code == 200


def test_a_session_owing_its_code_is_no_session_for_graphql(client, make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    with_authenticator(analyst)
    sign_in(client, analyst)
    response = client.post(
        "/graphql/", {"query": "{ __typename }"}, content_type="application/json"
    )
    assert response.status_code == 401


def test_a_recovery_code_works_once(client, make_member):
    admin = make_member("KASN", Role.AGENCY_ADMIN)
    with_authenticator(admin)
    recovery = StaticToken.objects.filter(device__user=admin).first().token
    sign_in(client, admin)
    assert client.post("/signin/code/", {"code": recovery}).status_code == 302
    assert client.get("/admin/").status_code == 200
    client.logout()
    sign_in(client, admin)
    again = client.post("/signin/code/", {"code": recovery})
    assert again.status_code == 200 and client.get("/admin/").status_code == 302


def test_a_viewer_is_not_asked_for_a_second_factor(client, make_member):
    viewer = make_member("BAWASLU", Role.VIEWER)
    sign_in(client, viewer)
    assert client.get("/admin/").status_code == 200


def test_superuser_must_enrol_too(client, django_user_model):
    django_user_model.objects.create_superuser("root", password=PASSWORD)
    client.post("/admin/login/", {"username": "root", "password": PASSWORD})
    assert client.get("/admin/").url.startswith("/signin/enrol/")


def test_lock_out_after_repeated_failures_in_indonesian(client, make_member, settings):
    analyst = make_member("BAWASLU", Role.ANALYST)
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, analyst, password="wrong").status_code == 200
    locked = sign_in(client, analyst, password="wrong")
    assert locked.status_code == 429
    assert "Akun dikunci" in locked.content.decode()
    # Locked out: even the right password is refused until the cool-off ends.
    assert sign_in(client, analyst).status_code == 429
    assert "_auth_user_id" not in client.session


def test_idle_staff_session_ends(client, make_member, settings):
    viewer = make_member("BAWASLU", Role.VIEWER)
    sign_in(client, viewer)
    assert client.get("/admin/").status_code == 200
    session = client.session
    session["signin_last_seen"] = time.time() - settings.STAFF_IDLE_TIMEOUT_MINUTES * 60 - 5
    session.save()
    response = client.get("/admin/")
    assert response.status_code == 302 and response.url.startswith("/admin/login/")


def test_reset_by_agency_admin_is_audited_and_refused_across_agencies(make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    with_authenticator(analyst)
    other_admin = make_member("BKN", Role.AGENCY_ADMIN)
    with pytest.raises(PermissionDenied):
        users.reset_second_factor(other_admin, analyst)
    assert TOTPDevice.objects.filter(user=analyst).exists()

    own_admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    assert users.reset_second_factor(own_admin, analyst) == 2
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    [event] = AuditEvent.objects.filter(action="user.second_factor.reset")
    assert event.actor_username == own_admin.username and event.object_id == str(analyst.pk)


def test_own_device_stays_while_the_role_requires_it(make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    with_authenticator(analyst)
    with pytest.raises(PermissionDenied):
        users.reset_second_factor(analyst, analyst)
    viewer = make_member("BAWASLU", Role.VIEWER)
    with_authenticator(viewer)
    assert users.reset_second_factor(viewer, viewer) == 2


def test_reset_is_an_admin_action_for_agency_admins(client, make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    with_authenticator(analyst)
    admin = make_member("BAWASLU", Role.AGENCY_ADMIN)
    device = with_authenticator(admin)
    sign_in(client, admin)
    client.post("/signin/code/", {"code": code_for(device)})
    response = client.post(
        "/admin/agencies/membership/",
        {"action": "reset_second_factor", "_selected_action": [analyst.membership.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=analyst).exists()
    assert AuditEvent.objects.filter(action="user.second_factor.reset").count() == 1


def test_api_tokens_need_no_second_factor(client, system):
    agency = Agency.objects.get(code="BSSN")
    _client, token = create_api_client(
        system, agency, "BSSN monitoring", ApiClient.Scope.values, role=Role.ANALYST
    )
    response = client.post(
        "/graphql/",
        {"query": "{ __typename }"},
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {token}",
    )
    assert response.status_code == 200 and response.json()["data"] == {"__typename": "Query"}
