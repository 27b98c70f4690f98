"""Playwright driving Debian's Chromium against the live test server.

Never downloads a browser: it uses /usr/bin/chromium (apt package ``chromium``). When the
browser is missing the tests skip locally, and fail in CI (REQUIRE_BROWSER=1).
"""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.reports.conftest import sample  # noqa: F401 - the reports' hand-counted results, as a fixture

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
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
SCREENSHOTS = Path(__file__).resolve().parent / "screenshots"
DESKTOP = {"width": 1366, "height": 900}
NARROW = {"width": 390, "height": 844}
DEMO_PASSWORD = "Mat-khau-thu-2021"  # the password tests.factories gives every user

# Playwright's sync API runs an event loop in this thread; Django's ORM calls in the test body
# are still synchronous and safe here.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if "tests/browser/" in str(item.fspath).replace(os.sep, "/"):
            item.add_marker(pytest.mark.browser)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        if os.environ.get("REQUIRE_BROWSER") == "1":
            pytest.fail(f"Chromium not found at {CHROMIUM}: install Debian's chromium package.")
        pytest.skip("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def browser_page(browser, live_server, settings) -> Iterator:
    context = browser.new_context(viewport=DESKTOP, locale="vi-VN", accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    page.live_server_url = live_server.url
    # Every page must work under the Content-Security-Policy: a blocked inline script is a bug.
    violations: list[str] = []
    page.on(
        "console",
        lambda msg: (
            violations.append(msg.text) if msg.type == "error" and "Content Security Policy" in msg.text else None
        ),
    )
    yield page
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


def login(page, live_server, username: str, password: str = DEMO_PASSWORD) -> None:
    """Sign in through the real login form."""
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def screenshot(page, name: str) -> list[Path]:
    """Save the current page at desktop width and in a narrow (phone) window, full page."""
    SCREENSHOTS.mkdir(exist_ok=True)
    paths = []
    original = page.viewport_size or DESKTOP
    for label, size in (("desktop", DESKTOP), ("narrow", NARROW)):
        page.set_viewport_size(size)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
    page.set_viewport_size(original)
    return paths


# --- page weight (issue 6): what each page costs a commune office on a slow link ---------------------

COMPRESSIBLE = ("text/", "javascript", "json", "xml", "svg")


class TransferMeter:
    """Bytes the browser received, per response, through Chromium's network events (CDP).

    The test server sends nothing compressed; production does (WhiteNoise's gzip/brotli files and
    the proxy). So each text response counts as its headers plus its body gzip-compressed; images
    and fonts count as sent; a response served from the browser's cache counts nothing.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.responses: dict[str, dict] = {}
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _received(self, event: dict) -> None:
        response = event["response"]
        self.responses[event["requestId"]] = {
            "url": response["url"],
            "mime": response.get("mimeType", ""),
            "status": response["status"],
            "cached": response.get("fromDiskCache") or response.get("fromPrefetchCache") or False,
            "wire": 0,
        }

    def _finished(self, event: dict) -> None:
        import base64

        row = self.responses.get(event["requestId"])
        if row is None:
            return
        row["wire"] = int(event.get("encodedDataLength", 0))
        # Read the body now: Chromium drops a document's bodies when the next page loads.
        try:
            body = self.cdp.send("Network.getResponseBody", {"requestId": event["requestId"]})
            row["body"] = base64.b64decode(body["body"]) if body["base64Encoded"] else body["body"].encode()
        except Exception:  # a redirect or a 304 has no body
            row["body"] = b""

    def start(self) -> None:
        self.responses.clear()

    def measure(self) -> list[dict]:
        """Each response since :meth:`start` with ``bytes``: what a compressing server would send."""
        import gzip

        rows = []
        for row in self.responses.values():
            if row["cached"] or row["wire"] == 0:
                rows.append({**row, "bytes": 0})
                continue
            raw = row.get("body", b"")
            headers = max(row["wire"] - len(raw), 0)
            compressible = any(kind in row["mime"] for kind in COMPRESSIBLE)
            sent = len(gzip.compress(raw, 6)) if compressible and raw else len(raw)
            rows.append({**row, "bytes": headers + sent})
        return rows


@pytest.fixture
def transfer_meter(browser_page) -> TransferMeter:
    """Attach a :class:`TransferMeter` to ``browser_page``."""
    return TransferMeter(browser_page)
