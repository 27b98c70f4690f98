"""Deadline reminders: a few days before each deadline, the people with work still to do get one
notice (an email and a banner in the portal), and never the same notice twice."""

import logging
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.conf import settings
from django.core.mail import send_mail
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef, QuerySet
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from assessment.models import Assessment, AssessmentYear, Status
from communes.models import NEW_MAP_FIRST_DAY, Role, User, year_day
from reports.models import DeadlineKind, JobStatus, ReminderNotice, ReportJob, ReportKind
from reports.targets import annual_report_due, half_year_report_due

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class Deadline:
    kind: str
    year: int
    due: date  # the last day
    has_district_level: bool = True  # the year's review is the district's (else the province reviewers')


def _assessment_deadlines(year: AssessmentYear) -> list[Deadline]:
    found = []
    if year.self_deadline:
        found.append(Deadline(DeadlineKind.SELF_ASSESSMENT, year.year, year.self_deadline, year.has_district_level))
    if year.review_deadline:
        found.append(Deadline(DeadlineKind.REVIEW, year.year, year.review_deadline, year.has_district_level))
    return found


def _report_deadlines(today: date) -> list[Deadline]:
    """The district reports of last year and this one, for the years that have a district level (a
    year not opened yet has one if it ended before the reorganisation)."""
    numbers = (today.year - 1, today.year)
    known = dict(AssessmentYear.objects.filter(year__in=numbers).values_list("year", "has_district_level"))
    return [
        d
        for y in numbers
        if known.get(y, year_day(y) < NEW_MAP_FIRST_DAY)
        for d in (
            Deadline(DeadlineKind.DISTRICT_HALF_YEAR, y, half_year_report_due(y)),
            Deadline(DeadlineKind.DISTRICT_ANNUAL, y, annual_report_due(y)),
        )
    ]


def due_soon(deadlines: Iterable[Deadline], today: date, days_before: int) -> list[Deadline]:
    """The deadlines whose last day is today or within ``days_before`` days."""
    return [d for d in deadlines if 0 <= (d.due - today).days <= days_before]


def recipients(deadline: Deadline) -> QuerySet[User]:
    """Who still has work for ``deadline``: commune staff with a draft or returned assessment,
    reviewers with a waiting queue, reviewers of a district that has not built its report."""
    users = User.objects.filter(is_active=True)
    if deadline.kind == DeadlineKind.SELF_ASSESSMENT:
        return users.filter(
            role=Role.COMMUNE_STAFF,
            commune__assessments__year__year=deadline.year,
            commune__assessments__status__in=[Status.DRAFT, Status.RETURNED],
        ).distinct()
    if deadline.kind == DeadlineKind.REVIEW and not deadline.has_district_level:
        return province_reviewers_waited_for(deadline.year)
    if deadline.kind == DeadlineKind.REVIEW:
        return users.filter(
            role=Role.DISTRICT_REVIEWER,
            district__communes__assessments__year__year=deadline.year,
            district__communes__assessments__status=Status.SUBMITTED,
        ).distinct()
    kind = {
        DeadlineKind.DISTRICT_HALF_YEAR: ReportKind.DISTRICT_HALF_YEAR_PDF,
        DeadlineKind.DISTRICT_ANNUAL: ReportKind.DISTRICT_ANNUAL_PDF,
    }[deadline.kind]
    built = ReportJob.objects.filter(kind=kind, year=deadline.year, status=JobStatus.SUCCEEDED).values("district_id")
    return users.filter(role=Role.DISTRICT_REVIEWER, district__isnull=False).exclude(district_id__in=built)


def province_reviewers_waited_for(year: int) -> QuerySet[User]:
    """A year without districts: the province reviewers with a submission waiting in their queue,
    each commune's assigned reviewers, or for a commune assigned to nobody the reviewers without a
    list (they review every commune of the province), as ``reviews_commune`` decides."""
    waiting = Assessment.objects.filter(year__year=year, status=Status.SUBMITTED)
    reviewers = User.objects.filter(is_active=True, role=Role.PROVINCE_REVIEWER)
    links = User.review_communes.through.objects.filter(user__in=reviewers)
    own = Exists(links.filter(user_id=OuterRef("pk"), commune__in=waiting.values("commune_id")))
    has_list = Exists(links.filter(user_id=OuterRef("pk")))
    unassigned = waiting.exclude(commune__in=links.values("commune_id"))
    free = Exists(unassigned.filter(commune__province_id=OuterRef("province_id")))
    return reviewers.filter(own | (~has_list & free))


