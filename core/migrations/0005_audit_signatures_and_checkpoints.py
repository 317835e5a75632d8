"""Audit events carry the signature of the head they made, and checkpoints keep signed heads.

Events recorded before this migration are signed here, with the key configured now: the chain is
taken as it stands (its hashes are checked first), and from then on a rewrite shows. On PostgreSQL
the append-only trigger is set aside for that one UPDATE, and made to guard checkpoints too.
"""

from django.db import migrations, models

GUARD = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'audit rows are append-only: % refused on %', TG_OP, TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditcheckpoint_append_only
    BEFORE UPDATE OR DELETE ON core_auditcheckpoint
    FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
UNGUARD = "DROP TRIGGER IF EXISTS core_auditcheckpoint_append_only ON core_auditcheckpoint;"


def sign_existing(apps, schema_editor):
    from core.audit import GENESIS_HASH, sign

    AuditEvent = apps.get_model("core", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER USER", params=None)
    previous = GENESIS_HASH
    for event in AuditEvent.objects.order_by("sequence").iterator(chunk_size=5000):
        if event.previous_hash != previous:
            raise RuntimeError(f"audit chain broken at #{event.sequence}: run verify_audit")
        AuditEvent.objects.filter(pk=event.pk).update(signature=sign(event.sequence, event.hash))
        previous = event.hash
    if postgres:
        schema_editor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER USER", params=None)
        schema_editor.execute(GUARD, params=None)


def unguard(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(UNGUARD, params=None)


class Migration(migrations.Migration):
    dependencies = [("core", "0004_reference_version")]

    operations = [
        migrations.CreateModel(
            name="AuditCheckpoint",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("sequence", models.BigIntegerField(editable=False)),
                ("hash", models.CharField(editable=False, max_length=64)),
                ("signature", models.CharField(editable=False, max_length=64)),
                ("created_at", models.DateTimeField(auto_now_add=True, db_index=True)),
            ],
            options={"ordering": ["sequence"]},
        ),
        migrations.AddField(
            model_name="auditevent",
            name="signature",
            field=models.CharField(default="", editable=False, max_length=64),
        ),
        migrations.RunPython(sign_existing, unguard),
    ]
