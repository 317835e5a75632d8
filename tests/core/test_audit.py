import pytest
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from core import audit
from core.models import AuditEvent


def tamper(sequence: int) -> None:
    """Alter one event with raw SQL, the way an attacker with database access would."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(
                "ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only"
            )
        cursor.execute(
            "UPDATE core_auditevent SET action = 'member.nothing' WHERE sequence = %s", [sequence]
        )
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_append_only")


@pytest.mark.django_db
def test_chain_verifies_and_tampering_is_named(make_member, capsys):
    for role in ("viewer", "analyst", "supervisor"):
        make_member("BAWASLU", role)
    call_command("verify_audit")
    assert "audit chain intact: 3 events" in capsys.readouterr().out
    tamper(2)
    with pytest.raises(CommandError, match=r"broken at event #2: content does not match"):
        call_command("verify_audit")


@pytest.mark.django_db
def test_events_cannot_be_changed_or_deleted_through_the_model(make_member):
    make_member("BAWASLU")
    event = AuditEvent.objects.get()
    event.action = "forged"
    with pytest.raises(ValidationError):
        event.save()
    with pytest.raises(ValidationError):
        event.delete()
    with pytest.raises(ValidationError):
        AuditEvent.objects.update(action="forged")
    with pytest.raises(ValidationError):
        AuditEvent.objects.all().delete()


@pytest.mark.django_db
def test_database_refuses_raw_updates_on_postgresql(make_member):
    make_member("BAWASLU")
    with connection.cursor() as cursor:
        sql = "UPDATE core_auditevent SET action = 'forged'"
        if connection.vendor == "postgresql":
            with pytest.raises(Exception, match="append-only"), transaction.atomic():
                cursor.execute(sql)
            assert AuditEvent.objects.get().action == "member.add"
        else:  # SQLite has no such trigger: the model is the guard, and verify_audit the alarm
            cursor.execute(sql)
            assert audit.verify_chain() == (
                1,
                "content does not match its hash (event was altered)",
            )


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(system):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(system, "test", system)


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("sequence").values_list("action", flat=True))


@audit.atomic
def service(actor, action: str, fail: bool = False, inner: str | None = None):
    """A service as the apps write them: it records, may call another service, may fail."""
    audit.record(actor, action, actor)
    if inner:
        service(actor, inner)
    if fail:
        raise ValueError(action)


@pytest.mark.django_db
def test_a_service_appends_its_events_in_order_when_it_ends(system):
    with audit.atomic():
        service(system, "outer.a", inner="inner.b")
        audit.record(system, "outer.c", system)
        assert actions() == []  # recorded, not yet chained: the head is not locked yet
    assert actions() == ["outer.a", "inner.b", "outer.c"]
    assert audit.verify_chain() is None


@pytest.mark.django_db
def test_a_failed_service_leaves_no_events_and_its_caller_keeps_its_own(system):
    with audit.atomic():
        audit.record(system, "kept.before", system)
        with pytest.raises(ValueError):
            service(system, "lost.a", inner="lost.b", fail=True)
        audit.record(system, "kept.after", system)
    assert actions() == ["kept.before", "kept.after"]
    assert audit.verify_chain() is None


@pytest.mark.django_db
def test_events_inside_a_plain_savepoint_go_with_its_rollback(system):
    with audit.atomic():
        audit.record(system, "kept", system)
        with pytest.raises(ValueError), transaction.atomic():
            audit.record(system, "rolled.back", system)  # chained at once, inside the savepoint
            raise ValueError
    assert actions() == ["kept"]
    assert audit.verify_chain() is None
