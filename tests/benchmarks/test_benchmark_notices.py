"""`benchmark_notices` end to end, at a toy size: its own worker and driver processes, a loopback
receiver, every escalation received and the figures printed."""

from io import StringIO

import pytest
import redis
from django.core.management import call_command

from benchmarks.processes import database_url
from config.celery import build_config
from tests.conftest import switch_celery

pytestmark = [pytest.mark.benchmark, pytest.mark.services, pytest.mark.django_db(transaction=True)]


def test_benchmark_notices_delivers_every_escalation_and_reports(redis_url, settings, monkeypatch):
    redis.Redis.from_url(redis_url).flushdb()
    original = build_config(settings)
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = redis_url
    settings.NOTICE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    # Its drivers and worker are new processes: they read the test database from the environment.
    for name, value in {
        "DATABASE_URL": database_url(),
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
    }.items():
        monkeypatch.setenv(name, value)
    switch_celery(build_config(settings))
    out = StringIO()
    try:
        call_command(
            "benchmark_notices", escalations=12, rate=20, processes=2, concurrency=1, stdout=out
        )
    finally:
        switch_celery(original)
    report = out.getvalue()
    assert "escalations committed   12 at" in report
    assert "webhooks received       12 of 12" in report
    assert "commit -> received      p50" in report and "bare POST, same server  p50" in report
