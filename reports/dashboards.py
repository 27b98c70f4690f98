"""What a dashboard (and the report built from it) shows, assembled from the selectors.

``province_dashboard`` groups by district (by reviewer group in a year without districts),
``district_dashboard`` by commune; both run the same bounded set of queries whatever the number of
communes.
"""

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.models import Assessment, AssessmentYear
from assessment.selectors import followups as followup_selectors
from assessment.selectors.followup_facts import FollowUpFacts, followup_facts
from assessment.selectors.followups import Shortlist
from assessment.selectors.review import ReviewerGroup
from communes.models import Commune, District, Province
from communes.profile import selectors as profile
from communes.profile.rules import RatioReport
from personnel import selectors as personnel_selectors
from reports import charts, duties_civic, selectors
from reports.duties_ratings import duties_panel
from reports.selectors import Averages, ClassCounts, Progress
from reports.targets import TargetResult

TREND_YEARS = 3
# A dashboard names at most this many communes per follow-up list; the follow-ups page has them all.
LIST_LIMIT = 15


@dataclass
class GroupRow:
    unit: District | Commune | Province | ReviewerGroup
    classes: ClassCounts
    progress: Progress | None  # None: not gathered (a workbook's dashboard, page=False)
    averages: list[Decimal | None] | None
    assessment: dict | None = None  # commune rows: status, class, total, TSVM


@dataclass
class FollowUpLists:
    """The communes a dashboard names for follow-up: each list's first entries and its total."""

    criticised: Shortlist
    reminded: Shortlist
    twice_criticised: Shortlist
    missing_plans: Shortlist  # assessments of the year before whose plan for this year is missing
    missing_dialogue: Shortlist  # communes
    previous_year: AssessmentYear | None = None

    @property
    def decided_count(self) -> int:
        return self.criticised.count + self.reminded.count


@dataclass
class Ratios:
    officials: RatioReport
    office: RatioReport
    procedures: RatioReport
    on_date: date
    officials_by_district: dict[int | None, RatioReport] = field(default_factory=dict)  # same count, by group

    @property
    def groups(self) -> list[tuple[str, RatioReport]]:
        return [
            (_("Đội ngũ cán bộ, công chức cấp xã"), self.officials),
            (_("Trụ sở và trang thiết bị"), self.office),
            (_("Thủ tục hành chính"), self.procedures),
        ]


@dataclass
class Dashboard:
    unit: Province | District
    year: AssessmentYear
    today: date
    total: ClassCounts
    progress: Progress | None  # None, like averages and followups: not gathered (page=False)
    rows: list[GroupRow]
    averages: Averages | None
    trends: list[tuple[int, ClassCounts]]
    ratios: Ratios
    followups: FollowUpLists | None
    targets: list[TargetResult] | None = None
    province_averages: dict[int, Decimal] | None = None
    charts: dict[str, str] = field(default_factory=dict)
    # What the rows are: "district" or "reviewer" (a province, with or without districts), "commune"
    # (a district), "province" (the country).
    group: str = "district"
    duties: object = None  # reports.duties_ratings.DutiesPanel (province dashboards)
    civic: duties_civic.CivicDuties | None = None  # reception, records, coaching, meetings, ISO (province)

    @property
    def is_province(self) -> bool:
        return isinstance(self.unit, Province)

    @property
    def unit_label(self) -> str:
        return str(GROUP_LABELS[self.group])

    @property
    def overall_label(self) -> str:
        return str(_("Cả nước") if self.group == "province" else _("Toàn tỉnh"))

    @property
    def group_average_label(self) -> str:
        """The words of one row's average in the workbook's per-unit sheets."""
        return str(GROUP_AVERAGE_LABELS[self.group])

    @property
    def class_keys(self) -> tuple[str, ...]:
        return selectors.CLASS_KEYS

    @property
    def states(self) -> list[tuple[str, str]]:
        return selectors.progress_states()

    @property
    def class_rows(self) -> list[tuple[str, ClassCounts]]:
        return [(row.unit.name, row.classes) for row in self.rows]

    @property
    def overall_row(self) -> list[Decimal | None]:
        return [self.averages.overall.get(c.number) for c in self.averages.criteria]

    @property
    def province_row(self) -> list[Decimal | None]:
        averages = self.province_averages or {}
        return [averages.get(c.number) for c in self.averages.criteria]