def notice_text(deadline: Deadline, today: date) -> str:
    """The sentence of the notice, in Vietnamese (the portal's language)."""
    days = (deadline.due - today).days
    when = _("hôm nay là ngày cuối") if days == 0 else _("còn %(days)s ngày") % {"days": days}
    values = {"year": deadline.year, "date": deadline.due.strftime("%d/%m/%Y"), "when": when}
    texts = (
        {
            DeadlineKind.SELF_ASSESSMENT: _(
                "Hạn xã tự chấm điểm năm %(year)s: %(date)s (%(when)s). Bản đánh giá của "
                "xã chưa nộp lên huyện: hãy hoàn thành và nộp."
            ),
            DeadlineKind.REVIEW: _(
                "Hạn huyện thẩm định năm %(year)s: %(date)s (%(when)s). Còn bản đánh giá đang chờ huyện thẩm định."
            ),
        }
        if deadline.has_district_level
        else {
            DeadlineKind.SELF_ASSESSMENT: _(
                "Hạn xã tự chấm điểm năm %(year)s: %(date)s (%(when)s). Bản đánh giá của "
                "xã chưa nộp để thẩm định: hãy hoàn thành và nộp."
            ),
            DeadlineKind.REVIEW: _(
                "Hạn thẩm định năm %(year)s: %(date)s (%(when)s). Còn bản đánh giá của xã đang chờ bạn thẩm định."
            ),
        }
    )
    texts |= {
        DeadlineKind.DISTRICT_HALF_YEAR: _(
            "Hạn gửi Sở Nội vụ báo cáo 6 tháng năm %(year)s: %(date)s (%(when)s). Báo cáo được tạo ở mục “Báo cáo”."
        ),
        DeadlineKind.DISTRICT_ANNUAL: _(
            "Hạn gửi Sở Nội vụ báo cáo tổng kết năm %(year)s: %(date)s (%(when)s). Báo cáo được tạo ở mục “Báo cáo”."
        ),
    }
    return texts[deadline.kind] % values


def _notify(user: User, deadline: Deadline, text: str) -> ReminderNotice | None:
    """Record the notice (once per user, year and deadline) and email it; None if already sent."""
    try:
        with transaction.atomic():
            notice, created = ReminderNotice.objects.get_or_create(
                user=user,
                year=deadline.year,
                deadline_kind=deadline.kind,
                defaults={"deadline": deadline.due, "text": text},
            )
    except IntegrityError:  # a concurrent run recorded it first
        return None
    if not created:
        return None
    if user.email:
        notice.emailed = _email(user, text)
        notice.save(update_fields=["emailed"])
    return notice


def _email(user: User, text: str) -> bool:
    try:
        send_mail(_("Nhắc hạn: đánh giá, xếp loại chính quyền cơ sở"), text, settings.DEFAULT_FROM_EMAIL, [user.email])
    except Exception:  # the banner still shows; a broken mail server must not stop the others
        logger.exception("reminder email to %s failed", user.pk)
        return False
    return True


def deadline_reminders_send(*, today: date, days_before: int | None = None) -> list[ReminderNotice]:
    """Send every notice due ``today``: N days (settings.REMINDER_DAYS_BEFORE) before each deadline."""
    days = settings.REMINDER_DAYS_BEFORE if days_before is None else days_before
    years = AssessmentYear.objects.filter(is_locked=False)
    deadlines = [d for y in years for d in _assessment_deadlines(y)] + _report_deadlines(today)
    sent = []
    with translation.override(settings.LANGUAGE_CODE):
        for deadline in due_soon(deadlines, today, days):
            text = notice_text(deadline, today)
            already = ReminderNotice.objects.filter(year=deadline.year, deadline_kind=deadline.kind)
            for user in recipients(deadline).exclude(pk__in=already.values("user_id")):
                notice = _notify(user, deadline, text)
                if notice:
                    sent.append(notice)
    return sent


def reminder_dismiss(*, notice: ReminderNotice) -> ReminderNotice:
    """Mark a notice read: its banner goes away."""
    if notice.read_at is None:
        notice.read_at = timezone.now()
        notice.save(update_fields=["read_at"])
    return notice
