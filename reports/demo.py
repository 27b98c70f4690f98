"""Demo notifications: each demo user finds under the bell what the demo's latest transitions would
have told them (made by the same rules as live ones, ``assessment.notices``), some read, some not.
Runs last (reports is the top app), after the assessments exist; idempotent."""

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from assessment import workflow
from assessment.models import AssessmentEvent
from assessment.notices import transition_messages
from communes.demo import DEMO_USERS
from communes.models import EmailStatus, Notification, User

PER_USER = 5
EVENTS_LOOKED_AT = 400


def _action(event: AssessmentEvent) -> str | None:
    for action in workflow.Action.values:
        try:
            if workflow.target_status(action, event.from_status) == event.to_status:
                return action
        except KeyError:
            continue
    return None


def seed() -> list[str]:
    """Create a few notifications per demo user where none exist yet; return lines to print."""
    if Notification.objects.filter(key__startswith="demo:").exists():
        return ["demo notifications: already there"]
    users = {u.pk: u for u in User.objects.filter(username__in=[d.username for d in DEMO_USERS])}
    counts = dict.fromkeys(users, 0)
    events = (
        AssessmentEvent.objects.filter(kind=AssessmentEvent.Kind.TRANSITION)
        .select_related("assessment__commune", "assessment__year")
        .order_by("-at", "-pk")[:EVENTS_LOOKED_AT]
    )
    made = []
    with translation.override(settings.LANGUAGE_CODE), transaction.atomic():
        for event in events:
            action = _action(event)
            if action is None:
                continue
            for message in transition_messages(assessment=event.assessment, action=action, comment=event.comment):
                title, body = message.render()
                for user in message.users:
                    if user.pk not in counts or counts[user.pk] >= PER_USER or user.pk == event.actor_id:
                        continue
                    counts[user.pk] += 1
                    made.append(
                        Notification(
                            user=user,
                            kind=message.kind,
                            title=title,
                            body=body,
                            link=message.link,
                            key=f"demo:{event.pk}:{message.kind}",
                            created_at=event.at,
                            # The older ones read already: the list shows both.
                            read_at=event.at if counts[user.pk] > 2 else None,
                            email_status=EmailStatus.SKIPPED,
                            email_error=_("Dữ liệu mẫu: không gửi thư."),
                        )
                    )
            if all(n >= PER_USER for n in counts.values()):
                break
        Notification.objects.bulk_create(made)
    return [f"demo notifications: {len(made)} for {sum(1 for n in counts.values() if n)} demo users"]