# Lazy: these are read at render time in the page's language, not once at import in Vietnamese.
GROUP_LABELS = {
    "province": gettext_lazy("Tỉnh, thành phố"),
    "district": gettext_lazy("Đơn vị cấp huyện"),
    "commune": gettext_lazy("Xã"),
    selectors.REVIEWER: gettext_lazy("Nhóm thẩm định"),
}
GROUP_AVERAGE_LABELS = {
    "province": gettext_lazy("Bình quân tỉnh"),
    "district": gettext_lazy("Bình quân huyện"),
    "commune": gettext_lazy("Bình quân xã"),
    selectors.REVIEWER: gettext_lazy("Bình quân nhóm"),
}


def trend_years(year: AssessmentYear) -> list[int]:
    return list(range(year.year - TREND_YEARS + 1, year.year + 1))


def _rows(
    year: AssessmentYear,
    communes: QuerySet[Commune],
    group: str,
    today: date,
    groups: selectors.CommuneGroups,
    units: list | None = None,
) -> tuple[list[GroupRow], ClassCounts, Progress, Averages]:
    sizes = groups.sizes
    if units is None:
        units = groups.districts if group == "district" else selectors.group_units(group, sizes)
    classes, progress = selectors.classes_and_progress(year, communes, group, sizes, today)
    averages = selectors.criterion_averages(year, communes, group)
    rows = [
        GroupRow(u, classes.get(u.pk, ClassCounts()), progress.get(u.pk, Progress()), averages.row(u.pk)) for u in units
    ]
    return rows, selectors.total_of(classes), selectors.progress_total(progress), averages


def _class_rows(
    year: AssessmentYear, communes: QuerySet[Commune], group: str, groups: selectors.CommuneGroups
) -> tuple[list[GroupRow], ClassCounts]:
    """The rows with their classes only (no workflow, no averages) and their total: the workbook's."""
    sizes = groups.sizes
    units = groups.districts if group == "district" else selectors.group_units(group, sizes)
    classes = selectors.class_counts(year, communes, group, sizes)
    return [GroupRow(u, classes.get(u.pk, ClassCounts()), None, None) for u in units], selectors.total_of(classes)


def ratios_for(
    communes: QuerySet[Commune],
    year: AssessmentYear,
    today: date,
    groups: selectors.CommuneGroups | None = None,
    *,
    by_group: bool = False,
) -> Ratios:
    """The officials', office and procedure ratios of ``communes``; the officials' also per district
    (per row of the dashboard when ``by_group``). ``groups``: the communes' districts and groups, when
    already read."""
    on_date = min(today, date(year.year, 12, 31))
    key_of = None if groups is None else groups.key_of if by_group else groups.district_of
    officials, by_district = personnel_selectors.standard_ratio_table(communes, on_date, by="district", key_of=key_of)
    count = None if groups is None else len(groups.district_of)
    return Ratios(
        officials,
        profile.office_ratios(communes, year.year, count=count),
        profile.procedure_ratios(communes, year.year, count=count),
        on_date,
        by_district,
    )


def _followups(
    year: AssessmentYear, communes: QuerySet[Commune], today: date, limit: int | None, names: dict[int, Commune]
) -> tuple[FollowUpLists, FollowUpFacts]:
    """The follow-up lists of ``communes`` (``names``: each with its district, by district and
    commune), ``limit`` entries each (None: all), and the facts they come from (which also count the
    follow-ups open and done)."""
    # The plans aimed at this year come from last year's results.
    previous = AssessmentYear.objects.select_related("criteria_set").filter(year=year.year - 1).first()
    facts = followup_facts(year, previous, communes, names)
    lists = facts.shortlists(limit)
    board_lists = FollowUpLists(
        criticised=lists["criticised"],
        reminded=lists["reminded"],
        twice_criticised=lists["twice_criticised"],
        missing_plans=lists["missing_plans"] if previous else Shortlist([], 0),
        missing_dialogue=followup_selectors.shortlist(
            profile.communes_missing_dialogue(communes, year.year, today), limit
        ),
        previous_year=previous,
    )
    return board_lists, facts


