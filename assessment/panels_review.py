"""The review queue summary on the district page (registered from AssessmentConfig.ready())."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from assessment.selectors_review import queue_counts, review_queue, year_or_latest
from communes.models import District, Role
from communes.panels import register


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
