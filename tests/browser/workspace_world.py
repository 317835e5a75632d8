"""What the workspace's browser tests start from: cases Bawaslu holds, a finding waiting for its
review, and a case another agency shared with it (a notice in its inbox)."""

import pytest

from agencies.models import Agency, Institution
from cases import services
from cases.models import CivilServant
from core.actors import system_user
from core.models import Region


@pytest.fixture
def bawaslu_world(staff):
    analyst = staff("BAWASLU", "analyst")
    ppk = Agency.objects.create(code="BUPATI-BOGOR", name="Bupati Bogor", kind="ppk")
    institution = Institution.objects.create(
        name="Pemerintah Kabupaten Bogor",
        kind="regional",
        region=Region.objects.get(code="32.01"),
        ppk_agency=ppk,
    )
    asn = CivilServant.objects.create(
        nip="198503122010011001",
        name="Budi Santoso",
        institution=institution,
        region=institution.region,
        position="Kepala Seksi",
        position_type="supervisor",
    )
    for title in ("Foto bersama calon bupati", "Unggahan dukungan di Facebook"):
        services.open_case(
            analyst,
            title=title,
            subject=asn,
            intake_channel="social_media",
            violation_codes=["SOCIAL_MEDIA_CAMPAIGN"],
        )
    finding = services.add_finding(
        analyst, violation_code="SOCIAL_MEDIA_CAMPAIGN", score=0.62, subject=asn
    )
    system = system_user()
    shared = services.open_case(
        system, title="Laporan dari BKN", owner_agency=Agency.objects.get(code="BKN"), subject=asn
    )
    services.share_case(system, shared, Agency.objects.get(code="BAWASLU"), "read")
    return {"analyst": analyst, "finding": finding, "shared": shared}
