"""Renew a signed-in session when its stored expiry has slid far enough (see ``communes.sessions``)."""

from collections.abc import Callable
from datetime import timedelta

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


def needs_renewal(stored_expiry, now) -> bool:  # noqa: ANN001 - datetime | None, datetime
    """Whether a session read with ``stored_expiry`` should be written again at ``now``."""
    if stored_expiry is None:
        return False  # a new session (saved anyway when modified) or another store
    fresh = now + timedelta(seconds=settings.SESSION_COOKIE_AGE)
    return fresh - stored_expiry > timedelta(seconds=settings.SESSION_RENEW_AFTER)


class SessionRenewalMiddleware:
    """Must come right after SessionMiddleware (its answer is seen before the session is saved)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = getattr(request, "session", None)
        if session is not None and needs_renewal(getattr(session, "stored_expiry", None), timezone.now()):
            session.modified = True
        return response
