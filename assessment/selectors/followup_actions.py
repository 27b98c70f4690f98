"""Reads for the follow-up actions: each computed follow-up of a year (``assessment.followups``)
with what was recorded as done, for the list page, and the counts open / done for dashboards."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from assessment import followups as rules
from assessment.models import (
    Assessment,
    AssessmentYear,
    FollowUpAction,
    FollowUpKind,
    ImprovementPlan,
    ProvinceDecision,
)
from assessment.selectors import followups as lists
from communes.models import Commune, District, User

Kind = ProvinceDecision.Kind


@dataclass
class FollowUpItem:
    assessment: Assessment
    kind: str
    actions: list[FollowUpAction] = field(default_factory=list)
    # An improvement plan follow-up is done too when the commune (or its main successor) submitted
    # its plan for the next year on the portal.
    plan_filed: bool = False

    @property
    def done(self) -> bool:
        return rules.followup_done(self.kind, recorded=bool(self.actions), plan_filed=self.plan_filed)

    @property
    def kind_label(self) -> str:
        return str(FollowUpKind(self.kind).label)


def followup_items(user: User, year: AssessmentYear, district: District | None = None) -> list[FollowUpItem]:
    """Every follow-up the year's results call for in the user's scope, with the actions recorded."""
    data = lists.followups(user, year, district)
    actions: dict[tuple[int, str], list[FollowUpAction]] = defaultdict(list)
    recorded = FollowUpAction.objects.filter(assessment__in=[r.assessment for r in data.rows]).select_related(
        "recorded_by"
    )
    for action in recorded:
        actions[(action.assessment_id, action.kind)].append(action)
    filed = set(
        _with_done(
            Assessment.objects.filter(pk__in=[r.assessment.pk for r in data.rows]), year, FollowUpKind.IMPROVEMENT_PLAN
        )
        .filter(Q(plan_own=True) | Q(plan_successor=True))
        .values_list("pk", flat=True)
    )
    return [
        FollowUpItem(
            row.assessment,
            kind,
            actions.get((row.assessment.pk, kind), []),
            plan_filed=kind == FollowUpKind.IMPROVEMENT_PLAN and row.assessment.pk in filed,
        )
        for row in data.rows
        for kind in rules.followup_kinds(row.result, row.previous, row.plan_reasons)
    ]


def _with_done(queryset: QuerySet[Assessment], year: AssessmentYear, kind: str) -> QuerySet[Assessment]:
    """``queryset`` annotated with what makes ``kind`` done: ``recorded`` (an action), and for the
    improvement plan ``plan_own`` / ``plan_successor`` (the plan for the next year submitted by the
    commune or its main successor; two EXISTS, each an index lookup, as in ``missing_plans``)."""
    queryset = queryset.annotate(recorded=Exists(FollowUpAction.objects.filter(assessment=OuterRef("pk"), kind=kind)))
    if kind != FollowUpKind.IMPROVEMENT_PLAN:
        return queryset
    submitted = ImprovementPlan.objects.filter(year__year=year.year + 1, status=ImprovementPlan.Status.SUBMITTED)
    return queryset.annotate(
        plan_own=Exists(submitted.filter(commune=OuterRef("commune_id"))),
        plan_successor=Exists(
            submitted.filter(
                commune__successions_in__predecessor=OuterRef("commune_id"), commune__successions_in__is_main=True
            )
        ),
    )


def _done_q(kind: str) -> Q:
    """The filter "done" over :func:`_with_done`'s annotations."""
    done = Q(recorded=True)
    if kind == FollowUpKind.IMPROVEMENT_PLAN:
        done |= Q(plan_own=True) | Q(plan_successor=True)
    return done


def _kind_conditions(year: AssessmentYear) -> dict[str, Q]:
    """Each kind's condition over the year's assessments: the database twins of
    :func:`rules.followup_kinds` (``tests/assessment/test_followup_lists.py`` holds them to the same
    communes)."""
    return {
        FollowUpKind.TRANSFER_CHAIR: Q(lists.decided_q(Kind.CRITICISM)),
        FollowUpKind.REVIEW_LEADERSHIP: Q(lists.decided_q(Kind.REMINDER)),
        FollowUpKind.REVIEW_CHAIRS: lists.criticised_two_years_q(year),
        FollowUpKind.IMPROVEMENT_PLAN: lists.needing_plan_q(year),
    }


def _kind_querysets(year: AssessmentYear, communes: QuerySet[Commune]) -> dict[str, QuerySet[Assessment]]:
    """Each kind's assessments among ``communes``, by district and commune."""
    assessments = lists.year_assessments(year, communes)
    return {kind: assessments.filter(condition) for kind, condition in _kind_conditions(year).items()}


def _done_condition(year: AssessmentYear, kind: str) -> Q:
    """The condition "``kind`` is done" over assessments: :func:`_with_done`'s annotations in one."""
    done = Q(Exists(FollowUpAction.objects.filter(assessment=OuterRef("pk"), kind=kind)))
    if kind != FollowUpKind.IMPROVEMENT_PLAN:
        return done
    submitted = ImprovementPlan.objects.filter(year__year=year.year + 1, status=ImprovementPlan.Status.SUBMITTED)
    successor = submitted.filter(
        commune__successions_in__predecessor=OuterRef("commune_id"), commune__successions_in__is_main=True
    )
    return done | Exists(submitted.filter(commune=OuterRef("commune_id"))) | Exists(successor)


def kinds_required(assessment: Assessment) -> list[str]:
    """The follow-ups ``assessment``'s results call for (four small queries)."""
    communes = Commune.objects.filter(pk=assessment.commune_id)
    return [
        kind
        for kind, queryset in _kind_querysets(assessment.year, communes).items()
        if queryset.filter(pk=assessment.pk).exists()
    ]


@dataclass(frozen=True)
class KindCount:
    kind: str
    total: int
    done: int

    @property
    def open(self) -> int:
        return self.total - self.done

    @property
    def label(self) -> str:
        return str(FollowUpKind(self.kind).label)


def followup_counts(year: AssessmentYear, communes: QuerySet[Commune]) -> list[KindCount]:
    """Per kind: how many follow-ups the year's results call for among ``communes`` and how many are
    done (an action recorded); one query, each count an aggregate with its kind's filter."""
    conditions = _kind_conditions(year)
    aggregates = {}
    for kind, condition in conditions.items():
        aggregates[f"{kind}_total"] = Count("pk", filter=condition)
        aggregates[f"{kind}_done"] = Count("pk", filter=condition & _done_condition(year, kind))
    row = Assessment.objects.filter(year=year, commune__in=communes).order_by().aggregate(**aggregates)
    return [KindCount(kind, row[f"{kind}_total"], row[f"{kind}_done"]) for kind in conditions]


def open_followups(
    year: AssessmentYear, communes: QuerySet[Commune], limit: int | None = None
) -> list[tuple[str, list]]:
    """Per kind, the assessments whose follow-up is still open (no action recorded), by commune."""
    found = []
    for kind, queryset in _kind_querysets(year, communes).items():
        rows = _with_done(queryset, year, kind).exclude(_done_q(kind))
        found.append((kind, list(rows[:limit] if limit else rows)))
    return found
