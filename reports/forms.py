from django import forms
from django.utils.translation import gettext_lazy as _

from assessment.models import AssessmentYear
from communes.models import User
from reports.models import DISTRICT_KINDS
from reports.selectors import district_choices, kinds_for
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
        self.fields["kind"].choices = kinds_for(user)
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
        if data.get("kind") in DISTRICT_KINDS and not data.get("district"):
            self.add_error("district", _("Báo cáo của huyện cần chọn huyện."))
        if data.get("kind") and data["kind"] not in DISTRICT_KINDS:
            data["district"] = None
        return data
