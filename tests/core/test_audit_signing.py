"""The audit chain resists a rewrite: every event carries the signed head it made, checkpoints and
notices keep signed heads, and verify_audit checks the chain against all it finds."""

import json

import pytest
from django.core import checks
from django.core.management import CommandError, call_command
from django.db import connection

from cases import notices, services
from config.celery import build_config
from core import audit
from core.models import AuditChainHead, AuditCheckpoint, AuditEvent
from core.tasks import audit_checkpoint

pytestmark = pytest.mark.django_db


@pytest.fixture
def chain(make_member):
    for role in ("viewer", "analyst", "supervisor", "agency_admin"):
        make_member("BAWASLU", role)
    assert AuditEvent.objects.count() >= 4
    return AuditEvent.objects.count()


def raw_sql(statements: list[tuple[str, list]]) -> None:
    """Run as one with database access would: on PostgreSQL with the append-only trigger off for
    the session (session_replication_role = replica), on SQLite directly."""
    postgres = connection.vendor == "postgresql"
    with connection.cursor() as cursor:
        if postgres:
            cursor.execute("SET session_replication_role = replica")
        try:
            for sql, params in statements:
                cursor.execute(sql, params)
        finally:
            if postgres:
                cursor.execute("SET session_replication_role = DEFAULT")


def rewrite(sequence: int) -> None:
    """Change event `sequence`, recompute every later hash and the head: a consistent chain."""
    previous = (
        AuditEvent.objects.get(sequence=sequence - 1).hash if sequence > 1 else audit.GENESIS_HASH
    )
    statements = []
    for event in AuditEvent.objects.filter(sequence__gte=sequence).order_by("sequence"):
        if event.sequence == sequence:
            event.action = "member.nothing"
        event.previous_hash, event.hash = previous, event.compute_hash()
        statements.append(
            (
                "UPDATE core_auditevent SET action = %s, previous_hash = %s, hash = %s "
                "WHERE id = %s",
                [event.action, event.previous_hash, event.hash, event.pk],
            )
        )
        previous = event.hash
    statements.append(("UPDATE core_auditchainhead SET last_hash = %s WHERE id = 1", [previous]))
    raw_sql(statements)


def cut_tail(keep: int) -> None:
    """Remove the events after `keep` and set the head back to it."""
    kept = AuditEvent.objects.get(sequence=keep)
    raw_sql(
        [
            ("DELETE FROM core_auditevent WHERE sequence > %s", [keep]),
            ("DELETE FROM core_auditcheckpoint", []),
            (
                "UPDATE core_auditchainhead SET last_sequence = %s, last_hash = %s WHERE id = 1",
                [keep, kept.hash],
            ),
        ]
    )


def test_a_rewrite_with_every_later_hash_recomputed_is_named(chain, capsys):
    call_command("verify_audit")
    assert f"audit chain intact: {chain} events" in capsys.readouterr().out
    rewrite(2)
    assert AuditEvent.objects.get(sequence=2).action == "member.nothing"
    last = AuditEvent.objects.order_by("sequence").last()
    assert AuditChainHead.objects.get().last_hash == last.hash  # the hashes alone agree
    assert last.compute_hash() == last.hash
    with pytest.raises(
        CommandError,
        match=r"broken at event #2: signature does not match \(the chain was rewritten from here",
    ):
        call_command("verify_audit")


def test_events_are_signed_with_the_configured_key(chain, settings):
    assert audit.verify_chain() is None
    settings.AUDIT_SIGNING_KEY = "another key"
    assert audit.verify_chain() == (
        1,
        "signature does not match (the chain was rewritten from here)",
    )


def test_a_cut_off_tail_shows_against_a_stored_checkpoint(chain):
    assert audit_checkpoint() == chain
    assert audit_checkpoint() is None  # nothing new to keep
    checkpoint = AuditCheckpoint.objects.get()
    assert checkpoint.signature == audit.sign(chain, checkpoint.hash)
    raw_sql(
        [
            ("DELETE FROM core_auditevent WHERE sequence > %s", [chain - 2]),
            (
                "UPDATE core_auditchainhead SET last_sequence = %s, last_hash = %s WHERE id = 1",
                [chain - 2, AuditEvent.objects.get(sequence=chain - 2).hash],
            ),
        ]
    )
    broken = audit.verify_chain()
    assert broken[0] == chain - 1
    assert f"the chain ends at #{chain - 2} but checkpoint of" in broken[1]
    assert f"signed #{chain} (events removed)" in broken[1]


def test_heads_a_partner_kept_are_checked(chain, tmp_path, make_member):
    case = services.open_case(make_member("BAWASLU", "supervisor"), title="Kampanye")
    assert AuditEvent.objects.count() > chain
    payload = notices.case_payload("case.shared", case)
    head = payload["data"]["audit_head"]
    assert head == audit.signed_head() and head["sequence"] == AuditEvent.objects.count()
    kept = tmp_path / "heads.jsonl"
    kept.write_text(json.dumps(payload) + "\n" + json.dumps(audit.signed_head()) + "\n")
    call_command("verify_audit", "--checkpoints", str(kept))
    cut_tail(chain)  # the stored checkpoints are gone too; the partner's file is not
    assert audit.verify_chain() is None
    with pytest.raises(CommandError, match=rf"broken at event #{chain + 1}: the chain ends at"):
        call_command("verify_audit", "--checkpoints", str(kept))


def test_a_forged_or_malformed_checkpoint_is_refused(chain, tmp_path):
    forged = {**audit.signed_head(), "hash": "f" * 64}
    path = tmp_path / "forged.jsonl"
    path.write_text(json.dumps(forged) + "\n")
    with pytest.raises(CommandError, match=rf"#{chain}: {path} line 1: signature not ours"):
        call_command("verify_audit", "--checkpoints", str(path))
    path.write_text('{"sequence": "1"}\n')
    with pytest.raises(CommandError, match="line 1: expected an object with sequence, hash"):
        call_command("verify_audit", "--checkpoints", str(path))


def test_beat_writes_checkpoints(settings):
    schedule = build_config(settings)["beat_schedule"]["audit-checkpoint"]
    assert schedule == {
        "task": "core.tasks.audit_checkpoint",
        "schedule": settings.AUDIT_CHECKPOINT_INTERVAL,
    }


def test_deploy_checks_warn_without_a_key_of_its_own(settings):
    settings.AUDIT_SIGNING_KEY = ""
    warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "netralitas.W001" in {w.id for w in warnings}
    settings.AUDIT_SIGNING_KEY = "k" * 64
    warnings = checks.run_checks(include_deployment_checks=True, tags=[checks.Tags.security])
    assert "netralitas.W001" not in {w.id for w in warnings}
