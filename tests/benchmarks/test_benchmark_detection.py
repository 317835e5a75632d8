"""`benchmark_detection` at a toy size: it builds its scratch database, runs the pipeline end to
end, prints every figure, and leaves the configured databases as they were."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import connection

pytestmark = [pytest.mark.benchmark, pytest.mark.django_db(transaction=True)]


def test_the_command_reports_every_figure_and_drops_its_scratch_database(settings):
    settings.CELERY_BROKER_URL = ""  # in-process tasks: the figures, not a worker, are tested here
    names = connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]
    out = StringIO()
    call_command("benchmark_detection", posts=300, asn=3, json=True, stdout=out, stderr=StringIO())
    figures = json.loads(out.getvalue())

    assert (connection.settings_dict["NAME"], connection.settings_dict["TEST"]["NAME"]) == names
    assert figures["posts"] == 300 and figures["worker"] == "in-process"
    assert figures["counts"]["created"] == 300
    assert 0 < figures["end_to_end_seconds"] and figures["end_to_end_posts_per_s"] > 0
    assert figures["detector_posts_per_s"] > 0 and figures["bare_scan_posts_per_s"] > 0
    assert figures["peak_worker_mb"] > 0
    assert 0 < figures["detector_one_megabyte_post_s"] < 60
    assert ("copy_rows_per_s" in figures) == (connection.vendor == "postgresql")


def test_the_report_sets_each_figure_beside_its_limit():
    from benchmarks.management.commands.benchmark_detection import report

    text = report(
        {
            "posts": 1000,
            "database": "postgresql",
            "linked_authors": 3,
            "worker": "one worker process",
            "end_to_end_posts_per_s": 4000,
            "end_to_end_seconds": 0.25,
            "import_seconds": 0.1,
            "copy_rows_per_s": 80000,
            "detector_posts_per_s": 30000,
            "bare_scan_posts_per_s": 60000,
            "peak_worker_mb": 200,
            "detector_one_megabyte_post_s": 0.02,
            "counts": {"created": 1000},
        }
    )
    assert "4,000 posts/s in 0.25 s (MISSES the 5,000 target" in text
    assert "PostgreSQL COPY of the same rows: 80,000 rows/s; ratio 5.0%" in text
    assert "detector alone: 30,000 posts/s (meets the 20,000 target)" in text
    assert "one post of 1 MB: 0.02 s (under the 1 s target" in text
    assert "ratio 50.0%" in text and "peak worker memory: 200 MB (under 500 MB)" in text
