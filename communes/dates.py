"""The day a page shows units for: ``?ngay=dd/mm/yyyy`` or ``?nam=yyyy`` (its last day), today by default.

Codes are reused after the 2025 reorganisation, so every page that finds a unit by code says on
which day; links to a past year's pages carry ``nam``.
"""

from datetime import date, datetime

from django.http import HttpRequest
from django.utils import timezone

from communes.models import year_day


def parse_day(text: str | None) -> date | None:
    """A dd/mm/yyyy (or ISO yyyy-mm-dd) date, None when empty or malformed."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((text or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse_year(text: str | None) -> int | None:
    value = (text or "").strip()
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def on_day(request: HttpRequest) -> date:
    """The day the request asks about (see the module docstring)."""
    day = parse_day(request.GET.get("ngay"))
    if day:
        return day
    year = parse_year(request.GET.get("nam"))
    return year_day(year) if year else timezone.localdate()
