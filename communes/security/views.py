"""The two-factor pages: set up an authenticator app, enter a code, backup codes, account security."""

import base64

import segno
from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_lockout_response
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.signals import user_login_failed
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import gettext
from django.views.decorators.http import require_http_methods, require_safe
from django_otp import login as otp_login
from django_otp import match_token, user_has_device

from communes.security import BACKUP_CODE_COUNT, two_factor_required
from communes.security.forms import CodeForm
from communes.security.middleware import NO_DEVICE_SESSION_KEY
from communes.security.services import (
    backup_codes_left,
    confirm_app_device,
    has_app_device,
    new_backup_codes,
    pending_app_device,
)

NEW_CODES_SESSION_KEY = "security_new_backup_codes"


def _next_url(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return "home"


def _locked_out(request: HttpRequest) -> HttpResponse | None:
    """Axes' lockout page (and the session ended) when the user's wrong codes reached the limit."""
    credentials = {"username": request.user.get_username()}
    if getattr(request, "axes_locked_out", False) or AxesProxyHandler.is_locked(request, credentials):
        logout(request)
        return get_lockout_response(request, None, credentials)
    return None


def _refuse(request: HttpRequest, form: CodeForm) -> None:
    """A wrong code: said in the form, and counted by axes like a wrong password."""
    form.add_error("code", gettext("Mã không đúng hoặc đã dùng. Hãy nhập mã mới trong ứng dụng, hoặc một mã dự phòng."))
    user_login_failed.send(sender=__name__, credentials={"username": request.user.get_username()}, request=request)


def _verified(request: HttpRequest, device) -> None:  # noqa: ANN001
    otp_login(request, device)
    request.session.pop(NO_DEVICE_SESSION_KEY, None)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def verify(request: HttpRequest) -> HttpResponse:
    """The page "Nhập mã xác thực": a code from the app or one backup code (used up once accepted)."""
    if request.user.is_verified():
        return redirect(_next_url(request))
    if not user_has_device(request.user):
        return redirect("security:setup")
    if locked := _locked_out(request):
        return locked
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            device = match_token(request.user, form.cleaned_data["code"])
        if device is not None:
            _verified(request, device)
            if device.persistent_id.startswith("otp_static") and backup_codes_left(request.user) <= 2:
                messages.warning(
                    request,
                    gettext("Bạn chỉ còn %(count)d mã dự phòng. Hãy tạo bộ mã mới ở trang Bảo mật tài khoản.")
                    % {"count": backup_codes_left(request.user)},
                )
            return redirect(_next_url(request))
        _refuse(request, form)
        if locked := _locked_out(request):
            return locked
    given = request.POST.get("next") or request.GET.get("next", "")  # checked when used (_next_url)
    return render(request, "communes/security_verify.html", {"form": form, "next": given})


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def setup(request: HttpRequest) -> HttpResponse:
    """Scan the QR code (or type the key), then confirm with a first code; backup codes follow."""
    user = request.user
    if has_app_device(user):
        return redirect("security:account" if user.is_verified() else "security:verify")
    if user_has_device(user) and not user.is_verified():
        return redirect("security:verify")
    device = pending_app_device(user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_is_allowed()[0] and device.verify_token(form.cleaned_data["code"]):
            request.session[NEW_CODES_SESSION_KEY] = confirm_app_device(device)
            _verified(request, device)
            return redirect("security:backup-codes")
        _refuse(request, form)
        if locked := _locked_out(request):
            return locked
    secret = base64.b32encode(device.bin_key).decode()
    uri = device.config_url  # otpauth://totp/...: the issuer is settings.OTP_TOTP_ISSUER
    context = {
        "form": form,
        "secret": " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)),
        "uri": uri,
        "qr": mark_safe(  # noqa: S308 - segno's SVG of our own otpauth URI, no user input
            segno.make(uri, error="m").svg_inline(
                scale=4, light="#fff", title=gettext("Mã QR để quét bằng ứng dụng xác thực")
            )
        ),
        "required": two_factor_required(user),
    }
    return render(request, "communes/security_setup.html", context)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def backup_codes(request: HttpRequest) -> HttpResponse:
    """The new backup codes, shown once to print; POST makes a new set (the old codes stop working)."""
    if not request.user.is_verified():
        return redirect("security:verify" if user_has_device(request.user) else "security:setup")
    if request.method == "POST":
        request.session[NEW_CODES_SESSION_KEY] = new_backup_codes(request.user)
        return redirect("security:backup-codes")
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    context = {"codes": codes, "left": backup_codes_left(request.user), "count": BACKUP_CODE_COUNT}
    return render(request, "communes/security_backup_codes.html", context)


@login_required
@require_safe
def account(request: HttpRequest) -> HttpResponse:
    """The page "Bảo mật tài khoản": whether two-factor sign-in is on, backup codes left, what to do next."""
    user = request.user
    enabled = has_app_device(user)
    context = {
        "enabled": enabled,
        "required": two_factor_required(user),
        "left": backup_codes_left(user) if enabled else 0,
    }
    return render(request, "communes/security_account.html", context)
