"""The year's targets page: one row per metric (a formset), values typed the Vietnamese way ("95,5")."""

from decimal import Decimal, InvalidOperation

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import AssessmentYear, YearTarget
from assessment.models.targets import CLASS_METRICS, HUNDRED, RATIO_METRICS, TargetComparison, TargetKind, TargetMetric
from assessment.services.targets import TargetEntry


def number_text(value: Decimal) -> str:
    """65 -> "65", 95.5 -> "95,5" (what the page shows back)."""
    return f"{value.normalize():f}".replace(".", ",")


def parse_number(text: str) -> Decimal:
    """ "95,5", "95.5", "50 %" -> Decimal; ValueError when it is not a number."""
    cleaned = text.strip().rstrip("%").strip().replace(" ", "").replace(",", ".")
    try:
        value = Decimal(cleaned)
    except InvalidOperation as error:
        raise ValueError(text) from error
    if not value.is_finite():
        raise ValueError(text)
    return value


class YearTargetRowForm(forms.Form):
    """One metric of the year; an empty value means the year has no target for it."""

    metric = forms.ChoiceField(choices=TargetMetric.choices, widget=forms.HiddenInput)
    comparison = forms.ChoiceField(label=_("So sánh"), choices=TargetComparison.choices)
    kind = forms.ChoiceField(label=_("Đơn vị"), choices=TargetKind.choices, required=False)
    value = forms.CharField(
        label=_("Giá trị"),
        required=False,
        max_length=12,
        widget=forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off", "size": 6}),
    )
    source = forms.CharField(label=_("Nguồn, ghi chú"), required=False, max_length=300)
    is_demo = forms.BooleanField(label=_("Giá trị minh họa"), required=False)

    def __init__(self, *args, communes: int = 0, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.communes = communes  # communes assessed in the year: a count target cannot exceed it
        for name, field in self.fields.items():
            if name == "metric":
                continue
            field.widget.attrs.setdefault(
                "class",
                {
                    "comparison": "form-select form-select-sm",
                    "kind": "form-select form-select-sm",
                    "is_demo": "form-check-input",
                }.get(name, "form-control form-control-sm"),
            )

    @property
    def metric_key(self) -> str:
        return self["metric"].value()

    @property
    def metric_label(self) -> str:
        return TargetMetric(self.metric_key).label if self.metric_key in TargetMetric.values else ""

    @property
    def is_ratio(self) -> bool:
        return self.metric_key in RATIO_METRICS

    def clean_kind(self) -> str:
        # The officials', offices' and procedures' targets are always shares.
        if self.data.get(self.add_prefix("metric")) in RATIO_METRICS:
            return TargetKind.SHARE
        return self.cleaned_data.get("kind") or TargetKind.COUNT

    def clean_value(self) -> Decimal | None:
        text = self.cleaned_data.get("value", "").strip()
        if not text:
            return None
        try:
            value = parse_number(text)
        except ValueError:
            raise forms.ValidationError(
                _("“%(text)s” không phải là số. Nhập ví dụ 50 hoặc 95,5."), params={"text": text}
            ) from None
        if value < 0:
            raise forms.ValidationError(_("Giá trị không được âm."))
        if value != value.quantize(Decimal("0.1")):
            raise forms.ValidationError(_("Chỉ nhập tối đa một chữ số thập phân, ví dụ 95,5."))
        return value

    def clean(self) -> dict:
        data = super().clean()
        value, kind, comparison = data.get("value"), data.get("kind"), data.get("comparison")
        if value is None or not kind or not comparison:
            return data
        message = _problem(value, kind, comparison, self.communes)
        if message:
            self.add_error("value", message)
        return data

    def entry(self) -> TargetEntry:
        data = self.cleaned_data
        return TargetEntry(
            metric=data["metric"],
            comparison=data["comparison"],
            kind=data["kind"],
            value=data["value"],
            source=data["source"].strip(),
            is_demo=data["is_demo"],
        )


def _problem(value: Decimal, kind: str, comparison: str, communes: int) -> str | None:
    """Why a target cannot stand, in words; None when it can."""
    if kind == TargetKind.SHARE and value > HUNDRED:
        return str(_("Tỷ lệ không được vượt quá 100%."))
    if kind == TargetKind.COUNT and value != value.to_integral_value():
        return str(_("Số xã phải là số nguyên."))
    if comparison == TargetComparison.BELOW and value == 0:
        return str(_("“Dưới 0” không bao giờ đạt được; để nói “không có xã nào”, chọn “Không quá (≤)” và 0."))
    too_many = value > communes if comparison == TargetComparison.AT_LEAST else value >= communes
    if (
        kind == TargetKind.COUNT
        and communes
        and comparison in (TargetComparison.AT_LEAST, TargetComparison.ABOVE)
        and too_many
    ):
        return str(
            _("Không thể đạt: năm này chỉ có %(n)s xã được đánh giá. Nhập số nhỏ hơn hoặc dùng tỷ lệ (%%).")
            % {"n": communes}
        )
    return None


class BaseYearTargetFormSet(forms.BaseFormSet):
    def __init__(self, *args, communes: int = 0, **kwargs) -> None:
        self.communes = communes
        super().__init__(*args, **kwargs)

    def get_form_kwargs(self, index: int) -> dict:
        return {**super().get_form_kwargs(index), "communes": self.communes}

    def clean(self) -> None:
        metrics = [f.cleaned_data.get("metric") for f in self.forms if f.cleaned_data]
        if len(metrics) != len(set(metrics)):
            raise forms.ValidationError(_("Mỗi chỉ tiêu chỉ được nhập một lần."))

    def entries(self) -> list[TargetEntry]:
        return [form.entry() for form in self.forms]

    def groups(self) -> list[tuple[str, list[YearTargetRowForm]]]:
        """The rows under two headings: the classification, then the officials and offices."""
        return [
            (_("Kết quả xếp loại"), [f for f in self.forms if f.metric_key in CLASS_METRICS]),
            (_("Cán bộ, công chức; trụ sở; thủ tục hành chính"), [f for f in self.forms if f.is_ratio]),
        ]


YearTargetFormSet = forms.formset_factory(
    YearTargetRowForm,
    formset=BaseYearTargetFormSet,
    extra=0,
    max_num=len(TargetMetric.values),
    validate_max=True,
    absolute_max=len(TargetMetric.values),
)


def initial_rows(year: AssessmentYear) -> list[dict]:
    """One row per metric, filled from the year's targets (one query); an empty row has no target."""
    rows = {t.metric: t for t in YearTarget.objects.filter(year=year)}
    initial = []
    for metric in TargetMetric.values:
        row = rows.get(metric)
        if row is None:
            default_kind = TargetKind.SHARE if metric in RATIO_METRICS else TargetKind.COUNT
            initial.append(
                {
                    "metric": metric,
                    "comparison": TargetComparison.AT_LEAST,
                    "kind": default_kind,
                    "value": "",
                    "source": "",
                    "is_demo": False,
                }
            )
        else:
            initial.append(
                {
                    "metric": metric,
                    "comparison": row.comparison,
                    "kind": row.kind,
                    "value": number_text(row.value),
                    "source": row.source,
                    "is_demo": row.is_demo,
                }
            )
    return initial
