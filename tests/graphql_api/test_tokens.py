"""API clients: issuing, hashing, expiry, revocation, scopes, commands, admin and demo seeds."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from agencies.models import Agency, ApiClient, Membership, Role
from agencies.services import change_member_role, remove_member, set_agency_active
from agencies.services.api_clients import authenticate, revoke_api_client
from core.models import AuditEvent

from .conftest import Api

ME = "{ me { username scopes apiClient { name } } }"


@pytest.mark.django_db
def test_token_is_stored_hashed_and_acts_as_a_service_account(api):
    client = api("BSSN", ["read", "ingest"])
    stored = ApiClient.objects.get(pk=client.client.pk)
    assert stored.token_hash == ApiClient.hash_token(client.token) != client.token
    assert stored.token_last_four == client.token[-4:] and client.token.startswith("ntr_")
    member = stored.user.membership
    assert member.is_service_account and member.agency.code == "BSSN"
    assert member.role == Role.ANALYST and not stored.user.has_usable_password()
    assert client(ME)["me"]["scopes"] == ["INGEST", "READ"]
    assert AuditEvent.objects.filter(action="api_client.create", object_id=str(stored.pk)).exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    "header, message",
    [
        ("Bearer ntr_not-a-real-token", "invalid API token"),
        ("Basic dXNlcjpwdw==", "use 'Authorization: Bearer <token>'"),
        ("Bearer ", "use 'Authorization: Bearer <token>'"),
    ],
)
def test_bad_credentials_are_401(db, header, message):
    response = Api(None).post(ME, HTTP_AUTHORIZATION=header)
    assert response.status_code == 401
    assert response.json()["errors"][0] == {
        "message": message,
        "extensions": {"code": "UNAUTHENTICATED"},
    }


@pytest.mark.django_db
def test_expired_token_is_401(api, monkeypatch):
    expiry = timezone.now() + timedelta(hours=1)
    client = api("BAWASLU", expires_at=expiry)
    assert client(ME)["me"]
    monkeypatch.setattr(timezone, "now", lambda: expiry)  # an hour on
    response = client.post(ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("API token expired at ")


@pytest.mark.django_db
def test_a_client_is_read_with_one_query(api, django_assert_num_queries):
    client = api("BAWASLU")
    authenticate(client.token)  # writes last_used_at, which later requests skip for a minute
    with django_assert_num_queries(1):
        found = authenticate(client.token)
    assert found.user.membership.agency.code == "BAWASLU" and found.agency.active


def deactivate_agency(system, client, bulk):
    agency = client.client.agency
    if bulk:
        Agency.objects.filter(pk=agency.pk).update(active=False)
    else:
        set_agency_active(system, agency, False)
    return "the agency BAWASLU of this API token is inactive"


def revoke(system, client, bulk):
    if bulk:
        ApiClient.objects.filter(pk=client.client.pk).update(revoked_at=timezone.now())
    else:
        revoke_api_client(system, client.client)
    return "API token revoked at "


def deactivate_user(system, client, bulk):
    if bulk:
        type(client.user).objects.filter(pk=client.user.pk).update(is_active=False)
    else:
        remove_member(system, client.user.membership)
    return "invalid API token"


@pytest.mark.django_db
@pytest.mark.parametrize("bulk", [False, True], ids=["service", "update"])
@pytest.mark.parametrize("change", [deactivate_agency, revoke, deactivate_user])
def test_the_very_next_request_is_refused(api, system, change, bulk):
    client = api("BAWASLU")
    assert client(ME)["me"]["username"] == client.user.username
    message = change(system, client, bulk)
    response = client.post(ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith(message)
    assert response["WWW-Authenticate"] == 'Bearer realm="netralitas"'


@pytest.mark.django_db
@pytest.mark.parametrize("bulk", [False, True], ids=["service", "update"])
def test_a_role_change_holds_for_the_very_next_request(api, system, bulk):
    client = api("BAWASLU", role=Role.SUPERVISOR)
    query = "{ me { role } }"
    assert client(query)["me"]["role"] == "SUPERVISOR"
    if bulk:
        Membership.objects.filter(user=client.user).update(role=Role.VIEWER)
    else:
        change_member_role(system, client.user.membership, Role.VIEWER)
    assert client(query)["me"]["role"] == "VIEWER"


@pytest.mark.django_db
def test_leaving_the_agency_group_in_bulk_hides_its_cases_at_once(api, open_case):
    case = open_case("BAWASLU")
    client = api("BAWASLU")
    query = "{ cases { totalCount } }"
    assert client(query)["cases"]["totalCount"] == 1
    agency = client.client.agency
    client.user.groups.through.objects.filter(user=client.user, group=agency.group).delete()
    assert client(query)["cases"]["totalCount"] == 0
    assert case.pk  # still there: only this client lost sight of it


@pytest.mark.django_db
def test_bad_tokens_are_rate_limited_per_address(api, settings):
    settings.GRAPHQL_AUTH_FAILURE_LIMIT = 3
    good = api("BAWASLU")
    guesser = Api("ntr_guess")
    for _ in range(3):
        assert guesser.post(ME, REMOTE_ADDR="10.0.0.7").status_code == 401
    refused = guesser.post(ME, REMOTE_ADDR="10.0.0.7")
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert refused.json()["errors"][0]["extensions"] == {"code": "RATE_LIMITED"}
    # Even a good token from that address waits; other addresses are not affected.
    assert good.post(ME, REMOTE_ADDR="10.0.0.7").status_code == 429
    assert good.post(ME, REMOTE_ADDR="10.0.0.8").status_code == 200
    assert guesser.post(ME, REMOTE_ADDR="10.0.0.8").status_code == 401


@pytest.mark.django_db
def test_last_used_is_written_at_most_once_a_minute(api):
    client = api("BAWASLU")
    client(ME)
    first = ApiClient.objects.get(pk=client.client.pk).last_used_at
    assert first is not None
    client(ME)
    assert ApiClient.objects.get(pk=client.client.pk).last_used_at == first


@pytest.mark.django_db
@pytest.mark.parametrize(
    "scopes, query, needed",
    [
        (["report"], "{ cases { totalCount } }", "read"),
        (["report"], '{ node(id: "Q2FzZTox") { id } }', "read"),
        (
            ["read"],
            'mutation { submitReport(input: {channel: MEDIA, text: "x"}) { errors { code } } }',
            "report",
        ),
        (
            ["read", "report"],
            'mutation { openCase(input: {title: "x"}) { errors { code } } }',
            "workflow",
        ),
        (
            ["read", "ingest"],
            'mutation { transitionCase(input: {case: "Q2FzZTox", transition: "close"})'
            " { errors { code } } }",
            "workflow",
        ),
    ],
)
def test_scopes_are_enforced_per_field(api, scopes, query, needed):
    [error] = api("BAWASLU", scopes).errors(query)
    assert error["message"] == f"this API client lacks the '{needed}' scope"
    assert error["extensions"] == {"code": "INSUFFICIENT_SCOPE"}


@pytest.mark.django_db
def test_me_needs_no_scope(api):
    assert api("BAWASLU", ["report"])(ME)["me"]["apiClient"]["name"] == "BAWASLU test client"


@pytest.mark.django_db
def test_commands_create_and_revoke(db):
    out, err = StringIO(), StringIO()
    call_command(
        "create_api_client",
        "--agency",
        "bssn",
        "--name",
        "BSSN monitoring",
        "--scopes",
        "read,ingest",
        "--expires-in-days",
        "30",
        stdout=out,
        stderr=err,
    )
    token = out.getvalue().strip()
    client = ApiClient.objects.get(token_hash=ApiClient.hash_token(token))
    assert client.name == "BSSN monitoring" and client.scopes == ["read", "ingest"]
    assert client.expires_at > timezone.now() + timedelta(days=29)
    assert token not in err.getvalue() and "shown only now" in err.getvalue()
    assert Api(token)(ME)["me"]["username"] == client.user.username
    call_command("revoke_api_client", "--token", token, stdout=StringIO())
    assert Api(token).post(ME).status_code == 401


@pytest.mark.django_db
def test_create_command_refuses_unknown_scopes(db):
    with pytest.raises(CommandError, match="unknown: delete"):
        call_command(
            "create_api_client",
            "--agency",
            "BSSN",
            "--name",
            "x",
            "--scopes",
            "read,delete",
            stdout=StringIO(),
            stderr=StringIO(),
        )


@pytest.mark.django_db
def test_seed_demo_prints_usable_tokens_every_time(db):
    def seed() -> list[dict]:
        out = StringIO()
        call_command("seed_demo", "--json", stdout=out)
        return json.loads(out.getvalue())["api_clients"]

    first = seed()
    assert {c["agency"] for c in first} >= {"BAWASLU", "KASN", "BKN", "BSSN", "GUBERNUR-JABAR"}
    assert all(set(c["scopes"]) == set(ApiClient.Scope.values) for c in first)
    assert seed() == first  # idempotent, and the tokens still work
    bawaslu = next(c for c in first if c["agency"] == "BAWASLU")
    assert Api(bawaslu["token"])("{ me { agency { code } } }")["me"]["agency"]["code"] == "BAWASLU"


@pytest.mark.django_db
def test_admin_shows_own_agency_clients_and_revokes(api, make_member):
    own, other = api("BAWASLU"), api("KASN")
    browser = Client()
    browser.force_login(make_member("BAWASLU", Role.AGENCY_ADMIN))
    page = browser.get("/admin/agencies/apiclient/")
    assert page.status_code == 200
    assert set(page.context["cl"].result_list) == {own.client}
    assert f"…{own.token[-4:]}".encode() in page.content and own.token.encode() not in page.content
    assert browser.get(f"/admin/agencies/apiclient/{other.client.pk}/change/").status_code == 302
    selected = [own.client.pk, other.client.pk]
    browser.post("/admin/agencies/apiclient/", {"action": "revoke", "_selected_action": selected})
    assert own.post(ME).status_code == 401 and other.post(ME).status_code == 200


@pytest.mark.django_db
def test_admin_issues_a_token_shown_once(make_member):
    browser = Client()
    admin = make_member("BSSN", Role.AGENCY_ADMIN)
    browser.force_login(admin)
    response = browser.post(
        "/admin/agencies/apiclient/add/",
        {"agency": admin.membership.agency.pk, "name": "Feed", "scopes": ["read", "ingest"]},
        follow=True,
    )
    [message] = [m.message for m in response.context["messages"] if "ntr_" in m.message]
    token = message.rsplit(" ", 1)[-1]
    assert Api(token)(ME)["me"]["apiClient"]["name"] == "Feed"


@pytest.mark.django_db
def test_viewers_cannot_see_api_clients(make_member, api):
    api("BAWASLU")
    browser = Client()
    browser.force_login(make_member("BAWASLU", Role.SUPERVISOR))
    assert browser.get("/admin/agencies/apiclient/").status_code == 403
