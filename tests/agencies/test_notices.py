"""Notices in one process: what they reveal, where webhooks may go, signatures and secret
rotation, the retry and dead-letter rules, the inbox services and the admin."""

import datetime
import logging

import pytest
import time_machine
from django.core import mail
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from agencies import webhooks
from agencies.models import Agency, Notice, Role, WebhookEndpoint
from agencies.services import delivery, endpoints, notices
from cases import policy, services
from cases.notices import case_global_id, notify
from core.errors import NotFound, PermissionDenied, ServiceError
from tests.agencies.notices_support import (  # noqa: F401  (fixtures)
    QUICK,
    bkn_endpoint,
    forward_to_bkn,
    receiver,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def quick(settings):
    for name, value in QUICK.items():
        setattr(settings, name, value)
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.NOTICE_RETRY_SCHEDULE = [0.0, 0.0, 0.0]  # due at once: each deliver() is one attempt


def agency(code: str) -> Agency:
    return Agency.objects.get(code=code)


def webhook_notice(case) -> Notice:
    return Notice.objects.get(case=case, channel=Notice.Channel.WEBHOOK)


# --- what a notice reveals -------------------------------------------------------------------


def test_a_notice_never_reveals_a_case_to_an_agency_that_cannot_see_it(make_member, caplog):
    case = forward_to_bkn(make_member)
    with caplog.at_level(logging.WARNING, logger="cases.notices"):
        written = notify("case.shared", case, [agency("KEMENDAGRI"), agency("BKN")])
    assert {n.agency.code for n in written} == {"BKN"}
    assert "withheld from KEMENDAGRI" in caplog.text
    assert not Notice.objects.filter(agency__code="KEMENDAGRI").exists()

    # Unsharing hides the notices already in the inbox too.
    bkn_viewer = make_member("BKN", Role.VIEWER)
    assert policy.visible(bkn_viewer, Notice.objects.all()).exists()
    services.share_case(make_member("BKN", Role.SUPERVISOR), case, agency("KEMENDAGRI"), "read")
    services.unshare_case(make_member("BKN", Role.SUPERVISOR), case, agency("KEMENDAGRI"))
    kemendagri_viewer = make_member("KEMENDAGRI", Role.VIEWER)
    assert Notice.objects.filter(agency__code="KEMENDAGRI", event_type="case.shared").exists()
    assert not policy.visible(kemendagri_viewer, Notice.objects.all()).exists()
    with pytest.raises(NotFound):
        notices.mark_read(kemendagri_viewer, Notice.objects.filter(agency__code="KEMENDAGRI")[0])


def test_the_payload_names_the_event_case_agencies_due_date_and_link(make_member):
    case = forward_to_bkn(make_member)
    notice = Notice.objects.get(case=case, agency__code="BKN", channel=Notice.Channel.INBOX)
    assert notice.event_type == "escalation.opened" and notice.status == Notice.Status.DELIVERED
    payload = notice.payload
    assert set(payload) == {"type", "timestamp", "data"}
    data = payload["data"]
    assert data["case"] == {
        "id": case_global_id(case),
        "reference": case.reference,
        "status": "assessment",
        "title": case.title,
    }
    assert data["agencies"] == {"owner": "BKN", "holder": "BKN"}
    assert (data["from_agency"], data["to_agency"]) == ("BAWASLU", "BKN")
    assert data["due_date"] == case.due_at.isoformat()
    assert data["link"].endswith(f"/admin/cases/case/{case.pk}/change/")


def test_channels_follow_endpoints_subscriptions_and_email_roles(make_member, settings):
    bkn_endpoint("http://127.0.0.1:9/all", event_types=())
    bkn_endpoint("http://127.0.0.1:9/shares", event_types=["case.shared"])
    make_member("BKN", Role.ANALYST, email="analis@bkn.go.id")
    case = forward_to_bkn(make_member)
    channels = sorted(Notice.objects.filter(case=case).values_list("channel", flat=True))
    assert channels == ["inbox", "webhook"]  # no e-mail: no supervisor or admin has an address

    settings.NOTICE_EMAIL_ROLES = [Role.ANALYST]
    [email] = [
        n for n in notify("case.shared", case, [agency("BKN")]) if n.channel == Notice.Channel.EMAIL
    ]
    assert delivery.deliver(email.pk) == Notice.Status.DELIVERED
    assert mail.outbox[0].to == ["analis@bkn.go.id"]
    assert mail.outbox[0].extra_headers["Message-ID"] == f"<{email.uuid}@notices.netralitas>"


# --- endpoints -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "http://10.0.0.8/hook",
        "http://[::1]:8000/hook",
        "http://localhost/hook",
        "http://169.254.169.254/latest",
        "ftp://example.org/hook",
        "http:///nohost",
    ],
)
def test_endpoints_on_private_addresses_are_refused(settings, system, url):
    settings.NOTICE_ALLOWED_NETWORKS = []
    with pytest.raises(ServiceError) as refused:
        endpoints.register_endpoint(system, agency("BKN"), url)
    assert refused.value.field == "url"


