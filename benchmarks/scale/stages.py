"""The stages of `benchmark_scale`, each timed with its rows and peak memory, beside the limit
of this machine for the same rows measured in the same run: a bare read of the generated files,
a PostgreSQL COPY of the rows a stage wrote into an unindexed table, a bare Aho-Corasick scan
of the posts' texts."""

import io
import json
import os
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from benchmarks import limits
from benchmarks.corpus import contests as corpus
from benchmarks.detection import detection_workers
from benchmarks.detector import bare_automaton
from cases import jobs
from cases.detection.evaluation import post_input_from_ingest
from cases.models import Case, CivilServant, Contest, Finding, Job, Post, SocialAccount
from cases.services.contests import add_exclusion
from core.actors import system_user

from . import feed, registry

FULL = {"asn": 4_300_000, "posts": 10_000_000}  # --scale 1: the country
SCAN_CHUNK = 50_000  # posts whose texts are held at once for the bare scan
REEVALUATION = "benchmark re-evaluation"  # an exclusion: the contest's detector version changes


@dataclass
class Stage:
    name: str
    rows: int
    seconds: float
    peak_mb: int
    limit: str  # what the limit is
    limit_rate: int  # its rows per second

    @property
    def rate(self) -> float:
        return self.rows / self.seconds

    @property
    def ratio(self) -> float:
        return self.rate / self.limit_rate


class Run:
    """One benchmark: the generated files in `directory`, the stages measured so far."""

    def __init__(self, scale: float, directory: Path, log):
        self.asn = max(round(FULL["asn"] * scale), len(registry.institutions()))
        self.posts = max(round(FULL["posts"] * scale), len(feed.contests()))
        self.directory, self.log = directory, log
        self.stages: list[Stage] = []

    def all(self) -> dict:
        """Every stage in order; returns what the report says beside the table."""
        files, contests, posts, lines = self.generate()
        rows = {name: lines[path] - 1 for name, path in files.items()}  # less the header
        self.imported(
            "import institutions",
            "import_asn",
            [files["institutions"]],
            rows["institutions"],
            "agencies_institution",
        )
        self.imported(
            "import_asn",
            "import_asn",
            [files["asn"]],
            rows["asn"],
            "cases_civilservant",
            progress=True,
        )
        self.imported(
            "import_accounts",
            "import_accounts",
            [files["accounts"]],
            rows["accounts"],
            "cases_socialaccount",
            progress=True,
        )
        self.imported("import contests", "import_contest", contests, len(contests), "cases_contest")
        season = [json.loads(path.read_text(encoding="utf-8"))["slug"] for path in contests]
        scan = scan_seconds(posts)
        # A worker per core: what this machine can run (the import shares the cores with them).
        with detection_workers(self.log, os.cpu_count() or 1) as (worker, pids):
            limits.reset_peaks(pids)
            start = time.perf_counter()
            self.imported(
                "import_posts",
                "import_posts",
                posts,
                self.posts,
                "cases_post",
                [("--contest", slug) for slug in season],
            )
            self.log("waiting for detection ...")
            for job in Job.objects.filter(kind=Job.Kind.POSTS):
                wait(job)
            self.stages.append(
                Stage(
                    "detection end to end",
                    self.posts,
                    time.perf_counter() - start,
                    limits.peak_mb_of(pids),
                    "bare scan of the texts",
                    round(self.posts / sum(scan.values())),
                )
            )
            analyze("cases_post", "cases_postverdict", "cases_finding")
            self.reevaluate(Contest.objects.get(slug=season[0]), pids, scan[posts[0]])
        return {
            "autovacuum": autovacuum_on(),
            "asn": self.asn,
            "posts": self.posts,
            "worker": worker,
            "files_mb": self.files_mb,
            **database_figures(),
        }

    def generate(self):
        self.log(f"generate: {self.asn:,} civil servants, {self.posts:,} posts ...")
        limits.reset_peak()
        start = time.perf_counter()
        files = registry.write(self.directory, self.asn)
        season = feed.contests()
        contests = feed.write_contests(self.directory, season)
        posts = feed.write_posts(self.directory, season, self.posts, self.asn)
        seconds, peak = time.perf_counter() - start, limits.peak_mb()
        lines, read_seconds = read_lines([*files.values(), *contests, *posts])
        total = sum(lines.values())
        self.stages.append(
            Stage(
                "generate",
                total,
                seconds,
                peak,
                "bare read of the files",
                round(total / read_seconds),
            )
        )
        self.files_mb = round(sum(path.stat().st_size for path in lines) / 2**20)
        return files, contests, posts, lines

    def imported(self, name, command, paths, rows, table, arguments=None, progress=False):
        """Run the import `command` on each of `paths` (with its `arguments`)."""
        self.log(f"{name} ...")
        limits.reset_peak()
        start = time.perf_counter()
        for path, extra in zip(paths, arguments or [()] * len(paths), strict=True):
            call_command(
                command,
                str(path),
                *extra,
                stdout=io.StringIO(),
                stderr=sys.stderr if progress else io.StringIO(),
            )
        seconds, peak = time.perf_counter() - start, limits.peak_mb()
        analyze(table)
        self.stages.append(
            Stage(
                name,
                rows,
                seconds,
                peak,
                f"COPY into an unindexed {table}",
                limits.copy_rate(table),
            )
        )

    def reevaluate(self, contest: Contest, pids: list[int], scan_seconds: float) -> None:
        """`run_detection` of the whole contest, under a new detector version."""
        self.log(f"re-evaluation of {contest.slug} ...")
        add_exclusion(system_user(), contest, REEVALUATION)
        limits.reset_peaks(pids)
        start = time.perf_counter()
        call_command("run_detection", "--contest", contest.slug, "--wait", stdout=io.StringIO())
        seconds, rows = time.perf_counter() - start, Post.objects.filter(contest=contest).count()
        self.stages.append(
            Stage(
                "re-evaluation (run_detection)",
                rows,
                seconds,
                limits.peak_mb_of(pids),
                "bare scan of the texts",
                round(rows / scan_seconds),
            )
        )


