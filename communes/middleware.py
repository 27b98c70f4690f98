"""The language a page is answered in: Vietnamese unless the user chose another one.

Replaces Django's LocaleMiddleware, which follows the browser's Accept-Language: an office computer
set up in English must still get the portal in Vietnamese. The order of preference is the signed-in
user's stored choice (the same on every device), then the language cookie of a visitor who chose one
before signing in, then Vietnamese. Accept-Language is never read.
"""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers


def chosen_language(request: HttpRequest) -> str:
    """The language code ``request`` is answered in (one of settings.LANGUAGES)."""
    available = {code for code, _name in settings.LANGUAGES}
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated and user.language in available:
        return user.language
    cookie = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in available:
        return cookie
    return settings.LANGUAGE_CODE


class PortalLanguageMiddleware:
    """Activate :func:`chosen_language` for the request; must come after AuthenticationMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        language = chosen_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ("Cookie",))  # the language comes from a cookie or the session
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != language
        ):
            # After signing out, the sign-in page stays in the language the user chose.
            _set_language_cookie(response, language)
        return response


def _set_language_cookie(response: HttpResponse, language: str) -> None:
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )


# Pages a user who must set a password may still open: the page itself, signing out, the language
# switch and the one-time links (a link opened while signed in still works).
PASSWORD_SETUP_OPEN = {
    "communes:account-set-password",
    "logout",
    "set_language",
    "password_reset",
    "password_reset_done",
    "password_reset_confirm",
    "password_reset_complete",
}


class PasswordSetupMiddleware:
    """Send a user whose account was made for them (``must_set_password``) to choose a password first.

    Must come after AuthenticationMiddleware (and after django-otp's middleware when present)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.must_set_password and not _open(request):
            return redirect_to_login(request.get_full_path(), reverse("communes:account-set-password"))
        return self.get_response(request)


def _open(request: HttpRequest) -> bool:
    try:
        match = resolve(request.path_info)
    except Resolver404:
        return True  # the 404 page
    return match.view_name in PASSWORD_SETUP_OPEN