def test_plain_http_is_refused_in_production(settings, system):
    settings.PRODUCTION = True
    with pytest.raises(ServiceError, match="https"):
        endpoints.register_endpoint(system, agency("BKN"), "http://127.0.0.1:9/hook")


def test_only_an_agency_admin_registers_its_endpoints(make_member):
    with pytest.raises(PermissionDenied):
        endpoints.register_endpoint(
            make_member("BKN", Role.SUPERVISOR), agency("BKN"), "http://127.0.0.1:9/hook"
        )
    with pytest.raises(PermissionDenied):
        endpoints.register_endpoint(
            make_member("KASN", Role.AGENCY_ADMIN), agency("BKN"), "http://127.0.0.1:9/hook"
        )
    with pytest.raises(ServiceError, match="unknown event type"):
        endpoints.register_endpoint(
            make_member("BKN", Role.AGENCY_ADMIN),
            agency("BKN"),
            "http://127.0.0.1:9/hook",
            ["notice.dead"],
        )
    endpoint = endpoints.register_endpoint(
        make_member("BKN", Role.AGENCY_ADMIN),
        agency("BKN"),
        "http://127.0.0.1:9/hook",
        ["escalation.opened"],
    )
    assert endpoint.secret.startswith("whsec_") and len(endpoint.secret) > 40


def test_the_address_is_checked_again_at_send_time(make_member, receiver, settings):
    bkn_endpoint(receiver.url)
    case = forward_to_bkn(make_member)
    settings.NOTICE_ALLOWED_NETWORKS = []  # as if the name now resolved to a private address
    notice = webhook_notice(case)
    delivery.deliver(notice.pk)
    attempt = notice.delivery_attempts.get()
    assert attempt.status_code is None and "non-public" in attempt.error
    assert receiver.requests == []


# --- signatures ------------------------------------------------------------------------------


def test_rotation_signs_with_both_secrets_during_the_overlap(make_member, receiver):
    endpoint = bkn_endpoint(receiver.url)
    old_secret = endpoint.secret
    endpoint = endpoints.rotate_secret(make_member("BKN", Role.AGENCY_ADMIN), endpoint)
    case = forward_to_bkn(make_member)
    delivery.deliver(webhook_notice(case).pk)
    headers, body = receiver.requests[0]
    assert len(headers["webhook-signature"].split()) == 2
    for secret in (old_secret, endpoint.secret):
        assert Webhook(secret).verify(body, headers)["data"]["case"]["reference"] == case.reference

    with time_machine.travel(endpoint.previous_secret_expires_at + datetime.timedelta(seconds=1)):
        assert webhooks.signing_secrets(endpoint) == [endpoint.secret]
    tampered = body.replace(case.reference.encode(), b"NET-0000-000000")
    with pytest.raises(WebhookVerificationError):
        Webhook(endpoint.secret).verify(tampered, headers)


# --- retries, dead letters --------------------------------------------------------------------


def test_redirects_count_as_failures_and_exhaustion_dead_letters(make_member, receiver):
    bkn_endpoint(receiver.url)
    make_member("BKN", Role.AGENCY_ADMIN, email="admin@bkn.go.id")
    receiver.script = [302, 500, 503, 500]
    case = forward_to_bkn(make_member)
    notice = webhook_notice(case)
    statuses = [delivery.deliver(notice.pk) for _ in range(5)]
    assert statuses == ["retrying", "retrying", "retrying", "dead", "skipped"]
    assert [a.status_code for a in notice.delivery_attempts.order_by("number")] == [
        302,
        500,
        503,
        500,
    ]
    alert = Notice.objects.get(event_type="notice.dead", channel=Notice.Channel.EMAIL)
    assert delivery.deliver(alert.pk) == Notice.Status.DELIVERED
    assert mail.outbox[-1].to == ["admin@bkn.go.id"]
    assert "could not be delivered" in mail.outbox[-1].body
    assert not Notice.objects.filter(event_type="notice.dead", channel="webhook").exists()


