"""A commune office on a slow link: the bytes a page really costs on the wire.

The server here is set up as production and the demo are: static files collected with hashed names
and brotli/gzip copies (``collectstatic``), served by WhiteNoise with year-long cache headers, and
pages gzip-compressed by GZipMiddleware. (The other browser tests use Django's plain static handler,
which compresses nothing.) Chromium reports what each response cost on the wire, headers included
(CDP ``Network.loadingFinished.encodedDataLength``); a file taken from the browser's cache costs
nothing. A first visit (sign-in page, then the landing page, empty cache) must stay under 150 KB,
a later page under 20 KB, without re-checking any static file. The figures are printed (``pytest -s``).
"""

from collections.abc import Iterator

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from pytest_django.live_server_helper import LiveServer

from assessment.models import Status
from tests.assessment.factories import make_assessment, make_world_assessment
from tests.browser.conftest import login

FIRST_VISIT = 150 * 1024
LATER_PAGE = 20 * 1024


@pytest.fixture(scope="module")
def live_server(tmp_path_factory, django_db_setup) -> Iterator[LiveServer]:
    """The live server of this module: WhiteNoise serves the collected files (no static handler)."""
    static_root = tmp_path_factory.mktemp("staticfiles")
    collected = override_settings(
        STATIC_ROOT=static_root,
        STORAGES={
            "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
            "staticfiles": {"BACKEND": "config.storage.CompressedHashedStaticFilesStorage"},
        },
    )
    collected.enable()
    try:
        call_command("collectstatic", interactive=False, verbosity=0)
        server = LiveServer("localhost", start=False)
        server.thread.static_handler = lambda handler: handler  # every request goes through the middleware
        server.start()
        yield server
        server.stop()
    finally:
        collected.disable()


class WireMeter:
    """Bytes received per response, as Chromium counts them on the wire (CDP network events)."""

    def __init__(self, page) -> None:
        self.cdp = page.context.new_cdp_session(page)
        self.cdp.send("Network.enable")
        self.rows: dict[str, dict] = {}
        self.cdp.on("Network.responseReceived", self._received)
        self.cdp.on("Network.loadingFinished", self._finished)

    def _received(self, event: dict) -> None:
        response = event["response"]
        self.rows[event["requestId"]] = {
            "url": response["url"],
            "status": response["status"],
            "encoding": {k.lower(): v for k, v in response.get("headers", {}).items()}.get("content-encoding", ""),
            "mime": response.get("mimeType", ""),
            "bytes": 0,
        }

    def _finished(self, event: dict) -> None:
        if event["requestId"] in self.rows:
            self.rows[event["requestId"]]["bytes"] = int(event.get("encodedDataLength", 0))

    def start(self) -> None:
        self.rows.clear()

    def measure(self, label: str) -> tuple[int, list[dict]]:
        rows = list(self.rows.values())
        total = sum(r["bytes"] for r in rows)
        print(f"\n{label}: {total / 1024:.1f} KB on the wire over {len(rows)} responses")
        for row in sorted(rows, key=lambda r: -r["bytes"])[:10]:
            path = row["url"].split("//", 1)[-1].split("/", 1)[-1]
            source = (row["encoding"] or "-") if row["bytes"] else "cache"
            print(f"  {row['bytes'] / 1024:7.1f} KB  {row['status']}  {source:5}  {path}")
        return total, rows


# Each role's later page: the commune user's scoring page is the heaviest one used on the slowest links.
LATER_PAGES = {
    "commune_user": lambda w: reverse("assessment:score-edit", args=[2021, w.commune.code]),
    "reviewer": lambda w: reverse("assessment:review-queue", kwargs={"code": w.district.code}),
    "province_user": lambda w: reverse("reports:province-dashboard"),
}


@pytest.mark.parametrize("role", LATER_PAGES)
def test_a_first_visit_and_a_later_page_fit_a_slow_link(browser_page, live_server, world, role):
    make_world_assessment(world, scores=18)
    make_assessment(world.sibling, 2021, status=Status.SUBMITTED, scores=17)
    later = LATER_PAGES[role](world)
    page = browser_page
    meter = WireMeter(page)
    login(page, live_server, getattr(world, role).username)
    first, first_rows = meter.measure(f"{role}: first visit (sign-in page, then the landing page)")

    meter.start()
    page.goto(f"{live_server.url}{later}")
    page.wait_for_load_state("networkidle")
    second, rows = meter.measure(f"{role}: later page {later}")

    assert any(r["url"].endswith(later) and r["status"] == 200 for r in rows), "the later page did not load"
    pages = [r for r in first_rows + rows if r["mime"] == "text/html" and r["status"] == 200]
    assert pages and all(r["encoding"] == "gzip" for r in pages), "pages are sent uncompressed"
    styles = [r for r in first_rows if r["url"].endswith(".css") and r["bytes"]]
    assert styles and all(r["encoding"] in {"br", "gzip"} for r in styles), "static files are sent uncompressed"
    seen = {r["url"] for r in first_rows}
    refetched = [r["url"] for r in rows if r["url"] in seen and "/static/" in r["url"] and r["bytes"]]
    assert not refetched, f"the later page fetched or re-checked static files it already had: {refetched}"
    assert first < FIRST_VISIT, f"first visit {first / 1024:.0f} KB"
    assert second < LATER_PAGE, f"later page {second / 1024:.0f} KB"
