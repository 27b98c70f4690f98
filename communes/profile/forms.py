from django import forms
from django.utils.translation import gettext_lazy as _

from communes.dates import TypedDaysMixin
from communes.profile.models import CommuneProfile, DialogueConference, OfficeRecord, ProcedureStats, Village

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


class CommuneProfileForm(forms.ModelForm):
    class Meta:
        model = CommuneProfile
        fields = ["new_rural_status", "new_rural_year"]

    def clean(self) -> dict:
        data = super().clean()
        if data.get("new_rural_status") not in (None, "none") and not data.get("new_rural_year"):
            self.add_error("new_rural_year", _("Nhập năm xã được công nhận."))
        return data


class YearForm(TypedDaysMixin, forms.ModelForm):
    """A yearly profile record's form; ``year`` is the year being reported."""

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year


class OfficeRecordForm(YearForm):
    class Meta:
        model = OfficeRecord
        fields = [
            "building_solid",
            "floor_area_m2",
            "standard_area_m2",
            "year_built",
            "year_renovated",
            "computers",
            "has_internet_computers",
            "has_printer",
            "has_photocopier",
            "has_telephone",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        data = super().clean()
        built, renovated = data.get("year_built"), data.get("year_renovated")
        if built and built > self.year:
            self.add_error("year_built", _("Năm xây dựng không được sau năm báo cáo."))
        if built and renovated and renovated < built:
            self.add_error("year_renovated", _("Năm cải tạo phải sau năm xây dựng."))
        if data.get("has_internet_computers") and not data.get("computers"):
            self.add_error("computers", _("Có máy tính kết nối Internet thì số máy tính phải lớn hơn 0."))
        return data


class ProcedureStatsForm(YearForm):
    class Meta:
        model = ProcedureStats
        fields = [
            "applicable",
            "posted",
            "received",
            "on_time",
            "late",
            "one_stop_status",
            "uses_iso_9001",
            "uses_e_office",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        data = super().clean()
        applicable, posted = data.get("applicable"), data.get("posted")
        if applicable is not None and posted is not None and posted > applicable:
            self.add_error("posted", _("Số TTHC đã niêm yết không được lớn hơn số TTHC áp dụng."))
        received, on_time, late = data.get("received"), data.get("on_time"), data.get("late")
        if None not in (received, on_time, late) and on_time + late > received:
            self.add_error("late", _("Số hồ sơ đúng hạn cộng quá hạn không được lớn hơn số hồ sơ tiếp nhận."))
        return data


class DialogueForm(YearForm):
    class Meta:
        model = DialogueConference
        fields = ["held_on", "chaired_by", "participants", "issues_raised", "issues_answered", "summary"]
        widgets = {
            "held_on": forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS),
            "summary": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self) -> dict:
        data = super().clean()
        held_on = data.get("held_on")
        if held_on and held_on.year != self.year:
            self.add_error("held_on", _("Ngày tổ chức phải trong năm %(y)s.") % {"y": self.year})
        raised, answered = data.get("issues_raised"), data.get("issues_answered")
        if raised is not None and answered is not None and answered > raised:
            self.add_error("issues_answered", _("Số ý kiến được trả lời không được lớn hơn số ý kiến nêu ra."))
        return data


class VillageForm(forms.ModelForm):
    class Meta:
        model = Village
        fields = ["kind", "name", "head_name", "party_secretary_name", "households"]

    def __init__(self, *args, commune, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.commune = commune

    def clean_name(self) -> str:
        name = self.cleaned_data["name"].strip()
        taken = Village.objects.filter(commune=self.commune, name__iexact=name).exclude(pk=self.instance.pk)
        if taken.exists():
            raise forms.ValidationError(_("Xã đã có thôn, bản tên này."))
        return name
