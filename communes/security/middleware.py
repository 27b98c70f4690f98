"""Until the second factor is given, every page of a signed-in user who needs one leads to it."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django_otp import user_has_device

from communes.security import two_factor_required

# Session key: this (unverified) session's user was found to have no device and need none.
NO_DEVICE_SESSION_KEY = "security_no_device"
# Addresses an unverified user may still open (besides the two-factor pages themselves).
EXEMPT_PREFIXES = ("/quen-mat-khau/",)


class TwoFactorMiddleware:
    """Send a signed-in, unverified user to "Nhập mã xác thực" (has a device) or to the setup page
    (has none and their role requires one). Must come after django_otp's OTPMiddleware."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        target = self._target(request)
        if target is None:
            return self.get_response(request)
        if request.path != reverse("home"):
            target = f"{target}?{urlencode({'next': request.get_full_path()})}"
        if request.headers.get("HX-Request"):  # an htmx fragment: the whole page goes there
            response = HttpResponse(status=204)
            response["HX-Redirect"] = target
            return response
        return redirect(target)

    def _target(self, request: HttpRequest) -> str | None:
        user = request.user
        if not user.is_authenticated or user.is_verified() or self._exempt(request.path):
            return None
        if request.session.get(NO_DEVICE_SESSION_KEY):
            return None
        if getattr(user, "must_set_password", False):
            # A new account chooses its password first (the onboarding middleware lets it open only
            # that page); the second factor is asked right after. Sending it here too would loop.
            return None
        if user_has_device(user):
            return reverse("security:verify")
        if two_factor_required(user):
            return reverse("security:setup")
        # Commune staff without a device: remember it for this session (saves two queries a page).
        request.session[NO_DEVICE_SESSION_KEY] = True
        return None

    @staticmethod
    def _exempt(path: str) -> bool:
        exempt = {
            reverse("login"),
            reverse("logout"),
            reverse("set_language"),
            reverse("security:setup"),
            reverse("security:verify"),
            reverse("favicon"),
        }
        return path in exempt or path.startswith((settings.STATIC_URL, *EXEMPT_PREFIXES))


@receiver(user_logged_in, dispatch_uid="security_forget_no_device")
def _forget_no_device(sender, request: HttpRequest, user, **kwargs) -> None:  # noqa: ANN001
    """A new sign-in looks for devices again (the user may have enabled one since)."""
    if request is not None and hasattr(request, "session"):
        request.session.pop(NO_DEVICE_SESSION_KEY, None)
