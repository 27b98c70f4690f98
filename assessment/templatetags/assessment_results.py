"""A result's status on the pages: ``{% load assessment_results %}`` then
``{% include "assessment/result_status.html" with assessment=a %}`` or ``a|result_status``."""

from typing import Any

from django import template

from assessment.status_wording import ResultState, ResultStatus, report_basis_lines, result_status

register = template.Library()

_BADGES = {
    ResultState.SELF_SCORED: "text-bg-light border",
    ResultState.REVIEWED: "text-bg-info",
    ResultState.CONFIRMED: "text-bg-success",
    ResultState.LOCKED: "text-bg-dark",
}


@register.filter(name="result_status")
def result_status_of(assessment: Any) -> ResultStatus:
    """The wording of ``assessment``'s result (its status and whether its year is locked)."""
    year = assessment.year
    return result_status(assessment.status, year_locked=year.is_locked, has_district_level=year.has_district_level)


@register.filter
def result_badge(status: ResultStatus) -> str:
    """The badge class of a result status."""
    return _BADGES[status.state]


@register.filter
def report_basis(year: Any) -> list[str]:
    """The criteria set's status and the provisional lock note for a report of ``year``."""
    return report_basis_lines(year)
