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
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_append_only")
        cursor.execute("UPDATE core_auditevent SET action = 'member.nothing' WHERE sequence = %s",
                       [sequence])
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
            assert audit.verify_chain() == (1, "content does not match its hash (event was altered)")


@pytest.mark.django_db(transaction=True)
def test_record_outside_a_transaction_is_refused(system):
    with pytest.raises(RuntimeError, match="inside the transaction"):
        audit.record(system, "test", system)
