"""Reads for score entry, assessment years, criteria sets and the commune panel (with the results
of a merged commune's predecessors)."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import Count, Prefetch, Q, QuerySet, prefetch_related_objects
from django.http import Http404
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assessment.classification import ClassificationResult, ThresholdRule, classify
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    ComponentItem,
    CriteriaSet,
    Criterion,
    CriterionScore,
    Evidence,
    ItemScore,
    Status,
    Threshold,
)
from assessment.workflow import EDITABLE_BY_COMMUNE
from communes.models import Commune, Succession, User, year_day
from communes.permissions import get_in_scope_or_404

ZERO = Decimal("0")
TIMELINE_LIMIT = 50


def year_or_404(year: int | str) -> AssessmentYear:
    """Assessment year ``year`` (with its criteria set and who locked it), or 404 with the reason."""
    try:
        return AssessmentYear.objects.select_related("criteria_set", "locked_by").get(year=int(year))
    except (ValueError, AssessmentYear.DoesNotExist):
        raise Http404(_("Không có năm đánh giá này.")) from None


def current_score(score: CriterionScore, status: str) -> Decimal | None:
    """The score that counts now: self while the commune edits, district under review, final after.

    Falls back to the earlier stage while a later one is still empty (the district's score is
    prefilled with the self score; the final score is the district's once approved).
    """
    if status in EDITABLE_BY_COMMUNE:
        return score.self_score
    if status == Status.SUBMITTED:
        return _first(score.district_score, score.self_score)
    return _first(score.final_score, score.district_score, score.self_score)


def _first(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def threshold_rules(criteria_set: CriteriaSet) -> list[ThresholdRule]:
    """The set's thresholds as plain rules for :func:`classify` (uses prefetched rows)."""
    return [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]


def classification_of(
    assessment: Assessment,
    scores: Mapping[int, Decimal | None],
    max_total: Decimal,
    rules: list[ThresholdRule] | None = None,
) -> ClassificationResult:
    """The one place the classification's inputs are assembled: ``scores`` (criterion number -> points)
    under the assessment's criteria set (or ``rules`` already read from it), with the year's criticisms
    and reminders as violations (prefetched thresholds and decisions are used when present)."""
    criteria_set = assessment.year.criteria_set
    return classify(
        scores,
        threshold_rules(criteria_set) if rules is None else rules,
        max_total=max_total,
        tsvm_min_class=criteria_set.tsvm_min_class,
        tsvm_min_each=criteria_set.tsvm_min_each,
        has_violation=bool(assessment.decisions.all()),
    )


def assessment_current_classification(
    assessment: Assessment, scores: list[CriterionScore] | None = None
) -> ClassificationResult:
    """The class the assessment's current scores give, with the reasons in words."""
    if scores is None:
        scores = list(assessment.scores.select_related("criterion"))
    current = {s.criterion.number: current_score(s, assessment.status) for s in scores}
    return classification_of(assessment, current, sum((s.criterion.max_points for s in scores), ZERO))


def assessment_for_user_or_404(user: User, year: int, code: str) -> Assessment:
    """The assessment of commune ``code`` in ``year`` within the user's scope, else 404."""
    queryset = Assessment.objects.select_related("commune__district", "commune__province", "year__criteria_set")
    return get_in_scope_or_404(user, queryset, year__year=year, commune__code=code)


def latest_assessment(commune: Commune) -> Assessment | None:
    """The commune's assessment of the latest year it has one."""
    return Assessment.objects.filter(commune=commune).select_related("year", "commune").order_by("-year__year").first()


def score_rows(assessment: Assessment) -> list[CriterionScore]:
    """The assessment's scores in criterion order, with criterion, last editor and evidence files."""
    evidence = Evidence.objects.select_related("requirement__item").order_by("uploaded_at")
    scores = list(
        assessment.scores.select_related("criterion", "updated_by")
        .order_by("criterion__number")
        .prefetch_related(Prefetch("evidence", queryset=evidence))
    )
    return prefetch_items(scores)


def prefetch_items(scores: list[CriterionScore]) -> list[CriterionScore]:
    """Load each score's component items (in order, with their evidence requirements) and, when any
    criterion has items, the item scores: two queries for a set without items, four with."""
    items = ComponentItem.objects.order_by("order", "pk").prefetch_related("requirements")
    prefetch_related_objects(scores, Prefetch("criterion__items", queryset=items))
    if any(s.criterion.items.all() for s in scores):
        item_scores = ItemScore.objects.select_related("updated_by", "item").order_by("item__order", "item_id")
        prefetch_related_objects(scores, Prefetch("item_scores", queryset=item_scores))
    else:
        for score in scores:  # no criterion has items: nothing to ask the database
            score.__dict__.setdefault("_prefetched_objects_cache", {})["item_scores"] = _no_item_scores()
    return scores


def _no_item_scores() -> QuerySet[ItemScore]:
    """An empty, already evaluated queryset, as a prefetch leaves it: reading it compiles no SQL
    (a bare ``none()`` is compiled on its first read, about 0.3 ms for each of the page's rows)."""
    empty = ItemScore.objects.none()
    empty._result_cache, empty._prefetch_done = [], True
    return empty


def prefetch_for_page(assessment: Assessment) -> Assessment:
    """Load the thresholds and decisions the classification reads, in two queries."""
    prefetch_related_objects([assessment], "decisions", "year__criteria_set__thresholds")
    return assessment


def assessment_events(assessment: Assessment, limit: int | None = TIMELINE_LIMIT) -> QuerySet[AssessmentEvent]:
    """The assessment's history, newest first (the last ``limit`` events when given)."""
    events = assessment.events.select_related("actor", "criterion").order_by("-at", "-pk")
    return events[:limit] if limit else events


def years_with_counts() -> QuerySet[AssessmentYear]:
    """Every assessment year with its criteria set and how many assessments it has per status."""
    counts = {f"n_{s.value}": Count("assessments", filter=_status_q(s.value)) for s in Status}
    return (
        AssessmentYear.objects.select_related("criteria_set")
        .annotate(n_assessments=Count("assessments"), **counts)
        .order_by("-year")
    )


def _status_q(status: str) -> Q:
    return Q(assessments__status=status)


def criteria_sets_with_rules() -> QuerySet[CriteriaSet]:
    """Criteria sets with their criteria (in order, with their component items and the evidence each
    requires), thresholds (best first) and years."""
    items = ComponentItem.objects.order_by("order", "pk").prefetch_related("requirements")
    criteria = Criterion.objects.order_by("number").prefetch_related(Prefetch("items", queryset=items))
    return CriteriaSet.objects.prefetch_related(
        Prefetch("criteria", queryset=criteria),
        Prefetch("thresholds", queryset=Threshold.objects.order_by("-min_total")),
        Prefetch("years", queryset=AssessmentYear.objects.order_by("-year")),
    )


def criteria_sets() -> QuerySet[CriteriaSet]:
    """Every criteria set with its number of criteria and years."""
    return CriteriaSet.objects.annotate(
        n_criteria=Count("criteria", distinct=True), n_years=Count("years", distinct=True)
    ).order_by("-year_from")


def commune_assessments(commune: Commune) -> list[Assessment]:
    """Every year's assessment of ``commune``, newest first, with what the panel shows."""
    scores = CriterionScore.objects.select_related("criterion")
    return list(
        Assessment.objects.filter(commune=commune)
        .select_related("year__criteria_set")
        .prefetch_related(Prefetch("scores", queryset=scores), "decisions", "year__criteria_set__thresholds")
        .order_by("-year__year")
    )


# --- before the merger: a commune's predecessors -------------------------------------------------


def stood_in(commune: Commune, year: int) -> bool:
    """True when ``commune`` is the unit assessed in ``year`` (it stood on the year's last day)."""
    return commune.is_valid_on(year_day(year))


def predecessors_by_successor(successor_ids: list[int]) -> dict[int, list[Commune]]:
    """Each commune's predecessors (in code order), for the communes in ``successor_ids``: one query.

    One step back only: the communes merged on 01/07/2025 are the only predecessors the maps hold.
    """
    rows = (
        Succession.objects.filter(successor_id__in=successor_ids)
        .select_related("predecessor")
        .order_by("predecessor__code")
    )
    result: dict[int, list[Commune]] = defaultdict(list)
    for row in rows:
        result[row.successor_id].append(row.predecessor)
    return result


@dataclass(frozen=True)
class PredecessorYear:
    """One year before a merger: the predecessors' assessments, in code order."""

    year: int
    assessments: list[Assessment]


def predecessor_years(commune: Commune) -> list[PredecessorYear]:
    """The results of the communes merged into ``commune`` for the years before it stood, newest
    first (one query). They stay on the old units; the commune's page shows them, named."""
    if commune.valid_from is None:
        return []
    rows = (
        Assessment.objects.filter(commune__successions_out__successor=commune, year__year__lt=commune.valid_from.year)
        .select_related("commune", "year__criteria_set")
        .order_by("-year__year", "commune__code")
    )
    by_year: dict[int, list[Assessment]] = defaultdict(list)
    for assessment in rows:
        by_year[assessment.year.year].append(assessment)
    return [PredecessorYear(year, assessments) for year, assessments in by_year.items()]


def read_only_reason(assessment: Assessment, user: User) -> str:
    """Why this user sees the score page read-only, in words ("" when they may edit)."""
    year = assessment.year
    if year.is_locked:
        return _("Năm đánh giá %(year)s đã khóa sổ, không ai được thay đổi.") % {"year": year.year}
    if not (user.is_superuser or user.is_commune_staff):
        return _("Bạn đang xem bảng tự chấm của xã; chỉ cán bộ xã được sửa điểm.")
    return status_reason(assessment)


def status_reason(assessment: Assessment) -> str:
    """What the assessment's status means for the commune, with the date it happened."""
    when = {
        Status.SUBMITTED: assessment.submitted_at,
        Status.DISTRICT_APPROVED: assessment.approved_at,
        Status.FINALIZED: assessment.finalized_at,
    }.get(assessment.status)
    if assessment.year.has_district_level:
        texts = {
            Status.SUBMITTED: _("Đã nộp ngày %(date)s, đang chờ huyện thẩm định."),
            Status.DISTRICT_APPROVED: _("Huyện đã duyệt ngày %(date)s, đang chờ tỉnh công nhận."),
        }
    else:
        texts = {
            Status.SUBMITTED: _("Đã nộp ngày %(date)s, đang chờ Sở Nội vụ thẩm định."),
            Status.DISTRICT_APPROVED: _("Sở Nội vụ đã thẩm định ngày %(date)s, đang chờ tỉnh công nhận."),
        }
    texts[Status.FINALIZED] = _("Tỉnh đã công nhận kết quả ngày %(date)s.")
    text = texts.get(assessment.status)
    if text is None:
        return ""
    return text % {"date": _local_date(when)}


def _local_date(value: datetime | None) -> str:
    if value is None:
        return "–"
    return formats.date_format(timezone.localtime(value), "d/m/Y")
