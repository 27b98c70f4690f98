import django_filters
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District


class CommuneFilter(django_filters.FilterSet):
    q = django_filters.CharFilter(label=_("Tìm theo tên"), method="search")
    district = django_filters.ModelChoiceFilter(
        label=_("Huyện, thị xã, thành phố"), queryset=District.objects.none(), empty_label=_("Tất cả")
    )
    kind = django_filters.ChoiceFilter(label=_("Loại"), choices=Commune.Kind.choices, empty_label=_("Tất cả"))

    class Meta:
        model = Commune
        fields = ["q", "district", "kind"]

    def __init__(self, *args, districts=None, **kwargs) -> None:
        """``districts``: those the district filter offers; none (a day of the map without districts,
        or a user who sees no district whole) leaves the filter out."""
        super().__init__(*args, **kwargs)
        if districts is None or not districts.exists():
            self.filters.pop("district")
        else:
            self.filters["district"].queryset = districts
        for name in ("district", "kind"):
            if name in self.form.fields:
                self.form.fields[name].widget.attrs["class"] = "form-select"

    def search(self, queryset, name: str, value: str):
        return queryset.search(value)
