"""The assessment section of the commune page and the review queue summary on the district page
(both registered from AssessmentConfig.ready())."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from assessment.scoring_page import can_edit
from assessment.selectors import assessment_current_classification, commune_assessments, predecessor_years
from assessment.selectors.review import queue_counts, review_queue, year_or_latest
from communes.models import Commune, District, Role
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


def district_review_panel(request: HttpRequest, district: District) -> dict[str, Any] | None:
    """Counts of the latest year's queue: waiting, returned, approved, late, not submitted."""
    year = year_or_latest(None, has_district_level=True)
    if year is None:
        return None
    rows = review_queue(district=district, year=year, today=timezone.localdate())
    return {"district": district, "year": year, "counts": queue_counts(rows)}


def register_review_panels() -> None:
    """Add the review panel to the district page for reviewers and province staff."""
    register(
        "district",
        "assessment/panel_review_queue.html",
        district_review_panel,
        order=10,
        roles=(Role.DISTRICT_REVIEWER, Role.PROVINCE_STAFF),
    )
