"""Excel round trip of the score sheet: download it, fill it offline, upload it back."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_safe

from assessment.forms.excel import ScoreSheetUploadForm
from assessment.models import Assessment
from assessment.scoring_page import can_edit
from assessment.selectors import assessment_for_user_or_404, read_only_reason
from assessment.services.errors import AssessmentError
from assessment.services.excel import XLSX_CONTENT_TYPE, score_sheet_build, score_sheet_filename
from assessment.services.excel_import import ExcelImportError, score_sheet_import
from assessment.views.scoring import score_page_url
from communes.models import Role
from communes.permissions import ANY_ROLE, role_required


@require_safe
@role_required(*ANY_ROLE)
def excel_download(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """The commune's score sheet as .xlsx (anyone whose scope covers the commune may read it)."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    response = HttpResponse(score_sheet_build(assessment=assessment), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition_header(True, score_sheet_filename(assessment))
    response["Cache-Control"] = "private, no-store"
    return response


@role_required(Role.COMMUNE_STAFF)
def excel_upload(request: HttpRequest, year: int, code: str) -> HttpResponse:
    """GET: the upload form. POST: check the whole file and save it, or list every error."""
    assessment = assessment_for_user_or_404(request.user, year, code)
    form = ScoreSheetUploadForm(request.POST or None, request.FILES or None)
    context = {"form": form, "errors": [], "problem": ""}
    if request.method == "POST" and form.is_valid():
        try:
            outcome = score_sheet_import(assessment=assessment, actor=request.user, upload=form.cleaned_data["file"])
        except ExcelImportError as error:
            context.update(problem=str(error), errors=error.errors)
        except AssessmentError as error:
            context["problem"] = str(error)
        else:
            messages.success(request, _saved_message(len(outcome.changed)))
            return redirect(score_page_url(assessment))
    return render(request, "assessment/excel_upload.html", {**context, **_page(request, assessment)})


def _saved_message(changed: int) -> str:
    if not changed:
        return _("Đã nhập tệp Excel: không có điểm hay giải trình nào khác với bản đang lưu.")
    return ngettext(
        "Đã nhập tệp Excel: %(count)s tiêu thức được cập nhật.",
        "Đã nhập tệp Excel: %(count)s tiêu thức được cập nhật.",
        changed,
    ) % {"count": changed}


def _page(request: HttpRequest, assessment: Assessment) -> dict:
    editable = can_edit(request, assessment)
    return {
        "assessment": assessment,
        "commune": assessment.commune,
        "year": assessment.year,
        "editable": editable,
        "read_only_reason": "" if editable else read_only_reason(assessment, request.user),
    }
