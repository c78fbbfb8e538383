"""Browser tests: Playwright drives Debian's Chromium against pytest-django's live server on PostgreSQL."""

import os
from pathlib import Path

import pytest
from django.conf import settings

# The ORM is used from test code while Playwright's sync API runs an event loop in this thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

SCREENSHOTS = Path(settings.BASE_DIR) / "screenshots"
PASSWORD = "e2e-losenord-123"


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {
        **browser_type_launch_args,
        "executable_path": "/usr/bin/chromium",
        "args": ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"],
    }


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "locale": "sv-SE", "viewport": {"width": 1280, "height": 900}}


@pytest.fixture
def demo(demo_data, transactional_db):
    """The full demo data set, as after `make run` (a fresh copy of the run's, which the live server sees and the
    test may change: tests/demo_database.py); the demo users get a known password."""
    from django.contrib.auth import get_user_model

    for user in get_user_model().objects.all():
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])


@pytest.fixture
def login(page, live_server):
    def as_user(username):
        page.context.clear_cookies()
        page.goto(f"{live_server.url}/logga-in/")
        page.get_by_label("Användarnamn").fill(username)
        page.get_by_label("Lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"{live_server.url}/")
        return page

    return as_user


@pytest.fixture
def shot(page):
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(name, target=None):
        (target or page).screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take
