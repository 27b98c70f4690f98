"""Query parameters of the lists: by year and by unit (GSO codes, read together with the year)."""

import django_filters
from django.db.models import QuerySet

from assessment.models import Assessment, Status
from assessment.models.criteria import Classification
from communes.models import Commune, year_day


class CommuneFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(
        method="standing_in", label="Standing on 31 December of this year", min_value=1000, max_value=9999
    )
    on = django_filters.DateFilter(method="valid_on", label="Valid on this day (YYYY-MM-DD)")
    district = django_filters.CharFilter(field_name="district__code", label="District GSO code")
    code = django_filters.CharFilter(field_name="code", label="Commune GSO code")

    class Meta:
        model = Commune
        fields = ["year", "on", "district", "code", "kind"]

    def standing_in(self, queryset: QuerySet[Commune], name: str, value: int) -> QuerySet[Commune]:
        return queryset.valid_on(year_day(int(value)))

    def valid_on(self, queryset: QuerySet[Commune], name: str, value) -> QuerySet[Commune]:  # noqa: ANN001
        return queryset.valid_on(value)


class AssessmentFilter(django_filters.FilterSet):
    year = django_filters.NumberFilter(field_name="year__year", label="Assessment year")
    commune = django_filters.CharFilter(field_name="commune__code", label="Commune GSO code")
    commune_id = django_filters.NumberFilter(field_name="commune_id", label="Commune id")
    district = django_filters.CharFilter(field_name="commune__district__code", label="District GSO code")
    status = django_filters.ChoiceFilter(choices=Status.choices)
    final_class = django_filters.ChoiceFilter(choices=Classification.choices)

    class Meta:
        model = Assessment
        fields = ["year", "commune", "commune_id", "district", "status", "final_class"]
