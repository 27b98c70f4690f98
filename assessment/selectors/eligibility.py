"""Commendation eligibility of the year's communes: the inputs of ``assessment.eligibility`` read in
two queries for any number of communes (one when the caller counted the violations)."""

from collections import defaultdict

from django.db.models import Count, Exists, OuterRef, QuerySet

from assessment.eligibility import EligibilityInput, commendation_refusals
from assessment.models import Assessment, AssessmentYear, ProvinceDecision, Status
from communes.models import Commune
from personnel.models import Discipline


def violation_counts(year: AssessmentYear, commune_ids: list[int]) -> dict[int, int]:
    """Commune id -> discipline decisions against its officials dated in ``year`` (one query)."""
    return dict(
        Discipline.objects.filter(commune_id__in=commune_ids, decided_on__year=year.year)
        .order_by()
        .values_list("commune_id")
        .annotate(n=Count("pk"))
    )


def commendation_eligibility(
    year: AssessmentYear,
    communes: QuerySet[Commune] | list[Commune],
    *,
    violations: dict[int, int] | None = None,
) -> dict[int, list[str]]:
    """Commune id -> why it is not eligible for commendation in ``year`` (empty list: eligible).
    ``violations`` (as :func:`violation_counts`), when the caller has counted them, saves a query."""
    ids = [c.pk for c in communes] if isinstance(communes, list) else list(communes.values_list("pk", flat=True))
    decided = ProvinceDecision.objects.filter(assessment=OuterRef("pk"))
    rows = (
        Assessment.objects.filter(year=year, commune_id__in=ids)
        .annotate(
            criticised=Exists(decided.filter(kind=ProvinceDecision.Kind.CRITICISM)),
            reminded=Exists(decided.filter(kind=ProvinceDecision.Kind.REMINDER)),
        )
        .values_list("commune_id", "status", "final_class", "criticised", "reminded")
    )
    classes: dict[int, str] = {}
    kinds: dict[int, set[str]] = defaultdict(set)
    for commune_id, status, final_class, criticised, reminded in rows:
        if status == Status.FINALIZED:
            classes[commune_id] = final_class
        if criticised:
            kinds[commune_id].add(ProvinceDecision.Kind.CRITICISM)
        if reminded:
            kinds[commune_id].add(ProvinceDecision.Kind.REMINDER)
    if violations is None:
        violations = violation_counts(year, ids)
    return {
        c: commendation_refusals(
            EligibilityInput(
                final_class=classes.get(c, ""),
                criticised=ProvinceDecision.Kind.CRITICISM in kinds[c],
                reminded=ProvinceDecision.Kind.REMINDER in kinds[c],
                violations=violations.get(c, 0),
            )
        )
        for c in ids
    }
