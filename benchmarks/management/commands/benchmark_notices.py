"""Escalations through the services at a fixed rate, delivered by a real Celery worker to a loopback
receiver started here: commit → webhook-received latency and throughput, beside bare HTTP POSTs
to the same receiver. Needs CELERY_BROKER_URL (Redis); meant for PostgreSQL.

The escalations are committed by several processes (Django's ORM is CPU-bound, so threads would
queue on the GIL and the benchmark would measure itself)."""

import json
import multiprocessing
import os
import statistics
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import httpx
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections, transaction

from agencies.models import Agency, Notice, WebhookEndpoint
from agencies.services.endpoints import register_endpoint, update_endpoint
from benchmarks.processes import worker_process
from cases import services
from cases.models import Case
from cases.workflow import Resolver, active_regime
from config.serving import setup_as_served
from core.actors import system_user

LOOPBACK = "127.0.0.0/8"
STALE_URL = r"^http://127\.0\.0\.1:[0-9]+/benchmark$"


class Receiver(ThreadingHTTPServer):
    """Records when each webhook arrived, by case reference; bare POSTs are only answered."""

    def __init__(self):
        self.arrivals: dict[str, float] = {}
        arrivals = self.arrivals

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                if self.headers.get("webhook-id"):
                    arrivals.setdefault(json.loads(body)["data"]["case"]["reference"], time.time())
                self.send_response(204)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        super().__init__(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server_port}/benchmark"  # matches STALE_URL


# --- run in the driver processes ---------------------------------------------------------------


def prepare(indexes) -> list[tuple[int, str]]:
    """Cases in examination, ready to be forwarded: [(pk, reference)]."""
    system, bawaslu = system_user(), Agency.objects.get(code="BAWASLU")
    cases = []
    for i in indexes:
        case = services.open_case(
            system,
            title=f"Benchmark {i}",
            owner_agency=bawaslu,
            violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
        )
        case = services.transition_case(system, case, "start_examination")
        cases.append((case.pk, case.reference))
    return cases


def forward(plan, start: float, rate: float) -> dict[str, float]:
    """Forward each (index, pk, reference) at start + index / rate; {reference: commit time}."""
    system, committed = system_user(), {}
    for i, pk, reference in plan:
        time.sleep(max(0.0, start + i / rate - time.time()))
        with transaction.atomic():
            # Registered first, so it runs at commit, before the notices are dispatched.
            transaction.on_commit(lambda ref=reference: committed.__setitem__(ref, time.time()))
            services.transition_case(system, Case(pk=pk), "forward_to_supervisor")
    return committed


def percentiles(values_ms: list[float]) -> str:
    if len(values_ms) < 2:
        return "n/a"
    cuts = statistics.quantiles(values_ms, n=100, method="inclusive")
    return (
        f"p50 {cuts[49]:7.1f} ms   p95 {cuts[94]:7.1f} ms   p99 {cuts[98]:7.1f} ms   "
        f"max {max(values_ms):7.1f} ms"
    )


