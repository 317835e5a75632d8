import json
import logging
import statistics
import time
from contextlib import contextmanager
from functools import partial
from http.client import HTTPConnection

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, ApiClient
from agencies.services.api_clients import create_api_client, rotate_token
from benchmarks import api as dataset
from benchmarks.processes import database_url, server_process
from cases import policy
from cases.models import Case
from cases.notices import case_global_id
from config.serving import ready_to_serve
from core.actors import system_user
from core.request_id import request_log

CLIENT_NAME = "Benchmark client"


class Command(BaseCommand):
    help = (
        "Seed (or reuse) a synthetic dataset and time the GraphQL API end to end (HTTP, auth, "
        "policy, JSON) for Bawaslu's client: p50/p95/p99, queries and database time per "
        "request, beside a hand-written SQL board. Writes benchmark rows to the configured "
        "database."
    )

    def add_arguments(self, parser):
        parser.add_argument("--cases", type=int, default=20_000)
        parser.add_argument("--asn", type=int, default=100_000)
        parser.add_argument("--requests", type=int, default=200, help="timed requests per query")

    def handle(self, cases, asn, requests, **options):
        if requests < 10:
            raise CommandError("--requests must be at least 10")
        started = time.perf_counter()
        before = dataset.dataset_size()
        dataset.seed(cases, asn)
        with connection.cursor() as cursor:
            # As autovacuum keeps a live database: planner statistics, and the visibility map that
            # lets counts and permission probes read indexes only. VACUUM cannot run inside a
            # transaction (a test's); there, statistics only.
            vacuum = connection.vendor == "postgresql" and not connection.in_atomic_block
            cursor.execute("VACUUM ANALYZE" if vacuum else "ANALYZE")
        have_cases, have_asn = dataset.dataset_size()
        seeded = (
            "reused"
            if before == (have_cases, have_asn)
            else (f"seeded in {time.perf_counter() - started:.1f} s")
        )
        self.stdout.write(
            f"Dataset on {connection.vendor}: {have_cases} benchmark cases, "
            f"{have_asn} civil servants ({seeded})."
        )

        client, token = self.client()
        sample = (
            Case.objects.filter(
                reference__startswith=dataset.REFERENCE_PREFIX, links_out__isnull=False
            )
            .order_by("pk")
            .first()
        )
        nip = sample.involvements.filter(role="subject").first().civil_servant.nip
        http = Client(HTTP_AUTHORIZATION=f"Bearer {token}")
        visible = policy.visible(client.user, Case.objects.all()).count()
        served = connection.vendor == "postgresql" and not connection.in_atomic_block
        self.stdout.write(
            f"As {client.agency.code}'s API client, who may see {visible} cases; "
            f"{requests} requests per line, "
            + (
                "timed over HTTP against the production server (gunicorn, one worker, one "
                "thread).\n"
                if served
                else "timed in this process (no server: the rows are this transaction's or "
                "not in PostgreSQL).\n"
            )
        )
        self.stdout.write(
            f"{'':30}{'p50 ms':>9}{'p95 ms':>9}{'p99 ms':>9}{'queries':>9}{'db ms':>9}"
        )
        rows = {
            "case board (first 50)": (dataset.BOARD, {}),
            "caseBoard rows (first 50)": (dataset.CASE_BOARD, {}),
            "case detail + caseGraph(2)": (dataset.DETAIL, {"id": case_global_id(sample)}),
            "civil servant by NIP": (dataset.BY_NIP, {"nip": nip}),
            "statistics (VIOLATION)": (dataset.STATISTICS, {}),
            "statistics of one contest": (dataset.STATISTICS, {"contest": dataset.CONTEST}),
        }
        # As served in production (no DEBUG query log); no rate limit: one client asking flat out.
        # Django's test client keeps the database connection across requests, as CONN_MAX_AGE does.
        in_process = {name: partial(_post, http, q, v) for name, (q, v) in rows.items()}
        in_process["hand-written SQL board"] = partial(_handwritten, client.user_id)
        with (
            override_settings(GRAPHQL_RATE_LIMIT=0, ALLOWED_HOSTS=["testserver"], DEBUG=False),
            quiet(request_log),  # a line per request would bury the table
        ):
            ready_to_serve()  # as config/wsgi.py does before a server process takes requests
            counted = count_queries(in_process)
            if served:
                with server_process(served_env()) as address:
                    server = HTTPConnection(address)  # one kept-alive connection
                    timed = {
                        name: partial(_send, server, token, q, v) for name, (q, v) in rows.items()
                    }
                    timed["hand-written SQL board"] = in_process["hand-written SQL board"]
                    timings = take_turns(timed, requests)
                    server.close()
            else:
                timings = take_turns(in_process, requests)
        results = {name: (*percentiles(times), *counted[name]) for name, times in timings.items()}
        for name, result in results.items():
            self.stdout.write(
                f"{name:30}"
                + "".join(f"{v:9.1f}" for v in result[:3])
                + f"{result[3]:9d}{result[4]:9.1f}"
            )
        board, sql = results["case board (first 50)"], results["hand-written SQL board"]
        rows = results["caseBoard rows (first 50)"]
        self.stdout.write(
            f"\nboard / hand-written SQL at p50: {board[0] / sql[0]:.1f}× "
            f"(target ≤ 3×); board p95 {board[1]:.1f} ms, caseBoard p95 {rows[1]:.1f} ms "
            "(target < 50 ms on PostgreSQL)"
        )

    def client(self) -> tuple[ApiClient, str]:
        """Bawaslu's benchmark client; a new token each run, since only its hash is kept."""
        system = system_user()
        client = ApiClient.objects.select_related("agency").filter(name=CLIENT_NAME).first()
        if client is None:
            return create_api_client(
                system, Agency.objects.get(code="BAWASLU"), CLIENT_NAME, ["read"], role="supervisor"
            )
        return client, rotate_token(system, client)


