"""Small helpers shared by the personnel views."""

from datetime import date

from django.http import HttpRequest
from django.utils import timezone

from communes.models import Role
from communes.permissions import has_role
from personnel.forms import RatioDateForm


def ratio_date(request: HttpRequest) -> tuple[date, RatioDateForm]:
    """The day ratios are counted on: ``?ngay=dd/mm/yyyy``, else today."""
    form = RatioDateForm(request.GET or None)
    day = form.cleaned_data.get("ngay") if form.is_valid() else None
    return day or timezone.localdate(), form


def can_edit_officials(request: HttpRequest) -> bool:
    """Commune staff keep their own commune's roster (scope is checked when the object is found)."""
    return has_role(request.user, Role.COMMUNE_STAFF)
