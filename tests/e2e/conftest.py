"""End-to-end tests: Debian's Chromium, driven by Playwright, against the site served on 127.0.0.1 by the test run.

Without Chromium (or Playwright) the browser tests are skipped with one line saying why; under CI=true that is a
failure. Every page the browser opens may only reach 127.0.0.1: a request to any other host goes to a proxy that
refuses it (a port this process holds and never listens on), and fails the test. Chromium sends no request through
Python: a route handler would stop every request until Python answers, and turn off the browser's cache. The last
state of each test's page is saved as a PNG in build/e2e-screenshots/ (ignored by git).
"""

import io
import os
import re
import socket
from importlib import import_module
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.utils import translation
from django.utils.translation import gettext
from pypdf import PdfReader

os.environ.setdefault("DJANGO_LIVE_TEST_SERVER_ADDRESS", "127.0.0.1")
TIMEOUT_MS = 20_000  # generous: the machine running the suite may be busy with other work

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "build" / "e2e-screenshots"
NODE_MODULES = ROOT / "node_modules"
AXE = NODE_MODULES / "axe-core" / "axe.min.js"
VNU = NODE_MODULES / "vnu-jar" / "build" / "dist" / "vnu.jar"
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL_HOSTS = {"127.0.0.1"}
DESKTOP = {"width": 1366, "height": 900}


def unavailable(reason):
    """Skip with one line saying why; under CI a missing tool is a failure, not a skip."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{reason} (CI=true: the browser tests must run)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def refusing_proxy():
    """The address of a proxy that refuses every connection: a port bound on 127.0.0.1 that nothing listens on."""
    with socket.socket() as held:
        held.bind(("127.0.0.1", 0))
        yield f"http://127.0.0.1:{held.getsockname()[1]}"


@pytest.fixture(scope="session")
def browser(refusing_proxy):
    if not CHROMIUM.exists():
        unavailable(f"Browser tests skipped: {CHROMIUM} not found (apt-get install chromium chromium-driver)")
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError:
        unavailable("Browser tests skipped: Playwright for Python is not installed (make install)")
    expect.set_options(timeout=TIMEOUT_MS)
    # Playwright's sync API keeps an event loop running in this thread, which Django's ORM guard takes for async code.
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    # launch() starts Chromium on a fresh temporary profile of its own (it refuses --user-data-dir).
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM),
            args=CHROMIUM_FLAGS,
            headless=True,
            proxy={"server": refusing_proxy, "bypass": ",".join(LOCAL_HOSTS)},
        )
        yield browser
        browser.close()


@pytest.fixture
def script_errors():
    """Uncaught errors of the pages' own JavaScript."""
    return []


@pytest.fixture
def outside_requests():
    """Every request the browser made to a host other than 127.0.0.1 (each was refused)."""
    return []


@pytest.fixture
def new_page(browser, site, outside_requests, script_errors, request):
    """new_page(locale="ru-RU", viewport=...) opens a tab in a fresh browser context that may only reach 127.0.0.1."""
    contexts = []

    def note_outside(browser_request):
        address = urlsplit(browser_request.url)
        if address.scheme in ("http", "https", "ws", "wss") and address.hostname not in LOCAL_HOSTS:
            outside_requests.append(browser_request.url)

    def open_page(locale="en-GB", viewport=DESKTOP, **options):
        context = browser.new_context(locale=locale, viewport=viewport, base_url=site, **options)
        context.set_default_timeout(TIMEOUT_MS)
        context.set_default_navigation_timeout(3 * TIMEOUT_MS)
        context.on("request", note_outside)
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
        return page

    yield open_page
    if contexts and contexts[-1].pages:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^\w.-]+", "-", request.node.name)
        contexts[-1].pages[-1].screenshot(path=SCREENSHOTS / f"{name}.png", full_page=False)
    for context in contexts:
        context.close()
    assert outside_requests == [], f"requests left 127.0.0.1: {outside_requests}"
    assert script_errors == [], f"JavaScript errors: {script_errors}"


@pytest.fixture
def page(new_page):
    return new_page()


def make_rows_the_migrations_made():
    """Countries and the Secretariat and Translator groups, made again after an earlier browser test's flush took them.

    The site runs in another thread, so these tests commit and the database is emptied after each one. Django's
    serialized rollback would restore these rows, but not after a test whose transaction was rolled back.
    """
    from django.contrib.auth.models import Group, Permission

    from cabmi_portal.permissions import SECRETARIAT, TRANSLATOR, secretariat_permission_codenames, translator_permission_codenames
    from participants.models import Country

    ContentType.objects.clear_cache()
    if not Country.objects.exists():
        import_module("participants.migrations.0002_load_countries").load_countries(apps, None)
    for name, codenames_of in ((SECRETARIAT, secretariat_permission_codenames), (TRANSLATOR, translator_permission_codenames)):
        group, _created = Group.objects.get_or_create(name=name)
        for app_label, codenames in codenames_of().items():
            group.permissions.add(*Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames))


@pytest.fixture(autouse=True)
def rows_the_migrations_made(transactional_db):
    """Each browser test here commits, and its database is emptied after it: the rows the migrations made come first."""
    make_rows_the_migrations_made()


@pytest.fixture
def site(live_server):
    """The address of the site the browser opens: here the live server, whose rows are emptied after each test."""
    return live_server.url


def load_demo():
    """The shipped demo edition (the 17th CABMI conference), published."""
    from events.models import Conference

    call_command("load_demo", stdout=io.StringIO())
    return Conference.objects.get(slug="cabmi-17")


@pytest.fixture
def demo(db):
    """The shipped demo edition (the 17th CABMI conference), published."""
    return load_demo()


def translated(code, message):
    with translation.override(code):
        return gettext(message)


def download_text(page, link):
    """The body of the PDF a click on `link` downloads, and its text on one line."""
    with page.expect_download() as download:
        link.click()
    body = open(download.value.path(), "rb").read()
    return body, " ".join(" ".join(p.extract_text().split()) for p in PdfReader(io.BytesIO(body)).pages)


def sign_in(page, user, password="pw"):
    """Signs `user` in through the admin's login form, as a person does."""
    page.goto("/admin/login/?next=/admin/")
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url("**/admin/")
    return page


@pytest.fixture
def log_in(secretariat_user):
    """log_in(page): signs in through the admin's login form as a member of the Secretariat."""
    return lambda page: sign_in(page, secretariat_user)


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    """The browser tests run last: each one empties the database after it, and tests after them may need its rows."""
    items.sort(key=lambda item: item.nodeid.startswith("tests/e2e/"))
