import os

import pytest

CHROMIUM = os.environ.get("PILOTHUB_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]


@pytest.fixture
def api_client(client):
    """Django's test client; JSON helpers live on it already (content_type='application/json')."""
    return client


@pytest.fixture(autouse=True)
def _reference_data_for_transactional_tests(request):
    """Transactional tests (and the live server) start from a flushed database: reload vocabularies."""
    marker = request.node.get_closest_marker("django_db")
    transactional = bool(marker and marker.kwargs.get("transaction")) or "live_server" in request.fixturenames
    if transactional:
        request.getfixturevalue("transactional_db")
        from pilothub.core.reference import ensure_reference_data

        ensure_reference_data()


@pytest.fixture(scope="session")
def _playwright_browser():
    # Playwright's sync API runs an event loop in this thread; Django's async-safety guard would
    # otherwise refuse the ORM calls the tests make between page actions.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def page(_playwright_browser, live_server):
    """A fresh browser page; `page.base_url` is the live server's address."""
    context = _playwright_browser.new_context(locale="zh-CN", base_url=live_server.url)
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.base_url = live_server.url
    yield page
    context.close()


@pytest.fixture
def login(page):
    """Log a user in through the real login form."""

    def _login(username: str, password: str = "pilothub-demo"):
        page.goto("/accounts/login/")
        page.fill("input[name=username]", username)
        page.fill("input[name=password]", password)
        page.click("form.form button[type=submit]")
        page.wait_for_load_state("networkidle")
        return page

    return _login
