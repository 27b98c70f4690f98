"""The notification email task: load by id and send (the service marks it sent or failed)."""

from celery import shared_task

from communes.notifications.services import notification_email_send


@shared_task(name="communes.send_notification_email", acks_late=True, ignore_result=True)
def send_notification_email(notification_id: int) -> bool:
    """Email one notification; a failing mail server is recorded on it, not raised."""
    return notification_email_send(notification_id=notification_id)
