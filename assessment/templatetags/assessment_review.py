"""Template helpers of the review, confirmation and follow-up pages."""

from decimal import Decimal

from django import template
from django.utils.translation import gettext_lazy as _

from assessment.classification import points
from assessment.models import Status

register = template.Library()

_STATUS_CLASSES = {
    Status.DRAFT: "text-bg-secondary",
    Status.SUBMITTED: "text-bg-warning",
    Status.RETURNED: "text-bg-danger",
    Status.DISTRICT_APPROVED: "text-bg-info",
    Status.FINALIZED: "text-bg-success",
}


_FIELD_LABELS = {
    "self_score": _("điểm tự chấm"),
    "note": _("giải trình"),
    "district_score": _("điểm thẩm định"),
    "district_comment": _("ý kiến thẩm định"),
    "final_score": _("điểm chính thức"),
    "item_self_score": _("điểm tự chấm nội dung thành phần"),
    "item_note": _("giải trình nội dung thành phần"),
    "item_district_score": _("điểm thẩm định nội dung thành phần"),
}


@register.filter
def field_label(name: str) -> str:
    """The words for a changed field in the history."""
    return _FIELD_LABELS.get(name, name)


@register.filter
def event_value(value: str, field: str) -> str:
    """A history value as shown: points in the user's notation for score fields, text otherwise."""
    if field.endswith("score") and value:
        try:
            return points(Decimal(value))
        except ArithmeticError:
            return value
    return value


@register.filter
def item_field(form, row):  # noqa: ANN001, ANN201
    """The review form's field of a component item (``form|item_field:row``)."""
    return form.item_field(row)


@register.filter
def pts(value: Decimal | None) -> str:
    """Points as people write them (336, 12,5); a dash when there is none."""
    return points(value)


@register.filter
def status_badge(status: str) -> str:
    """The Bootstrap badge class for an assessment status."""
    return _STATUS_CLASSES.get(status, "text-bg-light")


@register.filter
def get_item(mapping: dict, key):  # noqa: ANN001 - any mapping, any key
    """``mapping[key]`` in a template (None when absent)."""
    return mapping.get(key) if mapping else None
