"""The deadline-reminder banner: the signed-in user's unread notices.

Read from the database at sign-in and then at most every few minutes, kept in the session in
between, so ordinary pages pay no query for it.
"""

import time
from typing import Any

from django.http import HttpRequest

from reports.selectors import unread_notices

SESSION_KEY = "reports.notices"
REFRESH_SECONDS = 300


def remember_notices(request: HttpRequest, user: Any) -> list[dict]:
    """Load the user's unread notices into the session (also called at sign-in and on dismissal)."""
    notices = [{"id": n.pk, "text": n.text, "due": n.deadline.isoformat()} for n in unread_notices(user)]
    request.session[SESSION_KEY] = {"at": int(time.time()), "notices": notices}
    return notices


def reminders(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not hasattr(request, "session"):
        return {}
    cached = request.session.get(SESSION_KEY)
    if cached and time.time() - cached.get("at", 0) < REFRESH_SECONDS:
        return {"reminder_notices": cached["notices"]}
    return {"reminder_notices": remember_notices(request, user)}
