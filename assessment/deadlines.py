"""Which assessments are late, and which queue bucket each one belongs to: plain rules over plain data."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models import Status


class Bucket(models.TextChoices):
    WAITING = "waiting", _("Chờ thẩm định")
    RETURNED = "returned", _("Đã trả lại")
    APPROVED = "approved", _("Đã duyệt")
    DRAFT = "draft", _("Chưa nộp")
    LATE = "late", _("Quá hạn")


_BUCKET_OF = {
    Status.DRAFT: Bucket.DRAFT,
    Status.SUBMITTED: Bucket.WAITING,
    Status.RETURNED: Bucket.RETURNED,
    Status.DISTRICT_APPROVED: Bucket.APPROVED,
    Status.FINALIZED: Bucket.APPROVED,
}


def bucket(status: str) -> Bucket:
    """The queue bucket of an assessment in ``status`` (lateness is a separate, overlapping flag)."""
    return _BUCKET_OF[status]


def is_late(status: str, *, today: date, self_deadline: date | None, review_deadline: date | None) -> bool:
    """Never submitted after the self-assessment deadline, or not approved after the review deadline
    (a returned assessment counts against the review deadline: the round trip must end by then)."""
    if status == Status.DRAFT:
        return self_deadline is not None and today > self_deadline
    if status in (Status.SUBMITTED, Status.RETURNED):
        return review_deadline is not None and today > review_deadline
    return False
