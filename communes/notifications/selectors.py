"""What the bell and the list read: a user's own notifications, never anybody else's."""

from django.db.models import QuerySet

from communes.models import Notification, NotificationKind, NotificationPreference, Role, User

# Kinds a role is never sent: commune staff review nothing and order no reports.
NOT_FOR_ROLE = {
    Role.COMMUNE_STAFF: {NotificationKind.SUBMITTED, NotificationKind.REPORT_DONE, NotificationKind.REPORT_FAILED},
}


def notifications_of(user: User, *, unread_only: bool = False) -> QuerySet[Notification]:
    """The user's notifications, newest first."""
    queryset = Notification.objects.filter(user=user).order_by("-created_at", "-pk")
    if unread_only:
        queryset = queryset.filter(read_at__isnull=True)
    return queryset


def unread_count(user: User) -> int:
    return Notification.objects.filter(user=user, read_at__isnull=True).count()


def email_choices(user: User) -> list[tuple[str, str, bool]]:
    """Each kind the user's role can be sent (value, label) and whether the user gets its email."""
    off = set(NotificationPreference.objects.filter(user=user, email=False).values_list("kind", flat=True))
    never = NOT_FOR_ROLE.get(user.role, set())
    return [(value, label, value not in off) for value, label in NotificationKind.choices if value not in never]
