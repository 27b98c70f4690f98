"""Template helpers for the officials who answer for criteria (plan 703 section II.3)."""

from django import template

from assessment.models import AssessmentYear, CriterionAssignment
from communes.models import Commune

register = template.Library()


@register.simple_tag
def criterion_officials(commune: Commune, year: AssessmentYear) -> dict:
    """Criterion id -> the official assigned to it for ``commune`` in ``year`` (one query)."""
    assignments = CriterionAssignment.objects.filter(commune=commune, year=year).select_related("official")
    return {a.criterion_id: a.official for a in assignments}
