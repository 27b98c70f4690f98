"""Deadline reminders: 7 days and 1 day before each deadline, the people with work still to do are
notified (under the bell and by email, ``communes.notifications``), and never the same reminder twice."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Exists, OuterRef, QuerySet
from django.urls import reverse
from django.utils.translation import gettext as _

from assessment.models import Assessment, AssessmentYear, Status
from communes.models import NEW_MAP_FIRST_DAY, Notification, NotificationKind, Role, User, year_day
from communes.notifications.services import notify
from reports.models import DeadlineKind, JobStatus, ReportJob, ReportKind
from reports.targets import annual_report_due, half_year_report_due


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


# The reminders: a week before each deadline and the day before (or on the day, if the daily run
# missed it), each once per user (the notification's key); the last window the day falls in counts.
WINDOWS = ((1, NotificationKind.DEADLINE_DAY), (7, NotificationKind.DEADLINE_WEEK))


def reminder_window(deadline: Deadline, today: date) -> tuple[int, str] | None:
    """(days, kind) of the reminder due ``today`` for ``deadline``, or None outside every window."""
    left = (deadline.due - today).days
    for days, kind in WINDOWS:
        if 0 <= left <= days:
            return days, kind
    return None


def reminder_key(deadline: Deadline, days: int) -> str:
    return f"deadline:{deadline.kind}:{deadline.year}:{days}"


def _link(deadline: Deadline, user: User) -> str:
    if deadline.kind == DeadlineKind.SELF_ASSESSMENT:
        return reverse("assessment:score-current")
    if deadline.kind == DeadlineKind.REVIEW:
        if user.role == Role.DISTRICT_REVIEWER and user.district_id:
            return reverse("assessment:review-queue", args=[user.district.code])
        return reverse("assessment:review-queue-province")
    return reverse("reports:job-list")


def _label(deadline: Deadline) -> str:
    """The deadline's name; a year without districts has no "huyện" in it."""
    if deadline.kind == DeadlineKind.REVIEW and not deadline.has_district_level:
        return _("Hạn thẩm định")
    return str(DeadlineKind(deadline.kind).label)


def deadline_reminders_send(*, today: date) -> list[Notification]:
    """Tell everyone who still has work for a deadline, 7 days and 1 day before it, each once."""
    years = AssessmentYear.objects.filter(is_locked=False)
    deadlines = [d for y in years for d in _assessment_deadlines(y)] + _report_deadlines(today)
    sent = []
    for deadline in deadlines:
        window = reminder_window(deadline, today)
        if window is None:
            continue
        days, kind = window
        key = reminder_key(deadline, days)

        def render(deadline: Deadline = deadline) -> tuple[str, str]:
            title = _("Nhắc hạn: %(deadline)s năm %(year)s") % {"deadline": _label(deadline), "year": deadline.year}
            return title, notice_text(deadline, today)

        told = Notification.objects.filter(key=key).values("user_id")
        for user in recipients(deadline).exclude(pk__in=told).select_related("district").order_by("pk"):
            sent += notify(recipients=[user], kind=kind, render=render, link=_link(deadline, user), key=key)
    return sent
