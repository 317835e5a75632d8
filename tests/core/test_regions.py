import pytest
from django.core.management import call_command

from core.models import Region


@pytest.mark.django_db
def test_regions_are_loaded_by_migration():
    counts = {
        level: Region.objects.filter(level=level).count()
        for level in ("province", "regency", "district")
    }
    assert counts == {"province": 38, "regency": 514, "district": 7285}
    bogor = Region.objects.select_related("parent").get(code="32.01")
    assert bogor.parent.code == "32" and bogor.province_code == "32"


@pytest.mark.django_db
def test_load_regions_is_idempotent_and_reports_bad_levels(tmp_path, capsys):
    call_command("load_regions")
    assert "0 created, 0 updated" in capsys.readouterr().out
    bad = tmp_path / "bad.csv"
    bad.write_text("code,name,level,parent_code\n99,Test,planet,\n")
    with pytest.raises(ValueError, match="bad.csv line 2: unknown level 'planet'"):
        call_command("load_regions", str(bad))
