"""Reads for the follow-ups page and the improvement plans: load rows, hand them to the pure rules.

A commune formed by the merger of 01/07/2025 has no results of its own for the years before; the
rules that look back (last year's criticism, the plan a year's results require, the last three years'
scores) read its predecessors' then, and ``assessment.followups`` says how several become one.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet, Window

from assessment import followups as rules
from assessment.evaluation import Evaluation, suggested_evaluation
from assessment.models import (
    Assessment,
    AssessmentYear,
    CriterionScore,
    ImprovementPlan,
    ImprovementPlanItem,
    ProvinceDecision,
    Status,
)
from assessment.models.criteria import CLASS_RANK, Classification
from assessment.selectors.assessments import predecessors_by_successor, stood_in
from communes.models import Commune, District, Succession, User, valid_on_q, year_day
from communes.permissions import communes_in_scope, filter_by_scope

Kind = ProvinceDecision.Kind


@dataclass
class FollowUpRow:
    assessment: Assessment
    result: rules.YearResult
    previous: rules.YearResult | None
    plan_reasons: list[str]
    chair_reviews: list[str]
    twice_criticised: bool
    plan: ImprovementPlan | None = None
    # Who files next year's plan: the commune, or its main successor when it is merged away by then.
    plan_commune: Commune | None = None

    @property
    def commune(self) -> Commune:
        return self.assessment.commune


@dataclass
class FollowUps:
    year: AssessmentYear
    next_year: AssessmentYear | None
    rows: list[FollowUpRow] = field(default_factory=list)

    @property
    def twice_criticised(self) -> list[FollowUpRow]:
        return [r for r in self.rows if r.twice_criticised]

    @property
    def need_plan(self) -> list[FollowUpRow]:
        return [r for r in self.rows if r.plan_reasons]

    @property
    def chairs(self) -> list[FollowUpRow]:
        return [r for r in self.rows if r.chair_reviews]

    @property
    def missing_plans(self) -> list[FollowUpRow]:
        return [r for r in self.need_plan if not (r.plan and r.plan.status == ImprovementPlan.Status.SUBMITTED)]

    @property
    def across_merger(self) -> bool:
        """True when some commune's year before is its predecessors' (the page then states the rule)."""
        return any(r.previous is not None and r.previous.parts for r in self.rows)


def _year_result(assessment: Assessment) -> rules.YearResult:
    kinds = {d.kind for d in assessment.decisions.all()}
    finalized = assessment.status == Status.FINALIZED
    return rules.YearResult(
        final_class=assessment.final_class if finalized else "",
        tsvm=assessment.tsvm and finalized,
        criticised=Kind.CRITICISM in kinds,
        reminded=Kind.REMINDER in kinds,
        scores={s.criterion.number: s.final_score for s in assessment.scores.all()} if finalized else {},
    )


def _assessments(user: User, year: AssessmentYear, district: District | None) -> QuerySet[Assessment]:
    queryset = filter_by_scope(user, Assessment.objects.filter(year=year), with_history=True)
    if district is not None:
        queryset = queryset.filter(commune__district=district)
    return (
        queryset.select_related("commune__district", "commune__province")
        .prefetch_related(Prefetch("scores", CriterionScore.objects.select_related("criterion")), "decisions")
        .order_by("commune__district__code", "commune__code")
    )


def _previous_results(user: User, year: AssessmentYear, rows: list[Assessment]) -> dict[int, rules.YearResult]:
    """Last year's criticisms and reminders per commune of ``rows``: all the two-years rule needs.

    A commune that did not stand last year gets its predecessors' (:func:`rules.across_merger`)."""
    decisions = filter_by_scope(
        user,
        ProvinceDecision.objects.filter(assessment__year__year=year.year - 1),
        "assessment__commune",
        with_history=True,
    )
    kinds: dict[int, set[str]] = defaultdict(set)
    for commune_id, kind in decisions.values_list("assessment__commune_id", "kind"):
        kinds[commune_id].add(kind)
    result = {c: _decisions_result(k) for c, k in kinds.items()}
    merged = [a.commune_id for a in rows if not stood_in(a.commune, year.year - 1)]
    for successor_id, predecessors in predecessors_by_successor(merged).items():
        result[successor_id] = rules.across_merger(
            [_decisions_result(kinds.get(p.pk, set()), unit=p.name) for p in predecessors]
        )
    return result


def _decisions_result(kinds: set[str], unit: str = "") -> rules.YearResult:
    return rules.YearResult(criticised=Kind.CRITICISM in kinds, reminded=Kind.REMINDER in kinds, unit=unit)


