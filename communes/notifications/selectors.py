"""What the bell and the list read: a user's own notifications, never anybody else's."""

from django.db.models import QuerySet

from communes.models import Notification, NotificationKind, NotificationPreference, User


def notifications_of(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_choices(user: User) -> list[tuple[str, str, bool]]:
    """Each kind (value, label) and whether the user gets its email."""
    off = set(NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    return [(value, label, value not in off) for value, label in NotificationKind.choices]
