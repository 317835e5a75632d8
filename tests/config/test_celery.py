import pytest
from celery.result import EagerResult
from celery.signals import task_postrun, task_prerun
from django.conf import settings

from config import celery as celery_config
from config.celery import app, build_config
from core.tasks import heartbeat


def test_reliability_settings_are_deliberate():
    config = build_config(settings)
    assert config["task_acks_late"] and config["task_reject_on_worker_lost"]
    assert config["worker_prefetch_multiplier"] == 1
    assert config["task_serializer"] == "json" and config["accept_content"] == ["json"]
    visibility = config["broker_transport_options"]["visibility_timeout"]
    assert visibility > settings.CELERY_MAX_COUNTDOWN
    assert visibility > config["task_time_limit"] > config["task_soft_time_limit"]
    assert {q.name for q in config["task_queues"]} == {"default", "detection", "notices"}
    assert "heartbeat" in config["beat_schedule"]


def test_routes_send_work_to_named_queues():
    router = app.amqp.router
    assert router.route({}, "cases.tasks.detect_chunk")["queue"].name == "detection"
    assert router.route({}, "agencies.tasks.deliver_notice")["queue"].name == "notices"
    assert router.route({}, "core.tasks.heartbeat")["queue"].name == "default"


def test_workers_recycle_database_connections_as_requests_do(monkeypatch):
    closed = []
    monkeypatch.setattr(celery_config, "close_old_connections", lambda: closed.append(True))
    assert app.conf.get("CELERY_DB_REUSE_MAX")  # so the fixup does not close them at every task
    signal = {"sender": heartbeat, "task_id": "1", "task": heartbeat, "args": (), "kwargs": {}}
    task_prerun.send(**signal)
    heartbeat.push_request(is_eager=True)  # in its caller's transaction: left alone
    try:
        task_postrun.send(**signal)
    finally:
        heartbeat.pop_request()
    assert closed == [True]


def test_without_broker_tasks_run_eagerly(settings):
    original = build_config(settings)
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = ""
    app.conf.update(build_config(settings))
    try:
        result = heartbeat.delay()
        assert isinstance(result, EagerResult)
        assert result.get().startswith("20")
    finally:
        app.conf.update(original)


@pytest.mark.services
def test_real_worker_runs_a_task_and_returns_its_result(celery_worker_process):
    assert app.conf.task_always_eager is False
    result = heartbeat.delay()
    timestamp = result.get(timeout=20)
    assert timestamp.startswith("20")
    assert celery_worker_process.poll() is None
