from django.db import migrations


class Migration(migrations.Migration):
    """Reference rows (routing, share permissions, endpoints, API clients) are read from their
    tables on every use: the per-process cache and the version row it watched are gone."""

    dependencies = [
        ("core", "0004_reference_version"),
    ]

    operations = [
        migrations.DeleteModel(name="ReferenceVersion"),
    ]
