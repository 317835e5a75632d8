"""What the notice tests share: a webhook receiver on loopback, quick notice settings given to
this process and to the worker process alike, and a case driven to an escalation."""

import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from agencies.models import Agency, Notice, Role
from agencies.services.endpoints import register_endpoint
from cases import services
from core.actors import system_user

# Four attempts a third of a second apart; a claim lapses after 4 s; the sweep's grace is 0.5 s.
QUICK = {
    "NOTICE_RETRY_SCHEDULE": [0.3, 0.3, 0.3],
    "NOTICE_RETRY_JITTER": 0.0,
    "NOTICE_WEBHOOK_TIMEOUT": 1.0,
    "NOTICE_SWEEP_GRACE": 0.5,
    "NOTICE_ALLOWED_NETWORKS": ["127.0.0.0/8"],
    "EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend",
    "ROUTING_REGIME": "UU_20_2023",
}


class Receiver:
    """A threaded HTTP server on 127.0.0.1. Answers each POST with the next status of `script`
    (then 200; "hang" waits until `release` is set, then answers 503), records every request and
    applies the effect of each `webhook-id` once, as a receiver should."""

    def __init__(self):
        self.requests, self.effects, self.script = [], {}, []
        self.release, self.lock = threading.Event(), threading.Lock()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def do_POST(self):
                body = self.rfile.read(int(self.headers["content-length"]))
                status = receiver.answer({k.lower(): v for k, v in self.headers.items()}, body)
                self.send_response(status)
                self.send_header("content-length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/netralitas"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def answer(self, headers: dict, body: bytes) -> int:
        with self.lock:
            self.requests.append((headers, body))
            status = self.script.pop(0) if self.script else 200
        if status == "hang":
            self.release.wait(30)
            return 503
        if 200 <= status < 300:
            with self.lock:
                self.effects.setdefault(headers["webhook-id"], json.loads(body))
        return status

    def close(self):
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def quick_notices(settings, monkeypatch, tmp_path):
    """QUICK in this process and in the environment a worker process is started with."""
    values = {**QUICK, "EMAIL_FILE_PATH": str(tmp_path / "mail")}
    for name, value in values.items():
        setattr(settings, name, value)
        monkeypatch.setenv(
            name, ",".join(map(str, value)) if isinstance(value, list) else str(value)
        )
    return values


@pytest.fixture
def notice_worker(quick_notices, request):
    """A real Celery worker process with the quick settings, on a committed test database."""
    return request.getfixturevalue("celery_worker_process")


def forward_to_bkn(make_member):
    """Bawaslu forwards a case to the neutrality supervisor (BKN under UU 20/2023): one
    `escalation.opened` notice per BKN channel. Returns the case."""
    analyst = make_member("BAWASLU", Role.ANALYST)
    supervisor = make_member("BAWASLU", Role.SUPERVISOR)
    case = services.open_case(
        analyst, title="Kampanye di Instagram", violation_codes=["SOCIAL_MEDIA_CAMPAIGN"]
    )
    case = services.transition_case(analyst, case, "start_examination")
    return services.transition_case(supervisor, case, "forward_to_supervisor")


def bkn_endpoint(url: str, event_types=("escalation.opened",)):
    return register_endpoint(system_user(), Agency.objects.get(code="BKN"), url, event_types)


def wait_for(predicate, timeout: float = 15.0, what: str = "condition"):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    pytest.fail(f"timed out after {timeout} s waiting for {what}")


def delivered(notice: Notice):
    notice.refresh_from_db()
    return notice.status == Notice.Status.DELIVERED
