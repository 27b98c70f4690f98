"""A dashboard's follow-ups from plain facts read once: the lists (criticised, reminded, criticised
two years running, plans missing) and the follow-ups open and done of every kind.

The lists and counts of ``followups`` (``decided``, ``criticised_two_years``, ``missing_plans``) and
``followup_actions`` (``followup_counts``) are querysets built of EXISTS subqueries: right for the
pages that list, filter and page them, but a dashboard needing them all spent more time having
Django build and compile them than PostgreSQL running them. Here four plain reads give each
assessment's facts (its class, its decisions, its low scores, the actions recorded), the
successions and the plans submitted, and the rules of ``assessment.followups`` judge them in
Python. ``tests/assessment/test_followup_facts.py`` holds both to the same communes and counts on
random worlds.
"""

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Q, QuerySet

from assessment import followups as rules
from assessment.models import (
    Assessment,
    AssessmentYear,
    CriterionScore,
    FollowUpKind,
    ImprovementPlan,
    ProvinceDecision,
    Status,
)
from assessment.selectors.followup_actions import KindCount
from assessment.selectors.followups import Shortlist
from communes.models import Commune, Succession

Kind = ProvinceDecision.Kind


@dataclass(frozen=True)
class Facts:
    """One assessment as the rules need it; a list entry (``commune`` None for a predecessor outside
    the communes, read only for its decisions)."""

    pk: int
    commune_id: int
    commune: Commune | None
    result: rules.YearResult
    actions: frozenset[str] = frozenset()  # the FollowUpKinds recorded as done


@dataclass
class FollowUpFacts:
    year: AssessmentYear
    previous: AssessmentYear | None
    current: list[Facts]  # the year's assessments of the communes, by district and commune
    before: list[Facts]  # the year before's, likewise
    criticised_before: set[int]  # communes criticised the year before (the communes and their predecessors)
    predecessors: dict[int, list[int]]  # successor id -> its predecessors' ids
    main_successors: dict[int, list[int]]  # predecessor id -> its main successors' ids
    submitted: set[tuple[int, int]]  # (year, commune id) of every plan submitted that matters here

    def previous_result(self, commune_id: int) -> rules.YearResult:
        """The commune's year before as ``rules.criticised_two_years`` reads it: criticised when the
        commune or any of its predecessors was (``rules.across_merger``; ``criticised_two_years_q``)."""
        return rules.YearResult(
            criticised=commune_id in self.criticised_before
            or any(p in self.criticised_before for p in self.predecessors.get(commune_id, ()))
        )

    def plan_filed(self, commune_id: int, year: int) -> bool:
        """The plan for ``year`` submitted by the commune or by its main successor."""
        filers = (commune_id, *self.main_successors.get(commune_id, ()))
        return any((year, c) in self.submitted for c in filers)

    def requires_plan(self, facts: Facts, year: AssessmentYear) -> bool:
        return rules.requires_plan(facts.result, min_each=year.criteria_set.tsvm_min_each)

    def twice_criticised(self, facts: Facts) -> bool:
        return rules.criticised_two_years(facts.result, self.previous_result(facts.commune_id))

    def missing_plans(self) -> list[Facts]:
        """The year before's results that require a plan for this year not submitted (``missing_plans``)."""
        if self.previous is None:
            return []
        return [
            f
            for f in self.before
            if self.requires_plan(f, self.previous) and not self.plan_filed(f.commune_id, self.year.year)
        ]

    def counts(self) -> list[KindCount]:
        """Per kind, the follow-ups the year's results call for and those done (``followup_counts``)."""
        totals: dict[str, list[int]] = {kind: [0, 0] for kind in FollowUpKind.values}
        next_year = self.year.year + 1
        for f in self.current:
            kinds = rules.followup_kinds(f.result, self.previous_result(f.commune_id), self.requires_plan(f, self.year))
            for kind in kinds:
                totals[kind][0] += 1
                plan_filed = kind == FollowUpKind.IMPROVEMENT_PLAN and self.plan_filed(f.commune_id, next_year)
                totals[kind][1] += rules.followup_done(kind, recorded=kind in f.actions, plan_filed=plan_filed)
        return [KindCount(kind, total, done) for kind, (total, done) in totals.items()]

    def shortlists(self, limit: int | None) -> dict[str, Shortlist]:
        """The dashboard's lists, ``limit`` entries each (None: all) and their totals."""
        found = {
            "criticised": [f for f in self.current if f.result.criticised],
            "reminded": [f for f in self.current if f.result.reminded],
            "twice_criticised": [f for f in self.current if self.twice_criticised(f)],
            "missing_plans": self.missing_plans(),
        }
        return {key: Shortlist(items if limit is None else items[:limit], len(items)) for key, items in found.items()}


