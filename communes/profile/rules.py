"""Targets and ratios of plan 703 (section I.3), and the commune-profile rules, over plain data.

``Target`` and ``Ratio`` are shared by every app that measures against the plan (officials'
standards in ``personnel``, dashboards in ``reports``). No database here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from enum import StrEnum

from django.utils.translation import gettext_lazy as _

HUNDRED = Decimal(100)


@dataclass(frozen=True)
class Target:
    """A percentage to reach: ``strict`` means strictly above ``value`` ("trên 70%")."""

    value: Decimal
    strict: bool = False

    def met_by(self, numerator: int, denominator: int) -> bool | None:
        """Compare in integers so that a boundary (exactly 70%) is decided without rounding."""
        if not denominator:
            return None
        scaled, needed = numerator * HUNDRED, self.value * denominator
        return scaled > needed if self.strict else scaled >= needed

    def __str__(self) -> str:
        number = f"{self.value.normalize():f}".replace(".", ",")
        if self.strict:
            return f"> {number}%"
        return f"{number}%" if self.value == HUNDRED else f"≥ {number}%"


@dataclass(frozen=True)
class Ratio:
    """How many of ``denominator`` meet a condition, against the plan's target."""

    key: str
    label: str
    numerator: int
    denominator: int
    target: Target

    @property
    def percent(self) -> Decimal | None:
        if not self.denominator:
            return None
        return (self.numerator * HUNDRED / self.denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)

    @property
    def met(self) -> bool | None:
        """True or False against the target; None when nothing is counted."""
        return self.target.met_by(self.numerator, self.denominator)


@dataclass(frozen=True)
class RatioReport:
    """An ordered set of ratios, reachable by key: ``report["general"]``."""

    ratios: tuple[Ratio, ...]
    extra: dict = field(default_factory=dict)

    def __getitem__(self, key: str) -> Ratio:
        for ratio in self.ratios:
            if ratio.key == key:
                return ratio
        raise KeyError(key)

    def __iter__(self):
        return iter(self.ratios)


# Office and equipment (plan I.3, II.7).
OFFICE_SOLID_TARGET = Target(Decimal(95), strict=True)
OFFICE_AREA_TARGET = Target(Decimal(75), strict=True)
OFFICE_EQUIPMENT_TARGET = Target(HUNDRED)
# Administrative procedures (plan I.3, II.5).
PROCEDURE_POSTED_TARGET = Target(HUNDRED)
PROCEDURE_ON_TIME_TARGET = Target(HUNDRED)


@dataclass(frozen=True)
class OfficeFacts:
    commune_id: int
    building_solid: bool
    floor_area_m2: Decimal
    standard_area_m2: Decimal
    has_internet_computers: bool
    has_printer: bool
    has_photocopier: bool
    has_telephone: bool


def meets_area_standard(office: OfficeFacts) -> bool:
    return office.floor_area_m2 >= office.standard_area_m2


def has_all_equipment(office: OfficeFacts) -> bool:
    """Computers with Internet, a printer, a photocopier and a telephone (plan I.3)."""
    return all((office.has_internet_computers, office.has_printer, office.has_photocopier, office.has_telephone))


def office_ratios(offices: Iterable[OfficeFacts], communes_count: int) -> RatioReport:
    """Ratios over the communes that reported; ``extra`` says how many did not."""
    offices = list(offices)
    n = len(offices)
    return RatioReport(
        ratios=(
            Ratio("solid", _("Trụ sở kiên cố"), sum(o.building_solid for o in offices), n, OFFICE_SOLID_TARGET),
            Ratio(
                "area", _("Đáp ứng tiêu chuẩn diện tích"), sum(map(meets_area_standard, offices)), n, OFFICE_AREA_TARGET
            ),
            Ratio(
                "equipment",
                _("Đủ trang thiết bị thiết yếu"),
                sum(map(has_all_equipment, offices)),
                n,
                OFFICE_EQUIPMENT_TARGET,
            ),
        ),
        extra={"reported": n, "communes": communes_count, "not_reported": max(communes_count - n, 0)},
    )


@dataclass(frozen=True)
class ProcedureFacts:
    commune_id: int
    applicable: int
    posted: int
    on_time: int
    late: int


def procedure_ratios(stats: Iterable[ProcedureFacts], communes_count: int) -> RatioReport:
    """Procedures posted out of those that apply, files resolved on time out of those resolved."""
    stats = list(stats)
    on_time = sum(s.on_time for s in stats)
    return RatioReport(
        ratios=(
            Ratio(
                "posted",
                _("TTHC được niêm yết"),
                sum(s.posted for s in stats),
                sum(s.applicable for s in stats),
                PROCEDURE_POSTED_TARGET,
            ),
            Ratio(
                "on_time",
                _("Hồ sơ giải quyết đúng hạn"),
                on_time,
                on_time + sum(s.late for s in stats),
                PROCEDURE_ON_TIME_TARGET,
            ),
        ),
        extra={"reported": len(stats), "communes": communes_count, "not_reported": max(communes_count - len(stats), 0)},
    )


class DialogueState(StrEnum):
    HELD = "held"
    HELD_OUTSIDE_DECEMBER = "held_outside_december"
    NOT_DUE = "not_due"  # before December of that year
    DUE = "due"  # December of that year, not recorded yet
    MISSING = "missing"  # the year is over and nothing was recorded


DIALOGUE_MONTH = 12


def dialogue_state(year: int, held_on: date | None, today: date) -> DialogueState:
    """Plan II.8: the conference is held in December; after 31 December a missing one is flagged."""
    if held_on is not None:
        return DialogueState.HELD if held_on.month == DIALOGUE_MONTH else DialogueState.HELD_OUTSIDE_DECEMBER
    if today > date(year, 12, 31):
        return DialogueState.MISSING
    if today >= date(year, DIALOGUE_MONTH, 1):
        return DialogueState.DUE
    return DialogueState.NOT_DUE
