"""Background jobs of the communes app: the email with a new account's one-time link, and (registered
here for the worker's autodiscovery) the email of a notification."""

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.utils import translation

from communes.models import User
from communes.notifications.tasks import send_notification_email  # noqa: F401 - registers the task


@shared_task(name="communes.send_set_password_email", acks_late=True)
def send_set_password_email(user_id: int, base_url: str) -> bool:
    """Email a new user the link to set their password; False when the user is gone or has no email.

    The link is made here, not passed in, so no token travels through the broker."""
    from communes.accounts.services import link_expiry, set_password_path

    user = User.objects.select_related("province", "district", "commune").filter(pk=user_id).first()
    if user is None or not user.email or not user.must_set_password:
        return False
    context = {
        "user": user,
        "link": base_url.rstrip("/") + set_password_path(user),
        "expires": link_expiry(),
    }
    with translation.override(user.language or settings.LANGUAGE_CODE):
        subject = "".join(render_to_string("registration/account_created_subject.txt", context).splitlines())
        body = render_to_string("registration/account_created_email.txt", context)
    send_mail(subject, body, None, [user.email])
    return True
