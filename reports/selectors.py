"""Dashboard numbers, counted by the database: a fixed number of queries for 10 communes or 129.

Every function takes the communes to count (a queryset, used as a subquery) and groups them: by
district (the province's view of a year with districts), by reviewer group (the province's view of
a year without: the province reviewer each commune is assigned to), by commune (a district's view)
or by province (the country). The pages, the PDF and the workbook all read the same functions, so
the numbers never disagree.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Avg, Count, Expression, F, Q, QuerySet, Sum
from django.utils.translation import gettext_lazy as _

from assessment import deadlines
from assessment.models import (
    Assessment,
    AssessmentYear,
    Classification,
    Criterion,
    CriterionScore,
    ProvinceDecision,
    Status,
)
from assessment.models.criteria import CLASS_RANK
from assessment.selectors.review import reviewer_group_key, reviewer_groups
from communes.models import Commune, District, Province, ReportPeriod, Role, User, year_day
from communes.permissions import districts_in_scope, has_role
from communes.profile import selectors as profile
from communes.profile.models import OfficeRecord, ProcedureStats
from communes.profile.rules import OfficeFacts, ProcedureFacts, RatioReport
from communes.profile.rules import office_ratios as office_ratios_rule
from communes.profile.rules import procedure_ratios as procedure_ratios_rule
from personnel import selectors as personnel_selectors
from personnel.rules import ratios_from_tallies
from reports.models import DISTRICT_KINDS, ReportJob, ReportKind
from reports.targets import TargetResult, share, year_targets

CLASS_KEYS: tuple[str, ...] = tuple(Classification.values)  # best first
SCORED = (Status.DISTRICT_APPROVED, Status.FINALIZED)  # final scores exist once the district approves
MISSING = "missing"  # a commune with no assessment opened for the year
_MISSING_LABEL = _("Chưa mở bản đánh giá")
TWO = Decimal("0.01")

# What a dashboard's rows can be: the commune field that names a commune's row, or REVIEWER.
GROUP_FIELDS = {"province": "province_id", "district": "district_id", "commune": "id"}
REVIEWER = "reviewer"
GROUPS = (*GROUP_FIELDS, REVIEWER)


def province_group(year: AssessmentYear) -> str:
    """How the province's view of ``year`` groups its communes: by district, or by reviewer group."""
    return "district" if year.has_district_level else REVIEWER


def group_key(group: str, commune_path: str = "") -> Expression:
    """The group of a row whose commune is reached through ``commune_path`` ("" for a commune)."""
    prefix = f"{commune_path}__" if commune_path else ""
    if group == REVIEWER:
        return reviewer_group_key(f"{prefix}id")
    return F(f"{prefix}{GROUP_FIELDS[group]}")


def group_of(communes: QuerySet[Commune], group: str) -> dict[int, int | None]:
    """Commune id -> its group (one query)."""
    return dict(communes.order_by().annotate(unit_key=group_key(group)).values_list("pk", "unit_key"))


def group_units(group: str, keys: Iterable[int | None]) -> list:
    """The units whose rows a dashboard shows for ``keys`` (one query), in code (or name) order."""
    if group == REVIEWER:
        return reviewer_groups(keys)
    model = {"province": Province, "district": District, "commune": Commune}[group]
    return list(model.objects.filter(pk__in=[k for k in keys if k is not None]).order_by("code"))


def communes_of_year(communes: QuerySet[Commune], year: int) -> QuerySet[Commune]:
    """The communes among ``communes`` assessed in ``year``: those standing on 31 December (a commune
    merged away during the year is assessed as its successor)."""
    return communes.valid_on(year_day(year))


def commune_counts(communes: QuerySet[Commune], group: str) -> dict[int | None, int]:
    """How many communes each group has (one query)."""
    return dict(communes.order_by().annotate(unit_key=group_key(group)).values_list("unit_key").annotate(n=Count("pk")))


@dataclass(frozen=True)
class CommuneGroups:
    """Each commune of a dashboard with its district and the group of its row, read once, so that
    the counts, the ratios and the panels that need them do not read them again."""

    district_of: dict[int, int | None]  # commune id -> district id
    key_of: dict[int, int | None]  # commune id -> group
    names: dict[int, Commune] = field(default_factory=dict)  # with their districts, by district and commune

    @property
    def sizes(self) -> dict[int | None, int]:
        """How many communes each group has (as :func:`commune_counts`)."""
        return _sizes(self.key_of)

    @property
    def districts(self) -> list[District]:
        """The communes' districts in code order (as :func:`group_units` gives them)."""
        found = {c.district_id: c.district for c in self.names.values() if c.district_id is not None}
        return sorted(found.values(), key=lambda d: d.code)


