"""Telling people: create their notifications and email them through Celery, never at the cost of the
action that caused them.

- :func:`notify` records one notification per recipient now and enqueues each email once the current
  transaction commits (a worker must see the row). A kind the user turned off, or a user without an
  address, is recorded as ``skipped``.
- :func:`after_commit` runs the work of an event (who, what) after the action's transaction commits;
  any error in it is logged and swallowed: the action is already saved.
- A dead broker marks the email ``failed`` with the reason; a failing mail server does the same in
  the task (``communes.notifications.tasks``). The notification itself stays under the bell, and
  beat queues failed emails again every 15 minutes for a day (:func:`notification_emails_retry`).
"""

import logging
from collections.abc import Callable, Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from communes.models import EmailStatus, Notification, NotificationPreference, User

logger = logging.getLogger(__name__)


def after_commit(work: Callable[[], object]) -> None:
    """Run ``work`` once the current transaction commits (at once outside one); its errors are logged,
    never raised into the action that asked for it."""

    def guarded() -> None:
        try:
            work()
        except Exception:
            logger.exception("notifications of an event could not be made")

    transaction.on_commit(guarded, robust=True)


def email_off_kinds(users: Iterable[User]) -> set[tuple[int, str]]:
    """(user id, kind) pairs whose email the user turned off."""
    return set(NotificationPreference.objects.filter(user__in=list(users), email=False).values_list("user_id", "kind"))


Render = Callable[[], tuple[str, str]]


def notify(
    *,
    recipients: Iterable[User],
    kind: str,
    title: str = "",
    body: str = "",
    render: Render | None = None,
    link: str = "",
    key: str = "",
) -> list[Notification]:
    """Record a notification of ``kind`` for each recipient (once: a ``key`` already used for a user is
    skipped) and enqueue its email after commit. Returns the notifications created.

    ``render`` returns (title, body) in the active language: it is called in each recipient's language,
    so a user who reads the portal in English is told in English; without it ``title`` and ``body``
    are stored as given."""
    users = list({u.pk: u for u in recipients}.values())
    off = email_off_kinds(users)
    texts: dict[str, tuple[str, str]] = {}
    created = []
    for user in users:
        if render is not None:
            language = user.language or settings.LANGUAGE_CODE
            if language not in texts:
                with translation.override(language):
                    texts[language] = render()
            title, body = texts[language]
        status, reason = EmailStatus.PENDING, ""
        if (user.pk, kind) in off:
            status, reason = EmailStatus.SKIPPED, _("Người nhận đã tắt thư cho loại thông báo này.")
        elif not user.email:
            status, reason = EmailStatus.SKIPPED, _("Người nhận chưa có địa chỉ thư điện tử.")
        notification = Notification(
            user=user,
            kind=kind,
            title=title[:200],
            body=body,
            link=link,
            key=key,
            email_status=status,
            email_error=reason,
        )
        if key:
            try:
                with transaction.atomic():
                    notification.save()
            except IntegrityError:  # already told (a concurrent run, or an earlier one)
                continue
        else:
            notification.save()
        created.append(notification)
    pending = [n.pk for n in created if n.email_status == EmailStatus.PENDING]
    if pending:
        transaction.on_commit(lambda: _enqueue_emails(pending), robust=True)
    return created


def _enqueue_emails(ids: list[int]) -> None:
    """Publish each email's task; at the first broker failure the rest are marked failed at once
    (one short wait, not one per recipient)."""
    from communes.notifications.tasks import send_notification_email

    for index, pk in enumerate(ids):
        try:
            _publish(send_notification_email, pk)
        except Exception as exc:  # kombu / redis raise several types when the broker is down
            logger.warning("notification emails %s not queued: %r", ids[index:], exc)
            Notification.objects.filter(pk__in=ids[index:], email_status=EmailStatus.PENDING).update(
                email_status=EmailStatus.FAILED,
                email_error=_("Chưa gửi được thư: máy chủ hàng đợi không trả lời."),
            )
            return


def _publish(task, pk: int):  # noqa: ANN001, ANN202 - a Celery task and its AsyncResult
    """Send the task; with a broker, check first that it answers (one quick try, not a long wait)."""
    app = task.app
    if app.conf.task_always_eager:
        return task.apply_async(args=[pk])
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=3)
        return task.apply_async(args=[pk], connection=connection, retry=False)


def notification_email_send(*, notification_id: int) -> bool:
    """Email one pending notification; a failing mail server marks it ``failed`` (True when sent)."""
    from django.core.mail import send_mail

    notification = (
        Notification.objects.select_related("user").filter(pk=notification_id, email_status=EmailStatus.PENDING).first()
    )
    if notification is None:
        return False
    body = notification.body
    if notification.link:
        base = getattr(settings, "PORTAL_BASE_URL", "").rstrip("/")
        body = f"{body}\n\n{base}{notification.link}".strip()
    try:
        send_mail(notification.title, body, None, [notification.user.email])
    except Exception as exc:
        logger.warning("notification %s email failed: %r", notification_id, exc)
        Notification.objects.filter(pk=notification_id).update(
            email_status=EmailStatus.FAILED, email_error=(str(exc) or exc.__class__.__name__)[:300]
        )
        return False
    Notification.objects.filter(pk=notification_id).update(
        email_status=EmailStatus.SENT, email_error="", emailed_at=timezone.now()
    )
    return True


# A failed email is tried again by beat (communes.retry_notification_emails) for this long.
RETRY_FOR = timedelta(hours=24)


def notification_emails_retry(*, now: datetime) -> int:
    """Queue again the emails that failed in the last ``RETRY_FOR`` (a broker or mail server that
    was down); returns how many. A user who has since turned that kind's email off is skipped."""
    failed = list(
        Notification.objects.filter(email_status=EmailStatus.FAILED, created_at__gte=now - RETRY_FOR)
        .order_by("pk")
        .values_list("pk", "user_id", "kind")
    )
    if not failed:
        return 0
    off = set(
        NotificationPreference.objects.filter(
            user_id__in={user for _pk, user, _kind in failed}, email=False
        ).values_list("user_id", "kind")
    )
    skipped = [pk for pk, user, kind in failed if (user, kind) in off]
    again = [pk for pk, user, kind in failed if (user, kind) not in off]
    Notification.objects.filter(pk__in=skipped).update(email_status=EmailStatus.SKIPPED)
    Notification.objects.filter(pk__in=again).update(email_status=EmailStatus.PENDING, email_error="")
    _enqueue_emails(again)
    return len(again)


def notification_mark_read(*, user: User, notification_id: int | None = None) -> int:
    """Mark one of ``user``'s notifications read (or all of them when no id); returns how many changed."""
    unread = Notification.objects.filter(user=user, read_at__isnull=True)
    if notification_id is not None:
        unread = unread.filter(pk=notification_id)
    return unread.update(read_at=timezone.now())


def preferences_save(*, user: User, email_kinds: Iterable[str]) -> None:
    """Keep email on for ``email_kinds`` and off for every other kind."""
    from communes.models import NotificationKind

    wanted = set(email_kinds)
    with transaction.atomic():
        for kind in NotificationKind.values:
            NotificationPreference.objects.update_or_create(user=user, kind=kind, defaults={"email": kind in wanted})
