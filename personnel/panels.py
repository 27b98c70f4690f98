"""Sections personnel adds to the commune and district pages (registered in apps.py)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from communes.models import Commune, District
from personnel.selectors import commune_overview, standard_ratios
from personnel.views.common import can_edit_officials


def commune_panel(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    day = timezone.localdate()
    return {
        "commune": commune,
        "day": day,
        "overview": commune_overview(commune, day),
        "can_edit": can_edit_officials(request),
    }


def district_panel(request: HttpRequest, district: District) -> dict[str, Any]:
    day = timezone.localdate()
    return {"district": district, "day": day, "ratios": standard_ratios(district.communes.all(), day)}
