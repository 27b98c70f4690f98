from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

FIRST_YEAR = 2019


def _year_choices() -> list[tuple[int, str]]:
    return [(year, str(year)) for year in range(timezone.localdate().year, FIRST_YEAR - 1, -1)]


class GenerateForm(forms.Form):
    """Which year's map the commune accounts are made for (today's map is the current year's)."""

    year = forms.TypedChoiceField(
        label=_("Bản đồ hành chính của năm"),
        coerce=int,
        choices=_year_choices,
        help_text=_("Năm có cấp huyện (đến 2024) có 129 xã; từ năm 2025 còn 45 xã, phường."),
    )
