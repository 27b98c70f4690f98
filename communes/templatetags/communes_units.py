"""Links to a unit's page that name the day it stood on: GSO codes are reused after a merger."""

from datetime import date

from django import template
from django.urls import reverse
from django.utils import timezone

from communes.models import Commune, year_day

register = template.Library()


def day_query(day: date | None) -> str:
    """``?nam=yyyy`` for the last day of a year, ``?ngay=dd/mm/yyyy`` for another day, "" for none."""
    if day is None:
        return ""
    if day == year_day(day.year):
        return f"?nam={day.year}"
    return f"?ngay={day:%d/%m/%Y}"


def standing_day(commune: Commune, day: date | None = None, today: date | None = None) -> date | None:
    """A day on which ``commune`` stands, for its link: ``day`` when it stood then (None when that is
    today), else None when it stands today, else the last year end before it ended (its last day when
    it ended within its first year)."""
    today = today or timezone.localdate()
    if day is not None and commune.is_valid_on(day):
        return None if day == today else day
    if commune.is_valid_on(today):
        return None
    last = commune.valid_to or today
    year_end = year_day(last.year if last == year_day(last.year) else last.year - 1)
    return year_end if commune.is_valid_on(year_end) else last


@register.simple_tag
def commune_url(commune: Commune, day: date | None = None) -> str:
    """The URL of ``commune``'s page that resolves this very unit (see :func:`standing_day`)."""
    url = reverse("communes:commune-detail", args=[commune.code])
    return url + day_query(standing_day(commune, day))
