"""Who is asking: a partner system (bearer token of an API client) or a staff member's session.

Requests are authenticated in the view before GraphQL runs; resolvers read the result here.
"""

from dataclasses import dataclass

from django.conf import settings
from django.middleware.csrf import CsrfViewMiddleware
from strawberry import Info
from strawberry.permission import BasePermission, PermissionExtension

from agencies.models import ApiClient
from agencies.services.api_clients import AuthenticationFailed, authenticate

from . import security

ALL_SCOPES = frozenset(ApiClient.Scope.values)


@dataclass(frozen=True)
class Caller:
    user: object
    client: ApiClient | None
    scopes: frozenset

    @property
    def key(self) -> str:
        """Identifies the caller for rate limiting."""
        return f"client:{self.client.pk}" if self.client else f"user:{self.user.pk}"


class Unauthenticated(Exception):
    """No usable credentials: the view answers 401 (or 403 for a missing CSRF token)."""

    def __init__(
        self,
        message: str,
        status: int = 401,
        code: str = "UNAUTHENTICATED",
        retry_after: int | None = None,
    ):
        super().__init__(message)
        self.message, self.status, self.code = message, status, code
        self.retry_after = retry_after


def _refuse_guessing(request) -> None:
    """An address whose tokens failed GRAPHQL_AUTH_FAILURE_LIMIT times in the window gets 429
    until the window ends, before its token is even looked up: guessing costs the guesser."""
    limit = settings.GRAPHQL_AUTH_FAILURE_LIMIT
    failures, retry_after = security.count_in_window(_failures_key(request), add=0)
    if limit > 0 and failures >= limit:
        raise Unauthenticated(
            f"too many failed authentications from this address: at most {limit} per "
            f"{settings.GRAPHQL_RATE_WINDOW} s; retry in {retry_after} s",
            status=429,
            code="RATE_LIMITED",
            retry_after=retry_after,
        )


def _failures_key(request) -> str:
    return f"graphql-auth-failures:{request.META.get('REMOTE_ADDR', '')}"


def authenticate_request(request) -> Caller:
    """A bearer token wins (and needs no CSRF token: browsers never send one on their own);
    otherwise a staff session, whose POSTs must carry Django's CSRF token."""
    header = request.headers.get("Authorization", "")
    if header:
        _refuse_guessing(request)
        scheme, _, token = header.partition(" ")
        if scheme.lower() != "bearer" or not token.strip():
            raise Unauthenticated("use 'Authorization: Bearer <token>'")
        try:
            client = authenticate(token.strip())
        except AuthenticationFailed as error:
            security.count_in_window(_failures_key(request))
            raise Unauthenticated(str(error)) from None
        request.user = client.user
        return Caller(client.user, client, frozenset(client.scopes))
    user = request.user
    if not (user.is_authenticated and user.is_active and user.is_staff):
        raise Unauthenticated(
            "authentication required: an API client's bearer token, or a "
            "staff session (log in at /admin/)"
        )
    # The view is csrf_exempt so bearer requests pass; session requests are checked here.
    rejected = CsrfViewMiddleware(lambda r: None).process_view(request, None, (), {})
    if rejected is not None:
        raise Unauthenticated("CSRF token missing or incorrect", status=403, code="CSRF_FAILED")
    return Caller(user, None, ALL_SCOPES)  # staff: the policy and their role decide


def caller(info: Info) -> Caller:
    return info.context.request.caller


def user_of(info: Info):
    return info.context.request.caller.user


class HasScope(BasePermission):
    def __init__(self, scope: str):
        self.scope = scope
        self.message = f"this API client lacks the '{scope}' scope"
        self.error_extensions = {"code": "INSUFFICIENT_SCOPE"}

    def has_permission(self, source, info: Info, **kwargs) -> bool:
        return self.scope in caller(info).scopes


def needs(scope: str) -> list:
    """Field extensions refusing callers without `scope` (root queries and mutations)."""
    return [PermissionExtension(permissions=[HasScope(scope)], use_directives=False)]