def followups(user: User, year: AssessmentYear, district: District | None = None) -> FollowUps:
    """The year's follow-ups for the communes in the user's scope (optionally one district)."""
    next_year = AssessmentYear.objects.filter(year=year.year + 1).first()
    assessments = list(_assessments(user, year, district))
    previous = _previous_results(user, year, assessments)
    filers = _plan_filers(assessments, next_year)
    plans = _filed_plans(next_year, [c.pk for c in filers.values()])
    min_each = year.criteria_set.tsvm_min_each
    result = FollowUps(year, next_year)
    for assessment in assessments:
        current, before = _year_result(assessment), previous.get(assessment.commune_id)
        filer = filers[assessment.commune_id]
        result.rows.append(
            FollowUpRow(
                assessment,
                current,
                before,
                rules.plan_reasons(current, min_each=min_each),
                rules.chair_reviews(current, before),
                rules.criticised_two_years(current, before),
                plans.get(filer.pk),
                filer,
            )
        )
    return result


def _plan_filers(assessments: list[Assessment], next_year: AssessmentYear | None) -> dict[int, Commune]:
    """Who files next year's plan for each assessed commune: itself, or its main successor when it is
    merged away by ``next_year``."""
    filers = {a.commune_id: a.commune for a in assessments}
    gone = [a.commune_id for a in assessments if next_year and not stood_in(a.commune, next_year.year)]
    if gone:
        rows = Succession.objects.filter(predecessor_id__in=gone, is_main=True).select_related("successor")
        filers |= {row.predecessor_id: row.successor for row in rows}
    return filers


def _filed_plans(year: AssessmentYear | None, commune_ids: list[int]) -> dict[int, ImprovementPlan]:
    """The ``year`` plans of these communes (the filers of rows already in the user's scope)."""
    if year is None:
        return {}
    return {p.commune_id: p for p in ImprovementPlan.objects.filter(year=year, commune_id__in=commune_ids)}


def plans_by_commune(user: User, year: AssessmentYear | None) -> dict[int, ImprovementPlan]:
    """The year's improvement plans in the user's scope, by commune id."""
    if year is None:
        return {}
    return {
        p.commune_id: p for p in filter_by_scope(user, ImprovementPlan.objects.filter(year=year), with_history=True)
    }


def evaluation_summary(rows: list[FollowUpRow], year: AssessmentYear) -> list[dict]:
    """Per criterion: how many confirmed communes' scores suggest each evaluation level."""
    counts: dict[int, Counter] = defaultdict(Counter)
    for row in rows:
        if row.result.final_class:
            for score in row.assessment.scores.all():
                counts[score.criterion.number][_evaluation(score)] += 1
    return [
        {"criterion": c, "counts": [counts[c.number][level] for level in Evaluation]}
        for c in year.criteria_set.criteria.order_by("number")
    ]


def _evaluation(score: CriterionScore) -> Evaluation | None:
    return suggested_evaluation(score.final_score, score.criterion.max_points)


def commune_evaluations(row: FollowUpRow) -> list[rules.CriterionEvaluation]:
    """The suggested evaluation of the civil servant answering for each criterion of one commune."""
    return score_evaluations(list(row.assessment.scores.all()), finalized=bool(row.result.final_class))


def score_evaluations(scores: list[CriterionScore], *, finalized: bool) -> list[rules.CriterionEvaluation]:
    """Per criterion, the evaluation its final score suggests (none until the province confirms)."""
    ordered = sorted(scores, key=lambda s: s.criterion.number)
    return rules.criterion_evaluations(
        [
            (
                s.criterion.number,
                s.criterion.name,
                s.criterion.responsible_position,
                s.final_score if finalized else None,
                s.criterion.max_points,
            )
            for s in ordered
        ]
    )


# --- improvement plans -------------------------------------------------------------------------


def plan_with_items(commune: Commune, year: AssessmentYear) -> ImprovementPlan | None:
    """The commune's plan for ``year`` with its items, or None when none was saved yet."""
    return (
        ImprovementPlan.objects.filter(commune=commune, year=year)
        .select_related("submitted_by")
        .prefetch_related(Prefetch("items", ImprovementPlanItem.objects.select_related("criterion")))
        .first()
    )


