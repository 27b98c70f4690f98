"""The improvement plan form: one row of fields per criterion."""

from decimal import Decimal

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.followups import target_problem
from assessment.forms.review import format_points, parse_points
from assessment.models import Criterion, ImprovementPlanItem
from assessment.services.plans import TEXT_FIELDS, PlanItemData

_LABELS = {
    "explanation": gettext_lazy("Giải trình (nếu thấp hơn năm trước)"),
    "targets": gettext_lazy("Chỉ tiêu cụ thể"),
    "tasks": gettext_lazy("Nhiệm vụ"),
    "responsible_name": gettext_lazy("Người phụ trách"),
    "solution": gettext_lazy("Giải pháp"),
}


def _widget(name: str) -> forms.Widget:
    attrs = {"class": "form-control form-control-sm"}
    if name == "responsible_name":
        return forms.TextInput(attrs=attrs)
    return forms.Textarea(attrs={**attrs, "rows": 2})


class PlanForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(
        self,
        *args,
        criteria: list[Criterion],
        items: dict[int, ImprovementPlanItem],
        last_scores: dict[int, Decimal],
        **kwargs,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.criteria, self.last_scores = criteria, last_scores
        for criterion in criteria:
            item = items.get(criterion.pk)
            self.fields[f"target_{criterion.pk}"] = forms.CharField(
                label=gettext_lazy("Điểm phấn đấu"),
                required=False,
                initial=format_points(item.target_score) if item else "",
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
            )
            for name in TEXT_FIELDS:
                widget = _widget(name)
                self.fields[f"{name}_{criterion.pk}"] = forms.CharField(
                    label=_LABELS[name],
                    required=False,
                    initial=getattr(item, name, "") if item else "",
                    max_length=200 if name == "responsible_name" else None,
                    widget=widget,
                )

    def rows(self) -> list[dict]:
        return [
            {
                "criterion": c,
                "last": self.last_scores.get(c.number),
                "target": self[f"target_{c.pk}"],
                "fields": [self[f"{name}_{c.pk}"] for name in TEXT_FIELDS],
            }
            for c in self.criteria
        ]

    def clean(self) -> dict:
        data = super().clean()
        for criterion in self.criteria:
            self._clean_target(criterion, data)
        return data

    def _clean_target(self, criterion: Criterion, data: dict) -> None:
        name = f"target_{criterion.pk}"
        try:
            data[name] = parse_points(data.get(name))
        except ValueError:
            self.add_error(name, _("Tiêu thức %(n)s: điểm phấn đấu không hợp lệ.") % {"n": criterion.number})
            return
        problem = target_problem(
            number=criterion.number,
            target=data[name],
            last_score=self.last_scores.get(criterion.number),
            explanation=data.get(f"explanation_{criterion.pk}", ""),
            max_points=criterion.max_points,
        )
        if problem:
            self.add_error(name, problem)

    def items(self) -> dict[int, PlanItemData]:
        data = self.cleaned_data
        return {
            c.pk: PlanItemData(
                target_score=data[f"target_{c.pk}"], **{name: data.get(f"{name}_{c.pk}", "") for name in TEXT_FIELDS}
            )
            for c in self.criteria
        }
