"""`check_workers`: the Celery workers' health check, against a real worker process."""

import socket
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def check(**options) -> str:
    out = StringIO()
    call_command("check_workers", timeout=2, stdout=out, **options)
    return out.getvalue()


def test_every_queue_served_is_healthy(celery_worker_process):
    worker = f"celery@{socket.gethostname()}"
    assert f"{worker}: ok (default, detection, notices)" in check()
    assert f"{worker}: ok" in check(destination=worker)


def test_a_queue_without_a_worker_is_named(celery_worker_process):
    with pytest.raises(CommandError, match="for queue\\(s\\): exports"):
        check(queues="default,exports")


def test_a_worker_that_does_not_answer_is_named(celery_worker_process):
    with pytest.raises(CommandError, match="celery@nowhere did not answer"):
        check(destination="celery@nowhere")


def test_no_broker_means_no_workers_to_check(settings):
    settings.CELERY_BROKER_URL = ""
    with pytest.raises(CommandError, match="CELERY_BROKER_URL is not set"):
        check()
