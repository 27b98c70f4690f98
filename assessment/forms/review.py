"""Forms of the district review and the province confirmation."""

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import ComponentItem, CriterionScore, EvidenceRequirement, ItemScore, ProvinceDecision
from assessment.services.items import item_review_problem
from assessment.services.workflow import score_problem
from communes.dates import TypedDaysMixin

DATE_INPUT = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def parse_points(text: str | None) -> Decimal | None:
    """Points typed by a person: "12,5" or "12.5"; blank is None; anything else ValueError."""
    text = (text or "").strip().replace(",", ".")
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise ValueError(text) from None
    if not value.is_finite():
        raise ValueError(text)
    return value


class ReviewForm(forms.Form):
    """One district score and one comment per criterion, an overall comment and the page's version."""

    comment = forms.CharField(
        label=gettext_lazy("Ý kiến chung"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, scores: list[CriterionScore], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.scores = scores
        for score in scores:
            self._add_item_fields(score)
            prefill = score.district_score if score.district_score is not None else score.self_score
            self.fields[f"score_{score.criterion_id}"] = forms.CharField(
                required=False,
                initial=format_points(prefill),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
            )
            self.fields[f"comment_{score.criterion_id}"] = forms.CharField(
                # Each review round starts blank: last round's comment is shown beside the field,
                # so it is not carried silently into the approval.
                required=False,
                initial="",
                widget=forms.Textarea(attrs={"rows": 2, "class": "form-control form-control-sm"}),
            )

    def _add_item_fields(self, score: CriterionScore) -> None:
        """A criterion with component items: one review score per item (prefilled with the item's
        review score, else its self score); the criterion's review score is their sum."""
        saved = {s.item_id: s for s in score.item_scores.all()}
        files: dict[int, list] = {}
        for evidence in score.evidence.all():
            files.setdefault(evidence.requirement_id, []).append(evidence)
        score.review_items = []
        for item in score.criterion.items.all():
            item.criterion = score.criterion
            item_score = saved.get(item.pk)
            prefill = None
            if item_score is not None:
                prefill = item_score.district_score if item_score.district_score is not None else item_score.self_score
            name = f"item_{item.pk}"
            self.fields[name] = forms.CharField(
                required=False,
                initial=format_points(prefill),
                widget=forms.TextInput(attrs={"inputmode": "decimal", "class": "form-control form-control-sm"}),
            )
            requirements = [(r, files.get(r.pk, [])) for r in item.requirements.all()]
            score.review_items.append(ReviewItem(item, item_score, name, requirements))
        score.general_evidence = files.get(None, []) if score.review_items else list(score.evidence.all())

    def item_field(self, row: "ReviewItem") -> forms.BoundField:
        return self[row.field_name]

    def rows(self) -> list[tuple[CriterionScore, forms.BoundField, forms.BoundField]]:
        return [(s, self[f"score_{s.criterion_id}"], self[f"comment_{s.criterion_id}"]) for s in self.scores]

    def clean(self) -> dict:
        data = super().clean()
        for score in self.scores:
            name = f"score_{score.criterion_id}"
            try:
                value = parse_points(data.get(name))
            except ValueError:
                self.add_error(name, _("Tiêu thức %(n)s: điểm không hợp lệ.") % {"n": score.criterion.number})
                continue
            problem = score_problem(value, score.criterion.max_points)
            if problem:
                self.add_error(name, _("Tiêu thức %(n)s: %(p)s.") % {"n": score.criterion.number, "p": problem})
            data[name] = value
        self._clean_items(data)
        return data

    def _clean_items(self, data: dict) -> None:
        for score in self.scores:
            for row in score.review_items:
                try:
                    value = parse_points(data.get(row.field_name))
                except ValueError:
                    value = Decimal("-1")
                problem = item_review_problem(value, row.item)
                if problem:
                    self.add_error(row.field_name, problem)
                data[row.field_name] = value
            if score.review_items:
                # The criterion's review score is the sum of its items'; its own field is not shown.
                name = f"score_{score.criterion_id}"
                self.errors.pop(name, None)
                values = [data.get(r.field_name) for r in score.review_items]
                data[name] = None if any(v is None for v in values) else sum(values, Decimal("0"))

    def district_scores(self) -> dict[int, Decimal]:
        return {s.criterion_id: self.cleaned_data[f"score_{s.criterion_id}"] for s in self.scores}

    def item_scores(self) -> dict[int, Decimal]:
        """Each component item's review score (item id -> points)."""
        return {r.item.pk: self.cleaned_data[r.field_name] for s in self.scores for r in s.review_items}

    def criterion_comments(self) -> dict[int, str]:
        return {s.criterion_id: self.cleaned_data.get(f"comment_{s.criterion_id}", "") for s in self.scores}


class ReturnForm(ReviewForm):
    """Returning needs only the comments: the scores typed so far are not checked."""

    def clean(self) -> dict:
        data = forms.Form.clean(self)
        if not (data.get("comment") or "").strip():
            self.add_error("comment", _("Cần ghi ý kiến chung khi trả lại xã."))
        return data


@dataclass
class ReviewItem:
    """One component item on the review page: its saved score, its field and each requirement's files."""

    item: ComponentItem
    item_score: ItemScore | None
    field_name: str
    requirements: list[tuple[EvidenceRequirement, list]]


def format_points(value: Decimal | None) -> str:
    if value is None:
        return ""
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


class ConfirmForm(forms.Form):
    tsvm = forms.BooleanField(label=gettext_lazy("Công nhận Trong sạch, vững mạnh"), required=False)
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class BulkConfirmForm(forms.Form):
    # "id:version,id:version": each assessment with the version the list showed, so a row changed
    # since the page was loaded is refused rather than confirmed blind.
    ids = forms.CharField(widget=forms.HiddenInput)
    tsvm = forms.BooleanField(
        label=gettext_lazy("Đồng thời công nhận Trong sạch, vững mạnh cho các xã đủ điều kiện"),
        required=False,
        initial=True,
        widget=forms.CheckboxInput(attrs={"class": "form-check-input"}),
    )

    def clean_ids(self) -> dict[int, int]:
        try:
            pairs = [x.split(":") for x in self.cleaned_data["ids"].split(",") if x.strip()]
            return {int(pk): int(version) for pk, version in pairs}
        except ValueError:
            raise ValidationError(_("Danh sách không hợp lệ.")) from None


class DecisionForm(TypedDaysMixin, forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Hình thức"), choices=ProvinceDecision.Kind.choices, widget=forms.RadioSelect
    )
    number = forms.CharField(label=gettext_lazy("Số quyết định"), max_length=50)
    date = forms.DateField(
        label=gettext_lazy("Ngày quyết định"),
        input_formats=["%d/%m/%Y"],
        widget=forms.DateInput(format="%d/%m/%Y", attrs=DATE_INPUT),
    )
    reason = forms.CharField(label=gettext_lazy("Lý do"), widget=forms.Textarea(attrs={"rows": 3}))
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReopenForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Lý do mở lại"),
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": gettext_lazy("Cần ghi rõ lý do mở lại.")},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)


class YearLockForm(forms.Form):
    understood = forms.BooleanField(
        label=gettext_lazy("Tôi hiểu rằng sau khi khóa sổ, không ai được thay đổi dữ liệu của năm này."),
        error_messages={"required": gettext_lazy("Hãy xác nhận trước khi khóa sổ.")},
    )
    lock_anyway = forms.BooleanField(
        label=gettext_lazy("Khóa dù bộ tiêu thức còn tạm thời"),
        help_text=gettext_lazy("Báo cáo của năm sẽ ghi rõ năm được khóa khi bộ tiêu thức chưa có quyết định ban hành."),
        required=False,
    )

    def __init__(self, *args, provisional: bool = False, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if not provisional:  # the tick is only offered while the year's criteria set is provisional
            del self.fields["lock_anyway"]
