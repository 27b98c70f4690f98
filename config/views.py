"""Views of the portal as a whole: the language switch and the error pages Django does not render itself."""

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, HttpResponseNotFound
from django.middleware import csrf
from django.template import loader
from django.utils.translation import gettext as _
from django.views.decorators.csrf import requires_csrf_token
from django.views.i18n import set_language as django_set_language


def set_language(request: HttpRequest) -> HttpResponse:
    """Django's language switch (it sets the cookie); a signed-in user's choice is also stored on the
    user, so it holds on every device and after signing in again."""
    response = django_set_language(request)
    language = request.POST.get("language")
    if (
        request.method == "POST"
        and request.user.is_authenticated
        and language in dict(settings.LANGUAGES)
        and request.user.language != language
    ):
        request.user.language = language
        request.user.save(update_fields=["language"])
    return response


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    """404 with the message the code gave (ours are Vietnamese), never the resolver's internals."""
    message = exception.args[0] if exception.args else ""
    reason = message if isinstance(message, str) and isinstance(exception, Http404) else ""
    template = loader.get_template("404.html")
    return HttpResponseNotFound(template.render({"reason": reason, "request_path": request.path}, request))


def _csrf_reason(reason: str) -> str:
    """Django's reason for refusing a form, said so that the user knows what to do."""
    if reason == csrf.REASON_NO_CSRF_COOKIE:
        return _(
            "Trình duyệt không gửi cookie của cổng thông tin. Hãy cho phép cookie cho trang này rồi tải lại trang."
        )
    if reason.startswith(("Origin checking failed", "Referer checking failed")):
        return _("Biểu mẫu được gửi từ một trang không thuộc cổng thông tin.")
    return _("Trang đã mở quá lâu hoặc phiên làm việc đã hết hạn, nên biểu mẫu không còn hợp lệ.")


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """The page shown when a form is refused by the CSRF check (settings.CSRF_FAILURE_VIEW)."""
    template = loader.get_template("403_csrf.html")
    return HttpResponseForbidden(template.render({"reason": _csrf_reason(reason)}, request))
