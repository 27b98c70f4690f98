"""The results panel on the commune page and the dashboard link on the district page."""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db.models import Avg, Q
from django.http import HttpRequest
from django.utils.translation import gettext as _

from assessment.models import Assessment, CriterionScore, Status
from assessment.selectors import classification_of, threshold_rules
from communes.models import Commune, District
from reports import charts
from reports.rules import NextClass, next_class
from reports.selectors import SCORED, to_decimal
from reports.targets import band

ZERO = Decimal("0")


@dataclass
class CriterionRow:
    number: int
    name: str
    max_points: Decimal
    score: Decimal | None
    district: Decimal | None
    province: Decimal | None

    @property
    def band(self) -> str:
        return band(self.score, self.max_points)

    @property
    def below_district(self) -> bool:
        return self.score is not None and self.district is not None and self.score < self.district


def _averages(assessment: Assessment) -> dict[int, tuple[Decimal | None, Decimal | None]]:
    """Criterion number -> (district average, province average) of the year's final scores; a
    commune without a district (from 1 July 2025) has no district average."""
    commune = assessment.commune
    in_district = Q(assessment__commune__district_id=commune.district_id) if commune.district_id else Q(pk__in=[])
    rows = (
        CriterionScore.objects.filter(
            assessment__year_id=assessment.year_id,
            assessment__status__in=SCORED,
            assessment__commune__province_id=commune.province_id,
            final_score__isnull=False,
        )
        .order_by()
        .values_list("criterion__number")
        .annotate(district=Avg("final_score", filter=in_district), province=Avg("final_score"))
    )
    return {number: (to_decimal(d), to_decimal(p)) for number, d, p in rows}


def criterion_rows(assessment: Assessment) -> list[CriterionRow]:
    """The commune's final score of each criterion next to its district's and the province's averages."""
    averages = _averages(assessment)
    scores = assessment.scores.select_related("criterion").order_by("criterion__number")
    return [
        CriterionRow(
            s.criterion.number,
            s.criterion.name,
            s.criterion.max_points,
            s.final_score,
            *averages.get(s.criterion.number, (None, None)),
        )
        for s in scores
    ]


def _gaps(assessment: Assessment, rows: list[CriterionRow]) -> tuple[NextClass, list[str]]:
    scores = {r.number: r.score for r in rows}
    max_total = sum((r.max_points for r in rows), ZERO)
    rules = threshold_rules(assessment.year.criteria_set)
    result = classification_of(assessment, scores, max_total, rules)
    current = assessment.final_class if assessment.status == Status.FINALIZED else result.classification
    tsvm_reasons = [] if assessment.tsvm else result.tsvm_reasons
    return next_class(scores, rules, current, max_total=max_total), tsvm_reasons


def commune_results(request: HttpRequest, commune: Commune) -> dict[str, Any]:
    """Context of the results panel: every year's class and total, the latest scored year's criteria
    against the district and province averages, and what keeps the commune from the next class."""
    assessments = list(
        Assessment.objects.filter(commune=commune).select_related("year__criteria_set").order_by("-year__year")
    )
    latest = next((a for a in assessments if a.status in SCORED), None)
    context: dict[str, Any] = {
        "commune": commune,
        "assessments": assessments,
        "latest": latest,
        "has_district": commune.district_id is not None,
    }
    if latest is None:
        return context
    latest.commune = commune
    rows = criterion_rows(latest)
    context["rows"] = rows
    context["next_class"], context["tsvm_reasons"] = _gaps(latest, rows)
    series = [
        (commune.name, [r.score for r in rows]),
        (_("Bình quân huyện"), [r.district for r in rows]),
        (_("Bình quân tỉnh"), [r.province for r in rows]),
    ]
    if not commune.district_id:
        del series[1]
    context["chart"] = charts.criteria_comparison_chart(
        [r.number for r in rows],
        series,
        _("Điểm từng tiêu thức năm %(year)s") % {"year": latest.year.year},
        max(r.max_points for r in rows) if rows else Decimal(20),
    )
    return context


def district_link(request: HttpRequest, district: District) -> dict[str, Any]:
    """The district page's link to its dashboard and reports (no query: the page is already busy)."""
    return {"district": district}
