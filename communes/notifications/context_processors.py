"""The bell's unread count: read at sign-in and then at most every minute, kept in the session in
between, so ordinary pages pay no query for it; reading a notification refreshes it at once."""

import time
from typing import Any

from django.http import HttpRequest

from communes.notifications.selectors import unread_count

SESSION_KEY = "notifications.unread"
REFRESH_SECONDS = 60


def remember_unread(request: HttpRequest, user: Any) -> int:
    """Count the user's unread notifications into the session (also at sign-in and after reading)."""
    count = unread_count(user)
    request.session[SESSION_KEY] = {"at": int(time.time()), "count": count}
    return count


def bell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    cached = request.session.get(SESSION_KEY)
    if cached and time.time() - cached.get("at", 0) < REFRESH_SECONDS:
        return {"notifications_unread": cached["count"]}
    return {"notifications_unread": remember_unread(request, user)}


def load_at_sign_in(sender, request, user, **kwargs) -> None:  # noqa: ANN001 - signal signature
    if request is not None and hasattr(request, "session"):
        remember_unread(request, user)
