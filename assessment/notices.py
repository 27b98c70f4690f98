"""Who is told of each workflow transition, and what: the recipients come from the scope policy
(``communes.permissions``: the commune's staff, its reviewers in that year, its province's staff),
never the actor; the notifications are made after the transition commits
(``communes.notifications.services``), so telling people never blocks or undoes it."""

from collections.abc import Callable
from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from assessment import workflow
from assessment.models import Assessment
from communes.models import NotificationKind, User
from communes.notifications.services import after_commit, notify
from communes.permissions import governors_of_commune, reviewers_of_commune, staff_of_commune


def transition_notify(*, assessment: Assessment, action: str, actor: User, comment: str = "") -> None:
    """Tell the people the transition ``action`` (just applied to ``assessment``) concerns, once the
    transaction commits."""

    def send() -> None:
        for message in transition_messages(assessment=assessment, action=action, comment=comment):
            notify(
                recipients=[u for u in message.users if u.pk != actor.pk],
                kind=message.kind,
                render=message.render,
                link=message.link,
            )

    after_commit(send)


@dataclass(frozen=True)
class Message:
    users: list[User]
    kind: str
    render: Callable[[], tuple[str, str]]  # (title, body) in the active language
    link: str


def transition_messages(*, assessment: Assessment, action: str, comment: str = "") -> list[Message]:
    """Who is told of ``action`` on ``assessment`` and what (the actor is left out by the caller)."""
    commune, year = assessment.commune, assessment.year
    has_district_level = year.has_district_level
    values = {
        "commune": commune.name,
        "year": year.year,
        "comment": (comment or "").strip(),
        "total": "" if assessment.final_total is None else format(assessment.final_total.normalize(), "f"),
    }
    args = [year.year, commune.code]
    detail = reverse("assessment:assessment-detail", args=args)
    staff = staff_of_commune(commune)
    if action == workflow.Action.SUBMIT:

        def submitted() -> tuple[str, str]:
            return (
                _("%(commune)s đã nộp bản tự đánh giá năm %(year)s") % values,
                _("Bản tự đánh giá đang chờ bạn thẩm định."),
            )

        reviewers = reviewers_of_commune(commune, has_district_level=has_district_level)
        return [Message(reviewers, NotificationKind.SUBMITTED, submitted, reverse("assessment:review", args=args))]
    if action == workflow.Action.RETURN:

        def returned() -> tuple[str, str]:
            return (
                _("Bản đánh giá năm %(year)s của %(commune)s bị trả lại") % values,
                _("Ý kiến của người thẩm định: %(comment)s") % values,
            )

        return [Message(staff, NotificationKind.RETURNED, returned, reverse("assessment:score-edit", args=args))]
    if action == workflow.Action.APPROVE:

        def approved() -> tuple[str, str]:
            return (
                _("Bản đánh giá năm %(year)s của %(commune)s đã được duyệt") % values,
                _("Tổng điểm sau thẩm định: %(total)s. Kết quả chờ Sở Nội vụ công nhận.") % values,
            )

        confirm = reverse("assessment:confirm", args=args)
        return [
            Message(staff, NotificationKind.APPROVED, approved, detail),
            Message(governors_of_commune(commune), NotificationKind.APPROVED, approved, confirm),
        ]
    if action == workflow.Action.CONFIRM:

        def confirmed() -> tuple[str, str]:
            return _("Kết quả năm %(year)s của %(commune)s đã được công nhận") % values, values["comment"]

        users = staff + reviewers_of_commune(commune, has_district_level=has_district_level)
        return [Message(users, NotificationKind.CONFIRMED, confirmed, detail)]
    if action == workflow.Action.REOPEN:

        def reopened() -> tuple[str, str]:
            return (
                _("Kết quả năm %(year)s của %(commune)s được mở lại") % values,
                _("Lý do: %(comment)s") % values,
            )

        users = staff + reviewers_of_commune(commune, has_district_level=has_district_level)
        return [Message(users, NotificationKind.REOPENED, reopened, detail)]
    return []
