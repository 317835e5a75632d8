"""The production entry point under load: gunicorn as `make serve` starts it, on a free loopback
port against the test database, answers a few hundred concurrent requests without a 5xx, logs
each with its request id, and holds no more PostgreSQL connections than its workers × threads."""

import json
import time
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest
from django.db import connection

from benchmarks.processes import database_url, server_process
from tests.graphql_api.conftest import api, fresh_cache  # noqa: F401

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]

WORKERS, THREADS = 2, 4
REQUESTS, CLIENT_THREADS = 300, 24
QUERY = json.dumps({"query": "{ me { username } cases(first: 5) { totalCount } }"})


@pytest.fixture
def server(redis_url, tmp_path):
    """gunicorn with the production settings, its standard output (the request log) in a file."""
    env = {
        "ENVIRONMENT": "production",
        "SECRET_KEY": "a-secret-for-the-serving-test-only",
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": database_url(),
        "REDIS_URL": redis_url,
        "CELERY_BROKER_URL": redis_url,
        "GRAPHQL_RATE_LIMIT": "0",
        "LOG_LEVEL": "INFO",
    }
    log = tmp_path / "requests.log"
    with open(log, "w") as stdout, server_process(env, WORKERS, THREADS, stdout) as address:
        base = f"http://{address}"
        deadline = time.monotonic() + 60
        while True:
            assert time.monotonic() < deadline, "gunicorn did not answer /health/ within 60 s"
            try:
                if httpx.get(f"{base}/health/", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.2)
        yield base, log


def server_connections() -> int:
    """Connections to the test database other than this test's own."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity"
            " WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )
        return cursor.fetchone()[0]


def test_concurrent_requests_get_no_5xx_and_bounded_database_connections(api, server):
    base, log = server
    token = api("BAWASLU", scopes=["read"]).token
    http = httpx.Client(base_url=base, timeout=30, limits=httpx.Limits(max_connections=64))

    def request(i: int) -> tuple[str, int, str]:
        headers = {"X-Request-ID": f"load-{i}"}
        if i % 3 == 0:
            response = http.get("/health/", headers=headers)
        else:
            headers |= {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
            response = http.post("/graphql/", content=QUERY, headers=headers)
            assert response.status_code != 200 or "errors" not in response.json()
        return f"load-{i}", response.status_code, response.headers.get("X-Request-ID")

    postgres = connection.vendor == "postgresql"
    peak = 0
    with http, ThreadPoolExecutor(CLIENT_THREADS) as pool:
        futures = [pool.submit(request, i) for i in range(REQUESTS)]
        deadline = time.monotonic() + 180
        while not all(future.done() for future in futures):
            assert time.monotonic() < deadline, "the requests did not finish within 180 s"
            peak = max(peak, server_connections()) if postgres else peak
            time.sleep(0.05)
        results = [future.result() for future in futures]

    statuses = sorted({status for _, status, _ in results})
    assert statuses == [200], statuses
    assert all(sent == returned for sent, _, returned in results)
    if postgres:
        peak = max(peak, server_connections())
        assert 1 <= peak <= WORKERS * THREADS, peak

    # One JSON line per request, each with the id it was sent with.
    time.sleep(0.5)  # the last lines may still be in flight through the workers' pipes
    lines = [json.loads(line) for line in log.read_text().splitlines() if line.startswith("{")]
    logged = {line["request_id"]: line for line in lines}
    assert {sent for sent, _, _ in results} <= set(logged)
    graphql = logged["load-1"]
    assert (graphql["method"], graphql["path"], graphql["status"]) == ("POST", "/graphql/", 200)
    assert graphql["api_client_id"] is not None and graphql["duration_ms"] > 0
