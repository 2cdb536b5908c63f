"""One real server and one Chromium for all browser tests.

The server is `manage.py runserver` on a copy of the seeded template database, so the
pages are exactly what a user gets; Chromium is Debian's (Playwright's own download
cannot work on these machines).
"""

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests import dbtemplate

BASE_DIR = Path(__file__).resolve().parents[2]
AXE = BASE_DIR / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _database_url(tmp_path_factory):
    """A fresh copy of the seeded template, on the database engine the suite runs on."""
    from django.conf import settings

    db = settings.DATABASES["default"]
    if db["ENGINE"].endswith("sqlite3"):
        database = tmp_path_factory.mktemp("browserdb") / "browser.sqlite3"
        dbtemplate.copy_sqlite(dbtemplate.sqlite_template(), database)
        return f"sqlite:///{database}"
    return dbtemplate._pg_url(db, dbtemplate.postgres_copy(db, "toezicht_browser"))


@pytest.fixture(scope="session")
def live_database_url(tmp_path_factory):
    """The database the test server runs on, for tests that add their own data to it."""
    return _database_url(tmp_path_factory)


@pytest.fixture(scope="session")
def live_url(tmp_path_factory, live_database_url):
    port = _free_port()
    env = dict(os.environ, DJANGO_SETTINGS_MODULE="portal.settings.test", DATABASE_URL=live_database_url)
    log = open(tmp_path_factory.mktemp("browserlog") / "server.log", "w")  # noqa: SIM115
    server = subprocess.Popen(
        [sys.executable, "manage.py", "runserver", f"127.0.0.1:{port}", "--noreload", "--insecure"],
        cwd=BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(url + "/", timeout=2)
            break
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"De testserver startte niet; zie {log.name}") from None
            time.sleep(0.2)
    yield url
    server.terminate()
    server.wait(10)
    log.close()


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser):
    # axe-core is injected as an inline script, which the site's CSP rightly forbids.
    context = browser.new_context(locale="nl-NL", viewport={"width": 1280, "height": 900}, bypass_csp=True)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def axe():
    """Run axe-core (the WCAG 2.2 AA rules, and landmarks with unique names) on a page and
    return its violations."""

    def run(page):
        page.add_script_tag(path=str(AXE))
        result = page.evaluate(
            """async () => await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']},
                rules: {'landmark-unique': {enabled: true}}})"""
        )
        return [
            {"id": v["id"], "help": v["help"], "targets": [node["target"] for node in v["nodes"]][:5]}
            for v in result["violations"]
        ]

    return run


@pytest.fixture
def login(live_url):
    def run(page, role, password="Toezicht-demo-2026"):
        page.goto(f"{live_url}/account/inloggen/")
        page.get_by_label("E-mailadres").fill(f"{role}@demo.toezichtportaal.nl")
        page.get_by_label("Wachtwoord").fill(password)
        page.get_by_role("button", name="Inloggen").click()
        page.wait_for_load_state()

    return run
