"""API clients: issuing, hashing, expiry, revocation, scopes, commands, admin and demo seeds."""

import json
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.utils import timezone

from agencies.api_clients import AuthenticationFailed, authenticate, revoke_api_client
from agencies.models import Agency, ApiClient, Role
from agencies.services import change_member_role
from core import policy, reference
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
    monkeypatch.setattr(timezone, "now", lambda: expiry)  # an hour on: the client is cached
    response = client.post(ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("API token expired at ")


@pytest.mark.django_db
def test_revoked_token_is_401_at_once(api, system):
    client = api("BAWASLU")
    assert client(ME)["me"]
    revoke_api_client(system, client.client)
    response = client.post(ME)
    assert response.status_code == 401
    assert response.json()["errors"][0]["message"].startswith("API token revoked at ")


@pytest.mark.django_db
def test_a_known_client_costs_one_query_and_follows_every_change(
    api, system, django_assert_num_queries
):
    client = api("BAWASLU")
    agency = Agency.objects.get(code="BAWASLU")
    first = authenticate(client.token)
    with django_assert_num_queries(1):  # the reference token; the client's rows are cached
        again = authenticate(client.token)
    assert again is not first and again.user is not first.user  # each request its own copy
    assert policy.named_ids(again.user)[0] == [agency.group_id]
    again.user.groups.clear()  # the agency's group, as leaving the agency does
    assert policy.named_ids(authenticate(client.token).user)[0] == []
    change_member_role(system, client.user.membership, Role.VIEWER)
    assert authenticate(client.token).user.membership.role == Role.VIEWER
    client.user.is_active = False
    client.user.save(update_fields=["is_active"])
    with pytest.raises(AuthenticationFailed, match="invalid API token"):
        authenticate(client.token)


@pytest.mark.django_db
def test_unknown_tokens_are_not_cached(api):
    api("BAWASLU")
    cached = set(reference._cache)
    for token in ("ntr_unknown-1", "ntr_unknown-2"):
        with pytest.raises(AuthenticationFailed, match="invalid API token"):
            authenticate(token)
    assert set(reference._cache) == cached


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
