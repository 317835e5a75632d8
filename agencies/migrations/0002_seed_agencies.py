from django.db import migrations

from agencies.services import ensure_role_groups

AGENCIES = [
    ("BAWASLU", "Badan Pengawas Pemilihan Umum", "election_supervisor"),
    ("KASN", "Komisi Aparatur Sipil Negara", "civil_service_commission"),
    ("KEMENDAGRI", "Kementerian Dalam Negeri", "ministry"),
    ("BSSN", "Badan Siber dan Sandi Negara", "cyber"),
    ("BKN", "Badan Kepegawaian Negara", "personnel"),
    ("KEMENPANRB", "Kementerian Pendayagunaan Aparatur Negara dan Reformasi Birokrasi", "ministry"),
]


def forwards(apps, schema_editor):
    Agency = apps.get_model("agencies", "Agency")
    for code, name, kind in AGENCIES:
        agency, _ = Agency.objects.get_or_create(code=code, defaults={"name": name, "kind": kind})
        ensure_role_groups(agency, apps.get_model("auth", "Group"),
                           apps.get_model("agencies", "AgencyRole"))


class Migration(migrations.Migration):
    dependencies = [("agencies", "0001_initial"), ("auth", "0012_alter_user_first_name_max_length")]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
