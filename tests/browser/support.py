"""Real Chromium for the browser stories (fixtures made global by tests/conftest.py): Debian's ``chromium`` driven by Playwright.

No browser is downloaded: Playwright launches ``/usr/bin/chromium`` (``make test`` installs it
with ``fonts-noto-cjk`` when run as root). Where it is missing the stories skip and say what to
install. Screenshots of every step land in ``test-artifacts/screenshots/`` (not committed).
"""

import os
import shutil
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("GUANJIA_CHROMIUM", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic", "--disable-dev-shm-usage",
]
PHONE = {"width": 360, "height": 740}
LAPTOP = {"width": 1366, "height": 800}

# Playwright's sync API runs an event loop in this thread; the test body still talks to the
# database synchronously (building the story's data), which Django would otherwise refuse.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def chromium():
    if not (Path(CHROMIUM).exists() or shutil.which(CHROMIUM)):
        pytest.skip(f"Browser stories need Debian's chromium at {CHROMIUM}: "
                    "apt-get install chromium fonts-noto-cjk (make test does this when run as root).")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def shot(request):
    """``shot(page, "step-name")`` saves a full-page screenshot named after the test and step."""
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    counter = {"n": 0}

    def take(page, name: str) -> Path:
        counter["n"] += 1
        path = ARTIFACTS / f"{request.node.name}-{counter['n']:02d}-{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take


def _context(chromium, live_server, viewport, locale="zh-CN"):
    context = chromium.new_context(viewport=viewport, locale=locale, base_url=live_server.url,
                                   timezone_id="Asia/Shanghai")
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def laptop(chromium, live_server):
    context = _context(chromium, live_server, LAPTOP)
    yield context
    context.close()


@pytest.fixture
def phone(chromium, live_server):
    context = _context(chromium, live_server, PHONE)
    yield context
    context.close()


def login(page, *, username: str, password: str = "guanjia-pass-1", next_url: str = "/") -> None:
    page.goto(f"/login/?next={next_url}")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.press("#id_password", "Enter")
    page.wait_for_load_state("networkidle")
