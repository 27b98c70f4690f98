"""The notification pages (communes.notifications) in the URL x role matrix (added to CASES in
matrix_cases.py): every signed-in user has their own list and preferences; one user's notification
is another's 404."""

from communes.models import Notification, NotificationKind
from tests.matrix import HOME_ROLES, Case


def everyone(status: int) -> dict[str, int]:
    return {"anonymous": 302, **dict.fromkeys(HOME_ROLES, status)}


def _notification(w) -> None:  # noqa: ANN001
    w.notification = Notification.objects.create(
        user=w.commune_user, kind=NotificationKind.RETURNED, title="Thông báo thử", link="/"
    )


OWN_ONLY = {"anonymous": 302, **dict.fromkeys(HOME_ROLES, 404), "commune_user": 302}

NOTIFICATION_CASES = [
    Case("notifications:list", expect=everyone(200)),
    Case("notifications:preferences", expect=everyone(200)),
    Case("notifications:preferences", expect=everyone(302), method="post"),  # an empty post: every email off
    Case("notifications:read-all", expect=everyone(302), method="post"),
    Case(
        "notifications:open",
        lambda w: {"pk": w.notification.pk},
        OWN_ONLY,
        method="post",
        setup=_notification,
    ),
    Case(
        "notifications:read",
        lambda w: {"pk": w.notification.pk},
        OWN_ONLY,
        method="post",
        setup=_notification,
    ),
]
