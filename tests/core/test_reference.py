"""Reference rows cached per process: read once, and read again by the first transaction after
any change to them, whichever process made it."""

import uuid

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext

from agencies.endpoints import register_endpoint, update_endpoint
from agencies.models import Agency
from agencies.notices import active_endpoints, emailed_agencies
from cases.models import Regime, SharingRule, Transition
from cases.services.routing import activate_regime, delete_routing, save_routing
from cases.sharing import share_permission_ids
from cases.workflow import active_regime
from core import audit, reference
from core.models import ReferenceVersion

pytestmark = pytest.mark.django_db
URL = "http://127.0.0.1:9/netralitas"


@pytest.fixture(autouse=True)
def loopback(settings):
    settings.NOTICE_ALLOWED_NETWORKS = ["127.0.0.0/8"]
    settings.ROUTING_REGIME = ""


def in_transaction(read):
    with audit.atomic():
        return read()


def sql_of(read) -> list[str]:
    with CaptureQueriesContext(connection) as captured:
        in_transaction(read)
    return [query["sql"] for query in captured]


def emailed() -> set[int]:
    return emailed_agencies("escalation.opened")


def read_all():
    return active_regime(), active_endpoints(), share_permission_ids(), emailed()


def test_a_transaction_reads_only_the_token_once_the_rows_are_cached():
    in_transaction(read_all)
    reads = [sql for sql in sql_of(read_all) if sql.startswith("SELECT")]
    assert len(reads) == 1 and "core_referenceversion" in reads[0]


def test_routing_changed_through_the_services_is_seen_by_the_next_transaction(system):
    assert in_transaction(active_regime).code == "UU_20_2023"
    forward = Transition.objects.get(regime__code="UU_20_2023", name="forward_to_supervisor")
    forward.due_working_days = 21
    save_routing(system, forward)
    delete_routing(system, SharingRule.objects.filter(regime__code="UU_20_2023").first())
    regime = in_transaction(active_regime)
    assert {t.due_working_days for t in regime.transitions.all() if t.name == forward.name} == {21}
    assert len(regime.sharing_rules.all()) == SharingRule.objects.filter(regime=regime).count()
    activate_regime(system, Regime.objects.get(code="SKB_2022"))
    assert in_transaction(active_regime).code == "SKB_2022"


def test_endpoints_registered_or_disabled_are_seen_by_the_next_transaction(system):
    assert in_transaction(active_endpoints) == []
    endpoint = register_endpoint(system, Agency.objects.get(code="BKN"), URL)
    assert in_transaction(active_endpoints) == [endpoint]
    update_endpoint(system, endpoint, is_active=False)
    assert in_transaction(active_endpoints) == []


def test_who_gets_notices_by_e_mail_is_seen_by_the_next_transaction(make_member):
    bkn = Agency.objects.get(code="BKN")
    assert bkn.pk not in in_transaction(emailed)
    supervisor = make_member("BKN", "supervisor", email="pengawas@bkn.go.id")
    assert bkn.pk in in_transaction(emailed)
    supervisor.is_active = False
    supervisor.save()
    assert bkn.pk not in in_transaction(emailed)


def test_a_change_committed_by_another_process_is_seen_through_the_token():
    assert in_transaction(active_regime).code == "UU_20_2023"
    # Another process's commit, seen from here: rows changed without a signal in this process...
    Regime.objects.update(is_active=False)
    Regime.objects.filter(code="SKB_2022").update(is_active=True)
    assert in_transaction(active_regime).code == "UU_20_2023"
    # ... and, in the same commit, a new token.
    ReferenceVersion.objects.filter(pk=1).update(token=uuid.uuid4())
    assert in_transaction(active_regime).code == "SKB_2022"


def test_a_change_rolled_back_with_its_savepoint_is_forgotten(system):
    with audit.atomic():
        assert active_endpoints() == []
        with pytest.raises(RuntimeError), transaction.atomic():
            register_endpoint(system, Agency.objects.get(code="BKN"), URL)
            assert len(active_endpoints()) == 1
            raise RuntimeError("rolled back")
        assert active_endpoints() == []
    assert in_transaction(active_endpoints) == []


def test_without_the_version_row_nothing_is_cached():
    ReferenceVersion.objects.all().delete()
    in_transaction(active_regime)
    assert any("cases_regime" in sql for sql in sql_of(active_regime))


def test_migrate_and_flush_give_a_new_token():
    before = ReferenceVersion.objects.get().token
    reference.after_migrate(sender=None)
    assert ReferenceVersion.objects.get().token != before
