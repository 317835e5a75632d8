"""Demo agencies' staff and institutions for `seed_demo` (idempotent)."""

import base64
import hashlib
import hmac

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password

from core.models import Region

from . import services
from .models import Agency, ApiClient, Institution, Membership, Role
from .services import api_clients

DEMO_PASSWORD = "netralitas-demo"

# PPK agencies (the officials who sanction) and the institutions they manage, with region codes.
DEMO_PPK = [
    (
        "GUBERNUR-JABAR",
        "Gubernur Jawa Barat",
        [("Pemerintah Provinsi Jawa Barat", "regional", "32")],
    ),
    ("BUPATI-BOGOR", "Bupati Bogor", [("Pemerintah Kabupaten Bogor", "regional", "32.01")]),
    (
        "WALIKOTA-SURABAYA",
        "Wali Kota Surabaya",
        [("Pemerintah Kota Surabaya", "regional", "35.78")],
    ),
    ("BUPATI-SLEMAN", "Bupati Sleman", [("Pemerintah Kabupaten Sleman", "regional", "34.04")]),
    ("MENKES", "Menteri Kesehatan", [("Kementerian Kesehatan", "central", "31")]),
]


def seed_institutions(actor) -> list[Institution]:
    """The demo PPK agencies and their institutions, created through the services (audited)."""
    institutions = []
    for code, name, managed in DEMO_PPK:
        ppk, _ = services.ensure_ppk_agency(actor, code, name)
        for inst_name, kind, region_code in managed:
            institution = Institution.objects.filter(name=inst_name).first()
            if institution is None:
                institution = services.create_institution(
                    actor,
                    name=inst_name,
                    kind=kind,
                    ppk_agency=ppk,
                    region=Region.objects.get(code=region_code),
                )
            institutions.append(institution)
    return institutions


def seed_staff(actor) -> list[dict]:
    """One user per agency and role, named `agency.role` (e.g. `bawaslu.analyst`)."""
    credentials, created = [], []
    existing = set(Membership.objects.values_list("user__username", flat=True))
    for agency in Agency.objects.filter(active=True).order_by("code"):
        for role in Role.values:
            username = f"{agency.code.lower()}.{role}"
            if username not in existing:
                created.append(
                    services.add_member(
                        actor, agency, username, role, email=f"{username}@demo.netralitas.go.id"
                    ).user_id
                )
            credentials.append(
                {
                    "username": username,
                    "password": DEMO_PASSWORD,
                    "agency": agency.code,
                    "role": role,
                }
            )
    # One hash for all demo accounts: hashing each password separately takes seconds.
    get_user_model().objects.filter(pk__in=created).update(password=make_password(DEMO_PASSWORD))
    return credentials


def seed_superuser() -> dict:
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser("admin", "admin@demo.netralitas.go.id", DEMO_PASSWORD)
    return {"username": "admin", "password": DEMO_PASSWORD, "agency": None, "role": "superuser"}


DEMO_CLIENT_NAME = "Demo client"


def demo_token(agency_code: str) -> str:
    """The demo client's token, derived from the agency code and SECRET_KEY: re-running seed_demo
    prints the same usable tokens without rotating them (and a new SECRET_KEY gives new ones)."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(), f"demo-api-client:{agency_code}".encode(), hashlib.sha256
    ).digest()
    return api_clients.TOKEN_PREFIX + base64.urlsafe_b64encode(digest).decode().rstrip("=")


def seed_api_clients(actor) -> list[dict]:
    """One API client per active agency with every scope, for trying the GraphQL API."""
    existing = {c.agency_id: c for c in ApiClient.objects.filter(name=DEMO_CLIENT_NAME)}
    seeded = []
    for agency in Agency.objects.filter(active=True).order_by("code"):
        token, client = demo_token(agency.code), existing.get(agency.pk)
        if client is None:
            client, _ = api_clients.create_api_client(
                actor, agency, DEMO_CLIENT_NAME, ApiClient.Scope.values, token=token
            )
        elif client.token_hash != ApiClient.hash_token(token) or client.revoked_at:
            api_clients.rotate_token(actor, client, token)
        seeded.append(
            {"agency": agency.code, "name": client.name, "scopes": client.scopes, "token": token}
        )
    return seeded
