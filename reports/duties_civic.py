"""The plan's other duties on the province dashboard, in the annual report and in the workbook:
citizens' reception and petitions (II.8), discipline, public apologies, training and transfers
(II.3, II.9), coaching on site (II.3), the meeting with village heads and the working rules (I.3,
II.1), ISO 9001:2015, e-documents and the one-stop desk (II.5).

Every function runs a fixed number of queries whatever the number of communes. The communes that
need coaching depend on the assessment results, which is why this lives in ``reports``.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, Expression, F, IntegerField, OuterRef, Q, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from assessment.models import Assessment, AssessmentYear, Classification, ProvinceDecision, Status
from communes.models import Commune, Succession
from communes.profile import selectors as profile
from communes.profile.rules import QuarterDays, coaching_days_by_quarter, coaching_quarters
from communes.profile.selectors import DutyRatios
from personnel.models import Discipline, PublicApology, Training, Transfer
from reports import selectors

NEEDS_COACHING_CLASSES = (Classification.AVERAGE, Classification.WEAK)
RECORD_KEYS = ("disciplines", "apologies", "trainings", "transfers_in", "transfers_out")


# --- discipline, apologies, training, transfers -------------------------------------------------------


@dataclass
class RecordCounts:
    disciplines: int = 0
    apologies: int = 0
    trainings: int = 0
    transfers_in: int = 0
    transfers_out: int = 0

    def add(self, other: "RecordCounts") -> None:
        for key in RECORD_KEYS:
            setattr(self, key, getattr(self, key) + getattr(other, key))

    def as_list(self) -> list[int]:
        return [getattr(self, key) for key in RECORD_KEYS]


def record_labels() -> list[str]:
    return [
        _("Kỷ luật"),
        _("Xin lỗi Nhân dân"),
        _("Đào tạo, bồi dưỡng"),
        _("Điều động, luân chuyển đến"),
        _("Điều động, luân chuyển đi"),
    ]


def _count(queryset: QuerySet, commune_field: str) -> Coalesce:
    rows = queryset.filter(**{commune_field: OuterRef("pk")}).order_by().values(commune_field).annotate(n=Count("pk"))
    return Coalesce(Subquery(rows.values("n"), output_field=IntegerField()), Value(0))


# A move out of a commune that no longer stood on its day is the reorganisation's carry-over of
# 1 July 2025 (personnel.services.carry_over), not a transfer or rotation decided for the official.
MERGER_MOVE = Q(from_commune__valid_to__lt=F("effective_date"))


def _trainings_where_served() -> QuerySet[Training]:
    """Trainings with the commune the official served in when the course started: the one their
    first later transfer left, else the one they serve in now."""
    left = Transfer.objects.filter(official=OuterRef("official_id"), effective_date__gt=OuterRef("start_date"))
    first_left = left.order_by("effective_date", "pk").values("from_commune_id")[:1]
    served_in = Coalesce(Subquery(first_left), F("official__commune_id"), output_field=IntegerField())
    return Training.objects.annotate(served_in=served_in)


def record_counts(
    communes: QuerySet[Commune], year: int, key: Expression | None = None
) -> dict[int, tuple[int | None, RecordCounts]]:
    """Commune id -> its disciplines (decided in ``year``), public apologies (held), trainings
    (started, where the official served then) and transfers in and out (effective, not the 2025
    carry-over) of ``year``,
    with its group (``key``, an expression on the commune; default its district): one query, every
    count an SQL aggregate."""
    moves = Transfer.objects.filter(effective_date__year=year).exclude(MERGER_MOVE)
    counted = {
        "disciplines": _count(Discipline.objects.filter(decided_on__year=year), "commune"),
        "apologies": _count(PublicApology.objects.filter(held_on__year=year), "commune"),
        "trainings": _count(_trainings_where_served().filter(start_date__year=year), "served_in"),
        "transfers_in": _count(moves, "to_commune"),
        "transfers_out": _count(moves, "from_commune"),
    }
    # Prefixed: "disciplines" and the like are already the names of the commune's relations.
    rows = (
        communes.order_by()
        .annotate(unit_key=key or F("district_id"), **{f"n_{name}": counted[name] for name in RECORD_KEYS})
        .values_list("pk", "unit_key", *[f"n_{name}" for name in RECORD_KEYS])
    )
    return {pk: (unit, RecordCounts(*numbers)) for pk, unit, *numbers in rows}


def records_by_key(counts: dict[int, tuple[int | None, RecordCounts]]) -> dict[int | None, RecordCounts]:
    grouped: dict[int | None, RecordCounts] = defaultdict(RecordCounts)
    for key, found in counts.values():
        grouped[key].add(found)
    return grouped


# --- coaching for the communes that need it ----------------------------------------------------------


@dataclass(frozen=True)
class CoachingRow:
    commune: Commune
    reasons: list[str]
    quarters: list[QuarterDays]

    @property
    def short_quarters(self) -> int:
        return sum(q.met is False for q in self.quarters)


def needs_coaching(communes: QuerySet[Commune], year: int) -> dict[int, list[str]]:
    """Commune id -> why it needs coaching in ``year``: rated Trung bình or Yếu, or criticised, in
    the year before (the results that the year's coaching answers); for a commune formed by the
    merger, its predecessors' results (one query)."""
    in_scope = communes.values("pk")
    successor = Succession.objects.filter(predecessor=OuterRef("commune_id"), successor__in=in_scope)
    criticised = ProvinceDecision.objects.filter(assessment=OuterRef("pk"), kind=ProvinceDecision.Kind.CRITICISM)
    weak = Q(status=Status.FINALIZED, final_class__in=NEEDS_COACHING_CLASSES)
    rows = (
        Assessment.objects.filter(year__year=year - 1)
        .annotate(successor_id=Subquery(successor.order_by("-is_main", "pk").values("successor_id")[:1]))
        .filter(Q(commune__in=in_scope) | Q(successor_id__isnull=False))
        .annotate(criticised=Exists(criticised))
        .filter(weak | Q(criticised=True))
        .values_list("commune_id", "successor_id", "commune__name", "status", "final_class", "criticised")
    )
    labels = dict(Classification.choices)
    found: dict[int, list[str]] = defaultdict(list)
    for commune_id, successor_id, name, status, final_class, was_criticised in rows:
        target = successor_id or commune_id
        suffix = "" if target == commune_id else f" ({name})"
        if status == Status.FINALIZED and final_class in NEEDS_COACHING_CLASSES:
            found[target].append(_("Xếp loại %(c)s năm %(y)s") % {"c": labels[final_class], "y": year - 1} + suffix)
        if was_criticised:
            found[target].append(_("Bị phê bình năm %(y)s") % {"y": year - 1} + suffix)
    return found


def coaching_rows(
    communes: QuerySet[Commune], year: int, today: date, names: dict[int, Commune] | None = None
) -> list[CoachingRow]:
    """Each commune that needs coaching in ``year`` with its days per quarter against 15 (three
    queries; two with ``names``, every commune of ``communes`` with its district, already read)."""
    reasons = needs_coaching(communes, year)
    if not reasons:
        return []
    spans = profile.coaching_spans(communes.filter(pk__in=list(reasons)), year)
    if names is None:
        named = communes.filter(pk__in=list(reasons)).select_related("district").order_by("code")
    else:
        named = sorted((names[pk] for pk in reasons if pk in names), key=lambda c: c.code)
    return [
        CoachingRow(
            c, reasons[c.pk], coaching_quarters(coaching_days_by_quarter(spans.get(c.pk, []), year), year, today)
        )
        for c in named
    ]


# --- everything on the dashboard -------------------------------------------------------------------------


@dataclass
class CivicDuties:
    year: int
    reception: DutyRatios
    governance: DutyRatios
    reform: DutyRatios
    flagged: list  # CitizenReception rows with a backlog or petitions passed upward
    flagged_count: int
    records: RecordCounts
    records_by_key: dict[int | None, RecordCounts]
    coaching: list[CoachingRow]
    units: list = field(default_factory=list)
    # Commune id -> (its unit, its records): the workbook's row per commune.
    records_by_commune: dict[int, tuple[int | None, RecordCounts]] = field(default_factory=dict)

    @property
    def violations(self) -> dict[int, int]:
        """Commune id -> its discipline decisions of the year (what refuses a commendation)."""
        return {pk: counts.disciplines for pk, (_unit, counts) in self.records_by_commune.items()}

    @property
    def groups(self) -> list[tuple[str, object]]:
        return [
            (_("Tiếp công dân, giải quyết đơn thư (mục II.8)"), self.reception.total),
            (_("Giao ban thôn, bản và quy chế làm việc (mục I.3, II.1)"), self.governance.total),
            (_("ISO 9001:2015, văn bản điện tử, Một cửa (mục II.5)"), self.reform.total),
        ]

    @property
    def record_labels(self) -> list[str]:
        return record_labels()

    @property
    def record_rows(self) -> list[tuple[str, RecordCounts]]:
        return [(unit.name, self.records_by_key.get(unit.pk, RecordCounts())) for unit in self.units]

    @property
    def coaching_short(self) -> int:
        return sum(1 for row in self.coaching if row.short_quarters)


def civic_duties(
    *,
    communes: QuerySet[Commune],
    year: AssessmentYear,
    group: str,
    units: list,
    today: date,
    limit: int | None,
    names: dict[int, Commune] | None = None,
    lists: bool = True,
) -> CivicDuties:
    """The duties of ``communes`` in ``year``, in total and per unit of ``group`` (district or reviewer
    group); ``limit`` communes named in the backlog list (None: all); ``names``: every commune of
    ``communes`` with its district, when the caller has read them. ``lists=False`` leaves the
    backlog and coaching lists empty (the workbook has a row per commune instead)."""
    ratios = profile.duty_ratios(communes, year.year, selectors.group_key(group))
    counts = record_counts(communes, year.year, selectors.group_key(group))
    total = RecordCounts()
    for _unit, found in counts.values():
        total.add(found)
    flagged_items, flagged_count = [], 0
    if lists:
        flagged = profile.reception_flagged(communes, year.year)
        flagged_items = list(flagged if limit is None else flagged[:limit])
        flagged_count = len(flagged_items) if limit is None or len(flagged_items) < limit else flagged.count()
    return CivicDuties(
        year=year.year,
        reception=ratios["reception"],
        governance=ratios["governance"],
        reform=ratios["reform"],
        flagged=flagged_items,
        flagged_count=flagged_count,
        records=total,
        records_by_key=records_by_key(counts),
        coaching=coaching_rows(communes, year.year, today, names) if lists else [],
        units=units,
        records_by_commune=counts,
    )
