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
    auditor = AccessibilityAudit(page)
    yield page
    auditor.finish()
    context.close()
    assert not violations, f"Content-Security-Policy violations: {violations}"


# --- accessibility (WCAG 2.1 AA): axe-core on every page a test visits ---------------------------


class AccessibilityAudit:
    """Run axe-core (bundled by ``axe-playwright-python``, no network) on every page ``page`` shows.

    ``page.goto`` audits the page it opens; a page reached by a click is audited at the test's next
    ``wait_for_load_state``/``wait_for_url``/``goto``, at its next screenshot, or at the end of the test.
    Any violation fails the test, naming the rule and the elements.
    """

    def __init__(self, page) -> None:
        self.page = page
        self.pending = False
        page.on("framenavigated", self._navigated)
        for name in ("goto", "wait_for_load_state", "wait_for_url", "reload", "go_back"):
            self._wrap(name)
        page.audit_accessibility = self.check

    def _navigated(self, frame) -> None:
        if frame == self.page.main_frame:
            self.pending = True

    def _wrap(self, name: str) -> None:
        original = getattr(self.page, name)

        def wrapped(*args, **kwargs):
            if name == "goto" and self.pending:
                self.check()
            result = original(*args, **kwargs)
            if self.pending:
                self.check()
            return result

        setattr(self.page, name, wrapped)

    def check(self) -> None:
        """Audit the page as it is now; fail on any violation."""
        self.pending = False
        if self.page.url.startswith(("about:", "data:")) or "text/html" not in self._content_type():
            return
        assert_accessible(self.page)

    def _content_type(self) -> str:
        return self.page.evaluate("document.contentType") or ""

    def finish(self) -> None:
        if self.pending and not self.page.is_closed():
            self.check()


def assert_accessible(page) -> None:
    """axe-core's rules (WCAG 2.0/2.1 A and AA and best practice) on the current page: 0 violations."""
    from axe_playwright_python.sync_playwright import Axe

    page.wait_for_load_state("load")
    results = Axe().run(page, options={"resultTypes": ["violations"]})
    found = results.response["violations"]
    lines = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(f"{n['target']} {n.get('failureSummary', '')[:160]!r}" for n in v["nodes"][:4])
        for v in found
    ]
    assert not found, f"axe-core on {page.url} at {page.viewport_size['width']} px:\n" + "\n".join(lines)


# --- phones: every action on screen without scrolling sideways -----------------------------------

_OFF_SCREEN_JS = """() => {
  const width = window.innerWidth;
  const closed = [...document.querySelectorAll('details:not([open])')];
  closed.forEach(d => d.open = true);
  const pageWidth = document.documentElement.scrollWidth;
  const boxes = [...document.querySelectorAll('*')].filter(el => el.scrollLeft > 0);
  const starts = boxes.map(el => el.scrollLeft);
  boxes.forEach(el => el.scrollLeft = 0);
  const scrollX = window.scrollX;
  window.scrollTo(0, window.scrollY);
  const clips = el => {
    const out = [];
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (['auto', 'scroll', 'hidden'].includes(getComputedStyle(p).overflowX)) out.push(p);
    }
    return out;
  };
  const name = el => (el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + ' "'
    + (el.innerText || el.value || el.getAttribute('aria-label') || el.name || '').trim().slice(0, 40) + '"');
  const bad = [];
  const actions = document.querySelectorAll(
    'main a[href], main button, main input:not([type=hidden]), main select, main textarea, main [role=button],'
    + ' main svg[role=img], main img');
  for (const el of actions) {
    const style = getComputedStyle(el);
    const rect = el.getBoundingClientRect();
    if (!el.getClientRects().length || style.visibility === 'hidden' || rect.width <= 1) continue;
    if (rect.right > width + 0.5) { bad.push(`${name(el)} ends at ${Math.round(rect.right)} px`); continue; }
    const box = clips(el).find(p => rect.right > p.getBoundingClientRect().right + 0.5);
    if (box) bad.push(`${name(el)} ends at ${Math.round(rect.right)} px, past its scroll box ${name(box)}`
      + ` (${Math.round(box.getBoundingClientRect().right)} px)`);
  }
  boxes.forEach((el, i) => el.scrollLeft = starts[i]);
  window.scrollTo(scrollX, window.scrollY);
  closed.forEach(d => d.open = false);
  return {width, pageWidth, bad};
}"""


def assert_fits_phone(page) -> None:
    """At the current (narrow) width: the page does not scroll sideways with every <details> open,
    and every visible action (link, button, input) and chart in ``main`` ends inside the viewport
    and inside its scroll boxes, each scrolled to its start."""
    found = page.evaluate(_OFF_SCREEN_JS)
    problems = list(found["bad"])
    if found["pageWidth"] > found["width"]:
        problems.insert(0, f"the page is {found['pageWidth']} px wide in a {found['width']} px window")
    assert not problems, f"{page.url}: off screen at {found['width']} px:\n" + "\n".join(problems)


def login(page, live_server, username: str, password: str = DEMO_PASSWORD, two_factor: bool = True) -> None:
    """Sign in through the real login form; a user whose role needs a second factor gets an app
    device and types its current code on "Nhập mã xác thực" (``two_factor=False``: stop after the password)."""
    device = two_factor_device(username) if two_factor else None
    page.goto(f"{live_server.url}/dang-nhap/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    if device is not None and "/bao-mat/xac-thuc/" in page.url:
        page.fill("input[name=code]", totp_code(device))
        page.click("main form button[type=submit]")
        page.wait_for_load_state("networkidle")


def two_factor_device(username: str):
    """The user's authenticator-app device (made if missing), ready for a new code; None if not needed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from communes.models import User
    from communes.security import two_factor_required

    user = User.objects.get(username=username)
    if not two_factor_required(user) and not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return None
    device, _ = TOTPDevice.objects.get_or_create(user=user, confirmed=True, defaults={"name": "app"})
    # A code is accepted once per 30 s step: a second sign-in in the same step may reuse it here.
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    return device


def totp_code(device) -> str:
    """The 6-digit code an authenticator app shows now for ``device``."""
    from django_otp.oath import totp

    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def screenshot(page, name: str) -> list[Path]:
    """Save the current page at desktop width and in a narrow (phone) window, full page.

    At each width the page is audited with axe-core; at the narrow width it must also fit the
    phone (:func:`assert_fits_phone`)."""
    SCREENSHOTS.mkdir(exist_ok=True)
    paths = []
    original = page.viewport_size or DESKTOP
    for label, size in (("desktop", DESKTOP), ("narrow", NARROW)):
        page.set_viewport_size(size)
        path = SCREENSHOTS / f"{name}-{label}.png"
        page.screenshot(path=str(path), full_page=True)
        paths.append(path)
        if size is NARROW:
            assert_fits_phone(page)
        if hasattr(page, "audit_accessibility"):
            page.audit_accessibility()
        else:
            assert_accessible(page)
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
