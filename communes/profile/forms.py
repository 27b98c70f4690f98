from django import forms
from django.utils.translation import gettext_lazy as _

from communes.dates import TypedDaysMixin
from communes.models import NEW_MAP_FIRST_DAY
from communes.profile.models import (
    CitizenReception,
    CoachingLevel,
    CoachingVisit,
    CommuneProfile,
    DialogueConference,
    GovernanceYear,
    OfficeRecord,
    ProcedureStats,
    Village,
)
from communes.profile.rules import MONTHS, RECEPTION_FIELDS, governance_errors, mask_months, reception_errors
from communes.profile.services import StaleRecordError, record_mark

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
    """A yearly profile record's form; ``year`` is the year being reported. ``seen`` carries when the
    record was last saved as the form showed it (two clerks never overwrite each other silently)."""

    seen = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, year: int, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.year = year
        self.fields["seen"].initial = record_mark(self.instance)

    def refuse_stale(self, error: StaleRecordError) -> None:
        """Show why nothing was saved, keep what the user typed, and let the next "Lưu" overwrite."""
        self.add_error(None, str(error))
        self.data = self.data.copy()
        self.data["seen"] = error.seen


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


class CitizenReceptionForm(YearForm):
    class Meta:
        model = CitizenReception
        fields = [*RECEPTION_FIELDS, "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def clean(self) -> dict:
        data = super().clean()
        for field, message in reception_errors(data).items():
            self.add_error(field, message)
        return data


MONTH_CHOICES = [(m, _("Tháng %(m)s") % {"m": m}) for m in MONTHS]


class GovernanceYearForm(YearForm):
    """The months the meeting with village heads was held (ticked) and the three sets of rules."""

    months = forms.TypedMultipleChoiceField(
        label=_("Tháng đã giao ban với trưởng thôn, bản, tổ dân phố"),
        choices=MONTH_CHOICES,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = GovernanceYear
        fields = [
            "council_rules_issued",
            "council_rules_followed",
            "committee_rules_issued",
            "committee_rules_followed",
            "coordination_rules_issued",
            "coordination_rules_followed",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields = {"months": self.fields.pop("months"), **self.fields}
        if self.instance.pk:
            self.initial["months"] = mask_months(self.instance.meeting_months)

    def clean(self) -> dict:
        data = super().clean()
        for field, message in governance_errors(data).items():
            self.add_error(field, message)
        return data


class CoachingVisitForm(TypedDaysMixin, forms.ModelForm):
    class Meta:
        model = CoachingVisit
        fields = ["level", "coach", "coach_unit", "start_date", "end_date", "topics"]
        widgets = {
            "start_date": forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS),
            "end_date": forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS),
            "topics": forms.Textarea(attrs={"rows": 2}),
        }

    def clean(self) -> dict:
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc không được trước ngày bắt đầu."))
        if start and end and (end - start).days > 92:
            self.add_error("end_date", _("Một đợt hướng dẫn dài quá 3 tháng: hãy nhập thành nhiều đợt."))
        if data.get("level") == CoachingLevel.DISTRICT and end and end >= NEW_MAP_FIRST_DAY:
            self.add_error(
                "level",
                _("Từ 01/07/2025 không còn cấp huyện: đợt hướng dẫn từ ngày đó do cấp tỉnh cử cán bộ về xã."),
            )
        return data