def commune_groups(communes: QuerySet[Commune], group: str) -> CommuneGroups:
    """Each of ``communes`` with its district, and its group (one query)."""
    rows = communes.select_related("district").annotate(unit_key=group_key(group)).order_by("district__code", "code")
    names = {c.pk: c for c in rows}
    return CommuneGroups(
        {pk: c.district_id for pk, c in names.items()}, {pk: c.unit_key for pk, c in names.items()}, names
    )


# --- classes and TSVM -------------------------------------------------------------------------


@dataclass
class ClassCounts:
    communes: int = 0
    assessed: int = 0
    finalized: int = 0
    good: int = 0
    fair: int = 0
    average: int = 0
    weak: int = 0
    tsvm: int = 0

    def count(self, key: str) -> int:
        return getattr(self, key)

    def share(self, key: str) -> Decimal | None:
        """Percentage of the confirmed results (None before any is confirmed)."""
        return share(self.count(key), self.finalized)

    @property
    def pending(self) -> int:
        """Communes whose result the province has not confirmed yet."""
        return self.communes - self.finalized

    def add(self, other: "ClassCounts") -> None:
        for name in ("communes", "assessed", "finalized", *CLASS_KEYS, "tsvm"):
            setattr(self, name, self.count(name) + other.count(name))

    def as_dict(self) -> dict[str, int]:
        return {key: self.count(key) for key in (*CLASS_KEYS, "tsvm")}


def _class_aggregates() -> dict[str, Count]:
    final = Q(status=Status.FINALIZED)
    counts = {key: Count("pk", filter=final & Q(final_class=key)) for key in CLASS_KEYS}
    return {
        "assessed": Count("pk"),
        "finalized": Count("pk", filter=final),
        "tsvm": Count("pk", filter=final & Q(tsvm=True)),
        **counts,
    }


def class_counts(
    year: AssessmentYear, communes: QuerySet[Commune], group: str, sizes: dict[int | None, int]
) -> dict[int | None, ClassCounts]:
    """Confirmed classes and TSVM per group (one query); ``sizes`` from :func:`commune_counts`."""
    rows = (
        Assessment.objects.filter(year=year, commune__in=communes)
        .order_by()
        .annotate(unit_key=group_key(group, "commune"))
        .values("unit_key")
        .annotate(**_class_aggregates())
    )
    result = {key: ClassCounts(communes=n) for key, n in sizes.items()}
    for row in rows:
        key = row.pop("unit_key")
        result.setdefault(key, ClassCounts()).__dict__.update(row)
    return result


def total_of(groups: dict[int | None, ClassCounts]) -> ClassCounts:
    total = ClassCounts()
    for counts in groups.values():
        total.add(counts)
    return total


def targets_for(year: AssessmentYear, total: ClassCounts) -> list[TargetResult]:
    """The year's province targets (its rows, one query) against the province's counts."""
    return year_targets(year, total)


# --- workflow progress ------------------------------------------------------------------------


@dataclass
class Progress:
    communes: int = 0
    by_status: dict[str, int] = field(default_factory=dict)
    late: int = 0

    def count(self, status: str) -> int:
        return self.by_status.get(status, 0)

    def share(self, status: str) -> Decimal | None:
        return share(self.count(status), self.communes)


def progress_states() -> list[tuple[str, str]]:
    """The states a dashboard counts, in workflow order, with their words."""
    return [(MISSING, str(_MISSING_LABEL)), *((s.value, str(s.label)) for s in Status)]


def _late(status: str, n: int, year: AssessmentYear, today: date) -> int:
    late = deadlines.is_late(
        Status.DRAFT if status == MISSING else status,
        today=today,
        self_deadline=year.self_deadline,
        review_deadline=year.review_deadline,
    )
    return n if late else 0


