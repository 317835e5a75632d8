"""The notice inbox for people: one row per event (the e-mail copy is a delivery detail beside
it), unread first, an unread filter, the case a link, the text in words; opening marks it read.
The delivery log is the agency admins'."""

import pytest
from django.urls import reverse

from agencies.models import Notice, Role
from tests.cases.workspace_fixtures import world  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_one_row_per_event_unread_first_with_the_other_channels_beside_it(world, staff, login):
    agency = world["supervisor_agency"]
    client = login(staff[agency]["analyst"])
    notices = Notice.objects.filter(agency__code=agency)
    events = notices.filter(channel=Notice.Channel.INBOX)
    assert notices.filter(channel=Notice.Channel.EMAIL).exists()  # the world e-mails them too
    first = events.earliest("created_at")
    client.get(reverse("admin:inbox_notice", args=[first.pk]))

    rows = client.get(reverse("admin:inbox")).context["rows"]
    assert len(rows) == events.count()  # one per event, not one per channel
    assert [row["notice"].read_at is None for row in rows] == [True] * (len(rows) - 1) + [False]
    for row in rows:
        assert [n.channel for n in row["channels"]] == ["email"]
        assert row["case_url"] == reverse("admin:cases_case_change", args=[row["notice"].case_id])
    unread = client.get(reverse("admin:inbox"), {"unread": "1"}).context["rows"]
    assert [row["notice"] for row in unread] == [row["notice"] for row in rows[:-1]]


def test_opening_a_notice_marks_it_read_and_says_it_in_words(world, staff, login):
    reader = staff["BAWASLU"]["viewer"]
    notice = Notice.objects.get(
        agency__code="BAWASLU", channel=Notice.Channel.INBOX, event_type="escalation.acknowledged"
    )
    page = login(reader).get(reverse("admin:inbox_notice", args=[notice.pk]))
    body = page.content.decode()
    assert "Eskalasi telah diterima" in body and "escalation.acknowledged" not in body
    assert dict((str(k), str(v)) for k, v in page.context["facts"])["Tahap"] == (
        "Teruskan ke pengawas netralitas"
    )
    assert f'href="{reverse("admin:cases_case_change", args=[world["soon"].pk])}"' in body
    notice.refresh_from_db()
    assert notice.read_by == reader and notice.read_at is not None
    assert notice.read_at == Notice.objects.get(pk=notice.pk).read_at  # audited once
    login(reader).get(reverse("admin:inbox_notice", args=[notice.pk]))
    assert Notice.objects.get(pk=notice.pk).read_at == notice.read_at  # idempotent


def test_an_operator_reading_an_agencys_inbox_leaves_it_unread(world, login, django_user_model):
    root = django_user_model.objects.create_superuser("root", "root@example.go.id", "pw-root-1")
    notice = Notice.objects.filter(agency__code="BAWASLU", channel=Notice.Channel.INBOX).first()
    assert login(root).get(reverse("admin:inbox_notice", args=[notice.pk])).status_code == 200
    assert Notice.objects.get(pk=notice.pk).read_at is None


def test_another_agencys_notice_looks_missing(world, staff, login):
    notice = Notice.objects.filter(agency__code="BAWASLU", channel=Notice.Channel.INBOX).first()
    client = login(staff["BSSN"]["supervisor"])
    assert client.get(reverse("admin:inbox_notice", args=[notice.pk])).status_code == 404
    assert client.get(reverse("admin:inbox")).context["rows"] == []
    email = Notice.objects.filter(channel=Notice.Channel.EMAIL).first()  # not an inbox row
    login(staff[world["supervisor_agency"]]["analyst"])
    assert client.get(reverse("admin:inbox_notice", args=[email.pk])).status_code == 404


def test_the_delivery_log_is_for_agency_admins(world, staff, login):
    agency = world["supervisor_agency"]
    log = reverse("admin:agencies_notice_changelist")
    assert login(staff[agency][Role.ANALYST]).get(log).status_code == 403
    page = login(staff[agency][Role.AGENCY_ADMIN]).get(log)
    assert page.status_code == 200
    assert {n.agency.code for n in page.context["cl"].result_list} == {agency}
