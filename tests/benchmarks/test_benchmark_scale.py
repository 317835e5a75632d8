"""`benchmark_scale --scale 0.01` in a database of its own: every stage's row in the table, its
rows what was generated, its rate and its limit positive, the ratio between them sane; the
database is dropped afterwards. Without PostgreSQL the command says it needs it."""

import os
import re
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from benchmarks.scale import feed, registry

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]
STAGES = [
    "generate",
    "import institutions",
    "import_asn",
    "import_accounts",
    "import contests",
    "import_posts",
    "detection end to end",
    "re-evaluation (run_detection)",
]


def table(text: str) -> dict[str, list[str]]:
    lines = text.splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("stage "))
    rows = {}
    for line in lines[start + 2 :]:
        if not line.strip():
            break
        cells = re.split(r"\s{2,}", line.strip())
        rows[cells[0]] = cells[1:]
    return rows


def number(cell: str) -> float:
    return float(cell.replace(",", "").rstrip("%"))


def test_a_hundredth_of_the_country_stage_by_stage(settings):
    settings.CELERY_BROKER_URL = ""  # in-process tasks: the table, not a worker, is tested here
    if connection.vendor != "postgresql":
        with pytest.raises(CommandError, match="benchmark_scale needs PostgreSQL"):
            call_command("benchmark_scale", scale=0.01)
        return
    name = f"{connection.settings_dict['NAME']}_scale_{os.getpid()}"
    out = StringIO()
    call_command(
        "benchmark_scale", scale=0.01, database=name, drop=True, stdout=out, stderr=StringIO()
    )
    rows = table(out.getvalue())

    assert list(rows) == STAGES
    asn, posts = 43_000, 100_000
    accounts = sum(1 for i in range(asn) if registry.handle(i))
    contests = len(feed.contests())
    expected = {
        "import institutions": len(registry.institutions()),
        "import_asn": asn - len(registry.institutions()),
        "import_accounts": accounts,
        "import contests": contests,
        "import_posts": posts,
        "detection end to end": posts,
        "re-evaluation (run_detection)": feed.shares(posts, contests)[0],
    }
    # generate: every line of every file, the CSV headers too
    expected["generate"] = asn + accounts + contests + posts + 3
    for stage, (count, seconds, rate, peak, _limit, limit_rate, ratio) in rows.items():
        assert number(count) == expected[stage], stage
        assert number(seconds) > 0 and number(rate) > 0 and number(peak) > 0, stage
        assert number(limit_rate) > 0 and 0 < number(ratio) / 100 <= 1.5, stage
    assert f"the database holds {asn:,} civil servants, {accounts:,} linked accounts" in (
        out.getvalue()
    )
    assert f"{contests} contests, {posts:,} posts" in out.getvalue()
    assert "detection: in-process" in out.getvalue()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        assert cursor.fetchone() is None  # dropped


def test_it_refuses_a_database_holding_other_data(system):
    from benchmarks.management.commands.benchmark_scale import refuse_if_used
    from cases.importers import import_contest
    from tests.cases.detection_fixtures import contest_json

    refuse_if_used()
    import_contest(system, contest_json())
    with pytest.raises(CommandError, match=r"holds data \(.*1 contests\).*a database of its own"):
        refuse_if_used()


def test_it_drops_only_a_database_of_its_own_and_takes_a_fraction(monkeypatch):
    monkeypatch.setattr(connection, "vendor", "postgresql")  # the checks come before any query
    with pytest.raises(CommandError, match="--drop drops only a database named with --database"):
        call_command("benchmark_scale", drop=True)
    with pytest.raises(CommandError, match="--drop drops only"):
        call_command("benchmark_scale", drop=True, database=connection.settings_dict["NAME"])
    with pytest.raises(CommandError, match=r"--scale 2(\.0)? must be more than 0 and at most 1"):
        call_command("benchmark_scale", scale=2)