def workflow_progress(
    year: AssessmentYear, communes: QuerySet[Commune], group: str, sizes: dict[int | None, int], today: date
) -> dict[int | None, Progress]:
    """How many communes of each group are in each state, and how many are late (one query).

    A commune with no assessment opened counts as "missing" and is late like a draft."""
    rows = (
        Assessment.objects.filter(year=year, commune__in=communes)
        .order_by()
        .annotate(unit_key=group_key(group, "commune"))
        .values_list("unit_key", "status")
        .annotate(n=Count("pk"))
    )
    result = {key: Progress(communes=n) for key, n in sizes.items()}
    for key, status, n in rows:
        result.setdefault(key, Progress()).by_status[status] = n
    for progress in result.values():
        _count_missing_and_late(progress, year, today)
    return result


def _count_missing_and_late(progress: Progress, year: AssessmentYear, today: date) -> None:
    progress.by_status[MISSING] = max(progress.communes - sum(progress.by_status.values()), 0)
    progress.late = sum(_late(s, n, year, today) for s, n in progress.by_status.items())


def classes_and_progress(
    year: AssessmentYear, communes: QuerySet[Commune], group: str, sizes: dict[int | None, int], today: date
) -> tuple[dict[int | None, ClassCounts], dict[int | None, Progress]]:
    """:func:`class_counts` and :func:`workflow_progress` together, from one query: each group's
    assessments counted per state, with the classes among them."""
    rows = (
        Assessment.objects.filter(year=year, commune__in=communes)
        .order_by()
        .annotate(unit_key=group_key(group, "commune"))
        .values("unit_key", "status")
        .annotate(**_class_aggregates())
    )
    classes = {key: ClassCounts(communes=n) for key, n in sizes.items()}
    progress = {key: Progress(communes=n) for key, n in sizes.items()}
    for row in rows:
        key, status = row.pop("unit_key"), row.pop("status")
        counts = classes.setdefault(key, ClassCounts())
        for name, n in row.items():
            setattr(counts, name, counts.count(name) + n)
        progress.setdefault(key, Progress()).by_status[status] = row["assessed"]
    for found in progress.values():
        _count_missing_and_late(found, year, today)
    return classes, progress


def progress_total(groups: dict[int | None, Progress]) -> Progress:
    total = Progress()
    for progress in groups.values():
        total.communes += progress.communes
        total.late += progress.late
        for status, n in progress.by_status.items():
            total.by_status[status] = total.by_status.get(status, 0) + n
    return total


# --- criterion averages -----------------------------------------------------------------------


@dataclass
class Averages:
    criteria: list[Criterion]
    by_group: dict[int | None, dict[int, Decimal]]  # group -> criterion number -> average
    overall: dict[int, Decimal]
    scored: dict[int | None, int]  # group -> how many assessments have final scores

    def row(self, key: int | None) -> list[Decimal | None]:
        values = self.by_group.get(key, {})
        return [values.get(c.number) for c in self.criteria]

    def weakest(self, count: int = 3) -> list[Criterion]:
        """The criteria with the lowest overall average (as a share of their maximum)."""
        scored = [c for c in self.criteria if c.number in self.overall]
        return sorted(scored, key=lambda c: self.overall[c.number] / c.max_points)[:count]


def to_decimal(value: float | Decimal | None) -> Decimal | None:
    return None if value is None else Decimal(str(value)).quantize(TWO, ROUND_HALF_UP)


def criterion_averages(year: AssessmentYear, communes: QuerySet[Commune], group: str) -> Averages:
    """Average final score of each criterion per group, and overall (two queries)."""
    rows = (
        CriterionScore.objects.filter(
            assessment__year=year,
            assessment__commune__in=communes,
            assessment__status__in=SCORED,
            final_score__isnull=False,
        )
        .order_by()
        .annotate(unit_key=group_key(group, "assessment__commune"))
        .values_list("unit_key", "criterion__number")
        .annotate(avg=Avg("final_score"), n=Count("pk"), total=Sum("final_score"))
    )
    by_group: dict[int | None, dict[int, Decimal]] = defaultdict(dict)
    sums: dict[int, list] = defaultdict(lambda: [Decimal(0), 0])
    scored: dict[int | None, int] = defaultdict(int)
    for key, number, avg, n, total in rows:
        by_group[key][number] = to_decimal(avg)
        sums[number][0] += Decimal(str(total))
        sums[number][1] += n
        scored[key] = max(scored[key], n)
    overall = {number: to_decimal(t / n) for number, (t, n) in sums.items() if n}
    criteria = list(year.criteria_set.criteria.order_by("number"))
    return Averages(criteria, dict(by_group), overall, dict(scored))


