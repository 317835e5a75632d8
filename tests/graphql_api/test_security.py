"""Each security limit, with its setting lowered to show it bites."""

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from graphql_api import security, statistics

from .conftest import Api, gid


@pytest.fixture
def client(api):
    return api("BAWASLU")


@pytest.mark.django_db
def test_depth_limit(client, settings):
    query = "{ cases { edges { node { institution { region { parent { name } } } } } } }"
    assert client(query)
    settings.GRAPHQL_MAX_DEPTH = 5
    [error] = client.errors(query)
    assert "exceeds maximum operation depth of 5" in error["message"]


@pytest.mark.django_db
def test_alias_limit(client, settings):
    settings.GRAPHQL_MAX_ALIASES = 2
    [error] = client.errors("{ a: me { username } b: me { username } c: me { username } }")
    assert error["message"] == "3 aliases found. Allowed: 2"


@pytest.mark.django_db
def test_token_limit(client, settings):
    settings.GRAPHQL_MAX_TOKENS = 10
    [error] = client.errors("{ me { username agency { code name kind } role scopes } }")
    assert "more than 10 tokens" in error["message"]


@pytest.mark.django_db
def test_cost_limit_multiplies_by_page_size(client, settings):
    query = (
        "query($n: Int) { cases(first: $n) { edges { node { involvements { civilServant "
        "{ accounts { handle } } } findings { score } } } } }"
    )
    assert client(query, {"n": 100})
    settings.GRAPHQL_MAX_COST = 300
    assert client(query, {"n": 10})  # 1 + 10 × 8 fields per edge = 81
    [error] = client.errors(query, {"n": 100})
    assert error["message"].startswith("query cost 801 exceeds the limit of 300")
    # Without first/last a connection counts as a full page.
    [error] = client.errors(query.replace("query($n: Int)", "").replace("(first: $n)", ""))
    assert "exceeds the limit of 300" in error["message"]


@pytest.mark.django_db
def test_page_size_at_most_100(client):
    [error] = client.errors("{ cases(first: 101) { totalCount } }")
    assert error["message"] == "cases: a page holds at most 100 items"
    [error] = client.errors("query($n: Int) { posts(last: $n) { totalCount } }", {"n": 500})
    assert error["message"] == "posts: a page holds at most 100 items"


@pytest.mark.django_db
def test_nodes_takes_at_most_a_page_of_ids(client):
    [error] = client.errors(
        "query($ids: [ID!]!) { nodes(ids: $ids) { id } }",
        {"ids": [gid("Case", n) for n in range(101)]},
    )
    assert error["message"] == "nodes: at most 100 ids per request"


@pytest.mark.django_db
def test_introspection_and_suggestions_follow_the_settings(client, settings):
    assert client("{ __schema { queryType { name } } }")
    assert "Did you mean" in client.errors("{ cses { totalCount } }")[0]["message"]
    settings.GRAPHQL_INTROSPECTION = settings.GRAPHQL_FIELD_SUGGESTIONS = False
    errors = client.errors("{ __schema { queryType { name } } }")
    assert errors[0]["message"].startswith("GraphQL introspection has been disabled")
    [error] = client.errors("{ cses { totalCount } }")
    assert error["message"] == "Cannot query field 'cses' on type 'Query'."
    assert client("{ me { __typename } }")  # __typename is not introspection


@pytest.mark.django_db
def test_unexpected_errors_are_masked(client, monkeypatch, caplog):
    def broken(*args):
        raise RuntimeError("password=hunter2 at db.internal:5432")

    monkeypatch.setattr(statistics, "compute", broken)
    [error] = client.errors("{ statistics(groupBy: STATUS) { total { reported } } }")
    assert error["message"] == "Unexpected error." and "hunter2" not in str(error)
    assert "hunter2" in caplog.text  # the operator still sees it in the log


@pytest.mark.django_db
def test_rate_limit_per_client(api, settings):
    settings.GRAPHQL_RATE_LIMIT, settings.GRAPHQL_RATE_WINDOW = 3, 60
    first, second = api("BAWASLU"), api("KASN")
    for _ in range(3):
        assert first.post("{ me { username } }").status_code == 200
    refused = first.post("{ me { username } }")
    assert refused.status_code == 429 and 1 <= int(refused["Retry-After"]) <= 61
    error = refused.json()["errors"][0]
    assert error["extensions"] == {"code": "RATE_LIMITED"}
    assert error["message"].startswith("rate limit exceeded: at most 3 requests per 60 s")
    assert second.post("{ me { username } }").status_code == 200  # counted per client


@pytest.mark.django_db
def test_request_size_limit(client, settings):
    settings.GRAPHQL_MAX_REQUEST_BYTES = 200
    response = client.post("{ me { username } }", {"padding": "x" * 300})
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == "request body over the limit of 200 bytes"


@pytest.mark.django_db
def test_validation_is_cached_by_document_variables_and_settings(client, settings, monkeypatch):
    validations = []
    validate = security.validate
    monkeypatch.setattr(
        security, "validate", lambda *args: validations.append(1) or validate(*args)
    )
    query = "query($n: Int) { cases(first: $n) { edges { node { findings { score } } } } }"
    assert client(query, {"n": 5}) and client(query, {"n": 5})
    assert len(validations) == 1
    # The cost rule reads the page size: another size is validated afresh, and refused.
    settings.GRAPHQL_MAX_COST = 100
    [error] = client.errors(query, {"n": 50})
    assert error["message"].startswith("query cost 201 exceeds the limit of 100")
    assert client(query, {"n": 5})
    assert len(validations) == 3


def multipart(api, operations: dict, files: dict | None = None):
    credentials = {"HTTP_AUTHORIZATION": f"Bearer {api.token}"} if api.token else {}
    return api.http.post(
        "/graphql/",
        {"operations": json.dumps(operations), "map": json.dumps({}), **(files or {})},
        **credentials,
    )


@pytest.mark.django_db
def test_multipart_without_files_is_held_to_the_request_limit(client, settings):
    settings.GRAPHQL_MAX_REQUEST_BYTES = 2000
    padded = {"query": "{ me { username } }", "variables": {"padding": "x" * 2500}}
    response = multipart(client, padded)
    assert response.status_code == 413
    assert response.json()["errors"][0]["message"] == "request body over the limit of 2000 bytes"
    assert multipart(Api(None), padded).status_code == 401  # parsed only for a known caller
    small = {"query": "{ me { username } }"}
    upload = SimpleUploadedFile("bukti.png", b"x" * 5000, content_type="image/png")
    response = multipart(client, small, {"0": upload})  # a large file is what uploads are for
    assert response.status_code == 200 and "errors" not in response.json()
    settings.GRAPHQL_MAX_UPLOAD_BYTES = 4000
    upload.seek(0)
    assert multipart(client, small, {"0": upload}).status_code == 413