def analyze(*tables: str) -> None:
    """Bring the planner's statistics of `tables` up to date after a stage wrote millions of
    rows, as autovacuum does on a live server within a minute: with statistics from before the
    stage, PostgreSQL plans the next stage's queries for nearly empty tables. Not timed."""
    with connection.cursor() as cursor:
        for table in tables:
            cursor.execute(f"ANALYZE {connection.ops.quote_name(table)}")


def autovacuum_on() -> bool:
    with connection.cursor() as cursor:
        cursor.execute("SHOW autovacuum")
        return cursor.fetchone()[0] == "on"


def read_lines(paths: list[Path]) -> tuple[dict[Path, int], float]:
    """({file: its lines}, seconds) of reading the files line by line and nothing else."""
    lines, start = {}, time.perf_counter()
    for path in paths:
        with open(path, "rb") as file:
            lines[path] = sum(1 for _ in file)
    return lines, time.perf_counter() - start


def scan_seconds(paths: list[Path]) -> dict[Path, float]:
    """{posts file: seconds of a bare Aho-Corasick scan of its texts}: the texts the detector
    reads (a post's own and the one it engages with), lower-cased and matched against every
    candidate string and phrase bank; reading and parsing the file is not counted."""
    automaton = bare_automaton([corpus.PILPRES, corpus.PILGUB_JATENG, corpus.PILBUP_BANYUMAS])
    seconds = {}
    for path in paths:
        seconds[path] = 0.0
        with open(path, encoding="utf-8") as file:
            while chunk := [line for _, line in zip(range(SCAN_CHUNK), file, strict=False)]:
                inputs = [post_input_from_ingest(json.loads(line)) for line in chunk]
                texts = [t for p in inputs for t in (p.text, p.target_text) if t]
                start = time.perf_counter()
                sum(1 for text in texts for _ in automaton.iter(text.lower()))
                seconds[path] += time.perf_counter() - start
    return seconds


def wait(job: Job) -> None:
    job = jobs.wait(job, poll=0.2)
    if job.status != Job.Status.DONE:
        raise RuntimeError(f"job #{job.pk} {job.status}: {job.reason}")


def database_figures() -> dict:
    """What the database holds at the end, and its size."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        (size,) = cursor.fetchone()
    return {
        "civil_servants": CivilServant.objects.count(),
        "linked_accounts": SocialAccount.objects.filter(owner__isnull=False).count(),
        "contests": Contest.objects.count(),
        "posts_stored": Post.objects.count(),
        "findings": Finding.objects.count(),
        "cases": Case.objects.count(),
        "database_mb": round(size / 2**20),
    }
