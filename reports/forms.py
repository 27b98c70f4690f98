import zipfile

from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import AssessmentYear
from communes.models import User
from reports.models import DISTRICT_KINDS, ReportKind
from reports.selectors import district_choices, kinds_for
from reports.services.archive import archive_refusal, may_archive
from reports.services.jobs import district_report_refusal


class ReportJobForm(forms.Form):
    """Start a report job: the kind, year and district the user's scope allows."""

    kind = forms.ChoiceField(label=_("Loại báo cáo"))
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int)
    district = forms.ModelChoiceField(
        label=_("Huyện (với báo cáo của huyện)"), queryset=None, required=False, empty_label=_("— Chọn huyện —")
    )

    def __init__(self, *args, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["kind"].choices = [
            (kind, label) for kind, label in kinds_for(user) if kind != ReportKind.YEAR_ARCHIVE_ZIP or may_archive(user)
        ]
        years = AssessmentYear.objects.order_by("-year")
        kinds = [kind for kind, _label in self.fields["kind"].choices]
        if kinds and all(kind in DISTRICT_KINDS for kind in kinds):
            years = years.filter(has_district_level=True)  # a district's reviewers: their years only
        self.fields["year"].choices = [(y, y) for y in years.values_list("year", flat=True)]
        districts = district_choices(user)
        self.fields["district"].queryset = districts
        if user.district_id and not user.is_province_staff:
            self.fields["district"].initial = user.district_id

    def clean(self) -> dict:
        data = super().clean()
        if data.get("kind") in DISTRICT_KINDS and data.get("year"):
            refusal = district_report_refusal(data["year"])
            if refusal:
                self.add_error("year", refusal)
        if data.get("kind") == ReportKind.YEAR_ARCHIVE_ZIP and data.get("year"):
            refusal = archive_refusal(actor=self.user, year=data["year"])
            if refusal:
                self.add_error("year", refusal)
        if data.get("kind") in DISTRICT_KINDS and not data.get("district"):
            self.add_error("district", _("Báo cáo của huyện cần chọn huyện."))
        if data.get("kind") and data["kind"] not in DISTRICT_KINDS:
            data["district"] = None
        return data


# The page's limit; a larger archive is checked on the server with `manage.py verify_archive PATH`.
ARCHIVE_UPLOAD_MAX_BYTES = 300 * 1024 * 1024


class ArchiveCheckForm(forms.Form):
    """Upload a year archive (.zip) to compare it with its manifest."""

    file = forms.FileField(
        label=_("Tệp lưu trữ năm (.zip)"),
        help_text=_("Tệp tải về từ mục “Lưu trữ năm” ở trang Báo cáo; tối đa 300 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": ".zip,application/zip"}),
        error_messages={
            "required": _("Hãy chọn tệp lưu trữ (.zip) để kiểm tra."),
            "empty": _("Tệp rỗng: hãy chọn đúng tệp lưu trữ đã tải về."),
        },
    )

    def clean_file(self):  # noqa: ANN201 - an UploadedFile
        upload = self.cleaned_data["file"]
        if upload.size > ARCHIVE_UPLOAD_MAX_BYTES:
            raise forms.ValidationError(
                _("Tệp quá lớn để kiểm tra trên trang (tối đa 300 MB). Hãy nhờ quản trị viên kiểm tra trên máy chủ.")
            )
        if not zipfile.is_zipfile(upload):
            raise forms.ValidationError(_("Tệp không phải tệp nén ZIP. Hãy chọn đúng tệp “luu-tru-...zip” đã tải về."))
        upload.seek(0)
        return upload
