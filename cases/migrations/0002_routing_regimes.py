from django.db import migrations

from cases import routing_data


def forwards(apps, schema_editor):
    routing_data.load(apps)


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial"), ("agencies", "0002_seed_agencies")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
