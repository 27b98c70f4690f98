"""The form that records the decision a criteria set follows (number and date)."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from communes.dates import DayMonthYearField


class CriteriaSetDecisionForm(forms.Form):
    number = forms.CharField(
        label=gettext_lazy("Số quyết định"),
        max_length=50,
        help_text=gettext_lazy("Ví dụ 34/2011/QĐ-UBND."),
        error_messages={"required": gettext_lazy("Cần nhập số quyết định.")},
    )
    decision_date = DayMonthYearField(
        label=gettext_lazy("Ngày quyết định"),
        help_text=gettext_lazy("Nhập theo dạng ngày/tháng/năm, ví dụ 07/11/2011."),
        error_messages={"required": gettext_lazy("Cần nhập ngày quyết định.")},
    )

    def clean_decision_date(self) -> date:
        day = self.cleaned_data["decision_date"]
        if day > timezone.localdate():
            raise ValidationError(_("Ngày quyết định không được sau ngày hôm nay."))
        return day
