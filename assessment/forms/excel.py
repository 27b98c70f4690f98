"""The upload form of the score sheet (.xlsx)."""

from django import forms
from django.utils.translation import gettext_lazy as _


class ScoreSheetUploadForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp bảng tự chấm (.xlsx)"),
        help_text=_("Tệp đã tải về từ trang này và điền điểm; tối đa 5 MB."),
        widget=forms.ClearableFileInput(
            attrs={"accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}
        ),
        error_messages={
            "required": _("Hãy chọn tệp Excel để tải lên."),
            "empty": _("Tệp rỗng: hãy chọn đúng tệp bảng tự chấm."),
        },
    )
