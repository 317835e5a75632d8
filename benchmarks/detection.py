"""Throughput of the whole detection pipeline beside this machine's limits, measured in one run.

A synthetic feed from the corpus generator (every contest and template of the shipped corpus,
with some authors linked to civil servants) goes through ingest -> detection -> findings ->
cases with one worker (a worker process when a broker is configured, else this process), in a
scratch database created beside the configured one (same engine, server and settings) and
dropped afterwards, so nothing is left behind. Beside it: a PostgreSQL COPY of the same post
rows into an unindexed table, the detector alone, and a bare Aho-Corasick scan of the same
texts (benchmarks.detector).
"""

import json
import logging
import os
import random
import resource
import tempfile
import time
from collections import Counter
from contextlib import ExitStack, contextmanager
from pathlib import Path

from django.conf import settings
from django.db import connection

from benchmarks import detector as detector_bench
from benchmarks import limits
from benchmarks.corpus.generator import feed
from benchmarks.processes import database_url, worker_process
from cases import jobs
from cases.importers import import_accounts, import_asn, import_contest, import_posts
from cases.models import Contest, Job
from config.celery import app as celery_app
from core.actors import system_user

INSTITUTION = "Pemerintah Kabupaten Banyumas,33.02"


def run(posts: int, asn: int, log=print) -> dict:
    """Every measurement, in a scratch database dropped afterwards; returns the figures."""
    figures = {"posts": posts, "database": connection.vendor}
    # As in production: DEBUG would keep every query's SQL in memory.
    settings.DEBUG = False
    with scratch_database(log), tempfile.TemporaryDirectory() as directory:
        files, linked = write_feed(Path(directory), posts, asn)
        setup(files, linked)
        figures["linked_authors"] = len(linked)
        log(f"{posts} posts in {len(files)} contests, {len(linked)} authors linked to ASN")
        with detection_workers(log) as (worker, _pids):
            figures.update(end_to_end(files, log), worker=worker)
        # The worker's peak: this process's when it ran the tasks, else the worker process's.
        who = resource.RUSAGE_SELF if worker == "in-process" else resource.RUSAGE_CHILDREN
        figures["peak_worker_mb"] = round(resource.getrusage(who).ru_maxrss / 1024)
        if connection.vendor == "postgresql":
            figures["copy_rows_per_s"] = limits.copy_rate("cases_post")
    log("detector alone and bare scan ...")
    alone = detector_bench.bench(posts)
    figures["detector_posts_per_s"] = alone["classify_batch_posts_per_s"]
    figures["detector_one_megabyte_post_s"] = alone["one_megabyte_post_s"]
    figures["bare_scan_posts_per_s"] = alone["bare_scan_posts_per_s"]
    return figures


@contextmanager
def scratch_database(log):
    """A database beside the configured one (same engine, server, settings), named per process
    so that concurrent benchmarks never share one."""
    original, test_name = connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]
    connection.settings_dict["TEST"]["NAME"] = (
        str(Path(tempfile.gettempdir()) / f"netralitas-detection-{os.getpid()}.sqlite3")
        if connection.vendor == "sqlite"
        else f"{original}_detection_{os.getpid()}"
    )
    log(f"creating the scratch database {connection.settings_dict['TEST']['NAME']} ...")
    connection.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    try:
        yield
    finally:
        connection.creation.destroy_test_db(original, verbosity=0)
        connection.settings_dict["TEST"]["NAME"] = test_name


