"""Browser tests: Playwright's sync API driving Debian's chromium against pytest-django's live
server, signed in as agency staff. Screenshots go to $ARTIFACTS_DIR/screenshots for a person to
look at. Chromium is a system package (.ci/run installs it); without it the tests fail in CI and
are skipped on a laptop, like the other service tests."""

import os
import shutil
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

from agencies.models import Agency
from agencies.services import add_member
from tests.conftest import service_missing

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(os.environ.get("ARTIFACTS_DIR", Path(settings.BASE_DIR) / "artifacts"))
VIEWPORT = {"width": 1400, "height": 900}


def pytest_collection_modifyitems(items):
    here = Path(__file__).parent
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def chromium():
    # Playwright's sync API runs an event loop in this thread; the tests still use the ORM in it.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    if not shutil.which(CHROMIUM):
        service_missing(f"no chromium at {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(
        viewport=VIEWPORT, locale="id-ID", timezone_id="Asia/Jakarta", base_url=live_server.url
    )
    context.set_default_timeout(10_000)
    yield context.new_page()
    context.close()


@pytest.fixture
def login(live_server):
    """login(page, user): the page's browser carries `user`'s session (a forced login)."""

    def sign_in(page, user):
        client = Client()
        client.force_login(user)
        cookie = client.cookies[settings.SESSION_COOKIE_NAME]
        page.context.add_cookies(
            [{"name": cookie.key, "value": cookie.value, "url": live_server.url}]
        )

    return sign_in


@pytest.fixture
def shot():
    """shot(page, name): a full-page screenshot in $ARTIFACTS_DIR/screenshots/<name>.png."""
    folder = ARTIFACTS / "screenshots"
    folder.mkdir(parents=True, exist_ok=True)

    def take(page, name: str) -> Path:
        path = folder / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


@pytest.fixture
def staff(system, transactional_db):
    """staff("BAWASLU", "analyst") -> a new staff user of that agency with that role."""
    counter = iter(range(1, 10_000))

    def make(agency_code: str, role: str):
        agency = Agency.objects.get(code=agency_code)
        username = f"{agency_code.lower()}.{role}.{next(counter)}"
        return add_member(system, agency, username, role, password="pw-for-tests-1").user

    return make
