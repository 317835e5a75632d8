"""A request id per HTTP request, carried into audit events so an action can be traced end to end,
returned in the `X-Request-ID` header and written with the request's log line."""

import contextvars
import datetime
import json
import logging
import time
import uuid

current_request_id: contextvars.ContextVar[str] = contextvars.ContextVar("request_id", default="")
request_log = logging.getLogger("netralitas.requests")


class RequestIdMiddleware:
    """Outermost middleware: takes the id from `X-Request-ID` (a proxy's or the client's) or makes
    one, and logs one JSON line per request once the response is ready."""

    header = "HTTP_X_REQUEST_ID"

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        started = time.perf_counter()
        request_id = request.META.get(self.header, "")[:64] or uuid.uuid4().hex
        token = current_request_id.set(request_id)
        try:
            response = self.get_response(request)
        finally:
            current_request_id.reset(token)
        response["X-Request-ID"] = request_id
        if request_log.isEnabledFor(logging.INFO):
            request_log.info(json.dumps(log_line(request, response, request_id, started)))
        return response


def log_line(request, response, request_id: str, started: float) -> dict:
    """The path without its query string: GraphQL GET queries carry their variables there."""
    user_id, client_id = who(request)
    return {
        "time": datetime.datetime.now(datetime.UTC).isoformat(timespec="milliseconds"),
        "request_id": request_id,
        "method": request.method,
        "path": request.path,
        "status": response.status_code,
        "duration_ms": round((time.perf_counter() - started) * 1000, 1),
        "user_id": user_id,
        "api_client_id": client_id,
        "remote_addr": request.META.get("REMOTE_ADDR"),
    }


def who(request) -> tuple[int | None, int | None]:
    """The user and API client the request acted as: the views that take bearer tokens record
    their caller; the others have the session's user, if any."""
    caller = getattr(request, "caller", None)
    if caller is not None:
        return caller.user.pk, caller.client.pk if caller.client else None
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return user.pk, None
    return None, None
