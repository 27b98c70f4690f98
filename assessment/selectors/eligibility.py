"""Commendation eligibility of the year's communes: the inputs of ``assessment.eligibility`` read in
three queries for any number of communes."""

from collections import defaultdict

from django.db.models import Count, QuerySet

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


def commendation_eligibility(year: AssessmentYear, communes: QuerySet[Commune] | list[Commune]) -> dict[int, list[str]]:
    """Commune id -> why it is not eligible for commendation in ``year`` (empty list: eligible)."""
    ids = [c.pk for c in communes] if isinstance(communes, list) else list(communes.values_list("pk", flat=True))
    classes = dict(
        Assessment.objects.filter(year=year, commune_id__in=ids, status=Status.FINALIZED).values_list(
            "commune_id", "final_class"
        )
    )
    kinds: dict[int, set[str]] = defaultdict(set)
    for commune_id, kind in ProvinceDecision.objects.filter(
        assessment__year=year, assessment__commune_id__in=ids
    ).values_list("assessment__commune_id", "kind"):
        kinds[commune_id].add(kind)
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
