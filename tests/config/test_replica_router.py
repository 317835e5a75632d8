"""The API with the read-replica router and a `replica` alias on a real second test database.

Each test fills the replica as a copy of the primary, then makes one of the two differ: what the
API answers shows which database it read.
"""

from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from agencies.models import Agency, ApiClient, Membership
from cases import services
from cases.models import Case
from config.db_router import REPLICA, replica_reads
from core.models import User
from tests.config.test_settings import load_settings
from tests.graphql_api.conftest import api, contest, fresh_cache, gid, make_asn, open_case

# Transactional: the router sends reads inside a transaction on the primary to the primary.
routed = pytest.mark.django_db(transaction=True, databases=[DEFAULT_DB_ALIAS, REPLICA])

CASE = "query($id: ID!) { node(id: $id) { ... on Case { title } } }"
UPDATE = """mutation($id: ID!) { updateCase(input: {case: $id, title: "Baru"}) {
  case { title description } errors { code message } } }"""
STATISTICS = "{ statistics(groupBy: STATUS) { total { reported } rows { key reported } } }"


@pytest.fixture(scope="module")
def replica_alias(django_db_setup, django_db_blocker):
    """A `replica` alias on a second test database, beside the primary's and of its engine. Its
    tables come from the models (no migrations: their data steps would write the primary)."""
    primary = connections[DEFAULT_DB_ALIAS].settings_dict
    if connections[DEFAULT_DB_ALIAS].vendor == "sqlite":
        path = Path(primary["NAME"])
        name = str(path.with_stem(f"{path.stem}-replica"))
    else:
        name = f"{primary['NAME']}_replica"
    connections.settings[REPLICA] = {
        **primary,
        "TEST": {**primary["TEST"], "NAME": name, "MIGRATE": False, "MIRROR": None},
    }
    replica = connections[REPLICA]
    original_name = replica.settings_dict["NAME"]
    with django_db_blocker.unblock():
        replica.creation.create_test_db(verbosity=0, autoclobber=True, serialize=False)
    yield
    with django_db_blocker.unblock():
        replica.creation.destroy_test_db(original_name, verbosity=0)
    del connections[REPLICA]
    del connections.settings[REPLICA]


@pytest.fixture
def replica(replica_alias, settings):
    """Route with ReplicaRouter; calling the fixture makes the replica a copy of the primary."""
    settings.DATABASE_ROUTERS = ["config.db_router.ReplicaRouter"]

    def copy():
        call_command(
            "flush", database=REPLICA, interactive=False, inhibit_post_migrate=True, verbosity=0
        )
        # One transaction: foreign keys are checked at its end, so the tables go in any order.
        # (bulk_create stamps auto_now timestamps anew: no test reads them.)
        with transaction.atomic(using=REPLICA):
            for model in apps.get_models(include_auto_created=True):
                if model._meta.managed and not model._meta.proxy:
                    rows = model._base_manager.using(DEFAULT_DB_ALIAS).all()
                    model._base_manager.using(REPLICA).bulk_create(rows, batch_size=1000)

    return copy


def on_replica(model):
    return model.objects.using(REPLICA)


@routed
def test_a_query_reads_the_case_on_the_replica(api, open_case, replica):
    bawaslu, case = api("BAWASLU"), open_case("BAWASLU", title="Kampanye")
    replica()
    on_replica(Case).filter(pk=case.pk).update(title="Salinan replika")
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        answer = bawaslu(CASE, {"id": gid("Case", case.pk)})
    assert answer["node"] == {"title": "Salinan replika"}
    assert any("cases_case" in query["sql"] for query in replica_queries)


@routed
def test_a_mutation_reads_and_writes_the_primary(api, open_case, replica):
    bawaslu = api("BAWASLU")
    case = open_case("BAWASLU", title="Kampanye", description="di primer")
    replica()
    on_replica(Case).filter(pk=case.pk).update(description="di replika")
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        answer = bawaslu(UPDATE, {"id": gid("Case", case.pk)})["updateCase"]
    assert answer == {"case": {"title": "Baru", "description": "di primer"}, "errors": []}
    assert Case.objects.get(pk=case.pk).title == "Baru"
    assert on_replica(Case).get(pk=case.pk).title == "Kampanye"
    assert len(replica_queries) == 0


@routed
def test_authentication_reads_the_primary(api, open_case, replica):
    """Token, client, agency and role come from the primary even where the query's rows come
    from the replica: the replica's copy of them decides nothing, either way."""
    bawaslu, case = api("BAWASLU"), open_case("BAWASLU", title="Kampanye")
    replica()
    on_replica(ApiClient).filter(pk=bawaslu.client.pk).update(revoked_at=timezone.now())
    on_replica(Agency).filter(code="BAWASLU").update(active=False)
    on_replica(Membership).filter(user=bawaslu.user).delete()
    on_replica(Case).filter(pk=case.pk).update(title="Salinan replika")
    assert bawaslu(CASE, {"id": gid("Case", case.pk)})["node"] == {"title": "Salinan replika"}

    # Revoked on the primary alone (no audit event: the replica stays current for the check).
    ApiClient.objects.filter(pk=bawaslu.client.pk).update(revoked_at=timezone.now())
    on_replica(ApiClient).filter(pk=bawaslu.client.pk).update(revoked_at=None)
    response = bawaslu.post(CASE, {"id": gid("Case", case.pk)})
    assert response.status_code == 401
    assert "revoked" in response.json()["errors"][0]["message"]


