"""Reads for the district review, the province confirmation and the assessment detail page."""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from django.core.paginator import Page, Paginator
from django.db.models import Count, OuterRef, Prefetch, QuerySet, Subquery, Sum, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from assessment import deadlines
from assessment.classification import ClassificationResult
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    CriterionScore,
    Evidence,
    ProvinceDecision,
    Status,
)
from assessment.selectors.assessments import classification_of, prefetch_items, year_or_404
from communes.models import District, Role, User
from communes.permissions import filter_by_scope, get_in_scope_or_404

ZERO = Decimal("0")


def assessment_classification(assessment: Assessment, *, field: str = "final_score") -> ClassificationResult:
    """The class the assessment's ``field`` scores give under its criteria set's thresholds, with the
    year's criticisms and reminders counted as violations (uses prefetched rows when present)."""
    scores = list(assessment.scores.all())
    max_total = sum((s.criterion.max_points for s in scores), ZERO)
    return classification_of(assessment, {s.criterion.number: getattr(s, field) for s in scores}, max_total)


def return_comments(assessment: Assessment) -> dict[int, str]:
    """The district's comment on each criterion it returned (criterion id -> text), while the
    assessment is back with the commune; empty otherwise."""
    if assessment.status != Status.RETURNED:
        return {}
    rows = assessment.scores.exclude(district_comment="").values_list("criterion_id", "district_comment")
    return dict(rows)


def last_return(assessment: Assessment) -> AssessmentEvent | None:
    """The district's latest return of this assessment (its overall comment), if any."""
    return (
        assessment.events.filter(kind=AssessmentEvent.Kind.TRANSITION, to_status=Status.RETURNED)
        .select_related("actor")
        .first()
    )


def year_or_latest(number: str | int | None, *, has_district_level: bool | None = None) -> AssessmentYear | None:
    """The year asked for (404 when it does not exist), else the latest year; None when no year exists.

    ``has_district_level`` keeps only the years with (True) or without (False) a district level."""
    years = AssessmentYear.objects.select_related("criteria_set")
    if has_district_level is not None:
        years = years.filter(has_district_level=has_district_level)
    if number in (None, ""):
        return years.first()
    found = year_or_404(number)
    if has_district_level is not None and found.has_district_level != has_district_level:
        raise Http404(_("Không có năm đánh giá này."))
    return found


def assessment_in_scope(user: User, code: str, year: int, *, with_history: bool = False) -> Assessment:
    """The assessment of commune ``code`` in ``year`` if the user's scope covers it, else 404.

    A code names one unit in a year (one assessment per unit and year), so year and code find it;
    ``with_history`` lets read-only pages open the assessments of the user's predecessors."""
    queryset = Assessment.objects.select_related(
        "commune__district", "commune__province", "year__criteria_set", "year__locked_by"
    )
    return get_in_scope_or_404(user, queryset, commune__code=code, year__year=year, with_history=with_history)


@dataclass
class QueueRow:
    assessment: Assessment
    self_total: Decimal | None
    bucket: str
    late: bool
    group_id: int | None = None  # years without districts: the reviewer the commune is assigned to


def reviewer_group_key(commune_ref: str = "commune_id") -> Subquery:
    """The reviewer group of the row's commune (reached by ``commune_ref``): the first active province
    reviewer, by account, whose list names the commune; NULL when none does ("chưa phân công")."""
    links = User.review_communes.through.objects.filter(
        commune_id=OuterRef(commune_ref), user__role=Role.PROVINCE_REVIEWER, user__is_active=True
    )
    return Subquery(links.order_by("user_id").values("user_id")[:1])


def _queue_rows(queryset: QuerySet[Assessment], year: AssessmentYear, today: date) -> list[QueueRow]:
    queryset = (
        queryset.select_related("commune").annotate(self_total=Sum("scores__self_score")).order_by("commune__code")
    )
    return [
        QueueRow(
            a,
            a.self_total,
            deadlines.bucket(a.status),
            deadlines.is_late(
                a.status, today=today, self_deadline=year.self_deadline, review_deadline=year.review_deadline
            ),
            getattr(a, "group_id", None),
        )
        for a in queryset
    ]


def review_queue(*, district: District, year: AssessmentYear, today: date) -> list[QueueRow]:
    """Every assessment of the district's communes in ``year``, with its bucket and lateness."""
    return _queue_rows(Assessment.objects.filter(year=year, commune__district=district), year, today)


def province_review_queue(*, user: User, year: AssessmentYear, today: date) -> list[QueueRow]:
    """Every assessment of ``year`` whose commune ``user`` reviews in a year without districts (a
    province reviewer's assigned communes, or all of the province; province staff: all), each with
    its reviewer group, bucket and lateness."""
    queryset = filter_by_scope(user, Assessment.objects.filter(year=year)).annotate(group_id=reviewer_group_key())
    return _queue_rows(queryset, year, today)