def province_dashboard(
    *,
    province: Province,
    year: AssessmentYear,
    today: date,
    communes: QuerySet[Commune],
    list_limit: int | None = LIST_LIMIT,
    group: str | None = None,
    page: bool = True,
) -> Dashboard:
    """The province's year: targets, districts (reviewer groups in a year without districts),
    workflow, weak criteria, trends, ratios, follow-ups. Only the communes standing at the end of
    the year count. ``group="province"`` gives one row per province instead (several provinces).

    ``page=False`` gives the rows' classes, the totals, the targets and the ratios only: the workbook
    has no sheet for the workflow, the criteria's averages, the trends, the follow-up lists or the
    charts (those fields are None or empty), and adds the duties it writes itself."""
    communes = selectors.communes_of_year(communes, year.year)
    group = group or selectors.province_group(year)
    groups = selectors.commune_groups(communes, group)
    if page:
        rows, total, progress, averages = _rows(year, communes, group, today, groups)
    else:
        (rows, total), progress, averages = _class_rows(year, communes, group, groups), None, None
    board = Dashboard(
        province,
        year,
        today,
        total,
        progress,
        rows,
        averages,
        selectors.class_trends(communes, trend_years(year)) if page else [],
        # In a year without districts, the officials' ratios per reviewer group.
        ratios_for(communes, year, today, groups, by_group=group == selectors.REVIEWER),
        None,
        targets=selectors.targets_for(year, total),
        group=group,
    )
    if page:
        board.followups, facts = _followups(year, communes, today, list_limit, groups.names)
        board.charts = dashboard_charts(board)
        names = groups.names
        board.civic = duties_civic.civic_duties(
            communes=communes,
            year=year,
            group=group,
            units=[r.unit for r in rows],
            today=today,
            limit=list_limit,
            names=names,
        )
        board.duties = duties_panel(
            year, communes, list_limit, violations=board.civic.violations, names=names, followups=facts.counts()
        )
    return board


def district_dashboard(
    *, district: District, year: AssessmentYear, today: date, list_limit: int | None = LIST_LIMIT
) -> Dashboard:
    """One district's year, commune by commune, with the province's averages to compare."""
    communes = selectors.communes_of_year(district.communes.all(), year.year)
    units = list(communes.order_by("code"))
    for commune in units:
        commune.district = district  # the lists name each commune's district
    groups = selectors.CommuneGroups({c.pk: c.district_id for c in units}, {c.pk: c.pk for c in units})
    rows, total, progress, averages = _rows(year, communes, "commune", today, groups, units)
    results = {
        a["commune_id"]: a
        for a in Assessment.objects.filter(year=year, commune__in=communes).values(
            "commune_id", "status", "final_class", "final_total", "tsvm"
        )
    }
    for row in rows:
        row.assessment = results.get(row.unit.pk)
    province_communes = selectors.communes_of_year(Commune.objects.filter(province_id=district.province_id), year.year)
    board = Dashboard(
        district,
        year,
        today,
        total,
        progress,
        rows,
        averages,
        selectors.class_trends(communes, trend_years(year)),
        ratios_for(communes, year, today, groups),
        _followups(year, communes, today, list_limit, {c.pk: c for c in units})[0],
        province_averages=selectors.criterion_averages(year, province_communes, "district").overall,
        group="commune",
    )
    board.charts = dashboard_charts(board)
    return board


def dashboard_charts(board: Dashboard) -> dict[str, str]:
    """The dashboard's charts as inline SVG."""
    year = board.year.year
    found = {
        "trends": charts.trends_chart(
            [y for y, _c in board.trends], [c for _y, c in board.trends], _("Kết quả xếp loại qua các năm")
        )
    }
    if board.is_province:
        found["by_unit"] = charts.classes_by_unit_chart(
            [r.unit.name for r in board.rows],
            [r.classes for r in board.rows],
            _("Xếp loại năm %(year)s theo %(units)s") % {"year": year, "units": board.unit_label.lower()},
        )
        found["targets"] = charts.targets_chart(
            board.targets or [], _("Kết quả năm %(year)s so với chỉ tiêu") % {"year": year}
        )
    else:
        found["by_unit"] = charts.class_distribution_chart(
            board.total, _("Xếp loại năm %(year)s của các xã trong huyện") % {"year": year}
        )
    return found
