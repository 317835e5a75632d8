import logging
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, connections, reset_queries
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, ApiClient
from agencies.services.api_clients import create_api_client, rotate_token
from benchmarks import api as dataset
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
        self.stdout.write(
            f"As {client.agency.code}'s API client, who may see {visible} cases; "
            f"{requests} requests per line.\n"
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
        }
        ready_to_serve()  # as config/wsgi.py does before a server process takes requests
        # As served in production (no DEBUG query log); no rate limit: one client asking flat out.
        # Django's test client keeps the database connection across requests, as CONN_MAX_AGE does.
        calls = {name: lambda q=q, v=v: _post(http, q, v) for name, (q, v) in rows.items()}
        calls["hand-written SQL board"] = lambda: _handwritten(client.user_id)
        with (
            override_settings(GRAPHQL_RATE_LIMIT=0, ALLOWED_HOSTS=["testserver"], DEBUG=False),
            quiet(request_log),  # a line per request would bury the table
        ):
            results = in_a_server_thread(self.measure, calls, requests)
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

    @staticmethod
    def measure(calls: dict, requests: int) -> dict[str, tuple[float, float, float, int, float]]:
        """Per call: p50, p95, p99 (ms), queries per request, and the median time per request
        spent waiting for the database (ms; measured apart, so that timing it slows nothing
        else). The calls take turns, as a server's mixed requests do: a change in machine speed
        during the run weighs on each alike, and none runs with CPU and database caches warmed by
        a loop of its own, which would flatter whichever call runs last."""
        queries, in_database, timings = {}, {}, {name: [] for name in calls}
        timer = DatabaseTimer()
        for name, call in calls.items():
            for _ in range(5):  # warm caches, connections and the parser cache
                call()
            reset_queries()  # the log is a bounded deque: a full one would count nothing
            with CaptureQueriesContext(connection) as captured:
                call()
            queries[name] = len(captured.captured_queries)  # read now: later calls reset it
            with connection.execute_wrapper(timer):
                in_database[name] = statistics.median(timer.time(call) for _ in range(20))
        for _ in range(requests):
            for name, call in calls.items():
                start = time.perf_counter()
                call()
                timings[name].append((time.perf_counter() - start) * 1000)
        results = {}
        for name, times in timings.items():
            cuts = statistics.quantiles(times, n=100)
            results[name] = (cuts[49], cuts[94], cuts[98], queries[name], in_database[name])
        return results


@contextmanager
def quiet(logger: logging.Logger):
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)


def in_a_server_thread(function, *args):
    """Run `function` in a new thread, as a threaded server's worker serves requests. The depth of
    the Python stack under a request then no longer depends on how the command was started: on
    CPython before 3.13's fix of gh-142183, calls that cross the boundary of an interpreter stack
    chunk map and unmap 16 KiB each time, so the same request ran at a different speed under
    `manage.py` than under `python -m django`. Inside a transaction (a test's) it runs here: another
    thread's connection would not see the rows."""
    if connection.in_atomic_block:
        return function(*args)
    with ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(_closing_connections, function, *args).result()


def _closing_connections(function, *args):
    try:
        return function(*args)
    finally:
        connections.close_all()


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
    body = response.json()
    if response.status_code != 200 or body.get("errors"):
        raise CommandError(f"benchmark request failed: {response.status_code} {body}")
