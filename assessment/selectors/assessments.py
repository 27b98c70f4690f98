"""Reads for score entry, assessment years, criteria sets and the commune panel (with the results
of a merged commune's predecessors)."""

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from django.db.models import (
    Count,
    Exists,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    prefetch_related_objects,
)
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
    ProvinceDecision,
    Status,
    Threshold,
)
from assessment.workflow import EDITABLE_BY_COMMUNE
from communes.models import Commune, Succession, User, year_day
from communes.permissions import get_in_scope_or_404

ZERO = Decimal("0")
# The score page shows the latest changes at a glance (a short card on a phone); "Xem tất cả" opens
# the whole history, 50 to a page.
TIMELINE_LIMIT = 15


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
    return stage_score(status, score.self_score, score.district_score, score.final_score)


def stage_score(
    status: str, self_score: Decimal | None, district_score: Decimal | None, final_score: Decimal | None
) -> Decimal | None:
    """:func:`current_score` from the three stages' values."""
    if status in EDITABLE_BY_COMMUNE:
        return self_score
    if status == Status.SUBMITTED:
        return _first(district_score, self_score)
    return _first(final_score, district_score, self_score)


def _first(*values: Decimal | None) -> Decimal | None:
    return next((v for v in values if v is not None), None)


def threshold_rules(criteria_set: CriteriaSet) -> list[ThresholdRule]:
    """The set's thresholds as plain rules for :func:`classify` (uses prefetched rows)."""
    return [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]


def with_decision_flag(queryset: QuerySet[Assessment]) -> QuerySet[Assessment]:
    """Assessments with whether the province recorded a criticism or a reminder (``has_decision``),
    in the same query: :func:`classification_of` reads it instead of loading the decisions."""
    return queryset.annotate(has_decision=Exists(ProvinceDecision.objects.filter(assessment=OuterRef("pk"))))


def _has_violation(assessment: Assessment) -> bool:
    if hasattr(assessment, "has_decision"):
        return assessment.has_decision
    return bool(assessment.decisions.all())


def classification_of(
    assessment: Assessment,
    scores: Mapping[int, Decimal | None],
    max_total: Decimal,
    rules: list[ThresholdRule] | None = None,
) -> ClassificationResult:
    """The one place the classification's inputs are assembled: ``scores`` (criterion number -> points)
    under the assessment's criteria set (or ``rules`` already read from it), with the year's criticisms
    and reminders as violations (prefetched thresholds and decisions are used when present, and the
    flag :func:`with_decision_flag` loaded instead of the decisions)."""
    criteria_set = assessment.year.criteria_set
    return classify(
        scores,
        threshold_rules(criteria_set) if rules is None else rules,
        max_total=max_total,
        tsvm_min_class=criteria_set.tsvm_min_class,
        tsvm_min_each=criteria_set.tsvm_min_each,
        has_violation=_has_violation(assessment),
    )


def assessment_current_classification(
    assessment: Assessment, scores: list[CriterionScore] | None = None
) -> ClassificationResult:
    """The class the assessment's current scores give, with the reasons in words (``scores``: the
    rows already loaded with their criteria; else read as plain values, no model built)."""
    if scores is not None:
        current = {s.criterion.number: current_score(s, assessment.status) for s in scores}
        return classification_of(assessment, current, sum((s.criterion.max_points for s in scores), ZERO))
    rows = assessment.scores.values_list(
        "criterion__number", "criterion__max_points", "self_score", "district_score", "final_score"
    )
    current, max_total = {}, ZERO
    for number, max_points, *stages in rows:
        current[number] = stage_score(assessment.status, *stages)
        max_total += max_points
    return classification_of(assessment, current, max_total)


def assessment_for_user_or_404(user: User, year: int, code: str) -> Assessment:
    """The assessment of commune ``code`` in ``year`` within the user's scope, else 404; with whether
    the province recorded a decision (:func:`with_decision_flag`) and whether its criteria set has
    component items (``has_items``: :func:`score_rows` asks for none when it has not)."""
    queryset = with_decision_flag(
        Assessment.objects.select_related("commune__district", "commune__province", "year__criteria_set")
    ).annotate(has_items=Exists(ComponentItem.objects.filter(criterion__criteria_set=OuterRef("year__criteria_set"))))
    return get_in_scope_or_404(user, queryset, year__year=year, commune__code=code)


