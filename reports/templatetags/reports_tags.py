"""Template helpers of the dashboards, the report jobs and the PDF reports."""

from decimal import Decimal
from typing import Any

from django import template
from django.utils import formats
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from assessment.classification import points
from assessment.models import Classification, Status
from reports.targets import band

register = template.Library()

CLASS_BADGES = {
    "good": "text-bg-success",
    "fair": "text-bg-primary",
    "average": "text-bg-warning",
    "weak": "text-bg-danger",
}


@register.filter
def pts(value: Decimal | None) -> str:
    """Points as people write them (336, 12,5); a dash when there is none."""
    return points(None if value == "" else value)  # "" is a missing value in a template


@register.filter
def pct(value: Decimal | float | None) -> str:
    """A percentage with one decimal in the page's language (65,0%); a dash when undefined."""
    if value is None:
        return "–"
    return f"{formats.number_format(Decimal(str(value)), 1)}%"


@register.filter
def score_band(value: Decimal | None, max_points: Decimal | None = None) -> str:
    """The CSS class of an average score's band (see reports.targets.BANDS)."""
    return f"band-{band(value, max_points or Decimal(20))}"


@register.filter
def class_label(key: str) -> str:
    return Classification(key).label if key in Classification.values else ""


@register.filter
def status_label(key: str) -> str:
    return Status(key).label if key in Status.values else ""


@register.filter
def class_badge(key: str) -> str:
    return CLASS_BADGES.get(key, "text-bg-light")


@register.filter
def count_of(counts: Any, key: str) -> int:
    """``counts.count(key)`` for ClassCounts and Progress alike."""
    return counts.count(key)


@register.filter
def share_of(counts: Any, key: str) -> Decimal | None:
    return counts.share(key)


@register.filter
def at(sequence: Any, index: int) -> Any:
    try:
        return sequence[index]
    except (IndexError, KeyError, TypeError):
        return None


@register.filter
def verdict(met: bool | None) -> str:
    """Đạt / Chưa đạt / Chưa có dữ liệu for a ratio or a target."""
    if met is None:
        return _("Chưa có dữ liệu")
    return _("Đạt") if met else _("Chưa đạt")


@register.filter
def with_district(decisions: Any) -> bool:
    """True when one of the decisions' communes has a district (a table then has a "Huyện" column)."""
    return any(d.assessment.commune.district_id for d in decisions)


@register.filter
def lower_first(name: str) -> str:
    """ "Huyện Mường Nhé" -> "huyện Mường Nhé" (in the middle of a sentence)."""
    return name[:1].lower() + name[1:]


@register.simple_tag
def svg(markup: str) -> str:
    """An inline chart drawn by reports.charts (server-made, script-free SVG)."""
    return mark_safe(markup)  # noqa: S308 - built by pygal on the server from numbers and our labels
