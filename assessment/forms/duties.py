"""Forms of the plan's other duties: the officials' ratings of a year and a follow-up's action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.ratings import RatingLevel
from assessment.selectors.ratings import RatingRow
from assessment.services.ratings import RatingEntry, seen_mark
from communes.dates import DayMonthYearField, TypedDaysMixin


class RatingsForm(forms.Form):
    """A level and a reason per official: fields ``level_<official id>`` and ``reason_<official id>``."""

    def __init__(self, *args, rows: list[RatingRow], **kwargs) -> None:  # noqa: ANN002
        super().__init__(*args, **kwargs)
        choices = [("", _("— Chưa xếp loại —")), *RatingLevel.choices]
        self.ids = [row.official.pk for row in rows]
        for row in rows:
            pk = row.official.pk
            self.fields[f"level_{pk}"] = forms.ChoiceField(
                label=row.official.full_name, choices=choices, required=False
            )
            self.fields[f"reason_{pk}"] = forms.CharField(
                label=_("Lý do (nếu cao hơn mức tối đa)"),
                required=False,
                max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
            )
            # What the page shows of the saved rating: a newer save is never overwritten silently.
            self.fields[f"seen_{pk}"] = forms.CharField(required=False, widget=forms.HiddenInput)
            self.initial[f"seen_{pk}"] = seen_mark(row.rating)
            if row.rating:
                self.initial[f"level_{pk}"] = row.rating.level
                self.initial[f"reason_{pk}"] = row.rating.reason

    def entries(self) -> dict[int, RatingEntry]:
        data = self.cleaned_data
        return {
            pk: RatingEntry(data[f"level_{pk}"], data[f"reason_{pk}"], data[f"seen_{pk}"] or None) for pk in self.ids
        }


class FollowUpActionForm(TypedDaysMixin, forms.Form):
    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if name != "file":
                field.widget.attrs.setdefault("class", "form-control")

    number = forms.CharField(label=_("Số quyết định, biên bản"), max_length=60)
    date = DayMonthYearField(label=_("Ngày (dd/mm/yyyy)"))
    actor_name = forms.CharField(
        label=_("Người, cơ quan thực hiện"),
        max_length=160,
        help_text=_("Ví dụ: Ban Thường vụ Huyện ủy; UBND xã; Sở Nội vụ."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    file = forms.FileField(
        label=_("Tệp minh chứng (PDF, ảnh, Word, Excel; tối đa 10 MB)"),
        required=False,
        error_messages={"empty": _("Tệp rỗng.")},
    )


class RatingSheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp Excel đã điền (.xlsx)"),
        error_messages={"required": _("Hãy chọn tệp Excel để nhập."), "empty": _("Tệp rỗng.")},
    )
