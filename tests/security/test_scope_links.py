"""No page lists or links data outside the user's scope.

Each role signs in and follows every link, htmx load and form address it is shown, page after
page, from the home page (GET only, like a curious user). Every page it reaches must answer 200,
carry no inline script, and mention no commune, district or official outside the user's unit:
not in the text, not in a link. The one exception is a drop-down list of destinations (the
communes an official can be transferred to): naming a unit there lists none of its data.
"""

import html
import re
from collections import deque
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urldefrag, urlsplit

import pytest
from django.urls import reverse

from tests.security.conftest import OFFICIAL_NAMES

MAX_PAGES = 150
MAX_QUERIES_PER_PATH = 3
SKIP_PREFIXES = ("/static/", "/media/", "/quan-tri/", "/i18n/", "/dang-xuat/")

# What each role may see: the units (world attributes) in its scope.
SCOPE = {
    "commune_user": {"communes": {"commune"}, "districts": {"district"}},
    "sibling_user": {"communes": {"sibling"}, "districts": {"district"}},
    "outsider_user": {"communes": {"outsider_commune"}, "districts": {"other_district"}},
    "reviewer": {"communes": {"commune", "sibling"}, "districts": {"district"}},
    "other_reviewer": {"communes": {"outsider_commune"}, "districts": {"other_district"}},
    "province_user": {
        "communes": {"commune", "sibling", "outsider_commune"},
        "districts": {"district", "other_district"},
    },
}
COMMUNES = ("commune", "sibling", "outsider_commune")
DISTRICTS = ("district", "other_district")


class PageParser(HTMLParser):
    """The addresses a page points to (links, htmx loads, form actions) and its inline scripts."""

    def __init__(self) -> None:
        super().__init__()
        self.follow: list[str] = []  # GET addresses: a[href], [hx-get], GET forms
        self.other: list[str] = []  # POST forms and htmx posts: checked, not followed
        self.inline_scripts = 0
        self.handlers: list[str] = []
        self._in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = {k: v or "" for k, v in attrs}
        self.handlers += [f"<{tag} {k}=…>" for k in found if k.startswith("on")]
        if tag == "a" and found.get("href"):
            self.follow.append(found["href"])
        if found.get("hx-get"):
            self.follow.append(found["hx-get"])
        if found.get("hx-post"):
            self.other.append(found["hx-post"])
        if tag == "form" and found.get("action"):
            (self.follow if found.get("method", "get").lower() == "get" else self.other).append(found["action"])
        if tag == "script":
            self._in_script = "src" not in found

    def handle_data(self, data: str) -> None:
        if self._in_script and data.strip():
            self.inline_scripts += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self._in_script = False


@dataclass
class Forbidden:
    texts: list[str] = field(default_factory=list)
    commune_codes: list[str] = field(default_factory=list)
    district_codes: list[str] = field(default_factory=list)

    def in_text(self, content: str) -> list[str]:
        outside_pickers = re.sub(r"<select\b.*?</select>", "", content, flags=re.S)
        found = [t for t in self.texts if t in outside_pickers]
        return found + [c for c in self.commune_codes if re.search(rf"(?<![\w/.-]){c}(?![\w])", content)]

    def in_address(self, address: str) -> list[str]:
        segments = urlsplit(address).path.strip("/").split("/")
        query = urlsplit(address).query
        codes = self.commune_codes + self.district_codes
        return [c for c in codes if c in segments or re.search(rf"(?:^|[=&]){c}(?:&|$)", query)]


def forbidden_for(world, role: str) -> Forbidden:
    scope = SCOPE[role]
    outside_communes = [getattr(world, a) for a in COMMUNES if a not in scope["communes"]]
    outside_districts = [getattr(world, a) for a in DISTRICTS if a not in scope["districts"]]
    texts = [c.name for c in outside_communes] + [OFFICIAL_NAMES[a] for a in COMMUNES if a not in scope["communes"]]
    texts += [d.name for d in outside_districts]
    return Forbidden(texts, [c.code for c in outside_communes], [d.code for d in outside_districts])


def _normalise(address: str) -> str | None:
    address = html.unescape(urldefrag(address)[0])
    parts = urlsplit(address)
    if parts.scheme or parts.netloc or not parts.path.startswith("/"):
        return None
    if parts.path.startswith(SKIP_PREFIXES):
        return None
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


def crawl(client, start: list[str], forbidden: Forbidden) -> tuple[list[str], int]:
    """Visit every page reachable from ``start``; the problems found and the number of pages seen."""
    queue, seen, problems = deque(start), set(start), []
    per_path: dict[str, int] = {}
    pages = 0
    while queue and pages < MAX_PAGES:
        address = queue.popleft()
        response = client.get(address, follow=True)
        pages += 1
        if response.status_code != 200:
            problems.append(f"{address} answers {response.status_code} although a page links to it")
            continue
        if "text/html" not in response.get("Content-Type", ""):
            continue
        content = response.content.decode()
        parser = PageParser()
        parser.feed(content)
        problems += [f"{address} shows {leak!r}" for leak in forbidden.in_text(html.unescape(content))]
        if parser.inline_scripts or parser.handlers:
            problems.append(f"{address} has inline script: {parser.inline_scripts} blocks, {parser.handlers[:3]}")
        for target in parser.follow + parser.other:
            problems += [f"{address} links to {target} ({leak})" for leak in forbidden.in_address(target)]
        for target in filter(None, map(_normalise, parser.follow)):
            path = target.split("?", 1)[0]
            if target in seen or per_path.get(path, 0) >= MAX_QUERIES_PER_PATH:
                continue
            seen.add(target)
            per_path[path] = per_path.get(path, 0) + 1
            queue.append(target)
    return problems, pages


@pytest.mark.parametrize("role", list(SCOPE))
def test_no_page_a_user_can_reach_shows_or_links_another_units_data(client, populated, role):
    user = getattr(populated, role)
    client.force_login(user)
    problems, pages = crawl(client, [reverse("home")], forbidden_for(populated, role))
    assert pages >= 3, f"{role} reached only {pages} pages: the crawl did not get past the home page"
    assert not problems, f"{role}: " + "\n".join(sorted(set(problems))[:40])


def test_the_crawl_notices_a_leak(client, populated):
    """The checker itself: a province user's pages name every commune, so with a commune user's
    forbidden list the crawl must report leaks (a checker that never fires proves nothing)."""
    client.force_login(populated.province_user)
    problems, _pages = crawl(client, [reverse("communes:commune-list")], forbidden_for(populated, "commune_user"))
    assert any("Xã Thanh Xương" in p for p in problems)
    assert any(populated.outsider_commune.code in p for p in problems)
