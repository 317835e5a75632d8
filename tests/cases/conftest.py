import pytest

from agencies.models import Agency, Institution, Role
from cases.models import CivilServant
from core.models import Region


@pytest.fixture
def central_institution(db):
    menkes = Agency.objects.create(code="MENKES", name="Menteri Kesehatan", kind="ppk")
    return Institution.objects.create(
        name="Kementerian Kesehatan",
        kind="central",
        region=Region.objects.get(code="31"),
        ppk_agency=menkes,
    )


@pytest.fixture
def asn(institution):
    return CivilServant.objects.create(
        nip="198503122010011001",
        name="Budi Santoso",
        institution=institution,
        region=institution.region,
        position="Kepala Seksi",
        position_type="supervisor",
    )


@pytest.fixture
def staff(make_member, ppk):
    """staff["BAWASLU"]["supervisor"] -> a user; created lazily per (agency, role)."""

    class Staff(dict):
        def __missing__(self, agency_code):
            self[agency_code] = roles = RoleUsers(agency_code)
            return roles

    class RoleUsers(dict):
        def __init__(self, agency_code):
            super().__init__()
            self.agency_code = agency_code

        def __missing__(self, role):
            self[role] = user = make_member(self.agency_code, role)
            return user

    return Staff()


@pytest.fixture
def regime(settings, request):
    settings.ROUTING_REGIME = getattr(request, "param", "UU_20_2023")
    return settings.ROUTING_REGIME


SUPERVISOR_OF = {"SKB_2022": "KASN", "UU_20_2023": "BKN"}
ROLES = [Role.VIEWER, Role.ANALYST, Role.SUPERVISOR, Role.AGENCY_ADMIN]


@pytest.fixture
def login(client):
    """login(user) -> the test client, logged in as `user` (admin pages)."""

    def as_user(user):
        client.force_login(user)
        return client

    return as_user


@pytest.fixture
def central_asn(central_institution):
    return CivilServant.objects.create(
        nip="199001152015032002",
        name="Siti Rahayu",
        institution=central_institution,
        region=central_institution.region,
        position="Perawat",
        position_type="functional",
    )
