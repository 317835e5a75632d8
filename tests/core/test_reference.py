"""Reference rows that decide who sees what (the routing, webhook endpoints, who is e-mailed, the
share permissions) are read from their tables at every use: a bulk write, which sends no signal,
holds for the very next read, in this process as in any other."""

import pytest
from django.contrib.auth.models import Permission

from agencies.models import Agency, Membership, WebhookEndpoint
from agencies.services.endpoints import register_endpoint
from agencies.services.notices import active_endpoints, emailed_agencies
from cases.models import Regime, SharingRule
from cases.sharing import share_permission_ids
from cases.workflow import active_regime

pytestmark = pytest.mark.django_db
URL = "http://127.0.0.1:9/netralitas"


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.NOTICE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.ROUTING_REGIME = ""


def test_a_regime_switched_or_edited_in_bulk_holds_at_once():
    regime = active_regime()
    assert regime.code == "UU_20_2023" and regime.sharing_rules.all()
    Regime.objects.update(is_active=False)
    Regime.objects.filter(code="SKB_2022").update(is_active=True)
    assert active_regime().code == "SKB_2022"
    SharingRule.objects.filter(regime__code="SKB_2022").delete()
    assert list(active_regime().sharing_rules.all()) == []


def test_an_endpoint_disabled_in_bulk_gets_no_more_notices(system):
    bkn = Agency.objects.get(code="BKN")
    endpoint = register_endpoint(system, bkn, URL)
    assert active_endpoints([bkn]) == [endpoint]
    assert active_endpoints([Agency.objects.get(code="BSSN")]) == []
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
    assert active_endpoints([bkn]) == []


def test_e_mail_recipients_changed_in_bulk_hold_at_once(make_member):
    bkn = Agency.objects.get(code="BKN")
    assert emailed_agencies("escalation.opened", [bkn]) == set()
    supervisor = make_member("BKN", "supervisor", email="pengawas@bkn.go.id")
    assert emailed_agencies("escalation.opened", [bkn]) == {bkn.pk}
    Membership.objects.filter(user=supervisor).update(role="viewer")
    assert emailed_agencies("escalation.opened", [bkn]) == set()


def test_share_permission_ids_are_the_tables():
    ids = share_permission_ids()
    assert ids == dict(
        Permission.objects.filter(codename__in=ids, content_type__app_label="cases").values_list(
            "codename", "pk"
        )
    )
    assert set(ids) == {"view_case", "contribute_case", "manage_case"}