class Command(BaseCommand):
    help = (
        "Benchmark notice delivery: escalations through the services at --rate per second, "
        "a real worker, a loopback receiver; prints latency percentiles and notices/s."
    )

    def add_arguments(self, parser):
        parser.add_argument("--escalations", type=int, default=2000)
        parser.add_argument("--rate", type=float, default=100.0, help="escalations per second")
        # One process of each per core: on two cores, more of either only adds switching.
        cores = os.cpu_count() or 2
        parser.add_argument("--concurrency", type=int, default=cores, help="worker processes")
        parser.add_argument(
            "--processes", type=int, default=cores, help="processes committing escalations"
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="run in production mode (it writes benchmark cases)",
        )

    def handle(self, escalations, rate, concurrency, processes, force, **options):
        if not settings.CELERY_BROKER_URL:
            raise CommandError("set CELERY_BROKER_URL: the benchmark needs a broker and a worker")
        if settings.PRODUCTION and not force:
            raise CommandError(
                "the benchmark writes cases and notices; refusing in production "
                "mode (use --force if you mean it)"
            )
        settings.NOTICE_ALLOWED_NETWORKS = [*settings.NOTICE_ALLOWED_NETWORKS, LOOPBACK]
        system, receiver = system_user(), Receiver()
        threading.Thread(target=receiver.serve_forever, daemon=True).start()
        for stale in WebhookEndpoint.objects.filter(is_active=True, url__regex=STALE_URL):
            update_endpoint(system, stale, is_active=False)  # left by an interrupted run
        supervisor = Resolver(active_regime())("neutrality_supervisor")
        endpoint = register_endpoint(system, supervisor, receiver.url, ["escalation.opened"])
        allowed = {"NOTICE_ALLOWED_NETWORKS": ",".join(settings.NOTICE_ALLOWED_NETWORKS)}
        # Fresh interpreters: forking a process with threads and open connections is not safe.
        pool = ProcessPoolExecutor(
            processes, mp_context=multiprocessing.get_context("spawn"), initializer=setup_as_served
        )  # DEBUG off, as served
        try:
            with worker_process(
                f"benchmark-{os.getpid()}", "notices", allowed, ["--concurrency", str(concurrency)]
            ):
                self.measure(pool, escalations, rate, concurrency, processes, endpoint, receiver)
        finally:
            pool.shutdown()
            update_endpoint(system, endpoint, is_active=False)
            receiver.shutdown()

    def measure(self, pool, escalations, rate, concurrency, processes, endpoint, receiver):
        warmup = 2 * concurrency
        self.stdout.write(f"Preparing {warmup} + {escalations} cases ...")
        total = warmup + escalations
        shares = [range(k, total, processes) for k in range(processes)]
        cases = [c for share in pool.map(prepare, shares) for c in share]
        self.drive(pool, cases[:warmup], rate, processes, endpoint)
        receiver.arrivals.clear()
        bare = self.bare_posts(receiver.url, 200)
        committed, backlog = self.drive(pool, cases[warmup:], rate, processes, endpoint)
        self.report(committed, receiver.arrivals, bare, backlog, rate)

    def bare_posts(self, url: str, count: int) -> list[float]:
        """Plain POSTs of a notice-sized body over a keep-alive client, as the worker sends them."""
        latencies = []
        with httpx.Client() as client:
            for _ in range(count):
                started = time.perf_counter()
                client.post(url, content=b"x" * 700, headers={"content-type": "application/json"})
                latencies.append((time.perf_counter() - started) * 1000)
        return latencies

    def drive(self, pool, cases, rate: float, processes: int, endpoint):
        """Forward every case on schedule; count the undelivered notices every second meanwhile."""
        plan = [(i, pk, reference) for i, (pk, reference) in enumerate(cases)]
        start = time.time() + 1.0
        self.stdout.write(f"Forwarding {len(plan)} cases at {rate:g}/s ...")
        futures = [pool.submit(forward, plan[k::processes], start, rate) for k in range(processes)]
        waiting = Notice.objects.filter(endpoint=endpoint).exclude(status=Notice.Status.DELIVERED)
        backlog, deadline = [], None
        while True:
            time.sleep(1.0)
            backlog.append(waiting.count())
            if deadline is None and all(f.done() for f in futures):
                deadline = time.monotonic() + 120
            if deadline and (backlog[-1] == 0 or time.monotonic() > deadline):
                break
        committed = {}
        for future in futures:
            committed.update(future.result())
        return committed, backlog

    def report(self, committed, arrivals, bare, backlog, rate):
        latencies = [
            (arrivals[ref] - at) * 1000 for ref, at in committed.items() if ref in arrivals
        ]
        commits = sorted(committed.values())
        achieved = (len(commits) - 1) / (commits[-1] - commits[0]) if len(commits) > 1 else 0
        span = max(arrivals.values(), default=0) - commits[0] if commits else 0
        write = self.stdout.write
        write(
            f"database {connections['default'].vendor}, broker "
            f"{settings.CELERY_BROKER_URL.rpartition('@')[2]}"
        )
        write(f"escalations committed   {len(committed)} at {achieved:.1f}/s (asked {rate:g}/s)")
        write(
            f"webhooks received       {len(latencies)} of {len(committed)}, "
            f"{len(latencies) / span if span > 0 else 0:.1f} notices/s"
        )
        write(f"commit -> received      {percentiles(latencies)}")
        write(f"bare POST, same server  {percentiles(bare)}")
        write(f"undelivered notices, sampled each second: {backlog}")
