import tempfile
from contextlib import contextmanager
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from agencies.models import Institution
from benchmarks.scale.stages import FULL, Run
from cases.models import CivilServant, Contest, Post, SocialAccount

HELD = {
    "civil servants": CivilServant,
    "institutions": Institution,
    "social accounts": SocialAccount,
    "contests": Contest,
    "posts": Post,
}


class Command(BaseCommand):
    help = (
        "Generate a national registry (4.3 million ASN, ~600 institutions, ~3 million linked "
        "accounts), a pilpres and 545 pilkada contests and 10 million posts at --scale 1, write "
        "them as import files and run the import commands and detection on them stage by "
        "stage, each beside this machine's limit measured in the same run. PostgreSQL only; "
        "it needs a database of its own."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale", type=float, default=1.0, help="a fraction of the country, e.g. 0.1"
        )
        parser.add_argument(
            "--database",
            default="",
            help="a database on DATABASE_URL's server to create (if missing) and use; "
            "default: DATABASE_URL's own",
        )
        parser.add_argument("--drop", action="store_true", help="drop the --database afterwards")
        parser.add_argument(
            "--directory",
            default="",
            help="where to write the files (default: a temporary one, removed)",
        )

    def handle(self, *args, **options):
        if connection.vendor != "postgresql":
            raise CommandError(
                "benchmark_scale needs PostgreSQL (its imports and limits are COPY's): set "
                "DATABASE_URL=postgres://... and name a database of its own with --database"
            )
        if options["drop"] and options["database"] in ("", connection.settings_dict["NAME"]):
            raise CommandError(
                "--drop drops only a database named with --database, not DATABASE_URL's"
            )
        if not 0 < options["scale"] <= 1:
            raise CommandError(f"--scale {options['scale']} must be more than 0 and at most 1")
        settings.DEBUG = False  # as served: DEBUG keeps every query's SQL in memory

        def log(message, end="\n"):
            self.stderr.write(message, ending=end)
            self.stderr.flush()

        with database(options["database"], options["drop"]):
            call_command("migrate", verbosity=0)
            refuse_if_used()
            with files(options["directory"]) as directory:
                run = Run(options["scale"], directory, log)
                info = run.all()
        self.stdout.write(report(run.stages, {"scale": options["scale"], **info}))


@contextmanager
def database(name: str, drop: bool):
    """Use database `name` on the configured server, created if missing; the configured
    one when no name is given."""
    if not name:
        yield
        return
    original = connection.settings_dict["NAME"]
    quoted = connection.ops.quote_name(name)
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {quoted}")
    connection.close()
    connection.settings_dict["NAME"] = name
    try:
        yield
    finally:
        connection.close()
        connection.settings_dict["NAME"] = original
        if drop:
            with connection.cursor() as cursor:
                cursor.execute(f"DROP DATABASE {quoted}")


@contextmanager
def files(directory: str):
    if directory:
        yield Path(directory)
        return
    with tempfile.TemporaryDirectory(prefix="benchmark-scale-") as temporary:
        yield Path(temporary)


def refuse_if_used() -> None:
    held = {label: model.objects.count() for label, model in HELD.items()}
    if any(held.values()):
        raise CommandError(
            f"the database {connection.settings_dict['NAME']} holds data ("
            + ", ".join(f"{count:,} {label}" for label, count in held.items() if count)
            + "): benchmark_scale writes millions of rows and needs a database of its own; "
            "name a new one with --database"
        )


def report(stages, info: dict) -> str:
    header = (
        "stage",
        "rows",
        "seconds",
        "rows/s",
        "peak MB",
        "limit, measured in this run",
        "limit rows/s",
        "ratio",
    )
    rows = [
        (
            s.name,
            f"{s.rows:,}",
            f"{s.seconds:,.1f}",
            f"{s.rate:,.0f}",
            f"{s.peak_mb:,}",
            s.limit,
            f"{s.limit_rate:,}",
            f"{s.ratio:.3%}",
        )
        for s in stages
    ]
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]
    lines = [
        "  ".join(
            cell.ljust(w) if i in (0, 5) else cell.rjust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        )
        for row in [header, *rows]
    ]
    lines.insert(1, "  ".join("-" * w for w in widths))
    share = info["scale"]
    return "\n".join(
        [
            f"benchmark_scale --scale {share:g}: {info['asn']:,} civil servants, {info['posts']:,} "
            f"posts ({share:.3g} of {FULL['asn']:,} and {FULL['posts']:,}); detection: "
            f"{info['worker']}",
            ""
            if info["autovacuum"]
            else "PostgreSQL's autovacuum is off on this server: the planner's statistics were "
            "brought up to date after each stage, but went stale during the long ones (the "
            "default, autovacuum = on, keeps them current)\n",
            *lines,
            "",
            f"the database holds {info['civil_servants']:,} civil servants, "
            f"{info['linked_accounts']:,} linked accounts, {info['contests']:,} contests, "
            f"{info['posts_stored']:,} posts, {info['findings']:,} findings, {info['cases']:,} "
            f"cases: {info['database_mb']:,} MB; the generated files {info['files_mb']:,} MB",
        ]
    )
