"""The profile's sections on the commune and district pages (registered in apps.py)."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from communes.models import Commune, District, Role
from communes.permissions import has_role
from communes.profile.rules import DialogueState, has_all_equipment, meets_area_standard
from communes.profile.selectors import commune_profile_summary, district_overview, latest_profile_year


def commune_panel(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    today = timezone.localdate()
    year = latest_profile_year([commune]) or today.year
    summary = commune_profile_summary(commune, year, today)
    return {
        "commune": commune,
        "year": year,
        "summary": summary,
        "area_ok": summary.office and meets_area_standard(summary.office),
        "equipment_ok": summary.office and has_all_equipment(summary.office),
        "can_edit": has_role(request.user, Role.COMMUNE_STAFF),
    }


def district_panel(request: HttpRequest, district: District) -> dict[str, Any]:
    today = timezone.localdate()
    communes = district.communes.all()
    year = latest_profile_year(communes) or today.year
    overview = district_overview(communes, year, today)
    return {
        "district": district,
        "year": year,
        "office": overview.office,
        "procedures": overview.procedures,
        "dialogue_missing": [row.commune for row in overview.rows if row.dialogue.state == DialogueState.MISSING],
    }