def count_queries(calls: dict) -> dict[str, tuple[int, float]]:
    """Per call, in this process: queries per request, and the median time per request spent
    waiting for the database (ms; measured apart from the timings, so that timing it slows
    nothing else)."""
    counted, timer = {}, DatabaseTimer()
    for name, call in calls.items():
        for _ in range(5):  # warm caches, connections and the parser cache
            call()
        reset_queries()  # the log is a bounded deque: a full one would count nothing
        with CaptureQueriesContext(connection) as captured:
            call()
        queries = len(captured.captured_queries)  # read now: the next request resets the log
        with connection.execute_wrapper(timer):
            counted[name] = (queries, statistics.median(timer.time(call) for _ in range(20)))
    return counted


def take_turns(calls: dict, requests: int) -> dict[str, list[float]]:
    """Milliseconds per call of each of `calls`, `requests` times, after five to warm up. The
    calls take turns, as a server's mixed requests do: a change in machine speed during the run
    weighs on each alike, and none runs with CPU and database caches warmed by a loop of its own,
    which would flatter whichever call runs last."""
    timings = {name: [] for name in calls}
    for turn in range(5 + requests):
        for name, call in calls.items():
            start = time.perf_counter()
            call()
            if turn >= 5:
                timings[name].append((time.perf_counter() - start) * 1000)
    return timings


def percentiles(times: list[float]) -> tuple[float, float, float]:
    cuts = statistics.quantiles(times, n=100)
    return cuts[49], cuts[94], cuts[98]


@contextmanager
def quiet(logger: logging.Logger):
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


class DatabaseTimer:
    """An execute wrapper adding up the time statements take, driver included."""

    def __init__(self):
        self.seconds = 0.0

    def __call__(self, execute, sql, params, many, context):
        start = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - start

    def time(self, call) -> float:
        """Milliseconds `call()` spent in statements."""
        self.seconds = 0.0
        call()
        return self.seconds * 1000


def _handwritten(user_id: int) -> None:
    with connection.cursor() as cursor:  # a cursor per call, so that the query count sees it
        dataset.handwritten_board(cursor, user_id)


def _post(http: Client, query: str, variables: dict) -> None:
    response = http.post(
        "/graphql/", {"query": query, "variables": variables}, content_type="application/json"
    )
    _check(response.status_code, response.content)


def _send(server: HTTPConnection, token: str, query: str, variables: dict) -> None:
    body = json.dumps({"query": query, "variables": variables})
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    server.request("POST", "/graphql/", body, headers)
    response = server.getresponse()
    _check(response.status, response.read())


def _check(status: int, content: bytes) -> None:
    if status != 200 or b'"errors"' in content:
        raise CommandError(f"benchmark request failed: {status} {content[:500]!r}")


def served_env() -> dict:
    """The server's settings: this process's database, no rate limit (one client asking flat
    out), and its own loopback address allowed."""
    return {"DATABASE_URL": database_url(), "GRAPHQL_RATE_LIMIT": "0", "ALLOWED_HOSTS": "127.0.0.1"}
