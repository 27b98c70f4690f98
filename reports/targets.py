"""Plan 703/KH-UBND section I.3: the province-wide targets for the yearly classification, as data.

"Phấn đấu có từ 65 đơn vị trở lên được công nhận TSVM; có từ 30 đơn vị trở lên xếp loại Tốt; có từ
85 đơn vị trở lên xếp loại khá; dưới 6 đơn vị xếp loại trung bình, không có đơn vị nào xếp loại yếu."

The targets count communes of the whole province; a district has no target of its own, so district
pages show shares instead. No database here.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


class Comparison(StrEnum):
    AT_LEAST = "gte"
    BELOW = "lt"
    EXACTLY = "eq"


_SYMBOL = {Comparison.AT_LEAST: "≥", Comparison.BELOW: "<", Comparison.EXACTLY: "="}


@dataclass(frozen=True)
class CountTarget:
    """A number of communes to reach (``AT_LEAST``) or to stay under (``BELOW``, ``EXACTLY``)."""

    key: str  # "tsvm" or a Classification value
    label: str
    comparison: Comparison
    value: int

    def met_by(self, count: int) -> bool:
        if self.comparison == Comparison.AT_LEAST:
            return count >= self.value
        if self.comparison == Comparison.BELOW:
            return count < self.value
        return count == self.value

    def __str__(self) -> str:
        return f"{_SYMBOL[self.comparison]} {self.value}"


PLAN_703_TARGETS: tuple[CountTarget, ...] = (
    CountTarget("tsvm", _("Trong sạch, vững mạnh"), Comparison.AT_LEAST, 65),
    CountTarget("good", _("Tốt"), Comparison.AT_LEAST, 30),
    CountTarget("fair", _("Khá"), Comparison.AT_LEAST, 85),
    CountTarget("average", _("Trung bình"), Comparison.BELOW, 6),
    CountTarget("weak", _("Yếu"), Comparison.EXACTLY, 0),
)


@dataclass(frozen=True)
class TargetResult:
    target: CountTarget
    count: int
    met: bool
    # Not every commune has its confirmed result yet: the verdict may still change.
    provisional: bool

    @property
    def gap(self) -> int:
        """How many communes are missing (AT_LEAST) or too many (BELOW / EXACTLY); 0 when met."""
        if self.met:
            return 0
        if self.target.comparison == Comparison.AT_LEAST:
            return self.target.value - self.count
        if self.target.comparison == Comparison.BELOW:
            return self.count - self.target.value + 1
        return abs(self.count - self.target.value)


def evaluate_targets(counts: Mapping[str, int], *, finalized: int, communes: int,
                     targets: Sequence[CountTarget] = PLAN_703_TARGETS) -> list[TargetResult]:
    """Each target against ``counts`` (key -> number of communes); provisional while fewer than
    ``communes`` results are confirmed."""
    provisional = finalized < communes
    return [TargetResult(t, counts.get(t.key, 0), t.met_by(counts.get(t.key, 0)), provisional) for t in targets]


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


# People's Council terms: the end-of-term summary covers the assessment years of one term.
TERM_LENGTH = 5
FIRST_TERM_START = 2021


def term_of(year: int) -> tuple[int, int]:
    """The term (start, end) a year's assessment belongs to: 2021-2025 results are the 2021-2026 term."""
    start = FIRST_TERM_START + ((year - FIRST_TERM_START) // TERM_LENGTH) * TERM_LENGTH
    return start, start + TERM_LENGTH


def term_years(year: int) -> list[int]:
    """The term's assessment years up to ``year``, oldest first."""
    start, _end = term_of(year)
    return list(range(start, year + 1))


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