def latest_assessment(commune: Commune) -> Assessment | None:
    """The commune's assessment of the latest year it has one."""
    return Assessment.objects.filter(commune=commune).select_related("year", "commune").order_by("-year__year").first()


def score_rows(assessment: Assessment) -> list[CriterionScore]:
    """The assessment's scores in criterion order, with criterion and evidence files (not the last
    editor: the page does not name them, and joining the user row doubled the time to read them)."""
    scores = list(assessment.scores.select_related("criterion").order_by("criterion__number"))
    _attach_evidence(scores)
    return prefetch_items(scores, has_items=getattr(assessment, "has_items", None))


def _attach_evidence(scores: list[CriterionScore]) -> None:
    """Each score's evidence files (oldest first, with the item requirement each satisfies) in one
    query, left as ``prefetch_related("evidence")`` leaves them, without its per-row querysets."""
    by_score: dict[int, list[Evidence]] = defaultdict(list)
    files = Evidence.objects.filter(score__in=scores).select_related("requirement__item").order_by("uploaded_at")
    for evidence in files:
        by_score[evidence.score_id].append(evidence)
    for score in scores:
        rows = by_score.get(score.pk)
        if not rows:
            _set_empty(score, "evidence", Evidence)
            continue
        for evidence in rows:
            evidence.score = score
        loaded = Evidence.objects.filter(score=score)  # what a derived queryset filters, as a prefetch's
        loaded._result_cache, loaded._prefetch_done = rows, True
        score.__dict__.setdefault("_prefetched_objects_cache", {})["evidence"] = loaded


def prefetch_items(scores: list[CriterionScore], *, has_items: bool | None = None) -> list[CriterionScore]:
    """Load each score's component items (in order, with their evidence requirements) and, when any
    criterion has items, the item scores: two queries for a set without items, four with; none when
    the caller knows the set has no items (``has_items=False``)."""
    if has_items is False:
        for score in scores:
            _set_empty(score.criterion, "items", ComponentItem)
            _set_empty(score, "item_scores", ItemScore)
        return scores
    items = ComponentItem.objects.order_by("order", "pk").prefetch_related("requirements")
    prefetch_related_objects(scores, Prefetch("criterion__items", queryset=items))
    if any(s.criterion.items.all() for s in scores):
        item_scores = ItemScore.objects.select_related("updated_by", "item").order_by("item__order", "item_id")
        prefetch_related_objects(scores, Prefetch("item_scores", queryset=item_scores))
    else:
        for score in scores:  # no criterion has items: nothing to ask the database
            _set_empty(score, "item_scores", ItemScore)
    return scores


def _set_empty(instance: object, relation: str, model: type) -> None:
    """Prefetch ``relation`` of ``instance`` as empty: an evaluated queryset, as a prefetch leaves it
    (a bare ``none()`` would still be compiled on its first read, about 0.3 ms for each row)."""
    empty = model.objects.none()
    empty._result_cache, empty._prefetch_done = [], True
    instance.__dict__.setdefault("_prefetched_objects_cache", {})[relation] = empty


def prefetch_for_page(assessment: Assessment) -> Assessment:
    """Load the thresholds and decisions the classification reads, in two queries (the thresholds
    alone when :func:`with_decision_flag` loaded the assessment)."""
    if hasattr(assessment, "has_decision"):
        prefetch_related_objects([assessment], "year__criteria_set__thresholds")
    else:
        prefetch_related_objects([assessment], "decisions", "year__criteria_set__thresholds")
    return assessment


# An event's own columns, and the only ones of its actor and criterion a timeline reads (the whole
# user row and criterion row doubled the time to read 50 events).
EVENT_FIELDS = tuple(f.name for f in AssessmentEvent._meta.concrete_fields)
EVENT_RELATED_FIELDS = ("actor__username", "actor__first_name", "actor__last_name", "criterion__number")


def assessment_events(assessment: Assessment, limit: int | None = TIMELINE_LIMIT) -> QuerySet[AssessmentEvent]:
    """The assessment's history, newest first (the last ``limit`` events when given), with what a
    timeline shows of each event's actor (the name) and criterion (the number)."""
    events = (
        assessment.events.select_related("actor", "criterion")
        .only(*EVENT_FIELDS, *EVENT_RELATED_FIELDS)
        .order_by("-at", "-pk")
    )
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