def past_scores(commune: Commune, year: int, count: int = 3) -> tuple[list[int], dict[int, dict[int, rules.PastScore]]]:
    """The ``count`` years before ``year`` and the commune's confirmed final score for each criterion
    number in each of them: (years oldest first, {number: {year: score}}). For a year before the
    commune stood, its predecessors' scores, named, and their average (:func:`rules.predecessors_score`)."""
    years = list(range(year - count, year))
    own = Q(assessment__commune=commune)
    if commune.valid_from is not None:
        merged = Succession.objects.filter(successor=commune).values("predecessor_id")
        own |= Q(assessment__commune__in=merged, assessment__year__year__lt=commune.valid_from.year)
    rows = (
        CriterionScore.objects.filter(own, assessment__year__year__in=years, assessment__status=Status.FINALIZED)
        .order_by("assessment__commune__code")
        .values_list(
            "criterion__number",
            "assessment__year__year",
            "assessment__commune_id",
            "assessment__commune__name",
            "final_score",
        )
    )
    mine: dict[int, dict[int, Decimal]] = defaultdict(dict)
    theirs: dict[tuple[int, int], list[tuple[str, Decimal]]] = defaultdict(list)
    for number, y, commune_id, name, score in rows:
        if commune_id == commune.pk:
            mine[number][y] = score
        else:
            theirs[(number, y)].append((name, score))
    table: dict[int, dict[int, rules.PastScore]] = defaultdict(dict)
    for number, by_year in mine.items():
        table[number] |= {y: rules.PastScore(score) for y, score in by_year.items()}
    for (number, y), parts in theirs.items():
        table[number][y] = rules.predecessors_score(parts)
    return years, table


def years_before(commune: Commune, years: list[int]) -> list[int]:
    """Which of ``years`` the commune did not stand in (its predecessors' years)."""
    return [y for y in years if commune.valid_from is not None and not stood_in(commune, y)]


def plan_requirements(user: User, year: AssessmentYear) -> dict[int, list[str]]:
    """Why each commune in scope must file a plan for ``year`` (from the previous year's results).

    A commune formed after the previous year takes its predecessors' reasons, each naming its unit
    (:func:`rules.predecessor_plan_reasons`)."""
    previous = AssessmentYear.objects.select_related("criteria_set").filter(year=year.year - 1).first()
    if previous is None:
        return {}
    rows = followups(user, previous).need_plan
    required = {row.assessment.commune_id: row.plan_reasons for row in rows if stood_in(row.commune, year.year)}
    gone = {row.assessment.commune_id: row for row in rows if not stood_in(row.commune, year.year)}
    successions = (
        Succession.objects.filter(predecessor_id__in=list(gone))
        .order_by("predecessor__code")
        .values_list("successor_id", "predecessor_id")
    )
    for successor_id, predecessor_id in successions:
        row = gone[predecessor_id]
        required.setdefault(successor_id, []).extend(
            rules.predecessor_plan_reasons([(row.commune.name, row.plan_reasons)])
        )
    return required


def plan_list_communes(user: User, district: District | None, year: AssessmentYear | None = None) -> QuerySet[Commune]:
    """The communes in scope assessed in ``year`` (standing on its last day; today's when None), with
    the predecessors of a user's communes for a year before the merger (read-only)."""
    queryset = communes_in_scope(user, with_history=True)
    if year is not None:
        queryset = queryset.filter(valid_on_q(year_day(year.year)))
    if district is not None:
        queryset = queryset.filter(district=district)
    return queryset.order_by("district__code", "code")


def commune_plan_reasons(commune: Commune, year: AssessmentYear) -> list[str]:
    """Why ``commune`` must file a plan for ``year``, from its confirmed results of the year before;
    from its predecessors' (each reason naming its unit) when it did not stand then."""
    mine = stood_in(commune, year.year - 1)
    whose = [commune.pk] if mine else Succession.objects.filter(successor=commune).values("predecessor_id")
    previous = list(
        Assessment.objects.filter(commune__in=whose, year__year=year.year - 1)
        .select_related("commune", "year__criteria_set")
        .order_by("commune__code")
        .prefetch_related(Prefetch("scores", CriterionScore.objects.select_related("criterion")), "decisions")
    )
    reasons = [
        (a.commune.name, rules.plan_reasons(_year_result(a), min_each=a.year.criteria_set.tsvm_min_each))
        for a in previous
    ]
    if mine:
        return reasons[0][1] if reasons else []
    return rules.predecessor_plan_reasons(reasons)


# --- dashboard lists, counted by the database -------------------------------------------------
#
# A dashboard names the communes that need following up without loading each commune's year: the
# same rules as ``assessment.followups`` written as filters, so a province (or the whole country)
# costs a few queries. ``tests/assessment/test_followup_lists.py`` checks both give the same communes.


