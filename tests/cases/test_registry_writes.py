"""The registry imports write through the services: a new institution and its PPK agency are
created by agencies' services (audited, with the agency's role groups), civil servants and
accounts by cases/services/registry.py under the same rule as the import."""

import pytest

from agencies.models import Agency, Institution, Role
from cases.importers import import_accounts, import_asn
from cases.models import CivilServant, SocialAccount
from cases.services.registry import save_civil_servants
from core.errors import PermissionDenied
from core.models import AuditEvent
from tests.cases.detection_fixtures import ASN_HEADER, nip

pytestmark = pytest.mark.django_db


def test_an_analysts_import_creates_institutions_and_ppk_agencies_through_services(make_member):
    analyst = make_member("BAWASLU", Role.ANALYST)
    rows = [f"{nip(1)},Budi,Pemerintah Kabupaten Banyumas,Camat,33.02.01,PNS\n"]
    result = import_asn(analyst, [ASN_HEADER, *rows])
    assert result.errors == [] and result.counts["created"] == 1
    institution = Institution.objects.get(name="Pemerintah Kabupaten Banyumas")
    ppk = institution.ppk_agency
    assert ppk.code == "PPK-33-02" and ppk.group is not None
    created = AuditEvent.objects.filter(actor_username=analyst.username)
    assert {(e.action, e.object_id) for e in created} >= {
        ("agency.create", str(ppk.pk)),
        ("institution.create", str(institution.pk)),
    }
    result = import_accounts(analyst, ["nip,platform,handle\n", f"{nip(1)},x,@budi_bms\n"])
    account = SocialAccount.objects.get(handle="budi_bms")
    assert account.owner.nip == nip(1) and account.linked_by == analyst


def test_a_viewer_writes_no_registry_row(make_member):
    viewer = make_member("BAWASLU", Role.VIEWER)
    with pytest.raises(PermissionDenied):
        save_civil_servants(viewer, [{"nip": nip(2), "name": "X"}])
    assert (
        not CivilServant.objects.exists() and Agency.objects.filter(code="PPK-33-02").count() == 0
    )
