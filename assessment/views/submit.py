"""Submitting the self-assessment for review: a confirmation page, then the workflow transition."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from assessment.models import Assessment
from assessment.scoring_page import can_edit
from assessment.selectors import (
    assessment_current_classification,
    assessment_for_user_or_404,
    prefetch_for_page,
    read_only_reason,
)
from assessment.services.errors import AssessmentError
from assessment.services.scoring import assessment_completeness_errors
from assessment.views.scoring import score_page_url
from communes.models import Role
from communes.permissions import role_required


@role_required(Role.COMMUNE_STAFF)
def submit(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """GET: "Xác nhận nộp" with what is still missing. POST: submit through the workflow service."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    if request.method == "POST":
        return _submit(request, assessment)
    return render(request, "assessment/score_submit.html", _context(request, assessment))


def _context(request: HttpRequest, assessment: Assessment) -> dict:
    prefetch_for_page(assessment)
    editable = can_edit(request, assessment)
    return {
        "assessment": assessment,
        "commune": assessment.commune,
        "criteria_set": assessment.year.criteria_set,
        "result": assessment_current_classification(assessment),
        "missing": assessment_completeness_errors(assessment=assessment) if editable else [],
        "editable": editable,
        "read_only_reason": "" if editable else read_only_reason(assessment, request.user),
    }


def _submit(request: HttpRequest, assessment: Assessment) -> HttpResponse:
    # Imported here: the workflow module belongs to the review side and imports this app's services.
    from assessment.services.workflow import assessment_submit

    try:
        version = int(request.POST.get("version", ""))
    except ValueError:
        version = None
    try:
        assessment_submit(assessment=assessment, actor=request.user, expected_version=version)
    except AssessmentError as error:
        messages.error(request, str(error))
        return render(request, "assessment/score_submit.html", _context(request, assessment))
    messages.success(request, _submitted_message(assessment))
    return redirect(score_page_url(assessment))


def _submitted_message(assessment: Assessment) -> str:
    # Whole sentences per kind of year: from 2025 the province, not the district, reviews.
    if assessment.year.has_district_level:
        text = _("Đã nộp bản tự đánh giá năm %(year)s lên huyện. Bảng điểm chuyển sang chỉ xem.")
    else:
        text = _("Đã nộp bản tự đánh giá năm %(year)s lên Sở Nội vụ. Bảng điểm chuyển sang chỉ xem.")
    return text % {"year": assessment.year.year}
