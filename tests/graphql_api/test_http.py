"""/graphql/ per GraphQL-over-HTTP: methods, media types, status codes, sessions and CSRF."""

import json

import pytest
from django.test import Client

from agencies.models import Role

from .conftest import Api

ME = "{ me { username } }"


@pytest.fixture
def bawaslu(api) -> Api:
    return api("BAWASLU")


@pytest.mark.django_db
def test_post_json_answers_json(bawaslu):
    response = bawaslu.post(ME)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert response.json()["data"]["me"]["username"] == bawaslu.user.username


@pytest.mark.django_db
def test_graphql_response_media_type_when_accepted(bawaslu):
    accept = "application/graphql-response+json, application/json;q=0.9"
    response = bawaslu.post(ME, HTTP_ACCEPT=accept)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/graphql-response+json"
    # A request that never reaches execution is a 400 without `data` in this media type ...
    invalid = bawaslu.post("{ me { noSuchField } }", HTTP_ACCEPT=accept)
    assert invalid.status_code == 400 and "data" not in json.loads(invalid.content)
    # ... and a 200 with `data: null` in the legacy one.
    legacy = bawaslu.post("{ me { noSuchField } }")
    assert legacy.status_code == 200 and legacy.json()["data"] is None


@pytest.mark.django_db
def test_get_serves_queries_and_refuses_mutations(bawaslu):
    auth = {"HTTP_AUTHORIZATION": f"Bearer {bawaslu.token}"}
    response = bawaslu.http.get("/graphql/", {"query": ME}, **auth)
    assert response.status_code == 200 and response.json()["data"]["me"]
    mutation = (
        'mutation { transitionCase(input: {case: "Q2FzZTox", transition: "x"}) '
        "{ errors { code } } }"
    )
    refused = bawaslu.http.get("/graphql/", {"query": mutation}, **auth)
    assert refused.status_code == 405 and refused["Allow"] == "POST"
    assert "mutations are not allowed" in refused.json()["errors"][0]["message"]


@pytest.mark.django_db
def test_get_can_be_turned_off(bawaslu, settings):
    settings.GRAPHQL_ALLOW_GET = False
    response = bawaslu.http.get(
        "/graphql/", {"query": ME}, HTTP_AUTHORIZATION=f"Bearer {bawaslu.token}"
    )
    assert response.status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "body, content_type, reason",
    [
        ("{not json", "application/json", "Unable to parse request body as JSON"),
        ("{}", "application/json", "No GraphQL query found"),
        ('{"query": 5}', "application/json", "must be a string"),
        (
            '{"query": "{ me { username } }", "variables": []}',
            "application/json",
            "must be an object",
        ),
        ("query=x", "text/plain", "Unsupported content type"),
        ('[{"query": "{ me { username } }"}]', "application/json", "Batching is not enabled"),
    ],
)
def test_malformed_requests_are_400(bawaslu, body, content_type, reason):
    response = bawaslu.http.post(
        "/graphql/", body, content_type=content_type, HTTP_AUTHORIZATION=f"Bearer {bawaslu.token}"
    )
    assert response.status_code == 400
    assert reason in response.json()["errors"][0]["message"]


@pytest.mark.django_db
def test_other_methods_are_405(bawaslu):
    response = bawaslu.http.put("/graphql/", "{}", HTTP_AUTHORIZATION=f"Bearer {bawaslu.token}")
    assert response.status_code == 405 and response["Allow"] == "GET, POST"


@pytest.mark.django_db
def test_anonymous_gets_no_data(db):
    response = Api(None).post(ME)
    assert response.status_code == 401 and "data" not in response.json()
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.django_db
def test_staff_session_needs_csrf_token(make_member):
    user = make_member("BAWASLU", Role.ANALYST)
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    body = json.dumps({"query": ME})
    refused = browser.post("/graphql/", body, content_type="application/json")
    assert refused.status_code == 403 and "CSRF" in refused.json()["errors"][0]["message"]
    ide = browser.get("/graphql/", HTTP_ACCEPT="text/html")  # sets the csrftoken cookie
    assert ide.status_code == 200 and b"graphiql" in ide.content.lower()
    token = browser.cookies["csrftoken"].value
    allowed = browser.post(
        "/graphql/", body, content_type="application/json", HTTP_X_CSRFTOKEN=token
    )
    assert allowed.status_code == 200
    assert allowed.json()["data"]["me"]["username"] == user.username


@pytest.mark.django_db
def test_bearer_requests_need_no_csrf_token(bawaslu):
    bawaslu.http = Client(enforce_csrf_checks=True)
    assert bawaslu(ME)["me"]["username"] == bawaslu.user.username


@pytest.mark.django_db
def test_ide_only_for_staff_and_only_when_enabled(make_member, settings):
    browser = Client()
    anonymous = browser.get("/graphql/", HTTP_ACCEPT="text/html")
    assert anonymous.status_code == 302 and anonymous.url.startswith("/admin/login/")
    browser.force_login(make_member("KASN", Role.VIEWER))
    assert browser.get("/graphql/", HTTP_ACCEPT="text/html").status_code == 200
    settings.GRAPHQL_IDE = False
    assert browser.get("/graphql/", HTTP_ACCEPT="text/html").status_code == 404


@pytest.mark.django_db
def test_non_staff_sessions_are_refused(make_member):
    user = make_member("KASN", Role.VIEWER)
    user.is_staff = False
    user.save()
    browser = Client()
    browser.force_login(user)
    response = browser.post("/graphql/", json.dumps({"query": ME}), content_type="application/json")
    assert response.status_code == 401
