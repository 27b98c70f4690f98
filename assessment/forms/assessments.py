"""Forms for assessment years and for reading the score page's rows."""

from collections.abc import Iterable, Mapping

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import AssessmentYear, CriteriaSet, CriterionScore
from assessment.services.scoring import ScoreInput
from communes import dates


class DayMonthYearField(dates.DayMonthYearField):
    """A year's deadline: optional, with the dd/mm/yyyy hint."""

    def __init__(self, **kwargs) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("help_text", _("Nhập theo dạng ngày/tháng/năm, ví dụ 15/11/2021."))
        super().__init__(**kwargs)


class CriteriaSetChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: CriteriaSet) -> str:
        return f"{obj.name} ({_('tạm thời')})" if obj.is_provisional else obj.name


class AssessmentYearForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm đánh giá"), min_value=2011, max_value=2100, widget=forms.TextInput(attrs={"inputmode": "numeric"})
    )
    criteria_set = CriteriaSetChoiceField(
        label=_("Bộ tiêu thức"), queryset=CriteriaSet.objects.none(), empty_label=None
    )
    self_deadline = DayMonthYearField(label=_("Hạn xã tự chấm"))
    review_deadline = DayMonthYearField(label=_("Hạn thẩm định"))
    confirm_deadline = DayMonthYearField(label=_("Hạn tỉnh công nhận"))
    has_district_level = forms.BooleanField(
        label=_("Có cấp huyện thẩm định"),
        required=False,
        initial=True,
        help_text=_("Bỏ chọn cho các năm từ 2025 (không còn cấp huyện): Sở Nội vụ thẩm định thay huyện."),
    )

    def __init__(self, *args, instance: AssessmentYear | None = None, **kwargs) -> None:
        if instance is not None:
            kwargs.setdefault(
                "initial",
                {
                    "year": instance.year,
                    "criteria_set": instance.criteria_set_id,
                    "self_deadline": instance.self_deadline,
                    "review_deadline": instance.review_deadline,
                    "confirm_deadline": instance.confirm_deadline,
                    "has_district_level": instance.has_district_level,
                },
            )
        super().__init__(*args, **kwargs)
        self.instance = instance
        self.fields["criteria_set"].queryset = CriteriaSet.objects.order_by("-year_from")
        for name, field in self.fields.items():
            css = {"criteria_set": "form-select", "has_district_level": "form-check-input"}.get(name, "form-control")
            field.widget.attrs["class"] = css
            if field.help_text:
                field.widget.attrs["aria-describedby"] = f"id_{name}-help"
        if instance is not None:
            self.fields["year"].disabled = True
            if instance.assessments.exists():
                self.fields["criteria_set"].disabled = True
                self.fields["criteria_set"].help_text = _("Đã có bản đánh giá của các xã nên không đổi được.")

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if self.instance is None and AssessmentYear.objects.filter(year=year).exists():
            raise forms.ValidationError(_("Năm %(year)s đã có; hãy sửa năm đó trong danh sách.") % {"year": year})
        return year

    def clean(self) -> dict:
        data = super().clean()
        steps = [data.get("self_deadline"), data.get("review_deadline"), data.get("confirm_deadline")]
        given = [d for d in steps if d]
        if given != sorted(given):
            raise forms.ValidationError(_("Các hạn phải theo thứ tự: xã tự chấm, rồi thẩm định, rồi tỉnh công nhận."))
        criteria_set = data.get("criteria_set")
        year = data.get("year")
        if criteria_set and year and not (criteria_set.year_from <= year <= (criteria_set.year_to or year)):
            self.add_error("criteria_set", _("Bộ tiêu thức này không áp dụng cho năm %(year)s.") % {"year": year})
        return data


def row_prefix(number: int) -> str:
    """The name prefix of a criterion's inputs on the score page ("c7-value", "c7-note", ...)."""
    return f"c{number}"


def row_input(data: Mapping[str, str], score: CriterionScore) -> ScoreInput | None:
    """One criterion's row as posted (None when the page did not send it)."""
    prefix = row_prefix(score.criterion.number)
    if f"{prefix}-version" not in data:
        return None
    try:
        version = int(data[f"{prefix}-version"])
    except (TypeError, ValueError):
        version = 0  # a tampered version can only be stale
    return ScoreInput(
        score_id=score.pk,
        value=data.get(f"{prefix}-value", ""),
        note=data.get(f"{prefix}-note", ""),
        expected_version=version,
    )


def rows_input(data: Mapping[str, str], scores: Iterable[CriterionScore]) -> list[ScoreInput]:
    """Every row the score page posted."""
    return [row for row in (row_input(data, s) for s in scores) if row is not None]


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp minh chứng"),
        error_messages={"required": _("Hãy chọn một tệp để tải lên."), "empty": _("Tệp rỗng.")},
    )
