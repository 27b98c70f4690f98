"""Writes of a year's targets: the plan 703 rows for 2021, the demo's share targets, province staff's edits.

The plan's numbers live here and in migration 0004 only (as data rows for 2021); the reports read the
rows, never these tuples.
"""

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction

from assessment.models import AssessmentYear, YearTarget
from assessment.models.targets import TargetComparison as Cmp
from assessment.models.targets import TargetKind as Kind
from communes.models import User

PLAN_703_YEAR = 2021
PLAN_703_SOURCE = "Kế hoạch 703/KH-UBND ngày 17/3/2021 của UBND tỉnh Điện Biên, mục I.3"

# (metric, comparison, kind, value). Plan 703 section I.3: "Phấn đấu có từ 65 đơn vị trở lên được công
# nhận TSVM; có từ 30 đơn vị trở lên xếp loại Tốt; có từ 85 đơn vị trở lên xếp loại khá; dưới 6 đơn vị
# xếp loại trung bình, không có đơn vị nào xếp loại yếu", then the officials' standards ("trên 70%";
# 95-100% in new-rural communes; cadres "trên 95%" professional, 100% political theory; civil servants
# 100% professional, "từ 60% trở lên" university, "trên 50%" political theory) and the offices
# ("trên 95%" solid, "trên 75%" floor area, 100% equipment; 100% procedures posted and on time).
Row = tuple[str, str, str, Decimal]
PLAN_703_ROWS: tuple[Row, ...] = (
    ("tsvm", Cmp.AT_LEAST, Kind.COUNT, Decimal(65)),
    ("good", Cmp.AT_LEAST, Kind.COUNT, Decimal(30)),
    ("fair", Cmp.AT_LEAST, Kind.COUNT, Decimal(85)),
    ("average", Cmp.BELOW, Kind.COUNT, Decimal(6)),
    ("weak", Cmp.AT_MOST, Kind.COUNT, Decimal(0)),
    ("general", Cmp.ABOVE, Kind.SHARE, Decimal(70)),
    ("general_new_rural", Cmp.AT_LEAST, Kind.SHARE, Decimal(95)),
    ("cadre_professional", Cmp.ABOVE, Kind.SHARE, Decimal(95)),
    ("cadre_political", Cmp.AT_LEAST, Kind.SHARE, Decimal(100)),
    ("civil_servant_professional", Cmp.AT_LEAST, Kind.SHARE, Decimal(100)),
    ("civil_servant_university", Cmp.AT_LEAST, Kind.SHARE, Decimal(60)),
    ("civil_servant_political", Cmp.ABOVE, Kind.SHARE, Decimal(50)),
    ("office_solid", Cmp.ABOVE, Kind.SHARE, Decimal(95)),
    ("office_area", Cmp.ABOVE, Kind.SHARE, Decimal(75)),
    ("office_equipment", Cmp.AT_LEAST, Kind.SHARE, Decimal(100)),
    ("procedure_posted", Cmp.AT_LEAST, Kind.SHARE, Decimal(100)),
    ("procedure_on_time", Cmp.AT_LEAST, Kind.SHARE, Decimal(100)),
)

# Illustration only: shares that fit 45 communes, for the demo's 2025 and 2026; the ratios keep the plan's.
DEMO_SOURCE = "Giá trị minh họa của bản trình diễn, không phải chỉ tiêu đã giao"
DEMO_ROWS: tuple[Row, ...] = (
    ("tsvm", Cmp.AT_LEAST, Kind.SHARE, Decimal(50)),
    ("good", Cmp.AT_LEAST, Kind.SHARE, Decimal(25)),
    ("fair", Cmp.AT_LEAST, Kind.SHARE, Decimal(65)),
    ("average", Cmp.BELOW, Kind.SHARE, Decimal(5)),
    ("weak", Cmp.AT_MOST, Kind.SHARE, Decimal(0)),
    *(row for row in PLAN_703_ROWS if row[2] == Kind.SHARE),
)


def install(target_model: type, year: object, rows: Sequence[Row], *, source: str, is_demo: bool) -> int:
    """Create ``rows`` for ``year`` with the given model class (also a migration's historical model);
    metrics the year already has are kept as they are. Returns the number of rows created."""
    existing = set(target_model.objects.filter(year=year).values_list("metric", flat=True))
    new = [
        target_model(
            year=year, metric=metric, comparison=str(cmp), kind=str(kind), value=value, source=source, is_demo=is_demo
        )
        for metric, cmp, kind, value in rows
        if metric not in existing
    ]
    target_model.objects.bulk_create(new)
    return len(new)


def _year(year: AssessmentYear | int) -> AssessmentYear | None:
    return year if isinstance(year, AssessmentYear) else AssessmentYear.objects.filter(year=year).first()


def targets_seed_plan_703(*, year: AssessmentYear | int = PLAN_703_YEAR) -> int:
    """Give ``year`` (2021 by default) plan 703's targets, citing the plan; rows already entered are
    kept. Returns how many were created (0 when the year does not exist)."""
    found = _year(year)
    if found is None:
        return 0
    return install(YearTarget, found, PLAN_703_ROWS, source=PLAN_703_SOURCE, is_demo=False)


def targets_seed_demo(*, year: AssessmentYear | int) -> int:
    """Give ``year`` the demo's share targets (TSVM ≥ 50 %, Tốt ≥ 25 %, Khá ≥ 65 %, Trung bình < 5 %,
    Yếu 0 %, the plan's ratios), each marked as an illustration; rows already entered are kept."""
    found = _year(year)
    if found is None:
        return 0
    return install(YearTarget, found, DEMO_ROWS, source=DEMO_SOURCE, is_demo=True)


def targets_seed_on_open(year: AssessmentYear) -> int:
    """What opening a year creates: plan 703's targets for 2021 (the plan's year), nothing for another
    year (its targets are entered by province staff on the year's targets page)."""
    if year.year != PLAN_703_YEAR:
        return 0
    return targets_seed_plan_703(year=year)


@dataclass(frozen=True)
class TargetEntry:
    """One metric as typed on the year's targets page; ``value`` None removes the metric's target."""

    metric: str
    comparison: str
    kind: str
    value: Decimal | None
    source: str = ""
    is_demo: bool = False


@transaction.atomic
def year_targets_save(*, year: AssessmentYear, entries: Iterable[YearTarget | TargetEntry], actor: User) -> int:
    """Replace ``year``'s targets by ``entries``: a metric with a value is created or updated, one
    without is removed. Returns how many targets the year has afterwards."""
    entries = list(entries)
    YearTarget.objects.filter(year=year, metric__in=[e.metric for e in entries if e.value is None]).delete()
    kept = [e for e in entries if e.value is not None]
    for entry in kept:
        YearTarget.objects.update_or_create(
            year=year,
            metric=entry.metric,
            defaults={
                "comparison": entry.comparison,
                "kind": entry.kind,
                "value": entry.value,
                "source": entry.source,
                "is_demo": entry.is_demo,
                "updated_by": actor,
            },
        )
    return YearTarget.objects.filter(year=year).count()
