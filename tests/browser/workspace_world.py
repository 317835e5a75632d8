"""What the workspace's browser tests start from: cases Bawaslu holds, a finding waiting for its
review, and a case another agency shared with it (a notice in its inbox)."""

import pytest

from agencies.models import Agency
from cases import services
from core.actors import system_user
from tests.cases.conftest import asn  # noqa: F401 (fixture)


@pytest.fixture
def bawaslu_world(staff, asn):  # noqa: F811 (the fixture imported above)
    analyst = staff("BAWASLU", "analyst")
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
