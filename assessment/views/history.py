"""Province staff bring in a past year's results: the template, an upload checked as a dry run,
the choice of a unit for unmatched rows, and the confirmation that saves."""

import base64
import hashlib
import secrets
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from assessment.forms.history import HistoryUploadForm
from assessment.selectors.history import criteria_set_for, first_year_with_results, history_units
from assessment.services.errors import AssessmentError
from assessment.services.excel import XLSX_CONTENT_TYPE
from assessment.services.excel_import import MAX_UPLOAD_BYTES
from assessment.services.history_import import (
    HistoryFileRefused,
    HistoryPlan,
    history_import_save,
    history_sample_rows,
    plan_history_import,
)
from assessment.services.history_template import history_template_build, template_filename
from communes.dates import parse_year
from communes.models import Role
from communes.permissions import role_required

SESSION_KEY = "history_import"
UPLOAD_TEMPLATE = "assessment/history_upload.html"


def province_staff_only(view: Callable[..., HttpResponse]) -> Callable[..., HttpResponse]:
    """Province staff, not administrators: an import lands in the user's own province, and every
    recorded act needs a responsible unit (the superuser rule in ``communes.permissions``)."""

    @role_required(Role.PROVINCE_STAFF)
    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if request.user.role != Role.PROVINCE_STAFF or request.user.province_id is None:
            raise PermissionDenied(_("Trang này chỉ dành cho: %(roles)s.") % {"roles": Role.PROVINCE_STAFF.label})
        return view(request, *args, **kwargs)

    return wrapped


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def sample_year() -> int:
    """The year the sample file fills: the one before the first year holding results."""
    return (first_year_with_results() or timezone.localdate().year) - 1


@require_safe
@province_staff_only
def history_template(request: HttpRequest) -> HttpResponse:
    """The empty template for ``?nam=`` (last year by default)."""
    year = parse_year(request.GET.get("nam")) or timezone.localdate().year - 1
    criteria_set = criteria_set_for(year) or criteria_set_for(timezone.localdate().year)
    return _download(history_template_build(criteria_set=criteria_set, year=year), template_filename(year))


@require_safe
@province_staff_only
def history_sample(request: HttpRequest) -> HttpResponse:
    """The template filled with sample results for every unit of the sample year, to try the import."""
    year = sample_year()
    criteria_set = criteria_set_for(year)
    rows = history_sample_rows(units=history_units(request.user.province, year), criteria_set=criteria_set, year=year)
    content = history_template_build(criteria_set=criteria_set, year=year, rows=rows)
    return _download(content, template_filename(year, sample=True))


def _context(**extra: object) -> dict:
    return {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024), "sample_year": sample_year(), **extra}


@province_staff_only
def history_upload(request: HttpRequest) -> HttpResponse:
    """The upload form; a posted file is checked and shown as a dry run (nothing saved)."""
    form = HistoryUploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return render(request, UPLOAD_TEMPLATE, _context(form=form))
    upload, year = form.cleaned_data["file"], form.cleaned_data["year"]
    content = upload.read(MAX_UPLOAD_BYTES + 1)
    pending = {"year": year, "name": upload.name or "", "content": content, "choices": {}}
    return _dry_run(request, form, pending)


def _dry_run(request: HttpRequest, form: HistoryUploadForm, pending: dict) -> HttpResponse:
    try:
        plan = _plan(request, pending)
    except HistoryFileRefused as error:
        request.session.pop(SESSION_KEY, None)
        return render(request, UPLOAD_TEMPLATE, _context(form=form, rejected=str(error)))
    token, sha256 = _stash(request, pending)
    return render(
        request,
        "assessment/history_preview.html",
        {"plan": plan, "token": token, "sha256": sha256, "filename": pending["name"], "year": pending["year"]},
    )


def _plan(request: HttpRequest, pending: dict) -> HistoryPlan:
    return plan_history_import(
        province=request.user.province,
        year=pending["year"],
        content=pending["content"],
        choices={int(k): v for k, v in pending["choices"].items()},
    )


def _stash(request: HttpRequest, pending: dict) -> tuple[str, str]:
    """Keep the checked file in the session until it is confirmed; one pending import at a time."""
    token = secrets.token_urlsafe(16)
    sha256 = hashlib.sha256(pending["content"]).hexdigest()
    request.session[SESSION_KEY] = {
        "token": token,
        "province": request.user.province_id,
        "year": pending["year"],
        "name": pending["name"],
        "sha256": sha256,
        "choices": {str(k): v for k, v in pending["choices"].items()},
        "content": base64.b64encode(pending["content"]).decode("ascii"),
    }
    return token, sha256


def _unstash(request: HttpRequest) -> dict | None:
    """The pending file, when the posted token and checksum are the session's own."""
    stashed = request.session.get(SESSION_KEY)
    if (
        not stashed
        or stashed["province"] != request.user.province_id
        or not secrets.compare_digest(stashed["token"], request.POST.get("token", ""))
        or not secrets.compare_digest(stashed["sha256"], request.POST.get("sha256", ""))
    ):
        return None
    return {**stashed, "content": base64.b64decode(stashed["content"])}


def _expired(request: HttpRequest) -> HttpResponse:
    messages.error(request, _("Phiên nhập tệp đã hết hạn hoặc không hợp lệ. Hãy tải tệp lên lại."))
    return redirect("assessment:history-upload")


@require_POST
@province_staff_only
def history_choose(request: HttpRequest) -> HttpResponse:
    """Use the units chosen for unmatched rows and check the same file again."""
    pending = _unstash(request)
    if pending is None:
        return _expired(request)
    for key, code in request.POST.items():
        if key.startswith("choice-") and key[7:].isdigit() and code:
            pending["choices"][key[7:]] = code
    form = HistoryUploadForm(initial={"year": pending["year"]})
    return _dry_run(request, form, pending)


@require_POST
@province_staff_only
def history_confirm(request: HttpRequest) -> HttpResponse:
    """Save the checked file's results, checked again first (the year may have changed meanwhile)."""
    pending = _unstash(request)
    if pending is None:
        return _expired(request)
    try:
        plan = _plan(request, pending)
        record = history_import_save(plan=plan, actor=request.user, file_name=pending["name"], sha256=pending["sha256"])
    except AssessmentError as error:
        messages.error(request, _("Chưa nhập: %(e)s") % {"e": error})
        return redirect("assessment:history-upload")
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Đã nhập kết quả năm %(year)s của %(count)s xã từ tệp %(name)s; năm %(year)s đã khóa sổ.")
        % {"year": plan.year, "count": record.rows, "name": record.file_name},
    )
    return redirect("assessment:year-list")
