from datetime import date

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.dates import TypedDaysMixin
from communes.models import Commune, Role, User
from personnel.models import (
    Category,
    Dimension,
    Discipline,
    Official,
    OfficialStatus,
    Position,
    PublicApology,
    Standard,
    Training,
    Transfer,
)
from personnel.models.levels import LEVELS
from personnel.selectors import transfer_destinations

DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def date_widget() -> forms.DateInput:
    return forms.DateInput(format="%d/%m/%Y", attrs=DATE_ATTRS)


def grouped_positions() -> list[tuple[str, list[tuple[int, str]]]]:
    """Positions grouped by category, for a select or checkbox list with headings."""
    positions = list(Position.objects.order_by("order"))
    return [(label, [(p.pk, p.name) for p in positions if p.category == value]) for value, label in Category.choices]


class PositionGroupsMixin:
    """Lets a template lay the position checkboxes out in one column per category."""

    def position_groups(self) -> list[tuple[str, list]]:
        checkboxes = list(self["positions"])
        groups, start = [], 0
        for label, options in self.fields["positions"].choices:
            groups.append((label, checkboxes[start : start + len(options)]))
            start += len(options)
        return groups


CHECKBOX = forms.CheckboxSelectMultiple(attrs={"class": "form-check-input"})


class OfficialForm(TypedDaysMixin, PositionGroupsMixin, forms.ModelForm):
    positions = forms.ModelMultipleChoiceField(
        label=_("Chức danh"),
        queryset=Position.objects.all(),
        widget=CHECKBOX,
        help_text=_("Chọn nhiều chức danh nếu kiêm nhiệm, ví dụ Bí thư Đảng ủy kiêm Chủ tịch HĐND."),
    )

    class Meta:
        model = Official
        fields = [
            "full_name",
            "gender",
            "date_of_birth",
            "ethnicity",
            "party_member",
            "phone",
            "category",
            "village",
            "positions",
            "start_date",
            "status",
            "end_date",
            "general_education",
            "professional_level",
            "professional_field",
            "political_theory",
            "state_management",
            "it_level",
            "foreign_language",
            "ethnic_language_certificate",
            "ethnic_language",
            "note",
        ]
        widgets = {
            "date_of_birth": date_widget(),
            "start_date": date_widget(),
            "end_date": date_widget(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, commune: Commune, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = commune.villages.order_by("name")
        self.fields["positions"].choices = grouped_positions()
        self.fields["ethnicity"].empty_label = None

    def clean(self) -> dict:
        data = super().clean()
        self._check_dates(data)
        if data.get("category") == Category.VILLAGE and not data.get("village"):
            self.add_error("village", _("Người hoạt động ở thôn, bản phải gắn với một thôn, bản."))
        return data

    def _check_dates(self, data: dict) -> None:
        status, start, end, born = (
            data.get("status"),
            data.get("start_date"),
            data.get("end_date"),
            data.get("date_of_birth"),
        )
        if status and status != OfficialStatus.SERVING and not end:
            self.add_error("end_date", _("Nhập ngày nghỉ hoặc chuyển công tác."))
        if status == OfficialStatus.SERVING and end:
            self.add_error("end_date", _("Người đang công tác không có ngày nghỉ; hãy xóa ngày này."))
        if start and end and end < start:
            self.add_error("end_date", _("Ngày nghỉ phải sau ngày bắt đầu công tác."))
        if born and start and (start.year - born.year) < 16:
            self.add_error(
                "date_of_birth", _("Ngày sinh không hợp lệ: người này chưa đủ 16 tuổi khi bắt đầu công tác.")
            )


class TransferForm(TypedDaysMixin, PositionGroupsMixin, forms.Form):
    to_commune = forms.ModelChoiceField(label=_("Đến xã"), queryset=Commune.objects.none())
    kind = forms.ChoiceField(label=_("Hình thức"), choices=Transfer.Kind.choices)
    effective_date = forms.DateField(label=_("Ngày có hiệu lực"), widget=date_widget())
    decision_number = forms.CharField(label=_("Số quyết định"), max_length=60, required=False)
    positions = forms.ModelMultipleChoiceField(
        label=_("Chức danh ở xã mới"),
        queryset=Position.objects.all(),
        required=False,
        widget=CHECKBOX,
        help_text=_("Để trống để giữ nguyên chức danh."),
    )
    note = forms.CharField(label=_("Ghi chú"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, official: Official, user: User, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["to_commune"]
        field.queryset = transfer_destinations(user, official)
        field.label_from_instance = lambda c: f"{c.name} ({c.district.name})" if c.district else c.name
        # A commune missing from the list (a forged or outdated request) is refused, with the rule.
        refusal = _("Không điều động, luân chuyển được đến xã này: hãy chọn một xã trong danh sách.")
        district = official.commune.district
        if district and user.role == Role.COMMUNE_STAFF and not user.is_superuser:
            field.help_text = _("Chỉ chọn được các xã cùng thuộc %(district)s.") % {"district": district.name}
            refusal = f"{refusal} {field.help_text}"
        field.error_messages["invalid_choice"] = refusal
        self.fields["positions"].choices = grouped_positions()


def _training_level_choices() -> list[tuple[str, str]]:
    choices = [("", _("Không nâng trình độ"))]
    for dimension, levels in LEVELS.items():
        label = Dimension(dimension).label
        choices += [(f"{dimension}:{value}", f"{label}: {name}") for value, name in levels.choices if value > 0]
    choices.append((f"{Dimension.ETHNIC_LANGUAGE}:1", _("Tiếng dân tộc: có chứng chỉ")))
    return choices


class TrainingForm(TypedDaysMixin, forms.ModelForm):
    raises = forms.ChoiceField(
        label=_("Trình độ đạt được khi hoàn thành"),
        required=False,
        help_text=_("Khi khóa học hoàn thành, trình độ của người học được nâng lên mức này (không bao giờ hạ xuống)."),
    )

    class Meta:
        model = Training
        fields = ["course", "institution", "raises", "field_of_study", "start_date", "end_date", "finished"]
        widgets = {"start_date": date_widget(), "end_date": date_widget()}

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["raises"].choices = _training_level_choices()
        if self.instance.pk and self.instance.dimension:
            self.initial["raises"] = f"{self.instance.dimension}:{self.instance.level_reached}"

    def clean(self) -> dict:
        data = super().clean()
        raises = data.pop("raises", "") or ""
        dimension, _sep, level = raises.partition(":")
        data["dimension"], data["level_reached"] = dimension, int(level) if level else None
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Ngày kết thúc phải sau ngày bắt đầu."))
        if data.get("finished") and not end:
            self.add_error("end_date", _("Khóa học đã hoàn thành: nhập ngày kết thúc."))
        return data


class DisciplineForm(TypedDaysMixin, forms.ModelForm):
    class Meta:
        model = Discipline
        fields = ["decided_on", "form", "decision_number", "authority", "reason"]
        widgets = {"decided_on": date_widget(), "reason": forms.Textarea(attrs={"rows": 3})}


class ApologyForm(TypedDaysMixin, forms.ModelForm):
    class Meta:
        model = PublicApology
        fields = [
            "held_on",
            "violation",
            "apologised_to",
            "committee_leader",
            "attendees",
            "letter_written",
            "self_criticism_written",
        ]
        widgets = {
            "held_on": date_widget(),
            "violation": forms.Textarea(attrs={"rows": 2}),
            "attendees": forms.Textarea(attrs={"rows": 2}),
        }

    def clean_held_on(self) -> date:
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Ngày xin lỗi không được ở tương lai."))
        return held_on


class StandardForm(TypedDaysMixin, forms.ModelForm):
    class Meta:
        model = Standard
        fields = [
            "position",
            "valid_from",
            "valid_to",
            "legal_basis",
            "is_provisional",
            "min_general_education",
            "min_professional_level",
            "min_political_theory",
            "min_state_management",
            "min_it_level",
            "min_foreign_language",
            "requires_ethnic_language",
            "note",
        ]
        widgets = {"valid_from": date_widget(), "valid_to": date_widget(), "note": forms.Textarea(attrs={"rows": 2})}


class OfficialFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm theo tên (không cần dấu)"), required=False)
    category = forms.ChoiceField(label=_("Loại"), required=False, choices=[("", _("Tất cả"))] + list(Category.choices))
    status = forms.ChoiceField(
        label=_("Trạng thái"), required=False, choices=[("", _("Tất cả"))] + list(OfficialStatus.choices)
    )
    compliance = forms.ChoiceField(
        label=_("Tiêu chuẩn"),
        required=False,
        choices=[("", _("Tất cả")), ("meets", _("Đạt tiêu chuẩn")), ("short", _("Chưa đạt tiêu chuẩn"))],
    )


class RatioDateForm(TypedDaysMixin, forms.Form):
    ngay = forms.DateField(label=_("Tính đến ngày"), required=False, widget=date_widget())
