from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.responsibility import AssignmentRow
from personnel.models import Official


class AssignmentForm(forms.Form):
    """One choice of official per criterion; the field for criterion 7 is named ``criterion_7``."""

    def __init__(self, *args, rows: list[AssignmentRow], officials: list[Official], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", _("— Chưa phân công —"))] + [
            (o.pk, f"{o.full_name} · {', '.join(p.name for p in o.positions.all())}") for o in officials
        ]
        self.by_pk = {o.pk: o for o in officials}
        for row in rows:
            field = forms.TypedChoiceField(
                label=str(row.criterion), choices=choices, required=False, coerce=int, empty_value=None
            )
            self.fields[self.name_for(row)] = field
            current = row.official or row.suggested
            self.initial[self.name_for(row)] = current.pk if current else ""

    @staticmethod
    def name_for(row: AssignmentRow) -> str:
        return f"criterion_{row.criterion.pk}"

    def chosen(self) -> dict[int, Official | None]:
        """Criterion id -> the official chosen (None: nobody)."""
        return {
            int(name.removeprefix("criterion_")): self.by_pk.get(value) if value else None
            for name, value in self.cleaned_data.items()
        }
