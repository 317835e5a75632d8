"""Rows load without Model.__init__ (core.models.LoadedModel) and come out as Django's own."""

import pytest
from django.db import connection, models
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext

from agencies.models import Agency, Institution
from core.models import Region

pytestmark = pytest.mark.django_db


def loaded_by_django(model, pk):
    """The row as Django's Model.from_db (through __init__) builds it."""
    names = [field.attname for field in model._meta.concrete_fields]
    values = model.objects.filter(pk=pk).values_list(*names).get()
    return models.Model.from_db.__func__(model, "default", names, values)


def test_a_loaded_row_is_the_row_django_builds():
    agency = Agency.objects.get(code="BAWASLU")
    expected = loaded_by_django(Agency, agency.pk)
    assert {k: v for k, v in vars(agency).items() if k != "_state"} == {
        k: v for k, v in vars(expected).items() if k != "_state"
    }
    assert (agency._state.adding, agency._state.db) == (False, "default")
    assert agency.get_deferred_fields() == set()


def test_a_partly_loaded_row_loads_its_deferred_fields_when_read():
    agency = Agency.objects.only("code").get(code="BAWASLU")
    assert "name" in agency.get_deferred_fields() and "code" not in agency.get_deferred_fields()
    expected = loaded_by_django(Agency, agency.pk).name
    with CaptureQueriesContext(connection) as queries:
        assert agency.name == expected
    assert len(queries) == 1


def test_a_loaded_row_saves_as_an_update_and_reads_its_relations():
    institution = Institution.objects.create(
        name="Pemerintah Kota Uji",
        kind="regional",
        region=Region.objects.first(),
        ppk_agency=Agency.objects.get(code="BKN"),
    )
    loaded = Institution.objects.get(pk=institution.pk)
    loaded.name = "Pemerintah Kota Uji Baru"
    loaded.save()
    assert Institution.objects.filter(name="Pemerintah Kota Uji Baru").count() == 1
    assert loaded.ppk_agency.code == "BKN"
    loaded.refresh_from_db()
    assert loaded.name == "Pemerintah Kota Uji Baru"


def test_post_init_listeners_are_still_called():
    seen = []

    def listener(sender, instance, **kwargs):
        seen.append(instance.code)

    post_init.connect(listener, sender=Agency)
    try:
        Agency.objects.get(code="BSSN")
    finally:
        post_init.disconnect(listener, sender=Agency)
    assert seen == ["BSSN"]
