"""The form that records the decision a criteria set follows (number and date)."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")


def parse_day(text: str) -> date:
    """A day typed as dd/mm/yyyy; a ValidationError that says what is wrong: the form, or a day that
    does not exist ("31/02/2021": February 2021 has no 31st)."""
    match = DAY_MONTH_YEAR.match(text or "")
    if not match:
        raise ValidationError(_("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021."), code="invalid")
    day, month, year = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Ngày %(text)s không có thật: tháng phải từ 1 đến 12.") % {"text": text.strip()}, code="invalid"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("Ngày %(text)s không có thật: tháng %(month)s năm %(year)s không có ngày %(day)s.")
            % {"text": text.strip(), "month": month, "year": year, "day": day},
            code="invalid",
        ) from None


class DayField(forms.CharField):
    """A required dd/mm/yyyy date whose errors say whether the form or the day itself is wrong."""

    widget = forms.TextInput(attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"})

    def to_python(self, value: str | None) -> date | None:
        text = super().to_python(value)
        return parse_day(text) if text else None


class CriteriaSetDecisionForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số quyết định"),
        max_length=50,
        help_text=gettext_lazy("Ví dụ 34/2011/QĐ-UBND."),
        error_messages={"required": gettext_lazy("Cần nhập số quyết định.")},
    )
    decision_date = DayField(
        label=gettext_lazy("Ngày quyết định"),
        help_text=gettext_lazy("Nhập theo dạng ngày/tháng/năm, ví dụ 07/11/2011."),
        error_messages={"required": gettext_lazy("Cần nhập ngày quyết định.")},
    )

    def clean_decision_date(self) -> date:
        day = self.cleaned_data["decision_date"]
        if day > date.today():
            raise ValidationError(_("Ngày quyết định không được sau ngày hôm nay."))
        return day
