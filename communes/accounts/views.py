"""Province staff's accounts pages: the list, the upload (dry run, then confirm), one account per
commune; and the two places a user sets a password of their own (forced page, one-time link)."""

import base64
import hashlib
import secrets

from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from communes.accounts.forms import GenerateForm
from communes.accounts.selectors import account_rows, users_in_scope
from communes.accounts.services import NewAccount, commune_accounts_create, link_expiry, users_create
from communes.accounts.workbook import MAX_UPLOAD_BYTES, WorkbookRejected, plan_users, template_workbook
from communes.models import Role, User
from communes.permissions import role_required

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
SESSION_KEY = "accounts_import"
PER_PAGE = 50
# Province staff manage their province's accounts; administrators (superusers) pass every role check.
_manager_required = role_required(Role.PROVINCE_STAFF)


def _base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri("/")


@require_safe
@_manager_required
def account_list(request: HttpRequest) -> HttpResponse:
    page = Paginator(users_in_scope(request.user), PER_PAGE).get_page(request.GET.get("page"))
    rows = account_rows(page.object_list, timezone.localdate())
    return render(request, "communes/account_list.html", {"page": page, "rows": rows})


@require_safe
@_manager_required
def account_template(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_workbook(), content_type=XLSX)
    response["Content-Disposition"] = 'attachment; filename="mau-danh-sach-nguoi-dung.xlsx"'
    return response


def _upload_page(request: HttpRequest, rejected: str = "") -> HttpResponse:
    context = {"max_mb": MAX_UPLOAD_BYTES // (1024 * 1024), "rejected": rejected}
    return render(request, "communes/account_upload.html", context)


@_manager_required
def account_upload(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _upload_page(request)
    upload = request.FILES.get("file")
    if upload is None:
        return _upload_page(request, _("Hãy chọn tệp Excel."))
    if upload.size > MAX_UPLOAD_BYTES:
        return _upload_page(request, _("Tệp quá lớn (tối đa 1 MB). Hãy kiểm tra lại tệp."))
    content = upload.read()
    try:
        plan = plan_users(request.user, content, timezone.localdate())
    except WorkbookRejected as error:
        return _upload_page(request, str(error))
    token = _stash(request, content, upload.name) if plan.valid else ""
    return render(request, "communes/account_preview.html", {"plan": plan, "token": token, "filename": upload.name})


def _stash(request: HttpRequest, content: bytes, name: str) -> str:
    """Keep the checked file in the session until the manager confirms; one pending upload at a time."""
    token = secrets.token_urlsafe(16)
    request.session[SESSION_KEY] = {
        "token": token,
        "name": name,
        "sha256": hashlib.sha256(content).hexdigest(),
        "content": base64.b64encode(content).decode("ascii"),
    }
    return token


def _unstash(request: HttpRequest) -> bytes | None:
    pending = request.session.get(SESSION_KEY)
    if not pending or not secrets.compare_digest(pending["token"], request.POST.get("token", "")):
        return None
    return base64.b64decode(pending["content"])


@require_POST
@_manager_required
def account_confirm(request: HttpRequest) -> HttpResponse:
    content = _unstash(request)
    if content is None:
        messages.error(request, _("Phiên nhập tệp đã hết hạn hoặc không hợp lệ. Hãy tải tệp lên lại."))
        return redirect("communes:account-upload")
    try:
        plan = plan_users(request.user, content, timezone.localdate())  # again: usernames may be taken since
    except WorkbookRejected as error:
        messages.error(request, str(error))
        return redirect("communes:account-upload")
    if not plan.valid:
        messages.error(request, _("Tệp không còn hợp lệ (có thể tên đăng nhập vừa được dùng). Hãy tải tệp lên lại."))
        return redirect("communes:account-upload")
    request.session.pop(SESSION_KEY, None)
    accounts = users_create(manager=request.user, plan=plan, base_url=_base_url(request))
    return _created_page(request, accounts, skipped=0)


@_manager_required
def account_generate(request: HttpRequest) -> HttpResponse:
    form = GenerateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        year = form.cleaned_data["year"]
        accounts, skipped = commune_accounts_create(manager=request.user, year=year, base_url=_base_url(request))
        return _created_page(request, accounts, skipped=skipped, year=year)
    return render(request, "communes/account_generate.html", {"form": form})


def _created_page(request: HttpRequest, accounts: list[NewAccount], *, skipped: int, year: int = 0) -> HttpResponse:
    """The printable list of the new accounts with their one-time links (shown once, on this answer)."""
    context = {
        "accounts": accounts,
        "skipped": skipped,
        "year": year,
        "expires": link_expiry(),
        "emailed": sum(1 for a in accounts if a.user.email),
    }
    response = render(request, "communes/account_created.html", context)
    response["Cache-Control"] = "no-store"  # the links open accounts: keep them out of caches
    return response


def _clear_flag(user: User) -> None:
    User.objects.filter(pk=user.pk).update(must_set_password=False)


class PasswordSetupView(LoginRequiredMixin, auth_views.PasswordChangeView):
    """The page every other page sends a user with ``must_set_password`` to, until they choose one."""

    template_name = "communes/account_set_password.html"
    success_url = reverse_lazy("home")

    def form_valid(self, form):  # noqa: ANN001, ANN201
        response = super().form_valid(form)
        _clear_flag(form.user)
        messages.success(self.request, _("Đã lưu mật khẩu mới."))
        return response


class LinkPasswordSetView(auth_views.PasswordResetConfirmView):
    """The one-time link (new account or forgotten password): setting the password here also ends the
    must-set-password state, and the link stops working since the token depends on the password."""

    def form_valid(self, form):  # noqa: ANN001, ANN201
        response = super().form_valid(form)
        _clear_flag(form.user)
        return response
