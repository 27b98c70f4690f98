"""Which map a page shows: every landing page says the year and the map of units it is about."""

from datetime import date

from django import template
from django.utils.translation import gettext as _

from communes.models import NEW_MAP_FIRST_DAY, Commune, year_day

register = template.Library()


def map_label(day: date, province_id: int | None = None) -> str:
    """'bản đồ trước 01/07/2025: 10 đơn vị cấp huyện, 129 xã' or 'bản đồ từ 01/07/2025: 45 xã, phường'."""
    communes = Commune.objects.valid_on(day)
    if province_id:
        communes = communes.filter(province_id=province_id)
    count = communes.count()
    if day < NEW_MAP_FIRST_DAY:
        districts = communes.values("district_id").distinct().count()
        return _(
            "bản đồ có cấp huyện (đến 30/06/2025): %(districts)s đơn vị cấp huyện, %(count)s xã, phường, thị trấn"
        ) % {"districts": districts, "count": count}
    return _("bản đồ sau sắp xếp (từ 01/07/2025): %(count)s xã, phường, không còn cấp huyện") % {"count": count}


@register.inclusion_tag("includes/map_note.html")
def map_note(year: int | None, province_id: int | None = None) -> dict:
    """A one-line note: 'Năm 2026 · bản đồ sau sắp xếp (từ 01/07/2025): 45 xã, phường, …'."""
    if not year:
        return {"text": ""}
    return {"year": year, "text": map_label(year_day(int(year)), province_id)}
