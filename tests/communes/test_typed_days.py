"""Every day a user types is read the same way: a day that does not exist is told so."""

import importlib
import inspect

import pytest
from django import forms
from django.core.exceptions import ValidationError

from communes.dates import DayMonthYearField, TypedDaysMixin, parse_typed_day

FORM_MODULES = [
    "communes.profile.forms",
    "personnel.forms",
    "assessment.forms.assessments",
    "assessment.forms.criteria",
    "assessment.forms.review",
    "assessment.forms.plans",
    "assessment.forms.targets",
]


@pytest.mark.parametrize(
    "text, message",
    [
        ("31/02/2021", "Ngày 31/02/2021 không có thật: tháng 2 năm 2021 không có ngày 31."),
        ("29/02/2023", "Ngày 29/02/2023 không có thật: tháng 2 năm 2023 không có ngày 29."),
        ("12/13/2021", "Ngày 12/13/2021 không có thật: tháng phải từ 1 đến 12."),
        ("2021-02-03", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021."),
    ],
)
def test_a_wrong_day_says_what_is_wrong(text, message):
    with pytest.raises(ValidationError) as problem:
        parse_typed_day(text)
    assert problem.value.messages == [message]


def test_a_real_day_is_read_as_typed():
    assert parse_typed_day(" 29/02/2024 ").isoformat() == "2024-02-29"
    assert parse_typed_day("5/9/1980").isoformat() == "1980-09-05"


def _forms_with_dates():
    for name in FORM_MODULES:
        module = importlib.import_module(name)
        for _, cls in inspect.getmembers(module, inspect.isclass):
            if issubclass(cls, forms.BaseForm) and cls.__module__ == name:
                dated = [f for f, field in cls.base_fields.items() if isinstance(field, forms.DateField)]
                if dated:
                    yield cls, dated


def test_every_form_with_a_date_reads_it_as_a_typed_day():
    found = list(_forms_with_dates())
    assert len(found) >= 8, "the forms with dates were not found"
    plain = [
        f"{cls.__module__}.{cls.__name__}.{name}"
        for cls, names in found
        for name in names
        if not issubclass(cls, TypedDaysMixin) and not isinstance(cls.base_fields[name], DayMonthYearField)
    ]
    assert not plain, f"use TypedDaysMixin or DayMonthYearField for {plain}"
