"""Excel: the template, the export, and the import as a dry run followed by a confirmation."""

import base64
import hashlib
import secrets

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from communes.models import Commune, Role
from communes.permissions import ANY_ROLE, get_commune_or_404, role_required
from personnel.excel import build_workbook, export_filename
from personnel.importing import MAX_UPLOAD_BYTES, WorkbookRejected, plan_import
from personnel.selectors import officials_of
from personnel.services import PersonnelError, officials_import

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "personnel_import"


def _download(content: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@require_safe
@role_required(*ANY_ROLE)
def import_template(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    return _download(build_workbook(commune), export_filename(commune, timezone.localdate(), template=True))


@require_safe
@role_required(*ANY_ROLE)
def official_export(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    return _download(build_workbook(commune, officials_of(commune)), export_filename(commune, timezone.localdate()))


def _stash(request: HttpRequest, commune: Commune, content: bytes, name: str) -> str:
    """Keep the checked file in the session until the user confirms; one pending import at a time."""
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "commune": commune.pk,
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": base64.b64encode(content).decode("ascii"),
    }
    return token


def _unstash(request: HttpRequest, commune: Commune) -> tuple[bytes, str] | None:
    pending = request.session.get(SESSION_KEY)
    if (
        not pending
        or pending["commune"] != commune.pk
        or not secrets.compare_digest(pending["token"], request.POST.get("token", ""))
    ):
        return None
    return base64.b64decode(pending["content"]), pending["name"]


@role_required(Role.COMMUNE_STAFF)
def import_upload(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    context = {"commune": commune, "max_mb": MAX_UPLOAD_BYTES // (1024 * 1024)}
    if request.method != "POST":
        return render(request, "personnel/import_upload.html", context)
    upload = request.FILES.get("file")
    if upload is None:
        return render(request, "personnel/import_upload.html", {**context, "rejected": _("Hãy chọn tệp Excel.")})
    if upload.size > MAX_UPLOAD_BYTES:
        return render(
            request,
            "personnel/import_upload.html",
            {
                **context,
                "rejected": _(
                    "Tệp quá lớn (tối đa 1 MB). Danh sách cán bộ của một xã thường nhỏ hơn nhiều; hãy kiểm tra lại tệp."
                ),
            },
        )
    content = upload.read()
    try:
        plan = plan_import(commune, content)
    except WorkbookRejected as error:
        return render(request, "personnel/import_upload.html", {**context, "rejected": str(error)})
    token = _stash(request, commune, content, upload.name) if plan.valid and plan.has_changes else ""
    return render(
        request,
        "personnel/import_preview.html",
        {
            **context,
            "plan": plan,
            "token": token,
            "filename": upload.name,
            "counts": {a: plan.count(a) for a in ("create", "update", "unchanged")},
        },
    )


@require_POST
@role_required(Role.COMMUNE_STAFF)
def import_confirm(request: HttpRequest, code: str) -> HttpResponse:
    commune = get_commune_or_404(request.user, code)
    stashed = _unstash(request, commune)
    if stashed is None:
        messages.error(request, _("Phiên nhập tệp đã hết hạn hoặc không hợp lệ. Hãy tải tệp lên lại."))
        return redirect("personnel:import-upload", code=commune.code)
    content, name = stashed
    try:
        # Checked again: the roster may have changed since the dry run.
        counts = officials_import(commune=commune, plan=plan_import(commune, content), user=request.user)
    except (WorkbookRejected, PersonnelError) as error:
        messages.error(request, _("Chưa nhập: %(e)s Hãy tải tệp lên lại để xem chi tiết.") % {"e": error})
        return redirect("personnel:import-upload", code=commune.code)
    request.session.pop(SESSION_KEY, None)
    messages.success(
        request,
        _("Đã nhập tệp %(name)s: thêm %(c)s người, cập nhật %(u)s người, %(n)s người không đổi.")
        % {"name": name, "c": counts["create"], "u": counts["update"], "n": counts["unchanged"]},
    )
    return redirect("personnel:official-list", code=commune.code)
