"""Who may move an assessment from which state to which: the workflow as data.

    draft --submit--> submitted --approve--> district_approved --confirm--> finalized
      ^                   |                        |                          |
      +-----return--------+ <------reopen----------+ <-------reopen-----------+

A returned assessment is a draft that carries the reviewer's comments.
"""

from dataclasses import dataclass

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models.assessment import Status
from communes.models import Role


class Action(models.TextChoices):
    SUBMIT = "submit", gettext_lazy("Nộp bản tự đánh giá")
    RETURN = "return", gettext_lazy("Trả lại xã")
    APPROVE = "approve", gettext_lazy("Duyệt")
    CONFIRM = "confirm", gettext_lazy("Công nhận kết quả")
    REOPEN = "reopen", gettext_lazy("Mở lại")


@dataclass(frozen=True)
class Transition:
    sources: frozenset[str]
    role: str
    comment_required: bool = False


TRANSITIONS: dict[str, Transition] = {
    Action.SUBMIT: Transition(frozenset({Status.DRAFT, Status.RETURNED}), Role.COMMUNE_STAFF),
    Action.RETURN: Transition(frozenset({Status.SUBMITTED}), Role.DISTRICT_REVIEWER, comment_required=True),
    Action.APPROVE: Transition(frozenset({Status.SUBMITTED}), Role.DISTRICT_REVIEWER),
    Action.CONFIRM: Transition(frozenset({Status.DISTRICT_APPROVED}), Role.PROVINCE_STAFF),
    Action.REOPEN: Transition(
        frozenset({Status.DISTRICT_APPROVED, Status.FINALIZED}), Role.PROVINCE_STAFF, comment_required=True
    ),
}

_TARGETS = {
    Action.SUBMIT: {Status.DRAFT: Status.SUBMITTED, Status.RETURNED: Status.SUBMITTED},
    Action.RETURN: {Status.SUBMITTED: Status.RETURNED},
    Action.APPROVE: {Status.SUBMITTED: Status.DISTRICT_APPROVED},
    Action.CONFIRM: {Status.DISTRICT_APPROVED: Status.FINALIZED},
    Action.REOPEN: {Status.DISTRICT_APPROVED: Status.SUBMITTED, Status.FINALIZED: Status.DISTRICT_APPROVED},
}

EDITABLE_BY_COMMUNE = frozenset({Status.DRAFT, Status.RETURNED})


def acting_roles(action: str, *, has_district_level: bool = True) -> frozenset[str]:
    """The roles that perform ``action``; without a district level, province reviewers and province
    staff review (which communes each may review is ``communes.permissions.reviews_commune``'s answer)."""
    role = TRANSITIONS[action].role
    if role == Role.DISTRICT_REVIEWER and not has_district_level:
        return frozenset({Role.PROVINCE_REVIEWER, Role.PROVINCE_STAFF})
    return frozenset({role})


def refusal(
    action: str,
    status: str,
    role: str,
    *,
    year_locked: bool = False,
    has_district_level: bool = True,
    comment: str = "",
) -> str | None:
    """Why ``role`` may not apply ``action`` to an assessment in ``status``; None when allowed."""
    transition = TRANSITIONS[action]
    if year_locked:
        return _("Năm đánh giá đã khóa sổ, không ai được thay đổi.")
    if role not in acting_roles(action, has_district_level=has_district_level):
        return _("Vai trò của bạn không được thực hiện thao tác này.")
    if status not in transition.sources:
        return _("Không thể “%(action)s” khi bản đánh giá đang ở trạng thái “%(status)s”.") % {
            "action": Action(action).label,
            "status": Status(status).label,
        }
    if transition.comment_required and not comment.strip():
        return _("Cần ghi rõ lý do.")
    return None


def target_status(action: str, status: str) -> str:
    return _TARGETS[action][status]