@contextmanager
def detection_workers(log, count: int = 1):
    """With a broker: `count` real worker processes (each one task at a time) on a queue of
    their own, so detection runs beside the import as in production. Without one: this process
    runs the tasks (embedded mode). Yields (which of the two, the ids of the processes running
    the tasks)."""
    if not settings.CELERY_BROKER_URL:
        eager = celery_app.conf.task_always_eager
        celery_app.conf.task_always_eager = True
        logging.getLogger("celery").setLevel(logging.WARNING)  # no line per task
        try:
            yield "in-process", [os.getpid()]
        finally:
            celery_app.conf.task_always_eager = eager
        return
    queue, routes = f"detection-benchmark-{os.getpid()}", celery_app.conf.task_routes
    celery_app.conf.update(task_routes={"cases.tasks.detect_*": {"queue": queue}})
    log(f"starting {count} worker process{'es' if count > 1 else ''} ...")
    env = {"DATABASE_URL": database_url()}
    try:
        with ExitStack() as stack:
            workers = [
                stack.enter_context(worker_process(f"{queue}-{n}", queue, env, ["--pool", "solo"]))
                for n in range(count)
            ]
            yield (
                f"{count} worker process{'es' if count > 1 else ''}",
                [worker.pid for worker in workers],
            )
    finally:
        celery_app.conf.update(task_routes=routes)


def write_feed(directory: Path, posts: int, asn: int) -> tuple[dict, list]:
    """One JSONL file per contest (unique external ids), and the authors to link to ASN."""
    files, handles = {}, set()
    outputs = {}
    for i, (contest, post) in enumerate(feed(posts)):
        slug = contest["slug"]
        if slug not in outputs:
            files[slug] = (contest, directory / f"{slug}.jsonl")
            outputs[slug] = open(files[slug][1], "w", encoding="utf-8")
        outputs[slug].write(json.dumps({**post, "external_id": f"bench-{i:07d}"}) + "\n")
        handles.add((post["platform"], post["author"]["handle"]))
    for output in outputs.values():
        output.close()
    linked = random.Random(0).sample(sorted(handles), min(asn, len(handles)))
    return files, linked


def setup(files: dict, linked: list) -> None:
    """Contests, civil servants and their accounts (not timed)."""
    system = system_user()
    for contest, _ in files.values():
        import_contest(system, contest)
    nips = [synthetic_nip(i) for i in range(len(linked))]
    import_asn(
        system,
        ["nip,name,institution,region_code,position,employment_type\n"]
        + [f"{nip},ASN {i},{INSTITUTION},Staf,PNS\n" for i, nip in enumerate(nips)],
    )
    import_accounts(
        system,
        ["nip,platform,handle\n"]
        + [f"{nip},{platform},{handle}\n" for nip, (platform, handle) in zip(nips, linked)],
    )


def synthetic_nip(i: int) -> str:
    """A valid NIP, distinct for i < 1998."""
    return (
        f"{1970 + i % 30}{1 + i % 12:02d}{1 + i % 28:02d}{1995 + i % 30}01"
        f"{1 + i % 2}{1 + i // 2 % 999:03d}"
    )


def end_to_end(files: dict, log) -> dict:
    """Import every contest's feed, then wait until detection has finished every post."""
    system, counts, results = system_user(), Counter(), []
    start = time.perf_counter()
    for slug, (_, path) in files.items():
        with open(path, encoding="utf-8") as lines:
            results.append(
                import_posts(
                    system,
                    lines,
                    Contest.objects.get(slug=slug),
                    on_batch=lambda r, slug=slug: log(
                        f"\r{r.counts['lines']} lines of {slug}", end=""
                    ),
                )
            )
    imported = time.perf_counter() - start
    log("")
    for result in results:
        job = jobs.wait(
            result.job,
            poll=0.05,
            on_progress=lambda j: log(f"\rdetection: {j.processed}/{j.total}", end=""),
        )
        if job.status != Job.Status.DONE:
            raise RuntimeError(f"job #{job.pk} {job.status}: {job.reason}")
        counts.update({k: v for k, v in job.counts.items() if isinstance(v, int)})
    seconds = time.perf_counter() - start
    log("")
    return {
        "end_to_end_seconds": round(seconds, 2),
        "import_seconds": round(imported, 2),
        "end_to_end_posts_per_s": round(counts["created"] / seconds),
        "counts": dict(counts),
    }
