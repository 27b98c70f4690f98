"""The API's figures, from the selectors the dashboards use (``reports.selectors``,
``personnel.selectors``, ``assessment.selectors.followups``), so the numbers agree with the pages."""

from dataclasses import dataclass
from datetime import date

from django.db.models import QuerySet

from assessment.models import Assessment, AssessmentYear, ProvinceDecision
from assessment.selectors import followups as followup_selectors
from communes.models import Commune
from communes.permissions import UnitScope, communes_in_scope
from personnel import selectors as personnel_selectors
from reports import selectors

Kind = ProvinceDecision.Kind


def year_communes(scope: UnitScope, year: AssessmentYear) -> QuerySet[Commune]:
    """The communes of the scope assessed in ``year`` (standing on 31 December), as on the dashboard."""
    return selectors.communes_of_year(communes_in_scope(scope), year.year)


def ratios_day(year: AssessmentYear, today: date) -> date:
    """The day officials are counted for ``year``: its last day, or today while it runs (as on the dashboard)."""
    return min(today, date(year.year, 12, 31))


# The follow-up lists, each a query over a year's assessments (assessment.selectors.followups).
FOLLOWUP_LISTS = {
    "criticised": lambda year, communes: followup_selectors.decided(year, communes, Kind.CRITICISM),
    "reminded": lambda year, communes: followup_selectors.decided(year, communes, Kind.REMINDER),
    "criticised_two_years": followup_selectors.criticised_two_years,
    "needing_plan": followup_selectors.needing_plan,
    "missing_plans": followup_selectors.missing_plans,
}


def followup_list(kind: str, scope: UnitScope, year: AssessmentYear) -> QuerySet[Assessment]:
    return FOLLOWUP_LISTS[kind](year, year_communes(scope, year))


@dataclass
class YearSummary:
    year: int
    group: str
    total: selectors.ClassCounts
    progress: selectors.Progress
    groups: list[dict]
    criterion_averages: list[dict]
    officials_on_date: date
    officials_ratios: list
    followups: dict[str, int]


def year_summary(scope: UnitScope, year: AssessmentYear, today: date) -> YearSummary:
    """The province dashboard's figures of ``year`` for the communes of ``scope``."""
    communes = year_communes(scope, year)
    group = selectors.province_group(year)
    sizes = selectors.commune_counts(communes, group)
    units = selectors.group_units(group, sizes)
    classes = selectors.class_counts(year, communes, group, sizes)
    progress = selectors.workflow_progress(year, communes, group, sizes, today)
    averages = selectors.criterion_averages(year, communes, group)
    on_date = ratios_day(year, today)
    return YearSummary(
        year=year.year,
        group=group,
        total=selectors.total_of(classes),
        progress=selectors.progress_total(progress),
        groups=[
            {
                "unit": {"id": u.pk, "code": u.code, "name": u.name},
                "classes": classes.get(u.pk, selectors.ClassCounts()),
                "progress": progress.get(u.pk, selectors.Progress()),
            }
            for u in units
        ],
        criterion_averages=[
            {"number": c.number, "name": c.name, "average": averages.overall.get(c.number)} for c in averages.criteria
        ],
        officials_on_date=on_date,
        officials_ratios=list(personnel_selectors.standard_ratios(communes, on_date)),
        followups={kind: rows(year, communes).count() for kind, rows in FOLLOWUP_LISTS.items()},
    )


def commune_ratios(communes: list[Commune], on_date: date) -> list[dict]:
    """Each commune's officials' standard ratios on ``on_date`` (one count for all of them)."""
    _total, by_commune = personnel_selectors.standard_ratio_table(communes, on_date, by="commune")
    return [{"commune": c, "on_date": on_date, "ratios": list(by_commune[c.pk])} for c in communes]
