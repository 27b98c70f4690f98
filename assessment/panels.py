"""The assessment section of the commune page (registered from AssessmentConfig.ready())."""

from typing import Any

from django.http import HttpRequest

from assessment.scoring_page import can_edit
from assessment.selectors import assessment_current_classification, commune_assessments, predecessor_years
from communes.models import Commune
from communes.panels import register


def commune_assessment_panel(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    """This year's status, total and class (with the provisional badge), past years' classes, and
    for a commune formed by a merger its predecessors' results of the years before it, named."""
    assessments = commune_assessments(commune)
    before = predecessor_years(commune)
    if not assessments:
        return {"commune": commune, "current": None, "past": [], "before_merger": before}
    current = assessments[0]
    return {
        "commune": commune,
        "current": current,
        "past": assessments[1:],
        "before_merger": before,
        "result": assessment_current_classification(current, list(current.scores.all())),
        "editable": can_edit(request, current),
    }


def register_panels() -> None:
    """Add the assessment summary to the commune page, for every role."""
    register("commune", "assessment/panel_commune.html", commune_assessment_panel, order=20)