@routed
def test_access_inside_a_query_is_decided_on_the_primary(api, open_case, replica):
    """The member's agency groups, which the case shares name, are read on the primary while the
    query reads the replica: only the primary's say whether the member still belongs."""
    bkn, case = api("BKN"), open_case("BAWASLU", title="Kampanye")
    services.share_case(case.opened_by, case, Agency.objects.get(code="BKN"), "read")
    replica()
    on_replica(Case).filter(pk=case.pk).update(title="Salinan replika")
    on_replica(User.groups.through).filter(user=bkn.user).delete()
    assert bkn(CASE, {"id": gid("Case", case.pk)})["node"] == {"title": "Salinan replika"}
    bkn.user.groups.clear()  # on the primary alone: no audit event, the replica stays current
    assert bkn(CASE, {"id": gid("Case", case.pk)})["node"] is None
    assert on_replica(Case).filter(pk=case.pk).exists()


@routed
def test_a_replica_behind_the_primary_is_not_read(api, open_case, replica):
    """Unsharing writes an audit event; until the replica has it, queries read the primary, so the
    share still on the replica shows nothing."""
    bkn, case = api("BKN"), open_case("BAWASLU", title="Kampanye")
    services.share_case(case.opened_by, case, Agency.objects.get(code="BKN"), "read")
    replica()
    on_replica(Case).filter(pk=case.pk).update(title="Salinan replika")
    assert bkn(CASE, {"id": gid("Case", case.pk)})["node"] == {"title": "Salinan replika"}
    services.unshare_case(case.opened_by, case, Agency.objects.get(code="BKN"))
    with CaptureQueriesContext(connections[REPLICA]) as replica_queries:
        assert bkn(CASE, {"id": gid("Case", case.pk)})["node"] is None
    assert ["core_auditchainhead" in query["sql"] for query in replica_queries] == [True]


@routed
def test_a_replica_that_does_not_answer_is_not_read(api, open_case, replica, caplog):
    bawaslu, case = api("BAWASLU"), open_case("BAWASLU", title="Kampanye")
    replica()
    replica_settings = connections[REPLICA].settings_dict
    name = replica_settings["NAME"]
    connections[REPLICA].close()
    replica_settings["NAME"] = (
        str(Path(name).parent / "missing" / "replica.sqlite3")
        if connections[REPLICA].vendor == "sqlite"
        else f"{name}_missing"
    )
    try:
        assert bawaslu(CASE, {"id": gid("Case", case.pk)})["node"] == {"title": "Kampanye"}
    finally:
        connections[REPLICA].close()
        replica_settings["NAME"] = name
    assert "read replica unavailable, reading the primary" in caplog.text


@routed
def test_statistics_read_the_replica(api, open_case, replica):
    bawaslu, case = api("BAWASLU"), open_case("BAWASLU")
    replica()
    on_replica(Case).filter(pk=case.pk).update(status="closed")
    assert bawaslu(STATISTICS)["statistics"] == {
        "total": {"reported": 1},
        "rows": [{"key": "closed", "reported": 1}],
    }
    assert Case.objects.get(pk=case.pk).status != "closed"


@routed
def test_what_reads_the_primary_inside_a_replica_block(replica):
    replica()
    with replica_reads():
        assert router.db_for_read(Case) == REPLICA
        assert router.db_for_read(Membership) == DEFAULT_DB_ALIAS
        assert router.db_for_read(ApiClient) == DEFAULT_DB_ALIAS
        assert router.db_for_write(Case) == DEFAULT_DB_ALIAS
        with transaction.atomic():
            assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    with replica_reads(wanted=False):
        assert router.db_for_read(Case) == DEFAULT_DB_ALIAS
    assert router.db_for_read(Case) == DEFAULT_DB_ALIAS


def test_one_database_unless_a_replica_is_configured(monkeypatch):
    monkeypatch.delenv("DATABASE_REPLICA_URL", raising=False)
    s = load_settings(monkeypatch)
    assert list(s.DATABASES) == ["default"]
    assert not hasattr(s, "DATABASE_ROUTERS")


def test_a_replica_url_adds_the_alias_and_the_router(monkeypatch):
    s = load_settings(
        monkeypatch,
        DATABASE_URL="postgres://netra:s3cret@db.internal:5432/netralitas",
        DATABASE_REPLICA_URL="postgres://netra_ro:s3cret@replica.internal:5432/netralitas",
    )
    replica = s.DATABASES[REPLICA]
    assert (replica["HOST"], replica["USER"]) == ("replica.internal", "netra_ro")
    assert replica["TEST"] == {"MIRROR": "default"}
    assert replica["OPTIONS"]["options"] == "-c jit=off" and replica["CONN_HEALTH_CHECKS"]
    assert s.DATABASE_ROUTERS == ["config.db_router.ReplicaRouter"]