@dataclass(frozen=True)
class ReviewerGroup:
    """The communes assigned to one province reviewer (``pk`` is the reviewer's), or the unassigned."""

    pk: int | None
    name: str
    code: str = ""


UNASSIGNED = "chua-phan-cong"


def reviewer_groups(keys: Iterable[int | None]) -> list[ReviewerGroup]:
    """The groups of ``keys`` (reviewer ids, None for unassigned communes) by name, unassigned last."""
    keys = set(keys)
    users = User.objects.filter(pk__in=[k for k in keys if k is not None])
    groups = sorted(
        (ReviewerGroup(u.pk, u.get_full_name() or u.username, u.username) for u in users), key=lambda g: g.name
    )
    if None in keys:
        groups.append(ReviewerGroup(None, str(_("Chưa phân công")), UNASSIGNED))
    return groups


def filter_group(rows: list[QueueRow], wanted: str) -> list[QueueRow]:
    """The rows of reviewer group ``wanted`` (a reviewer id, or UNASSIGNED); all rows otherwise."""
    if wanted == UNASSIGNED:
        return [r for r in rows if r.group_id is None]
    if wanted.isdigit():
        return [r for r in rows if r.group_id == int(wanted)]
    return rows


def queue_counts(rows: list[QueueRow]) -> dict[str, int]:
    """How many rows fall in each bucket, plus the late ones and the total."""
    counts = {b.value: 0 for b in deadlines.Bucket}
    for row in rows:
        counts[row.bucket] += 1
        counts[deadlines.Bucket.LATE] += row.late
    counts["all"] = len(rows)
    return counts


def filter_queue(rows: list[QueueRow], wanted: str) -> list[QueueRow]:
    if wanted == deadlines.Bucket.LATE:
        return [r for r in rows if r.late]
    if wanted in deadlines.Bucket.values:
        return [r for r in rows if r.bucket == wanted]
    return rows


def prefetch_for_detail(assessment: Assessment) -> Assessment:
    """Load the scores with criteria and evidence, the decisions and the thresholds in a few queries."""
    scores = (
        CriterionScore.objects.select_related("criterion")
        .order_by("criterion__number")
        .prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("requirement__item").order_by("uploaded_at"))
        )
    )
    prefetch_related_objects(
        [assessment],
        Prefetch("scores", queryset=scores),
        Prefetch("decisions", queryset=ProvinceDecision.objects.select_related("recorded_by")),
        "year__criteria_set__thresholds",
    )
    prefetch_items(list(assessment.scores.all()))
    return assessment


def with_classification_data(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Prefetch what :func:`assessment_classification` reads, for a list of assessments."""
    return queryset.select_related("year__criteria_set").prefetch_related(
        Prefetch("scores", queryset=CriterionScore.objects.select_related("criterion").order_by("criterion__number")),
        "decisions",
        "year__criteria_set__thresholds",
    )


def timeline(assessment: Assessment, page_number: str | None) -> Page:
    """The assessment's history, newest first, one page at a time."""
    events = assessment.events.select_related("actor", "criterion").order_by("-at", "-pk")
    return Paginator(events, 50).get_page(page_number)


@dataclass
class ConfirmRow:
    assessment: Assessment
    result: ClassificationResult


def confirm_queryset(
    user: User, year: AssessmentYear, district: District | None, statuses: tuple[str, ...]
) -> QuerySet[Assessment]:
    """The year's assessments in ``statuses`` within the user's scope (and ``district`` if given)."""
    queryset = filter_by_scope(user, Assessment.objects.filter(year=year, status__in=statuses))
    if district is not None:
        queryset = queryset.filter(commune__district=district)
    return queryset.select_related("commune__district").order_by("commune__district__code", "commune__code")


def confirm_rows(assessments: list[Assessment]) -> list[ConfirmRow]:
    """Each assessment with the class its final scores give (prefetch with with_classification_data)."""
    return [ConfirmRow(a, assessment_classification(a)) for a in assessments]


def status_counts(user: User, year: AssessmentYear, district: District | None) -> dict[str, int]:
    """How many of the year's assessments in scope are in each status."""
    queryset = filter_by_scope(user, Assessment.objects.filter(year=year))
    if district is not None:
        queryset = queryset.filter(commune__district=district)
    counts = {s.value: 0 for s in Status}
    counts.update(dict(queryset.values_list("status").annotate(n=Count("pk")).order_by()))
    counts["all"] = sum(counts.values())
    return counts
