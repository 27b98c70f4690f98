"""The upload form of a past year's results (.xlsx)."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class HistoryUploadForm(forms.Form):
    year = forms.IntegerField(
        label=_("Năm của kết quả"),
        min_value=2011,
        help_text=_("Năm đánh giá mà tệp ghi kết quả, ví dụ 2020."),
        error_messages={
            "required": _("Hãy ghi năm của kết quả."),
            "invalid": _("Năm là một số, ví dụ 2020."),
            "min_value": _("Cổng chỉ nhận kết quả từ năm 2011 (Quyết định 34/2011)."),
        },
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    file = forms.FileField(
        label=_("Tệp kết quả (.xlsx)"),
        help_text=_("Tệp mẫu của cổng đã điền kết quả; tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={
            "required": _("Hãy chọn tệp Excel để tải lên."),
            "empty": _("Tệp rỗng: hãy chọn đúng tệp kết quả."),
        },
    )

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if year > timezone.localdate().year:
            raise forms.ValidationError(_("Chỉ nhập kết quả của các năm đã qua hoặc năm nay."))
        return year
