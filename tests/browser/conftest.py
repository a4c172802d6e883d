"""Real-browser tests: Playwright driving the system's Chromium against pytest-django's live server.

The tests need Debian's `chromium` at /usr/bin/chromium, or the browser named by $CHROMIUM_PATH
(Playwright's own browser downloads are not used); without it every test marked `browser` is skipped,
with the reason shown in the summary.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
PASSWORD = "a-long-browser-password-3"

# Playwright's sync API keeps an event loop running in this thread; Django's ORM would refuse to run
# beside it. The tests drive the browser and the database one after the other, never concurrently.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    if CHROMIUM.exists():
        return
    skip = pytest.mark.skip(reason=f"browser tests skipped: no Chromium at {CHROMIUM} (apt-get install chromium)")
    for item in items:
        if "browser" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


@pytest.fixture
def reader(django_user_model, kasur_plan):
    """A superuser: the browser tests are about the pages, scope is tested with the test client."""
    return django_user_model.objects.create_superuser("reader", password=PASSWORD)


@pytest.fixture
def logged_in_page(page, live_server, reader):
    """A browser page logged in through the login form."""
    page.goto(f"{live_server.url}/")
    page.fill("#id_username", reader.username)
    page.fill("#id_password", PASSWORD)
    page.locator("main").get_by_role("button", name="Log in").click()
    page.wait_for_url(f"{live_server.url}/")
    return page