# --- trends -----------------------------------------------------------------------------------


def class_trends(communes: QuerySet[Commune], years: list[int]) -> list[tuple[int, ClassCounts]]:
    """Confirmed classes and TSVM of ``communes`` in each of ``years`` (one query), oldest first."""
    rows = (
        Assessment.objects.filter(year__year__in=years, commune__in=communes)
        .order_by()
        .values("year__year")
        .annotate(**_class_aggregates())
    )
    found = {row.pop("year__year"): ClassCounts(**row) for row in rows}
    return [(y, found.get(y, ClassCounts())) for y in sorted(years)]


# --- scope of report jobs ---------------------------------------------------------------------


def reads_whole_province(user: User) -> bool:
    """Province staff, and province reviewers without a list (they answer for every commune)."""
    if has_role(user, Role.PROVINCE_STAFF):
        return True
    return user.role == Role.PROVINCE_REVIEWER and not user.review_communes.exists()


def jobs_in_scope(user: User) -> QuerySet[ReportJob]:
    """Province staff (and province reviewers without a list) see every job of their province; a
    district's reviewers see that district's; a province reviewer with a list sees none (the files
    cover communes outside the list)."""
    jobs = ReportJob.objects.select_related("created_by", "district", "province")
    if user.is_superuser:
        return jobs
    if reads_whole_province(user):
        return jobs.filter(province_id=user.province_id)
    if user.role == Role.PROVINCE_REVIEWER:
        return jobs.none()
    return jobs.filter(district__in=districts_in_scope(user))


def kinds_for(user: User) -> list[tuple[str, str]]:
    """The report kinds the user may start: district reviewers only their district's reports; a
    province reviewer with a list none."""
    if user.is_superuser or reads_whole_province(user):
        return list(ReportKind.choices)
    if user.role == Role.PROVINCE_REVIEWER:
        return []
    return [(k, label) for k, label in ReportKind.choices if k in DISTRICT_KINDS]


def province_of(user: User) -> Province | None:
    if user.province_id:
        return user.province
    return Province.objects.order_by("code").first() if user.is_superuser else None


def district_choices(user: User) -> QuerySet[District]:
    return districts_in_scope(user).order_by("code")


# --- lists for the written reports --------------------------------------------------------------


@dataclass
class ClassList:
    """The names of one unit's communes in each confirmed class, and those recognised TSVM."""

    names: dict[str, list[str]] = field(default_factory=lambda: {key: [] for key in CLASS_KEYS})
    tsvm: list[str] = field(default_factory=list)

    @property
    def groups(self) -> list[tuple[str, list[str]]]:
        return [(str(Classification(key).label), self.names[key]) for key in CLASS_KEYS]


def class_lists(
    year: AssessmentYear, communes: QuerySet[Commune], group: str = "district"
) -> dict[int | None, ClassList]:
    """Per group: the communes in each confirmed class (one query), in code order."""
    rows = (
        Assessment.objects.filter(year=year, commune__in=communes, status=Status.FINALIZED)
        .annotate(unit_key=group_key(group, "commune"))
        .order_by("commune__code")
        .values_list("unit_key", "commune__name", "final_class", "tsvm")
    )
    lists: dict[int | None, ClassList] = defaultdict(ClassList)
    for key, name, final_class, tsvm in rows:
        if final_class in CLASS_KEYS:
            lists[key].names[final_class].append(name)
        if tsvm:
            lists[key].tsvm.append(name)
    return dict(lists)


def decisions_of(years: list[int], communes: QuerySet[Commune]) -> QuerySet[ProvinceDecision]:
    """The criticisms and reminders of ``years`` for ``communes``, by district and commune."""
    return (
        ProvinceDecision.objects.filter(assessment__year__year__in=years, assessment__commune__in=communes)
        .select_related("assessment__commune__district", "assessment__year")
        .order_by("assessment__year__year", "kind", "assessment__commune__district__code", "assessment__commune__code")
    )


@dataclass(frozen=True)
class Movement:
    commune: str
    district: str
    before: str
    after: str


