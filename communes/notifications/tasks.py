"""The notification email task: load by id and send (the service marks it sent or failed)."""

from celery import shared_task
from django.utils import timezone

from communes.notifications.services import notification_email_send, notification_emails_retry


@shared_task(name="communes.send_notification_email", acks_late=True, ignore_result=True)
def send_notification_email(notification_id: int) -> bool:
    """Email one notification; a failing mail server is recorded on it, not raised."""
    return notification_email_send(notification_id=notification_id)


@shared_task(name="communes.retry_notification_emails", ignore_result=True)
def retry_notification_emails() -> int:
    """Beat: queue again the emails that failed in the last day (a broker or mail server back up)."""
    return notification_emails_retry(now=timezone.now())
