"""Reads for importing a past year: the units a year's rows may name, and what the year already holds."""

from django.db.models import Count, Q, QuerySet

from assessment.models import AssessmentYear, CriteriaSet, Status
from communes.models import Commune, Province, year_day


def history_units(province: Province, year: int) -> list[Commune]:
    """The communes of ``province`` that stood on the year's last day (the map the year is assessed on).

    Matched through the province's code, not its row: a code names a province on a day too, and the
    rows of the two maps may differ."""
    units: QuerySet[Commune] = Commune.objects.filter(province__code=province.code).valid_on(year_day(year))
    return list(units.order_by("code"))


def criteria_set_for(year: int) -> CriteriaSet | None:
    """The criteria set a year is assessed with: the year's own once opened, else the newest that applies."""
    existing = AssessmentYear.objects.filter(year=year).select_related("criteria_set").first()
    if existing:
        return existing.criteria_set
    applying = CriteriaSet.objects.filter(year_from__lte=year).filter(Q(year_to__isnull=True) | Q(year_to__gte=year))
    return applying.order_by("-year_from").first()


def year_holdings(year: int) -> tuple[AssessmentYear | None, int]:
    """The year (None when never opened) and how many of its assessments hold a result (not a draft)."""
    existing = (
        AssessmentYear.objects.filter(year=year)
        .annotate(n_results=Count("assessments", filter=~Q(assessments__status=Status.DRAFT)))
        .first()
    )
    return existing, (existing.n_results if existing else 0)


def first_year_with_results() -> int | None:
    """The earliest year holding any result: the year before it is the one the sample file fills."""
    return (
        AssessmentYear.objects.filter(assessments__status__in=[s for s in Status.values if s != Status.DRAFT])
        .order_by("year")
        .values_list("year", flat=True)
        .first()
    )
