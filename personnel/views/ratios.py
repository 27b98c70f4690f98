"""The plan's standard ratios for a district (commune by commune) and the province (district by district)."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from communes.permissions import (
    PROVINCE_READERS,
    REVIEWER_ROLES,
    communes_in_scope,
    districts_in_scope,
    get_district_or_404,
    role_required,
)
from personnel.rules import RatioReport
from personnel.selectors import standard_ratio_table
from personnel.views.common import ratio_date


@require_safe
@role_required(*REVIEWER_ROLES)
def district_ratios(request: HttpRequest, code: str) -> HttpResponse:
    district = get_district_or_404(request.user, code)
    day, form = ratio_date(request)
    communes = list(district.communes.order_by("code"))
    total, by_commune = standard_ratio_table(communes, day, by="commune")
    return render(
        request,
        "personnel/ratios_district.html",
        {
            "district": district,
            "day": day,
            "form": form,
            "total": total,
            "rows": [(c, by_commune[c.pk]) for c in communes],
            "keys": _keys(by_commune),
        },
    )


@require_safe
@role_required(*PROVINCE_READERS)
def province_ratios(request: HttpRequest) -> HttpResponse:
    day, form = ratio_date(request)
    total, by_district = standard_ratio_table(communes_in_scope(request.user), day, by="district")
    districts = list(districts_in_scope(request.user).order_by("code"))
    return render(
        request,
        "personnel/ratios_province.html",
        {
            "day": day,
            "form": form,
            "total": total,
            "province": request.user.province,
            "rows": [(d, by_district[d.pk]) for d in districts if d.pk in by_district],
            "keys": _keys(by_district),
        },
    )


def _keys(reports: dict) -> list:
    """The ratio columns (label and target), from any report."""
    first: RatioReport | None = next(iter(reports.values()), None)
    return list(first) if first else []
