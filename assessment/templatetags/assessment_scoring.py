"""Template helpers of the score page, the years and criteria-set pages and the timeline."""

from decimal import Decimal, InvalidOperation

from django import template
from django.forms import BoundField
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.classification import points
from assessment.models import AssessmentEvent, Status

register = template.Library()

FIELD_LABELS = {
    "self_score": gettext_lazy("Điểm tự chấm"),
    "note": gettext_lazy("Giải trình"),
    "district_score": gettext_lazy("Điểm thẩm định"),
    "district_comment": gettext_lazy("Ý kiến thẩm định"),
    "final_score": gettext_lazy("Điểm chính thức"),
    "item_self_score": gettext_lazy("Điểm tự chấm nội dung thành phần"),
    "item_note": gettext_lazy("Giải trình nội dung thành phần"),
    "item_district_score": gettext_lazy("Điểm thẩm định nội dung thành phần"),
}
ITEM_PREFIX = "item_"
SCORE_FIELDS = {"self_score", "district_score", "final_score", "item_self_score", "item_district_score"}
CLASS_BADGES = {
    "good": "text-bg-success",
    "fair": "text-bg-primary",
    "average": "text-bg-warning",
    "weak": "text-bg-danger",
}


@register.filter
def points_text(value: Decimal | None) -> str:
    """Points as people write them (336, 12,5); a dash when there is none."""
    return points(value)


@register.filter
def verdict_first(reasons: list[str]) -> list[str]:
    """classify() ends its reasons with the verdict ("Đạt Khá: ..."); show it first, then why not higher."""
    return [*reasons[-1:], *reasons[:-1]]


@register.filter
def class_badge(classification: str) -> str:
    """The Bootstrap badge class for a classification."""
    return CLASS_BADGES.get(classification, "text-bg-light")


@register.filter
def marked_invalid(field: BoundField) -> str:
    """Render a form field, with Bootstrap's ``is-invalid`` when it has errors."""
    if not field.errors:
        return field.as_widget()
    css = f"{field.field.widget.attrs.get('class', '')} is-invalid".strip()
    return field.as_widget(attrs={"class": css})


@register.filter
def event_what(event: AssessmentEvent) -> str:
    """What an event changed, in words ("Tiêu thức 7 · Điểm tự chấm")."""
    if event.kind == AssessmentEvent.Kind.TRANSITION:
        return _("Chuyển trạng thái")
    if event.kind == AssessmentEvent.Kind.EVIDENCE:
        label = _("Thêm minh chứng") if event.new_value else _("Xóa minh chứng")
        return f"{_criterion(event)}{label}"
    if event.kind == AssessmentEvent.Kind.SCORE and event.field.startswith(ITEM_PREFIX):
        # A component item's change: the item ("3.1 Ban hành kế hoạch") is kept in the comment.
        return (
            f"{_criterion(event)}{_('Nội dung %(item)s') % {'item': event.comment}} · {FIELD_LABELS.get(event.field)}"
        )
    if event.kind == AssessmentEvent.Kind.SCORE:
        return f"{_criterion(event)}{FIELD_LABELS.get(event.field, event.field)}"
    return event.get_kind_display()


@register.filter
def event_comment(event: AssessmentEvent) -> str:
    """The comment shown under an event (a component item's change names its item in the heading instead)."""
    return "" if event.field.startswith(ITEM_PREFIX) else event.comment


def _criterion(event: AssessmentEvent) -> str:
    if event.criterion_id is None:
        return ""
    return _("Tiêu thức %(n)s · ") % {"n": event.criterion.number}


@register.filter
def event_old(event: AssessmentEvent) -> str:
    """The value before the change, for people."""
    if event.kind == AssessmentEvent.Kind.TRANSITION:
        return _status(event.from_status)
    return _value(event.field, event.old_value)


@register.filter
def event_new(event: AssessmentEvent) -> str:
    """The value after the change, for people."""
    if event.kind == AssessmentEvent.Kind.TRANSITION:
        return _status(event.to_status)
    return _value(event.field, event.new_value)


def _status(value: str) -> str:
    return Status(value).label if value in Status.values else "–"


def _value(field: str, text: str) -> str:
    if not text or text == "None":
        return "–"
    if field in SCORE_FIELDS:
        try:
            return points(Decimal(text))
        except InvalidOperation:
            return text
    return text
