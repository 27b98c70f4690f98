"""The officials' yearly ratings (plan 703 II.3): the commune's entry page and its Excel round trip,
the province's list of ratings above the ceiling, and the year's communes with their leaders'
ratings and commendation eligibility."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from assessment.forms.duties import RatingsForm, RatingSheetUploadForm
from assessment.models import AssessmentYear, Classification
from assessment.ratings import RatingLevel
from assessment.selectors import year_or_404
from assessment.selectors.ratings import commune_year_rows, rating_rows, ratings_above_ceiling
from assessment.selectors.review import year_or_latest
from assessment.services.errors import AssessmentError
from assessment.services.excel import XLSX_CONTENT_TYPE
from assessment.services.excel_import import ExcelImportError
from assessment.services.ratings import RatingsRefused, official_ratings_save, ratings_refusal, seen_mark
from assessment.services.ratings_excel import ratings_sheet_build, ratings_sheet_filename, ratings_sheet_import
from communes.models import Role, year_day
from communes.permissions import (
    ANY_ROLE,
    REVIEWER_ROLES,
    get_commune_or_404,
    get_district_or_404,
    has_role,
    role_required,
)


@role_required(*ANY_ROLE)
def rating_edit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """Every official the commune rates for the year, the ceiling beside each; commune staff save."""
    commune = get_commune_or_404(request.user, code, year_day(year), with_history=request.method != "POST")
    assessment_year = year_or_404(year)
    refusal = ratings_refusal(year=assessment_year, commune=commune, user=request.user)
    if request.method == "POST" and not has_role(request.user, Role.COMMUNE_STAFF):
        raise PermissionDenied(_("Vai trò của bạn không được thực hiện thao tác này."))
    rows = rating_rows(assessment_year, commune)
    form = RatingsForm(request.POST if request.method == "POST" else None, rows=rows)
    problems: dict[int, str] = {}
    if request.method == "POST" and form.is_valid():
        try:
            changed = official_ratings_save(
                year=assessment_year, commune=commune, entries=form.entries(), user=request.user
            )
        except RatingsRefused as refused:
            problems = refused.problems
            messages.error(request, str(refused))
        except AssessmentError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Đã lưu xếp loại: %(n)s người thay đổi.") % {"n": changed})
            return redirect("assessment:rating-edit", year=year, code=commune.code)
    return render(
        request,
        "assessment/rating_edit.html",
        {
            "commune": commune,
            "year": assessment_year,
            # Each row with what the page shows of its saved rating now (after a refused save too).
            "rows": [
                (
                    r,
                    form[f"level_{r.official.pk}"],
                    form[f"reason_{r.official.pk}"],
                    problems.get(r.official.pk),
                    seen_mark(r.rating),
                )
                for r in rows
            ],
            "can_edit": refusal is None,
            "refusal": refusal,
        },
    )


@require_safe
@role_required(*ANY_ROLE)
def rating_excel_download(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The ratings template of the commune's year, filled with what is saved."""
    commune = get_commune_or_404(request.user, code, year_day(year), with_history=True)
    assessment_year = year_or_404(year)
    content = ratings_sheet_build(year=assessment_year, commune=commune)
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, ratings_sheet_filename(assessment_year, commune))
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.COMMUNE_STAFF)
def rating_excel_upload(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """GET: the upload form. POST: check the whole file and save every rating, or list each error."""
    commune = get_commune_or_404(request.user, code, year_day(year))
    assessment_year = year_or_404(year)
    form = RatingSheetUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "problem": "", "commune": commune, "year": assessment_year}
    context["refusal"] = ratings_refusal(year=assessment_year, commune=commune, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            changed = ratings_sheet_import(
                year=assessment_year, commune=commune, user=request.user, upload=form.cleaned_data["file"]
            )
        except ExcelImportError as error:
            context.update(problem=str(error), errors=error.errors)
        except AssessmentError as error:
            context["problem"] = str(error)
        else:
            messages.success(request, _("Đã nhập tệp Excel: %(n)s người thay đổi xếp loại.") % {"n": changed})
            return redirect("assessment:rating-edit", year=year, code=commune.code)
    return render(request, "assessment/rating_upload.html", context)


@require_safe
@role_required(*REVIEWER_ROLES)
def rating_above_list(request: HttpRequest) -> HttpResponse:
    """The year's ratings above the ceiling their criteria give, with the reason the commune wrote."""
    year = year_or_latest(request.GET.get("nam"))
    rows = ratings_above_ceiling(request.user, year) if year else []
    return render(
        request,
        "assessment/rating_above_list.html",
        {"year": year, "rows": rows, "years": list(AssessmentYear.objects.values_list("year", flat=True))},
    )


@require_safe
@role_required(*REVIEWER_ROLES)
def commune_year_list(request: HttpRequest) -> HttpResponse:
    """The year's communes: class, commendation eligibility and the leaders' ratings (plan II.3)."""
    year = year_or_latest(request.GET.get("nam"))
    code = request.GET.get("huyen") or ""
    district = get_district_or_404(request.user, code) if code else None
    rows = commune_year_rows(request.user, year, district.pk if district else None) if year else []
    return render(
        request,
        "assessment/commune_year_list.html",
        {
            "year": year,
            "district": district,
            "rows": rows,
            "years": list(AssessmentYear.objects.values_list("year", flat=True)),
            "levels": RatingLevel,
            "classes": Classification,
            # Eligible: confirmed, and no reason against it (an unconfirmed commune is still pending).
            "eligible": sum(1 for r in rows if not r.refusals and r.final_class),
        },
    )


# Included by assessment/urls.py in one line (with the follow-up actions' pages).
def _urls() -> list:
    from django.urls import path

    from assessment.views import followup_actions as actions

    return [
        path("<year:year>/<str:code>/xep-loai-can-bo/", rating_edit, name="rating-edit"),
        path("<year:year>/<str:code>/xep-loai-can-bo/excel/", rating_excel_download, name="rating-excel-download"),
        path("<year:year>/<str:code>/xep-loai-can-bo/nhap/", rating_excel_upload, name="rating-excel-upload"),
        path("xep-loai-can-bo/vuot-muc/", rating_above_list, name="rating-above-list"),
        path("nam/ket-qua-va-lanh-dao/", commune_year_list, name="commune-year-list"),
        path("theo-doi/ket-qua/", actions.followup_action_list, name="followup-action-list"),
        path("theo-doi/tep/<int:pk>/", actions.followup_action_file, name="followup-action-file"),
        path(
            "<year:year>/<str:code>/theo-doi/<str:kind>/", actions.followup_action_create, name="followup-action-create"
        ),
    ]


urlpatterns = _urls()
