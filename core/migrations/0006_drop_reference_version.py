from django.db import migrations


class Migration(migrations.Migration):
    """Reference rows (routing, share permissions, endpoints, API clients) are read from their
    tables on every use: the per-process cache and the version row it watched are gone."""

    dependencies = [
        ("core", "0005_audit_signatures_and_checkpoints"),
    ]

    operations = [
        migrations.DeleteModel(name="ReferenceVersion"),
    ]
