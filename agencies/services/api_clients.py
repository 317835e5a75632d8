"""API clients: partner systems acting as a service account of their agency with a bearer token.

A token is shown once, when issued; only its SHA-256 is stored (ApiClient.hash_token).
"""

import secrets

from django.core.cache import cache
from django.utils import timezone
from django.utils.translation import gettext

from core import audit
from core.errors import ServiceError

from .. import policy
from ..models import Agency, ApiClient, Role
from . import agencies as memberships

TOKEN_PREFIX = "ntr_"
# The agency role a client's service account gets unless told otherwise: enough for its scopes.
ROLE_FOR_SCOPE = {
    ApiClient.Scope.ADMIN: Role.AGENCY_ADMIN,
    ApiClient.Scope.WORKFLOW: Role.SUPERVISOR,
    ApiClient.Scope.REPORT: Role.ANALYST,
    ApiClient.Scope.INGEST: Role.ANALYST,
}
LAST_USED_EVERY = 60  # seconds: last_used_at is written at most this often per client


class AuthenticationFailed(Exception):
    """The token is unknown, expired or revoked; the message says which."""


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def clean_scopes(scopes) -> list[str]:
    scopes = list(dict.fromkeys(s.strip() for s in scopes if s.strip()))
    unknown = [s for s in scopes if s not in ApiClient.Scope.values]
    if unknown or not scopes:
        raise ServiceError(
            (
                gettext("scopes must be some of %(scopes)s; unknown: %(unknown)s")
                if unknown
                else gettext("scopes must be some of %(scopes)s")
            )
            % {"scopes": ", ".join(ApiClient.Scope.values), "unknown": ", ".join(unknown)},
            field="scopes",
            code="invalid_choice",
        )
    return scopes


def default_role(scopes) -> str:
    roles = [ROLE_FOR_SCOPE[s] for s in scopes if s in ROLE_FOR_SCOPE] or [Role.VIEWER]
    return max(roles, key=Role.rank)


@audit.atomic
def create_api_client(
    actor,
    agency: Agency,
    name: str,
    scopes,
    *,
    role: str | None = None,
    expires_at=None,
    token: str | None = None,
) -> tuple[ApiClient, str]:
    """Create the client and its service account; return it with the token (shown only now)."""
    scopes = clean_scopes(scopes)
    if not name.strip():
        raise ServiceError(gettext("an API client needs a name"), field="name", code="required")
    token = token or new_token()
    username = f"api.{agency.code.lower()}.{secrets.token_hex(4)}"
    membership = memberships.add_member(
        actor, agency, username, role or default_role(scopes), is_service_account=True
    )
    client = ApiClient.objects.create(
        agency=agency,
        name=name.strip(),
        user=membership.user,
        scopes=scopes,
        token_hash=ApiClient.hash_token(token),
        token_last_four=token[-4:],
        expires_at=expires_at,
    )
    audit.record(
        actor,
        "api_client.create",
        client,
        {
            "name": [None, client.name],
            "scopes": [None, scopes],
            "role": [None, membership.role],
            "expires_at": [None, expires_at],
        },
        agency=agency,
    )
    return client, token


@audit.atomic
def rotate_token(actor, client: ApiClient, token: str | None = None) -> str:
    """Replace the client's token (and lift a revocation); the old token stops working at once."""
    policy.require_agency_admin(actor, client.agency, "members and API clients")
    token = token or new_token()
    before = client.token_last_four
    client.token_hash, client.token_last_four = ApiClient.hash_token(token), token[-4:]
    client.revoked_at = None
    client.save(update_fields=["token_hash", "token_last_four", "revoked_at", "updated_at"])
    audit.record(
        actor,
        "api_client.rotate",
        client,
        {"token_last_four": [before, token[-4:]]},
        agency=client.agency,
    )
    return token


@audit.atomic
def revoke_api_client(actor, client: ApiClient) -> ApiClient:
    """The token stops working at once. Idempotent."""
    policy.require_agency_admin(actor, client.agency, "members and API clients")
    if client.revoked_at is None:
        client.revoked_at = timezone.now()
        client.save(update_fields=["revoked_at", "updated_at"])
        audit.record(
            actor,
            "api_client.revoke",
            client,
            {"revoked_at": [None, client.revoked_at]},
            agency=client.agency,
        )
    return client


def authenticate(token: str) -> ApiClient:
    """The usable client holding `token`, or AuthenticationFailed.

    One indexed query (the token hash is unique) reads the client with its agency, its service
    account and that account's membership and agency, on every request: nothing here is cached,
    so a revocation, a deactivation or a role change, however it was written, holds for the very
    next request."""
    client = (
        ApiClient.objects.select_related("agency", "user__membership__agency")
        .filter(token_hash=ApiClient.hash_token(token))
        .first()
    )
    if client is None or not client.user.is_active:
        raise AuthenticationFailed("invalid API token")
    if client.revoked_at is not None:
        raise AuthenticationFailed(f"API token revoked at {client.revoked_at.isoformat()}")
    if client.expires_at is not None and client.expires_at <= timezone.now():
        raise AuthenticationFailed(f"API token expired at {client.expires_at.isoformat()}")
    if not client.agency.active or policy.agency_of(client.user) != client.agency:
        raise AuthenticationFailed(f"the agency {client.agency.code} of this API token is inactive")
    _touch(client)
    return client


def _touch(client: ApiClient) -> None:
    """Record use cheaply: one UPDATE per client per minute, whatever the request rate."""
    if cache.add(f"api-client-used:{client.pk}", 1, timeout=LAST_USED_EVERY):
        client.last_used_at = timezone.now()
        ApiClient.objects.filter(pk=client.pk).update(last_used_at=client.last_used_at)
