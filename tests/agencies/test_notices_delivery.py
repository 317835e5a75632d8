"""Delivery end to end: real Redis, a real Celery worker process, a real HTTP receiver on loopback.
Each test commits through the services (transactional database) so the worker sees the rows."""

import os
import signal
import subprocess
from email import message_from_bytes
from email import policy as email_policy
from pathlib import Path

import pytest
from standardwebhooks.webhooks import Webhook

from agencies.models import Agency, Notice, Role
from agencies.services import delivery
from benchmarks.processes import database_url
from cases import policy
from config.celery import build_config
from tests.agencies.notices_support import (  # noqa: F401  (fixtures)
    bkn_endpoint,
    delivered,
    forward_to_bkn,
    notice_worker,
    quick_notices,
    receiver,
    wait_for,
)
from tests.conftest import switch_celery, wait_for_worker

pytestmark = [pytest.mark.services, pytest.mark.django_db(transaction=True)]


def webhook_notice(case) -> Notice:
    return Notice.objects.get(case=case, channel=Notice.Channel.WEBHOOK)


def sent_mail(directory: str) -> list:
    """The messages Django's file-based e-mail backend wrote (one file per connection)."""
    separator = b"\n" + b"-" * 79 + b"\n"
    return [
        message_from_bytes(raw, policy=email_policy.default)
        for path in sorted(Path(directory).glob("*.log"))
        for raw in path.read_bytes().split(separator)
        if raw.strip()
    ]


def test_a_transition_delivers_a_signed_webhook_an_email_and_an_inbox_entry(
    notice_worker, receiver, make_member, quick_notices
):
    endpoint = bkn_endpoint(receiver.url)
    make_member("BKN", Role.SUPERVISOR, email="pengawas@bkn.go.id")
    make_member("BKN", Role.ANALYST, email="analis@bkn.go.id")  # not a receiving role
    case = forward_to_bkn(make_member)

    wait_for(lambda: delivered(webhook_notice(case)), what="the webhook")
    headers, body = receiver.requests[0]
    payload = Webhook(endpoint.secret).verify(body, headers)
    assert headers["webhook-id"] == str(webhook_notice(case).uuid)
    assert payload["type"] == "escalation.opened"
    assert payload["data"]["case"]["reference"] == case.reference
    assert payload["data"]["to_agency"] == "BKN" and payload["data"]["due_date"]

    email = Notice.objects.get(case=case, channel=Notice.Channel.EMAIL)
    wait_for(lambda: delivered(email), what="the e-mail")
    [message] = sent_mail(quick_notices["EMAIL_FILE_PATH"])
    assert message["To"] == "pengawas@bkn.go.id" and case.reference in message["Subject"]
    text = message.get_content()
    assert "Kasus dieskalasikan ke instansi Anda" in text and "A case was escalated" in text

    bkn_viewer = make_member("BKN", Role.VIEWER)
    inbox = policy.visible(bkn_viewer, Notice.objects.filter(channel=Notice.Channel.INBOX))
    assert [(n.event_type, n.case_id) for n in inbox] == [("escalation.opened", case.pk)]


def test_retries_until_the_receiver_accepts_and_the_effect_happens_once(
    notice_worker, receiver, make_member
):
    bkn_endpoint(receiver.url)
    receiver.script = [500, 500, 500]
    case = forward_to_bkn(make_member)

    notice = wait_for(
        lambda: delivered(webhook_notice(case)) and webhook_notice(case),
        what="delivery after three failures",
    )
    attempts = notice.delivery_attempts.order_by("number")
    assert [(a.number, a.status_code) for a in attempts] == [(1, 500), (2, 500), (3, 500), (4, 200)]
    assert all(a.latency_ms > 0 for a in attempts) and attempts[0].error == "HTTP 500"
    assert notice.attempts == 4 and len(receiver.requests) == 4
    assert {h["webhook-id"] for h, _ in receiver.requests} == {str(notice.uuid)}
    assert list(receiver.effects) == [str(notice.uuid)]