def test_retry_after_is_honoured_up_to_the_longest_step(settings):
    settings.NOTICE_RETRY_SCHEDULE, settings.NOTICE_RETRY_JITTER = [5.0, 60.0], 0.2
    assert 4.0 <= delivery.retry_delay(1, None) <= 6.0
    assert delivery.retry_delay(1, 30.0) == 30.0
    assert 60.0 <= delivery.retry_delay(2, 86400.0) <= 72.0  # capped, then jittered upwards only
    assert delivery.retry_delay(3, None) is None
    assert webhooks.retry_after("120") == 120.0 and webhooks.retry_after("soon") is None


def test_a_delivered_notice_is_never_sent_again(make_member, receiver):
    bkn_endpoint(receiver.url)
    case = forward_to_bkn(make_member)
    notice = webhook_notice(case)
    assert delivery.deliver(notice.pk) == Notice.Status.DELIVERED
    assert delivery.deliver(notice.pk) == "skipped"
    Notice.objects.filter(pk=notice.pk).update(next_attempt_at=None)
    assert delivery.sweep() == 0 and len(receiver.requests) == 1


def test_the_sweep_takes_only_notices_past_the_grace(make_member, settings, monkeypatch):
    dispatched = []
    monkeypatch.setattr(delivery, "dispatch", dispatched.extend)
    bkn_endpoint("http://127.0.0.1:9/hook")
    case = forward_to_bkn(make_member)
    settings.NOTICE_SWEEP_GRACE = 60
    assert delivery.sweep() == 0
    with time_machine.travel(datetime.timedelta(seconds=61)):
        assert delivery.sweep() == 1
        assert delivery.sweep() == 0  # not again within the grace
    assert dispatched == [webhook_notice(case).pk]


# --- inbox services ----------------------------------------------------------------------------


def test_mark_read_is_idempotent_and_redeliver_is_for_agency_admins(make_member):
    case = forward_to_bkn(make_member)
    inbox = Notice.objects.get(case=case, agency__code="BKN", channel=Notice.Channel.INBOX)
    viewer = make_member("BKN", Role.VIEWER)
    first = notices.mark_read(viewer, inbox).read_at
    assert notices.mark_read(make_member("BKN", Role.ANALYST), inbox).read_at == first
    assert inbox.__class__.objects.get(pk=inbox.pk).read_by == viewer
    with pytest.raises(PermissionDenied):
        delivery.redeliver(make_member("BKN", Role.SUPERVISOR), inbox)
    with pytest.raises(ServiceError, match="only a dead notice"):
        delivery.redeliver(make_member("BKN", Role.AGENCY_ADMIN), inbox)


# --- admin -----------------------------------------------------------------------------------


def test_admin_shows_an_agency_its_own_endpoints_notices_and_attempts(
    make_member, client, receiver
):
    endpoint = bkn_endpoint(receiver.url)
    endpoints.register_endpoint(
        make_member("KASN", Role.AGENCY_ADMIN), agency("KASN"), "http://127.0.0.1:9/kasn"
    )
    case = forward_to_bkn(make_member)
    delivery.deliver(webhook_notice(case).pk)

    client.force_login(make_member("BKN", Role.AGENCY_ADMIN))
    page = client.get("/admin/agencies/webhookendpoint/")
    assert list(page.context["cl"].result_list) == [endpoint]
    assert (
        endpoint.secret
        in client.get(f"/admin/agencies/webhookendpoint/{endpoint.pk}/change/").content.decode()
    )
    notice_page = client.get(f"/admin/agencies/notice/{webhook_notice(case).pk}/change/")
    assert notice_page.status_code == 200 and "delivery_attempts" in notice_page.content.decode()

    client.force_login(make_member("BKN", Role.VIEWER))
    view = client.get(f"/admin/agencies/webhookendpoint/{endpoint.pk}/change/").content.decode()
    assert endpoint.url in view and endpoint.secret not in view
    assert client.get("/admin/agencies/webhookendpoint/add/").status_code == 403

    client.force_login(make_member("KASN", Role.AGENCY_ADMIN))
    hidden = client.get(f"/admin/agencies/notice/{webhook_notice(case).pk}/change/")
    assert hidden.status_code == 302
    assert {
        e.agency.code
        for e in client.get("/admin/agencies/webhookendpoint/").context["cl"].result_list
    } == {"KASN"}
    assert WebhookEndpoint.objects.count() == 2
