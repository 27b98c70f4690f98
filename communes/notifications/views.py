"""The notification pages: the list (read and unread, mark read, open the object) and the email
preferences. Every user sees only their own notifications; another's id answers 404."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from communes.models import NotificationKind
from communes.notifications import selectors, services
from communes.notifications.context_processors import remember_unread

PER_PAGE = 20


@require_safe
@login_required
def notification_list(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("loc") == "chua-doc"
    queryset = selectors.notifications_of(request.user, unread_only=unread_only)
    page = Paginator(queryset, PER_PAGE).get_page(request.GET.get("page"))
    unread = remember_unread(request, request.user)
    return render(
        request,
        "communes/notification_list.html",
        {"page": page, "unread_only": unread_only, "unread": unread},
    )


def _own_or_404(request: HttpRequest, pk: int):  # noqa: ANN202
    notification = selectors.notifications_of(request.user).filter(pk=pk).first()
    if notification is None:
        raise Http404(_("Không tìm thấy hoặc bạn không có quyền xem."))
    return notification


@require_POST
@login_required
def notification_open(request: HttpRequest, pk: int) -> HttpResponse:
    """Mark the notification read and go to what it is about."""
    notification = _own_or_404(request, pk)
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    remember_unread(request, request.user)
    target = notification.link
    if not target or not url_has_allowed_host_and_scheme(target, {request.get_host()}):
        target = "notifications:list"
    return redirect(target)


@require_POST
@login_required
def notification_read(request: HttpRequest, pk: int) -> HttpResponse:
    notification = _own_or_404(request, pk)
    services.notification_mark_read(user=request.user, notification_id=notification.pk)
    remember_unread(request, request.user)
    return redirect("notifications:list")


@require_POST
@login_required
def notification_read_all(request: HttpRequest) -> HttpResponse:
    changed = services.notification_mark_read(user=request.user)
    remember_unread(request, request.user)
    if changed:
        messages.success(request, _("Đã đánh dấu tất cả thông báo là đã đọc."))
    return redirect("notifications:list")


@require_http_methods(["GET", "HEAD", "POST"])
@login_required
def notification_preferences(request: HttpRequest) -> HttpResponse:
    """Each kind's email on or off (the notification under the bell stays either way)."""
    if request.method == "POST":
        shown = {value for value, _label, _on in selectors.email_choices(request.user)}
        chosen = [kind for kind in request.POST.getlist("email") if kind in NotificationKind.values]
        # A kind the page does not show keeps its email on (a role change later finds it on).
        services.preferences_save(user=request.user, email_kinds=[*chosen, *(set(NotificationKind.values) - shown)])
        messages.success(request, _("Đã lưu lựa chọn nhận thư."))
        return redirect("notifications:preferences")
    return render(
        request,
        "communes/notification_preferences.html",
        {"choices": selectors.email_choices(request.user), "has_email": bool(request.user.email)},
    )
