"""The year's province-wide targets against the year's results, shares, terms and colour bands.

Targets are data: province staff enter them per assessment year (``assessment.models.YearTarget``),
each as a number of communes ("≥ 65 xã", plan 703 for 2021) or as a share of the communes assessed
("≥ 50 %", what fits the 45 communes of 2026). A year without rows has no target; nothing here
falls back on a plan's numbers. A district has no target of its own, so district pages show shares.
The only database read is :func:`targets_of` / :func:`targets_by_year` (one query).
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_CEILING, ROUND_FLOOR, ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

from assessment.models import AssessmentYear, YearTarget
from assessment.models.targets import CLASS_METRICS, METRIC_ORDER, RATIO_METRICS
from assessment.terms import term_label, term_of, term_years  # noqa: F401  (re-exported for the reports)
from communes.profile.rules import Target as RatioTarget

HUNDRED = Decimal(100)


class Comparison(StrEnum):
    """As ``assessment.models.TargetComparison`` stores them."""

    AT_LEAST = "gte"
    ABOVE = "gt"
    AT_MOST = "lte"
    BELOW = "lt"


class Unit(StrEnum):
    """As ``assessment.models.TargetKind`` stores them."""

    COUNT = "count"
    SHARE = "share"


_SYMBOL = {Comparison.AT_LEAST: "≥", Comparison.ABOVE: ">", Comparison.AT_MOST: "≤", Comparison.BELOW: "<"}


def number_text(value: Decimal | int) -> str:
    """A number as Vietnamese documents write it: 65, 95,5."""
    text = f"{Decimal(value).normalize():f}"
    return text.replace(".", ",")


def _met(comparison: Comparison, actual: Decimal, aimed: Decimal) -> bool:
    return {
        Comparison.AT_LEAST: actual >= aimed,
        Comparison.ABOVE: actual > aimed,
        Comparison.AT_MOST: actual <= aimed,
        Comparison.BELOW: actual < aimed,
    }[comparison]


@dataclass(frozen=True)
class PlanTarget:
    """One target of a year: ``value`` communes (``Unit.COUNT``) or ``value`` % of the communes
    assessed (``Unit.SHARE``), to reach (≥, >) or to stay under (≤, <)."""

    key: str  # "tsvm", a Classification value, or a ratio metric of TargetMetric
    label: str
    comparison: Comparison
    value: Decimal
    unit: Unit = Unit.COUNT
    source: str = ""
    is_demo: bool = False

    @property
    def is_share(self) -> bool:
        return self.unit == Unit.SHARE

    def met_by(self, count: int, base: int | None = None) -> bool:
        """``count`` communes against the target; a share is of ``base`` communes (never met without one).
        Compared without rounding: 23 of 45 is 51.11 %, above 50 %."""
        if not self.is_share:
            return _met(self.comparison, Decimal(count), self.value)
        if not base:
            return False
        return _met(self.comparison, Decimal(count) * HUNDRED, self.value * base)

    def limit(self, base: int) -> int:
        """The least (≥, >) or the most (≤, <) number of communes that meets the target."""
        aimed = self.value * base / HUNDRED if self.is_share else self.value
        if self.comparison == Comparison.AT_LEAST:
            return int(aimed.to_integral_value(ROUND_CEILING))
        if self.comparison == Comparison.ABOVE:
            return int(aimed.to_integral_value(ROUND_FLOOR)) + 1
        if self.comparison == Comparison.AT_MOST:
            return int(aimed.to_integral_value(ROUND_FLOOR))
        return int(aimed.to_integral_value(ROUND_CEILING)) - 1

    @property
    def unit_text(self) -> str:
        return "%" if self.is_share else str(_("xã"))

    def __str__(self) -> str:
        """The target with its unit: "≥ 65 xã", "≥ 50 %", "= 0 xã" (none at all)."""
        symbol = "=" if self.comparison == Comparison.AT_MOST and not self.value else _SYMBOL[self.comparison]
        return f"{symbol} {number_text(self.value)} {self.unit_text}"

    @property
    def text(self) -> str:
        return str(self)


CountTarget = PlanTarget  # the former name


@dataclass(frozen=True)
class TargetResult:
    target: PlanTarget
    count: int  # communes with the class (or TSVM), whatever the target's unit
    met: bool
    # Not every commune has its confirmed result yet: the verdict may still change.
    provisional: bool
    base: int = 0  # communes assessed: what a share is of

    @property
    def actual(self) -> int | Decimal | None:
        """The result in the target's unit: a number of communes, or a share (None without a base)."""
        return share(self.count, self.base) if self.target.is_share else self.count

    @property
    def actual_text(self) -> str:
        """The result as the target is written: "23 xã", "51,1 %"; "–" when there is no base."""
        actual = self.actual
        return "–" if actual is None else f"{number_text(actual)} {self.target.unit_text}"

    @property
    def gap(self) -> int:
        """How many communes are missing (≥, >) or too many (≤, <); 0 when met."""
        if self.met:
            return 0
        limit = self.target.limit(self.base)
        if self.target.comparison in (Comparison.AT_LEAST, Comparison.ABOVE):
            return max(limit - self.count, 0)
        return max(self.count - limit, 0)