def test_a_worker_killed_mid_delivery_is_made_good_by_the_next_one(
    notice_worker, receiver, make_member, redis_url
):
    bkn_endpoint(receiver.url)
    receiver.script = ["hang"]
    case = forward_to_bkn(make_member)
    wait_for(lambda: receiver.requests, what="the first request")
    os.kill(notice_worker.pid, signal.SIGKILL)
    notice_worker.wait(timeout=10)

    successor = subprocess.Popen(
        notice_worker.args,
        cwd=Path(__file__).parents[2],
        env={
            **os.environ,
            "CELERY_BROKER_URL": redis_url,
            "CELERY_RESULT_BACKEND": redis_url,
            "DATABASE_URL": database_url(),
        },
    )
    try:
        wait_for_worker(successor)
        # The dead worker's claim lapses, then the sweep hands the notice to the new worker.
        wait_for(delivery.sweep, timeout=delivery.claim_seconds() + 5, what="the sweep")
        wait_for(lambda: delivered(webhook_notice(case)), what="redelivery")
    finally:
        successor.terminate()
        successor.wait(timeout=15)
    assert len(receiver.requests) == 2 and len(receiver.effects) == 1
    assert receiver.requests[0][0]["webhook-id"] == receiver.requests[1][0]["webhook-id"]


def test_a_notice_committed_while_the_broker_is_down_is_delivered_by_the_sweep(
    notice_worker, receiver, make_member, settings, monkeypatch
):
    bkn_endpoint(receiver.url)
    with monkeypatch.context() as outage:
        # Nothing listens there. (Celery prefers the variable to its configuration.)
        dead = "redis://127.0.0.1:1/0"
        outage.setenv("CELERY_BROKER_URL", dead)
        switch_celery({**build_config(settings), "broker_url": dead})
        try:
            case = forward_to_bkn(make_member)  # commits; the hand-over to the broker fails
        finally:
            outage.undo()
            switch_celery(build_config(settings))
    notice = webhook_notice(case)
    assert notice.status == Notice.Status.PENDING and notice.attempts == 0

    wait_for(delivery.sweep, what="the sweep to find the notice")
    wait_for(lambda: delivered(notice), what="delivery after the outage")
    assert list(receiver.effects) == [str(notice.uuid)]


def test_410_disables_the_endpoint_and_an_agency_admin_redelivers_the_dead_notice(
    notice_worker, receiver, make_member, client
):
    endpoint = bkn_endpoint(receiver.url)
    admin = make_member("BKN", Role.AGENCY_ADMIN, email="admin@bkn.go.id")
    receiver.script = [410]
    case = forward_to_bkn(make_member)

    notice = webhook_notice(case)
    wait_for(
        lambda: notice.refresh_from_db() or notice.status == Notice.Status.DEAD,
        what="the dead letter",
    )
    endpoint.refresh_from_db()
    assert not endpoint.is_active and "410" in endpoint.disabled_reason
    assert notice.attempts == 1 and notice.delivery_attempts.get().status_code == 410
    alert = Notice.objects.get(event_type="notice.dead", channel=Notice.Channel.INBOX)
    assert alert.agency.code == "BKN" and alert.payload["data"]["notice"]["id"] == str(notice.uuid)
    assert Notice.objects.filter(event_type="notice.dead", channel=Notice.Channel.EMAIL).exists()

    client.force_login(admin)
    refused = client.post(
        "/admin/agencies/notice/", {"action": "redeliver", "_selected_action": [notice.pk]}
    )
    assert refused.status_code == 302
    notice.refresh_from_db()
    assert notice.status == Notice.Status.DEAD  # the endpoint is still disabled
    client.post(
        "/admin/agencies/webhookendpoint/", {"action": "enable", "_selected_action": [endpoint.pk]}
    )
    client.post("/admin/agencies/notice/", {"action": "redeliver", "_selected_action": [notice.pk]})
    wait_for(lambda: delivered(notice), what="redelivery")
    attempts = notice.delivery_attempts.order_by("number")  # numbered on across a redelivery
    assert [(a.number, a.status_code) for a in attempts] == [(1, 410), (2, 200)]
    assert list(receiver.effects) == [str(notice.uuid)]
    assert Agency.objects.get(code="BKN").webhook_endpoints.get().is_active