def class_movements(communes: QuerySet[Commune], first: int, last: int) -> tuple[list[Movement], list[Movement]]:
    """Communes whose confirmed class rose or fell between two years (one query): (up, down)."""
    rows = (
        Assessment.objects.filter(year__year__in=[first, last], commune__in=communes, status=Status.FINALIZED)
        .order_by("commune__district__code", "commune__code")
        .values_list("commune_id", "commune__name", "commune__district__name", "year__year", "final_class")
    )
    seen: dict[int, dict] = defaultdict(dict)
    for commune_id, name, district, y, final_class in rows:
        seen[commune_id].update({"name": name, "district": district or "", y: final_class})
    up, down = [], []
    for item in seen.values():
        before, after = item.get(first), item.get(last)
        if before in CLASS_RANK and after in CLASS_RANK and before != after:
            move = Movement(
                item["name"], item["district"], str(Classification(before).label), str(Classification(after).label)
            )
            (up if CLASS_RANK[after] > CLASS_RANK[before] else down).append(move)
    return up, down


# --- officials, office and procedures per group -------------------------------------------------


@dataclass
class GroupRatios:
    """Plan 703's ratios of officials, offices and procedures, for each group of communes."""

    officials: dict[int | None, RatioReport]
    office: dict[int | None, RatioReport]
    procedures: dict[int | None, RatioReport]


def group_ratios(
    communes: QuerySet[Commune],
    group: str,
    year: int,
    on_date: date,
    officials: dict[int | None, RatioReport] | None = None,
) -> GroupRatios:
    """The ratios of each group of ``communes`` (a district's, or a reviewer group's), in five queries
    whatever the number of communes or groups; each from the same rules as the province's total.
    ``officials``: the officials' ratios per group when the caller has counted them already (the
    dashboard's ``Ratios.officials_by_district``, counted the same way)."""
    if group == "district":
        if officials is None:
            _total, officials = personnel_selectors.standard_ratio_table(communes, on_date, by="district")
        return GroupRatios(
            officials,
            profile.office_ratios_by_district(communes, year),
            profile.procedure_ratios_by_district(communes, year),
        )
    key_of = group_of(communes, group)
    return GroupRatios(
        officials if officials is not None else officials_by_group(communes, on_date, key_of),
        _office_by(communes, year, key_of),
        _procedures_by(communes, year, key_of),
    )


def officials_by_group(
    communes: QuerySet[Commune], on_date: date, key_of: dict[int, int | None]
) -> dict[int | None, RatioReport]:
    """The officials' ratios of each group (``key_of``: commune id -> group), from one count."""
    new_rural = profile.new_rural_commune_ids(communes, on_date)
    grouped: dict[int | None, dict] = {key: {} for key in key_of.values()}
    for (commune_id, category), tally in personnel_selectors.tallies(communes, on_date).items():
        grouped[key_of[commune_id]][(commune_id, category)] = tally
    return {key: ratios_from_tallies(tallies, new_rural) for key, tallies in grouped.items()}


def _sizes(key_of: dict[int, int | None]) -> dict[int | None, int]:
    sizes: dict[int | None, int] = defaultdict(int)
    for key in key_of.values():
        sizes[key] += 1
    return sizes


def _office_by(communes: QuerySet[Commune], year: int, key_of: dict[int, int | None]) -> dict[int | None, RatioReport]:
    rows = OfficeRecord.objects.filter(commune__in=communes.values("pk"), year=year)
    facts: dict[int | None, list] = defaultdict(list)
    for row in rows.values(*profile.OFFICE_FACT_FIELDS):
        facts[key_of[row["commune_id"]]].append(OfficeFacts(**row))
    return {key: office_ratios_rule(facts[key], n) for key, n in _sizes(key_of).items()}


def _procedures_by(
    communes: QuerySet[Commune], year: int, key_of: dict[int, int | None]
) -> dict[int | None, RatioReport]:
    rows = ProcedureStats.objects.filter(commune__in=communes.values("pk"), year=year, period=ReportPeriod.YEAR)
    facts: dict[int | None, list] = defaultdict(list)
    for row in rows.values(*profile.PROCEDURE_FACT_FIELDS):
        facts[key_of[row["commune_id"]]].append(ProcedureFacts(**row))
    return {key: procedure_ratios_rule(facts[key], n) for key, n in _sizes(key_of).items()}
