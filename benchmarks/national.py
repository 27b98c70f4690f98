"""The national figures of issue 6, built from the portal's own province code path.

The portal has no national dashboard or national workbook (a province runs it; its scope is one
province). To measure what the issue asks, these feed the province dashboard and the province
workbook every commune of the country on the map of the year shown (the communes valid on 31/12 of
that year: 10,051 with districts until 2024, 3,321 without from 2025); nothing is re-implemented. The
view is mounted only in the benchmark's URLconf (``benchmarks.urls``), never in the portal's.
"""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from communes.models import Province

NATION = Province(code="00", name="Cả nước")


def national_communes(year_number: int):  # noqa: ANN201 - QuerySet[Commune]
    """Every commune of the country on the map ``year_number`` is assessed on."""
    from communes.models import Commune, year_day

    return Commune.objects.valid_on(year_day(year_number))


def national_dashboard(request: HttpRequest) -> HttpResponse:
    """The province dashboard's view and template, for every commune (superusers only)."""
    from django.core.exceptions import PermissionDenied

    from assessment.models import AssessmentYear
    from assessment.selectors.review import year_or_latest
    from reports import dashboards
    from reports.selectors import progress_states
    from reports.targets import BANDS

    if not request.user.is_superuser:
        raise PermissionDenied
    year = year_or_latest(request.GET.get("nam"))
    context = {
        "year": year,
        "years": AssessmentYear.objects.order_by("-year").values_list("year", flat=True),
        "bands": BANDS,
        "states": progress_states(),
    }
    context["board"] = dashboards.province_dashboard(
        province=NATION, year=year, today=timezone.localdate(), communes=national_communes(year.year), group="province"
    )
    return render(request, "reports/dashboard_province.html", context)


def national_workbook(*, user, year_number: int) -> bytes:  # noqa: ANN001 - User
    """The province workbook's sheets for every commune of the country, through the same writer."""

    from django.conf import settings
    from django.utils import translation

    from assessment.models import AssessmentYear
    from communes.profile import selectors as profile
    from reports import dashboards
    from reports.services import xlsx

    year = AssessmentYear.objects.select_related("criteria_set").get(year=year_number)
    today = timezone.localdate()
    with translation.override(settings.LANGUAGE_CODE):
        communes = national_communes(year.year)
        board = dashboards.province_dashboard(province=NATION, year=year, today=today, communes=communes, page=False)
        districts = [row.unit for row in board.rows]
        heading = [f"KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHÍNH QUYỀN CƠ SỞ NĂM {year.year}", NATION.name]
        sheets = [
            xlsx.summary_sheet(board, heading),
            xlsx.targets_sheet(board, heading),
            *xlsx.commune_sheets(year, communes, heading, districts),
            xlsx.ratio_sheet(
                "Đội ngũ cán bộ", heading, board.ratios.officials_by_district, board.ratios.officials, districts
            ),
            xlsx.ratio_sheet(
                "Trụ sở",
                heading,
                profile.office_ratios_by_district(communes, year.year),
                board.ratios.office,
                districts,
            ),
            xlsx.ratio_sheet(
                "Thủ tục hành chính",
                heading,
                profile.procedure_ratios_by_district(communes, year.year),
                board.ratios.procedures,
                districts,
            ),
        ]
        return xlsx.workbook_bytes(sheets, lambda percent, message: None)