def evaluate_targets(
    counts: Mapping[str, int],
    *,
    finalized: int,
    communes: int,
    targets: Sequence[PlanTarget] | None = None,
    year: AssessmentYear | int | None = None,
) -> list[TargetResult]:
    """Each target against ``counts`` (key -> number of communes), shares of ``communes`` (the communes
    assessed); provisional while fewer than ``communes`` results are confirmed. The targets are
    ``targets``, else the rows of ``year`` (an AssessmentYear or a year number, one query); with
    neither there is no target (an empty list)."""
    if targets is None:
        targets = targets_of(year) if year is not None else []
    provisional = finalized < communes
    return [
        TargetResult(t, counts.get(t.key, 0), t.met_by(counts.get(t.key, 0), communes), provisional, communes)
        for t in targets
    ]


def year_targets(year: AssessmentYear | int, total: object) -> list[TargetResult]:
    """``year``'s targets (one query) against ``total``, a ``reports.selectors.ClassCounts`` (or anything
    with ``as_dict()``, ``finalized``, ``assessed`` and ``communes``): shares are of the communes
    assessed (the assessments opened for the year; the communes counted when none is opened yet)."""
    return evaluate_targets(
        total.as_dict(), finalized=total.finalized, communes=total.assessed or total.communes, year=year
    )


# --- reading the rows -----------------------------------------------------------------------------


def _plan_target(row: YearTarget) -> PlanTarget:
    return PlanTarget(
        row.metric,
        row.get_metric_display(),
        Comparison(row.comparison),
        row.value,
        Unit(row.kind),
        row.source,
        row.is_demo,
    )


def _rows(years: Iterable[AssessmentYear | int], metrics: Sequence[str]) -> Iterable[YearTarget]:
    numbers = [getattr(y, "year", y) for y in years]
    return YearTarget.objects.filter(year__year__in=numbers, metric__in=metrics).select_related("year")


def targets_by_year(
    years: Iterable[AssessmentYear | int], metrics: Sequence[str] | None = None
) -> dict[int, list[PlanTarget]]:
    """The targets of each of ``years`` (AssessmentYears or numbers), year number -> targets in the
    metrics' order; a year without rows is absent. One query whatever the number of years."""
    found: dict[int, list] = {}
    for row in _rows(years, metrics or CLASS_METRICS):
        found.setdefault(row.year.year, []).append(row)
    return {
        y: [_plan_target(r) for r in sorted(rows, key=lambda r: METRIC_ORDER[r.metric])] for y, rows in found.items()
    }


def targets_of(year: AssessmentYear | int, metrics: Sequence[str] | None = None) -> list[PlanTarget]:
    """``year``'s classification targets (or ``metrics``), in order; [] when none is entered (one query)."""
    number = getattr(year, "year", year)
    return targets_by_year([number], metrics).get(number, [])


def ratio_targets(year: AssessmentYear | int) -> dict[str, PlanTarget]:
    """``year``'s officials', offices' and procedures' targets by metric (one query), e.g.
    ``ratio_targets(2021)["general"]`` is "> 70 %"; see :func:`as_ratio_target`."""
    return {t.key: t for t in targets_of(year, RATIO_METRICS)}


def as_ratio_target(target: PlanTarget) -> RatioTarget:
    """A share target as ``communes.profile.rules.Target`` (what the ratio tables compare against)."""
    return RatioTarget(target.value, strict=target.comparison == Comparison.ABOVE)


def share(count: int, total: int) -> Decimal | None:
    """``count`` as a percentage of ``total`` to one decimal; None when there is nothing to divide."""
    if not total:
        return None
    return (Decimal(count) * HUNDRED / total).quantize(Decimal("0.1"), ROUND_HALF_UP)


# Plan 703 section IV.2: the district reports six months in (before 19/6) and at the year's end
# (before 20/01 of the next year). "Before" a day: the last day to send is the day before.
def half_year_report_due(year: int) -> date:
    return date(year, 6, 18)


def annual_report_due(year: int) -> date:
    return date(year + 1, 1, 19)


# Colour bands of an average score, as a share of the criterion's maximum (20 points): the plan's
# levels for the civil servant answering for a criterion (17, 13, 9) and TSVM's 15.
@dataclass(frozen=True)
class Band:
    key: str
    minimum: Decimal  # on a 20-point scale
    label: str


BANDS: tuple[Band, ...] = (
    Band("excellent", Decimal(17), _("Từ 17 điểm")),
    Band("good", Decimal(15), _("15 đến dưới 17")),
    Band("fair", Decimal(13), _("13 đến dưới 15")),
    Band("low", Decimal(9), _("9 đến dưới 13")),
    Band("poor", Decimal(0), _("Dưới 9")),
)


def band(score: Decimal | None, max_points: Decimal = Decimal(20)) -> str:
    """The band key of ``score`` out of ``max_points`` (scaled to 20); "none" when there is no score."""
    if score is None or not max_points:
        return "none"
    scaled = Decimal(score) * 20 / Decimal(max_points)
    return next(b.key for b in BANDS if scaled >= b.minimum)
