"""GraphQL test helpers: API clients per agency, a small case graph built through the services."""

import base64
import json

import pytest
from django.core.cache import cache
from django.test import Client

from agencies.models import Agency, ApiClient
from agencies.services.api_clients import create_api_client
from cases import services
from cases.models import CivilServant, Contest
from core.models import Region

ALL_SCOPES = ApiClient.Scope.values


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate-limit and last-used counters live in the cache; ids repeat across rolled-back tests."""
    cache.clear()
    yield
    cache.clear()


class Api:
    """Speaks to /graphql/ as one API client (or anonymously with token=None)."""

    def __init__(self, token: str | None, client: ApiClient | None = None):
        self.token, self.client, self.http = token, client, Client()

    @property
    def user(self):
        return self.client.user

    def post(self, query: str, variables: dict | None = None, **headers):
        if self.token:
            headers.setdefault("HTTP_AUTHORIZATION", f"Bearer {self.token}")
        body = json.dumps({"query": query, "variables": variables or {}})
        return self.http.post("/graphql/", body, content_type="application/json", **headers)

    def __call__(self, query: str, variables: dict | None = None) -> dict:
        """The response's `data`, asserting there were no errors."""
        response = self.post(query, variables)
        assert response.status_code == 200, response.content
        body = response.json()
        assert "errors" not in body, body["errors"]
        return body["data"]

    def errors(self, query: str, variables: dict | None = None) -> list[dict]:
        response = self.post(query, variables)
        assert response.status_code == 200, response.content
        return response.json()["errors"]


@pytest.fixture
def api(system):
    """api("BAWASLU") -> an Api for a new client of that agency (every scope unless told)."""

    def make(agency_code: str, scopes=ALL_SCOPES, role: str | None = None, **kwargs) -> Api:
        agency = Agency.objects.get(code=agency_code)
        client, token = create_api_client(
            system, agency, f"{agency_code} test client", scopes, role=role, **kwargs
        )
        return Api(token, client)

    return make


@pytest.fixture
def contest(db):
    return Contest.objects.create(
        slug="pilkada-bogor-2024",
        name="Pilkada Kabupaten Bogor 2024",
        kind="pilkada",
        region=Region.objects.get(code="32.01"),
    )


@pytest.fixture
def make_asn(institution):
    counter = iter(range(1, 10_000))

    def make(**fields) -> CivilServant:
        n = next(counter)
        defaults = {
            "nip": f"19850312201001{n:04d}",
            "name": f"ASN {n}",
            "institution": institution,
            "region": institution.region,
            "position_type": "supervisor",
        }
        return CivilServant.objects.create(**{**defaults, **fields})

    return make


@pytest.fixture
def open_case(make_member, make_asn, contest):
    """open_case("BAWASLU") -> a case owned by that agency, with a subject ASN."""
    openers = {}

    def make(agency_code: str = "BAWASLU", **fields):
        if agency_code not in openers:
            openers[agency_code] = make_member(agency_code, "supervisor")
        fields.setdefault("subject", make_asn())
        fields.setdefault("contest", contest)
        fields.setdefault("violation_codes", ["SOCIAL_MEDIA_CAMPAIGN"])
        return services.open_case(
            openers[agency_code], title=fields.pop("title", "Kampanye"), **fields
        )

    return make


def gid(type_name: str, pk) -> str:
    """A Relay global ID, as agencies/notices.py writes it."""
    return base64.b64encode(f"{type_name}:{pk}".encode()).decode()
