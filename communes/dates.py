"""Days: the day a page shows units for, and every day a user types.

A page shows units for ``?ngay=dd/mm/yyyy`` or ``?nam=yyyy`` (its last day), today by default: codes
are reused after the 2025 reorganisation, so every page that finds a unit by code says on which day;
links to a past year's pages carry ``nam``.

A day typed in a form or a workbook is read by :func:`parse_typed_day`, whose error says whether the
form is wrong or the day does not exist ("31/02/2021"); :class:`TypedDaysMixin` gives every date
field of a form that reading.
"""

import re
from datetime import date, datetime

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from communes.models import year_day


def parse_day(text: str | None) -> date | None:
    """A dd/mm/yyyy (or ISO yyyy-mm-dd) date, None when empty or malformed."""
    for pattern in ("%d/%m/%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime((text or "").strip(), pattern).date()
        except ValueError:
            continue
    return None


def parse_year(text: str | None) -> int | None:
    value = (text or "").strip()
    return int(value) if value.isdigit() and 2000 <= int(value) <= 2100 else None


def on_day(request: HttpRequest) -> date:
    """The day the request asks about (see the module docstring)."""
    day = parse_day(request.GET.get("ngay"))
    if day:
        return day
    year = parse_year(request.GET.get("nam"))
    return year_day(year) if year else timezone.localdate()


DAY_MONTH_YEAR = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{4})\s*$")
DATE_FORMAT = "%d/%m/%Y"
DATE_ATTRS = {"placeholder": "dd/mm/yyyy", "inputmode": "numeric", "autocomplete": "off"}


def parse_typed_day(text: str) -> date:
    """A day typed as dd/mm/yyyy; a ValidationError that says what is wrong: the form, or a day that
    does not exist ("31/02/2021": February 2021 has no 31st)."""
    match = DAY_MONTH_YEAR.match(text or "")
    if not match:
        raise ValidationError(_("Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021."), code="invalid")
    day, month, year = (int(g) for g in match.groups())
    if not 1 <= month <= 12:
        raise ValidationError(
            _("Ngày %(text)s không có thật: tháng phải từ 1 đến 12.") % {"text": text.strip()}, code="invalid"
        )
    try:
        return date(year, month, day)
    except ValueError:
        raise ValidationError(
            _("Ngày %(text)s không có thật: tháng %(month)s năm %(year)s không có ngày %(day)s.")
            % {"text": text.strip(), "month": month, "year": year, "day": day},
            code="invalid",
        ) from None


class DayMonthYearField(forms.DateField):
    """A date typed as dd/mm/yyyy (what every Vietnamese office writes), read by parse_typed_day."""

    widget = forms.DateInput(format=DATE_FORMAT, attrs=DATE_ATTRS)

    def to_python(self, value: object) -> date | None:
        if value in self.empty_values:
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        return parse_typed_day(str(value))


class TypedDaysMixin:
    """For a form: each of its date fields reads days with :func:`parse_typed_day`."""

    def __init__(self, *args, **kwargs) -> None:  # noqa: ANN002, ANN003
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            if type(field) is forms.DateField:
                self.fields[name] = _typed(field)


def _typed(field: forms.DateField) -> DayMonthYearField:
    widget = field.widget
    if isinstance(widget, forms.DateInput) and not widget.format:
        widget.format = DATE_FORMAT
    typed = DayMonthYearField(
        required=field.required,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        widget=widget,
        disabled=field.disabled,
        validators=field.validators,
    )
    typed.error_messages["required"] = field.error_messages["required"]
    return typed


def cell_day(raw: object) -> date | None:
    """A day from a workbook cell: a real date (or date-time) as it is, text read by
    :func:`parse_typed_day` (a ValidationError says what is wrong), None when empty."""
    if raw is None or (isinstance(raw, str) and not raw.strip()):
        return None
    if isinstance(raw, datetime):
        return raw.date()
    if isinstance(raw, date):
        return raw
    return parse_typed_day(str(raw))
