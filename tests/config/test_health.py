"""/health/ answers load balancers without credentials; every request is logged as one JSON
line carrying the request id that the response returns."""

import json
import logging

import pytest
from django.db import OperationalError, connection

from tests.graphql_api.conftest import api, fresh_cache  # noqa: F401

pytestmark = pytest.mark.django_db
UNREACHABLE_REDIS = "redis://127.0.0.1:1/0"  # nothing listens on port 1


def test_healthy_answers_200_with_every_check(client):
    response = client.get("/health/")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok" and body["checks"]["database"] == "ok"
    assert body["checks"]["cache"] == "ok"
    assert "no-cache" in response["Cache-Control"]


def test_an_unreachable_broker_is_named_in_a_503(client, settings):
    settings.CELERY_BROKER_URL = UNREACHABLE_REDIS
    response = client.get("/health/")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["checks"] == {"database": "ok", "cache": "ok", "broker": "failed"}


def test_an_unreachable_cache_is_named_in_a_503(client, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": UNREACHABLE_REDIS,
        }
    }
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["cache"] == "failed"
    assert response.json()["last_worker_heartbeat"] is None


def test_a_failing_database_is_named_in_a_503(client, monkeypatch):
    def refuse():
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", refuse)
    response = client.get("/health/")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "failed"


@pytest.fixture
def request_lines(caplog):
    """The request log's lines (its logger writes to stdout and does not propagate)."""
    logger = logging.getLogger("netralitas.requests")
    logger.addHandler(caplog.handler)
    try:
        yield lambda: [
            json.loads(record.getMessage())
            for record in caplog.records
            if record.name == "netralitas.requests"
        ]
    finally:
        logger.removeHandler(caplog.handler)


def test_a_request_id_is_taken_from_the_header_returned_and_logged(client, request_lines):
    response = client.get("/health/?probe=1", HTTP_X_REQUEST_ID="lb-check-42")
    assert response["X-Request-ID"] == "lb-check-42"
    (line,) = request_lines()
    assert line["request_id"] == "lb-check-42"
    assert (line["method"], line["path"], line["status"]) == ("GET", "/health/", 200)
    assert line["duration_ms"] >= 0 and line["user_id"] is None and line["api_client_id"] is None


def test_without_a_header_each_request_gets_a_new_id(client, request_lines):
    first, second = client.get("/health/"), client.get("/health/")
    assert len(first["X-Request-ID"]) == 32 and first["X-Request-ID"] != second["X-Request-ID"]
    assert [line["request_id"] for line in request_lines()] == [
        first["X-Request-ID"],
        second["X-Request-ID"],
    ]


def test_an_api_request_is_logged_with_its_client_and_user(api, request_lines):
    bawaslu = api("BAWASLU", scopes=["read"])
    response = bawaslu.post("{ me { username } }")
    assert response.status_code == 200
    (line,) = request_lines()
    assert (line["path"], line["status"]) == ("/graphql/", 200)
    assert line["api_client_id"] == bawaslu.client.pk and line["user_id"] == bawaslu.user.pk
    assert line["request_id"] == response["X-Request-ID"]


def test_a_redirect_before_any_view_is_logged_too(client, request_lines):
    response = client.get("/admin")  # CommonMiddleware appends the slash
    assert response.status_code == 301
    assert [line["status"] for line in request_lines()] == [301]