def followup_facts(
    year: AssessmentYear, previous: AssessmentYear | None, communes: QuerySet[Commune], names: dict[int, Commune]
) -> FollowUpFacts:
    """The facts of ``year`` and the year before for ``communes`` (``names``: each of them with its
    district, by district and commune, as ``reports.duties_ratings.commune_names``): four queries."""
    successions = list(
        Succession.objects.filter(Q(successor__in=communes) | Q(predecessor__in=communes, is_main=True))
        .order_by()
        .values_list("predecessor_id", "successor_id", "is_main")
    )
    predecessors: dict[int, list[int]] = defaultdict(list)
    main_successors: dict[int, list[int]] = defaultdict(list)
    for predecessor_id, successor_id, is_main in successions:
        if successor_id in names:
            predecessors[successor_id].append(predecessor_id)
        if is_main and predecessor_id in names:
            main_successors[predecessor_id].append(successor_id)

    years = [year] if previous is None else [year, previous]
    mine = Q(year__in=years, commune__in=communes)
    merged = Q(
        year__year=year.year - 1, commune__in=Succession.objects.filter(successor__in=communes).values("predecessor")
    )
    rows = (
        Assessment.objects.filter(mine | merged)
        .order_by()
        .values_list(
            "pk",
            "year__year",
            "commune_id",
            "status",
            "final_class",
            "tsvm",
            "decisions__kind",
            "followup_actions__kind",
        )
    )
    assessments: dict[int, tuple] = {}
    decided: dict[int, set[str]] = defaultdict(set)
    actions: dict[int, set[str]] = defaultdict(set)
    for pk, y, commune_id, status, final_class, tsvm, kind, action in rows:
        assessments[pk] = (y, commune_id, status, final_class, tsvm)
        if kind:
            decided[pk].add(kind)
        if action:
            actions[pk].add(action)

    low = _low_scores([y for y in years if y is not None], communes)
    successor_ids = {s for found in main_successors.values() for s in found}
    filers = Q(commune__in=communes) | Q(commune_id__in=successor_ids) if successor_ids else Q(commune__in=communes)
    plans = ImprovementPlan.objects.filter(
        filers, status=ImprovementPlan.Status.SUBMITTED, year__year__in=[year.year, year.year + 1]
    )
    submitted = set(plans.order_by().values_list("year__year", "commune_id"))

    order = {pk: n for n, pk in enumerate(names)}
    current, before, criticised_before = [], [], set()
    for pk, (y, commune_id, status, final_class, tsvm) in assessments.items():
        kinds = decided.get(pk, set())
        if y == year.year - 1 and Kind.CRITICISM in kinds:
            criticised_before.add(commune_id)
        if commune_id not in names or (y != year.year and (previous is None or y != previous.year)):
            continue
        finalized = status == Status.FINALIZED
        result = rules.YearResult(
            final_class=final_class if finalized else "",
            tsvm=tsvm and finalized,
            criticised=Kind.CRITICISM in kinds,
            reminded=Kind.REMINDER in kinds,
            scores=low.get(pk, {}) if finalized else {},
        )
        facts = Facts(pk, commune_id, names[commune_id], result, frozenset(actions.get(pk, ())))
        (current if y == year.year else before).append(facts)
    current.sort(key=lambda f: order[f.commune_id])
    before.sort(key=lambda f: order[f.commune_id])
    return FollowUpFacts(
        year,
        previous,
        current,
        before,
        criticised_before,
        dict(predecessors),
        dict(main_successors),
        submitted,
    )


def _low_scores(years: list[AssessmentYear], communes: QuerySet[Commune]) -> dict[int, dict[int, Decimal]]:
    """Assessment id -> its final scores under its year's minimum for each criterion (the only
    scores ``rules.plan_reasons`` reads), by criterion number."""
    under = Q()
    for y in years:
        under |= Q(assessment__year=y, final_score__lt=y.criteria_set.tsvm_min_each)
    rows = (
        CriterionScore.objects.filter(under, assessment__commune__in=communes)
        .order_by()
        .values_list("assessment_id", "criterion__number", "final_score")
    )
    found: dict[int, dict[int, Decimal]] = defaultdict(dict)
    for pk, number, score in rows:
        found[pk][number] = score
    return found
