"""Shared fixtures. Tests marked `services` need real Redis and a Celery worker process: without
them they are skipped on a laptop but fail when CI=true, so CI can never pass by skipping."""

import os
import subprocess
import sys
import tempfile
import time
from importlib import import_module
from pathlib import Path

import pytest
import redis
from django.apps import apps
from django.conf import settings as django_settings
from django.utils import translation

from agencies.models import Agency, Institution, Role
from agencies.services import add_member
from benchmarks.processes import database_url
from cases import routing_data
from config.celery import app as celery_app
from config.celery import build_config
from core.actors import system_user
from core.models import Region
from core.regions import load_regions

seed_agencies = import_module("agencies.migrations.0002_seed_agencies")

ROOT = Path(__file__).resolve().parent.parent
IN_CI = os.environ.get("CI", "").lower() in {"1", "true", "yes"}


def service_missing(reason: str):
    """Fail in CI, skip elsewhere."""
    if IN_CI:
        pytest.fail(f"{reason} (CI=true: a missing service fails the run)")
    pytest.skip(reason)


@pytest.fixture(autouse=True)
def reference_data(request):
    """A transactional test ends with a flush that empties every table, the agencies, routing
    tables and regions the data migrations seeded included. pytest-django runs transactional
    tests last, so seeding them again before each one keeps every test on the migrated data."""
    marker = request.node.get_closest_marker("django_db")
    live = {"transactional_db", "live_server"} & set(request.fixturenames)
    if (marker and marker.kwargs.get("transaction")) or live:
        request.getfixturevalue("transactional_db")
        seed_agencies.forwards(apps, None)
        routing_data.load(apps)
        load_regions(Region)


@pytest.fixture(autouse=True)
def english_outside_requests():
    """Outside a request the active language is English, so tests read the services' messages
    by their msgids. Pages are still served in the language the request negotiates (Indonesian
    unless the request asks otherwise), and tests of Indonesian text outside a page say so."""
    with translation.override("en"):
        yield


def pytest_configure(config):
    # Real password hashing is slow by design; tests only need it to be a hash.
    django_settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Tests log staff in with force_login; those about signing in turn the second factor back on.
    django_settings.SIGNIN_REQUIRE_SECOND_FACTOR = False
    # Evidence files tests and the demo write go to a scratch folder, not the checkout's media/.
    django_settings.MEDIA_ROOT = tempfile.mkdtemp(prefix="netralitas-test-media-")


@pytest.fixture(scope="session")
def redis_url():
    url = django_settings.CELERY_BROKER_URL or os.environ.get(
        "TEST_REDIS_URL", "redis://127.0.0.1:6379/15"
    )
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        service_missing(f"Redis is not reachable at {url}: {error}")
    return url


@pytest.fixture
def celery_worker_process(redis_url, settings):
    """A real `celery worker` process on Redis, and this process's app switched to send to it."""
    redis.Redis.from_url(redis_url).flushdb()
    original = build_config(settings)
    settings.CELERY_BROKER_URL = settings.CELERY_RESULT_BACKEND = redis_url
    switch_celery(build_config(settings))
    env = {
        **os.environ,
        "CELERY_BROKER_URL": redis_url,
        "CELERY_RESULT_BACKEND": redis_url,
        "DATABASE_URL": database_url(),
    }
    worker = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "config",
            "worker",
            "--pool",
            "solo",
            "--queues",
            "default,detection,notices",
            "--loglevel",
            "WARNING",
            "--without-heartbeat",
            "--without-gossip",
            "--without-mingle",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        wait_for_worker(worker)
        yield worker
    finally:
        worker.terminate()
        try:
            worker.wait(timeout=15)
        except subprocess.TimeoutExpired:
            worker.kill()
        switch_celery(original)


def switch_celery(config: dict) -> None:
    """Reconfigure this process's Celery app and drop connections made under the old broker."""
    celery_app.conf.update(config)
    celery_app._after_fork()  # drops the cached broker connection and producer pools
    vars(celery_app._local).pop("backend", None)  # and the cached result backend


def wait_for_worker(worker: subprocess.Popen, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.poll() is not None:
            pytest.fail(f"celery worker exited with {worker.returncode}")
        if celery_app.control.ping(timeout=0.5):
            return
    pytest.fail("celery worker did not answer a ping within 30 s")


@pytest.fixture
def system(db):
    return system_user()


@pytest.fixture
def make_member(system):
    """make_member("BAWASLU", "analyst") -> a staff user of that agency and role."""
    counter = iter(range(1, 10_000))

    def make(agency_code: str, role: str = Role.ANALYST, **kwargs):
        agency = Agency.objects.get(code=agency_code)
        username = f"{agency_code.lower()}-{role}-{next(counter)}"
        return add_member(system, agency, username, role, password="pw-for-tests-1", **kwargs).user

    return make


@pytest.fixture
def ppk(db):
    return Agency.objects.create(code="BUPATI-BOGOR", name="Bupati Bogor", kind="ppk")


@pytest.fixture
def institution(ppk):
    return Institution.objects.create(
        name="Pemerintah Kabupaten Bogor",
        kind="regional",
        region=Region.objects.get(code="32.01"),
        ppk_agency=ppk,
    )
