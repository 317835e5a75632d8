"""Webhooks per Standard Webhooks: `whsec_` secrets, v1 signatures, and the one HTTP POST.

Endpoints must resolve to public addresses (settings.NOTICE_ALLOWED_NETWORKS lists exceptions), at
registration and again at every send; the request then goes to the address that was checked, so a
DNS answer that changes in between cannot point a notice at an internal service.
"""

import base64
import ipaddress
import json
import secrets
import socket
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import httpx
from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext
from standardwebhooks.webhooks import Webhook

from core.errors import ServiceError

USER_AGENT = "Netralitas-Webhooks/1"
MAX_BODY = 64 * 1024
_client: httpx.Client | None = None


def new_secret() -> str:
    return "whsec_" + base64.b64encode(secrets.token_bytes(32)).decode()


def signing_secrets(endpoint) -> list[str]:
    """The current secret, and the previous one while its overlap window lasts."""
    keys = [endpoint.secret]
    if (
        endpoint.previous_secret
        and endpoint.previous_secret_expires_at
        and (endpoint.previous_secret_expires_at > timezone.now())
    ):
        keys.append(endpoint.previous_secret)
    return keys


def sign(keys: list[str], msg_id: str, timestamp: int, body: str) -> str:
    """The `webhook-signature` header: one `v1,<base64>` per key, space-separated."""
    at = datetime.fromtimestamp(timestamp, tz=UTC)
    return " ".join(Webhook(key).sign(msg_id, at, body) for key in keys)


def body_of(payload: dict) -> str:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":"), sort_keys=True)


# --- where a webhook may go ----------------------------------------------------------------------


def _allowed(address: str) -> bool:
    ip = ipaddress.ip_address(address)
    return ip.is_global or any(
        ip in ipaddress.ip_network(net, strict=False) for net in settings.NOTICE_ALLOWED_NETWORKS
    )


def check_url(url: str) -> str:
    """The address `url` may be sent to, or ServiceError(field="url"). Resolves the host: every
    address it resolves to must be public or in NOTICE_ALLOWED_NETWORKS."""
    parts = urlsplit(url)
    allowed_schemes = {"https"} if settings.PRODUCTION else {"https", "http"}
    if parts.scheme not in allowed_schemes or not parts.hostname:
        raise ServiceError(
            (
                gettext("a webhook URL must be https with a host")
                if settings.PRODUCTION
                else gettext("a webhook URL must be http or https with a host")
            ),
            field="url",
            code="invalid_url",
        )
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        addresses = {
            info[4][0] for info in socket.getaddrinfo(parts.hostname, port, type=socket.SOCK_STREAM)
        }
    except (socket.gaierror, UnicodeError) as error:
        raise ServiceError(
            gettext("cannot resolve %(host)s: %(error)s")
            % {"host": parts.hostname, "error": error},
            field="url",
            code="unresolvable",
        ) from None
    refused = sorted(a for a in addresses if not _allowed(a))
    if refused:
        raise ServiceError(
            gettext("%(host)s resolves to non-public address(es) %(addresses)s")
            % {"host": parts.hostname, "addresses": ", ".join(refused)},
            field="url",
            code="private_address",
        )
    return sorted(addresses)[0]


# --- sending -------------------------------------------------------------------------------------


@dataclass
class Response:
    status_code: int | None
    latency_ms: float
    error: str = ""
    retry_after: float | None = None


def client() -> httpx.Client:
    """One keep-alive client per process. Redirects are not followed (3xx is a failure) and the
    environment's proxies are ignored, so the request goes where check_url said it may."""
    global _client
    if _client is None:
        _client = httpx.Client(
            follow_redirects=False, trust_env=False, headers={"user-agent": USER_AGENT}
        )
    return _client


def post(url: str, msg_id: str, payload: dict, keys: list[str]) -> Response:
    """POST the signed payload to `url`. Never raises for network trouble: it is in the Response."""
    started = time.perf_counter()
    try:
        address = check_url(url)
    except ServiceError as error:
        return Response(None, 0.0, error.message)
    parts = urlsplit(url)
    host = f"[{address}]" if ":" in address else address
    port = parts.port or (443 if parts.scheme == "https" else 80)
    pinned = parts._replace(netloc=f"{host}:{port}")
    body, timestamp = body_of(payload), int(time.time())
    headers = {
        "content-type": "application/json",
        "host": parts.netloc.rpartition("@")[2],
        "webhook-id": msg_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": sign(keys, msg_id, timestamp, body),
    }
    try:
        with client().stream(
            "POST",
            pinned.geturl(),
            content=body.encode(),
            headers=headers,
            timeout=settings.NOTICE_WEBHOOK_TIMEOUT,
            extensions={"sni_hostname": parts.hostname},
        ) as response:
            latency = (time.perf_counter() - started) * 1000
            # Only the status and headers matter. Read a short body so the connection can be
            # kept alive; an endless one is cut off.
            read = 0
            for chunk in response.iter_raw():
                read += len(chunk)
                if read > MAX_BODY:
                    break
            return Response(
                response.status_code,
                latency,
                "" if response.is_success else f"HTTP {response.status_code}",
                retry_after(response.headers.get("retry-after")),
            )
    except httpx.HTTPError as error:
        return Response(
            None, (time.perf_counter() - started) * 1000, f"{type(error).__name__}: {error}"[:500]
        )


def retry_after(value: str | None) -> float | None:
    """Seconds from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value)
    try:
        when = datetime.strptime(value.strip(), "%a, %d %b %Y %H:%M:%S GMT").replace(tzinfo=UTC)
    except ValueError:
        return None
    return max((when - datetime.now(UTC)) / timedelta(seconds=1), 0.0)