@dataclass
class Shortlist:
    """The first entries of a follow-up list and how many there are in all."""

    items: list
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.items)

    def __iter__(self):  # noqa: ANN204 - iterates the shown entries
        return iter(self.items)

    def __bool__(self) -> bool:
        return self.count > 0


def shortlist(queryset: QuerySet, limit: int | None) -> Shortlist:
    """The first ``limit`` rows of ``queryset`` (all when None) and the total, in one query."""
    if limit is None:
        items = list(queryset)
        return Shortlist(items, len(items))
    items = list(queryset.annotate(listed_total=Window(Count("pk")))[:limit])
    return Shortlist(items, items[0].listed_total if items else 0)


def year_assessments(year: AssessmentYear, communes: QuerySet[Commune]) -> QuerySet[Assessment]:
    """The year's assessments of ``communes``, with their commune and district, by district and commune."""
    return (
        Assessment.objects.filter(year=year, commune__in=communes)
        .select_related("commune__district")
        .order_by("commune__district__code", "commune__code")
    )


def _decided(kind: str | None = None, **where: object) -> Exists:
    decisions = ProvinceDecision.objects.filter(**where)
    return Exists(decisions.filter(kind=kind) if kind else decisions)


def decided_q(kind: str) -> Exists:
    """The condition "the province criticised (or reminded) the assessment", over assessments."""
    return _decided(kind, assessment=OuterRef("pk"))


def decided(year: AssessmentYear, communes: QuerySet[Commune], kind: str) -> QuerySet[Assessment]:
    """The year's assessments among ``communes`` the province criticised (or reminded)."""
    return year_assessments(year, communes).filter(decided_q(kind))


def criticised_two_years_q(year: AssessmentYear) -> Q:
    """The condition of :func:`criticised_two_years`, over the assessments of ``year``."""
    mine = Q(assessment__commune=OuterRef("commune_id"))
    merged = Q(
        assessment__commune__in=Succession.objects.filter(successor=OuterRef(OuterRef("commune_id"))).values(
            "predecessor_id"
        )
    )
    before = ProvinceDecision.objects.filter(mine | merged, kind=Kind.CRITICISM, assessment__year__year=year.year - 1)
    return decided_q(Kind.CRITICISM) & Exists(before)


def criticised_two_years(year: AssessmentYear, communes: QuerySet[Commune]) -> QuerySet[Assessment]:
    """Criticised this year and the year before (plan II.3); for a commune that did not stand the
    year before, any of its predecessors criticised then (``assessment.followups.across_merger``)."""
    return year_assessments(year, communes).filter(criticised_two_years_q(year))


def needing_plan_q(year: AssessmentYear) -> Q:
    """The condition of :func:`needing_plan`, over the assessments of ``year``."""
    weak_classes = [c for c, rank in CLASS_RANK.items() if rank <= CLASS_RANK[Classification.FAIR]]
    low = Exists(
        CriterionScore.objects.filter(assessment=OuterRef("pk"), final_score__lt=year.criteria_set.tsvm_min_each)
    )
    confirmed = Q(status=Status.FINALIZED) & ~Q(final_class="")
    return (confirmed & (Q(final_class__in=weak_classes) | Q(tsvm=False) | low)) | _decided(assessment=OuterRef("pk"))


def needing_plan(year: AssessmentYear, communes: QuerySet[Commune]) -> QuerySet[Assessment]:
    """The ``year`` results that oblige the commune to file an improvement plan (plan II.4):
    confirmed at Khá or below, not TSVM or with a criterion under the minimum; or criticised or
    reminded."""
    return year_assessments(year, communes).filter(needing_plan_q(year))


def missing_plans(year: AssessmentYear, communes: QuerySet[Commune]) -> QuerySet[Assessment]:
    """Of :func:`needing_plan`, those with no plan submitted for the year after ``year`` by the commune
    or, when it was merged away, by its main successor."""
    # Two NOT EXISTS rather than one with an OR: each is an index lookup (the OR made PostgreSQL join
    # every submitted plan to every succession: 95 ms for one province, seconds for the country).
    submitted = ImprovementPlan.objects.filter(year__year=year.year + 1, status=ImprovementPlan.Status.SUBMITTED)
    own = submitted.filter(commune=OuterRef("commune_id"))
    successor = submitted.filter(
        commune__successions_in__predecessor=OuterRef("commune_id"), commune__successions_in__is_main=True
    )
    return needing_plan(year, communes).filter(~Exists(own), ~Exists(successor))
