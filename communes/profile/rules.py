"""Targets and ratios of plan 703 (section I.3), and the commune-profile rules, over plain data.

``Target`` and ``Ratio`` are shared by every app that measures against the plan (officials'
standards in ``personnel``, dashboards in ``reports``). No database here.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, timedelta
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


# --- citizens' reception and petitions (plan II.8) ------------------------------------------------

RECEPTION_RESOLVED_TARGET = Target(HUNDRED)
RECEPTION_ON_TIME_TARGET = Target(HUNDRED)
NO_BACKLOG_TARGET = Target(HUNDRED)  # "không để tồn đọng, kéo dài"
NOTHING_PASSED_UP_TARGET = Target(HUNDRED)  # "không đùn đẩy lên cấp trên"

RECEPTION_FIELDS = [
    "sessions_total",
    "sessions_by_chair",
    "citizens_received",
    "complaints_received",
    "denunciations_received",
    "petitions_received",
    "resolved",
    "resolved_on_time",
    "outstanding",
    "passed_upward",
]


@dataclass(frozen=True)
class ReceptionFacts:
    commune_id: int
    sessions_total: int
    sessions_by_chair: int
    citizens_received: int
    complaints_received: int
    denunciations_received: int
    petitions_received: int
    resolved: int
    resolved_on_time: int
    outstanding: int
    passed_upward: int

    @property
    def received(self) -> int:
        return self.complaints_received + self.denunciations_received + self.petitions_received


def share(numerator: int, denominator: int) -> Decimal | None:
    """A percentage with one decimal; None when there is nothing to divide by (shown as a dash,
    never as 100 %)."""
    if not denominator:
        return None
    return (numerator * HUNDRED / denominator).quantize(Decimal("0.1"), ROUND_HALF_UP)


def reception_errors(values: dict) -> dict[str, str]:
    """Field -> what is inconsistent in one commune's figures (empty when they hold together);
    the form and the workbook import say the same words."""
    v = {key: values.get(key) for key in RECEPTION_FIELDS}
    if any(value is None for value in v.values()):
        return {}
    errors = {}
    if v["sessions_by_chair"] > v["sessions_total"]:
        errors["sessions_by_chair"] = _(
            "Số buổi Chủ tịch UBND tiếp công dân (%(chair)s) không được lớn hơn tổng số buổi tiếp công dân (%(total)s)."
        ) % {"chair": v["sessions_by_chair"], "total": v["sessions_total"]}
    if v["citizens_received"] and not v["sessions_total"]:
        errors["sessions_total"] = _("Có lượt công dân được tiếp thì số buổi tiếp công dân phải lớn hơn 0.")
    if v["resolved_on_time"] > v["resolved"]:
        errors["resolved_on_time"] = _(
            "Số đơn giải quyết đúng hạn (%(on_time)s) không được lớn hơn số đơn đã giải quyết (%(resolved)s)."
        ) % {"on_time": v["resolved_on_time"], "resolved": v["resolved"]}
    received = v["complaints_received"] + v["denunciations_received"] + v["petitions_received"]
    handled = v["resolved"] + v["outstanding"] + v["passed_upward"]
    if handled > received:
        errors["resolved"] = _(
            "Số đơn đã giải quyết, còn tồn đọng và chuyển lên cấp trên cộng lại (%(handled)s) không được lớn hơn "
            "tổng số đơn nhận được (%(received)s)."
        ) % {"handled": handled, "received": received}
    return errors


def reception_ratios(facts: Iterable[ReceptionFacts], communes_count: int) -> RatioReport:
    """Petitions resolved of those received, on time of those resolved, and the communes with no
    backlog and nothing passed upward, of those that reported; ``extra`` holds the totals."""
    facts = list(facts)
    n = len(facts)
    totals = {key: sum(getattr(f, key) for f in facts) for key in RECEPTION_FIELDS}
    totals["received"] = sum(f.received for f in facts)
    return RatioReport(
        ratios=(
            Ratio(
                "resolved",
                _("Đơn thư được giải quyết"),
                totals["resolved"],
                totals["received"],
                RECEPTION_RESOLVED_TARGET,
            ),
            Ratio(
                "on_time",
                _("Đơn thư giải quyết đúng hạn"),
                totals["resolved_on_time"],
                totals["resolved"],
                RECEPTION_ON_TIME_TARGET,
            ),
            Ratio(
                "no_backlog",
                _("Xã không còn đơn tồn đọng"),
                sum(not f.outstanding for f in facts),
                n,
                NO_BACKLOG_TARGET,
            ),
            Ratio(
                "nothing_passed_up",
                _("Xã không chuyển lên cấp trên việc thuộc thẩm quyền"),
                sum(not f.passed_upward for f in facts),
                n,
                NOTHING_PASSED_UP_TARGET,
            ),
        ),
        extra={"reported": n, "communes": communes_count, "not_reported": max(communes_count - n, 0), **totals},
    )


# --- monthly meetings with village heads and the working rules (plan I.3, II.1) --------------------

MONTHS = tuple(range(1, 13))
RULES_TARGET = Target(HUNDRED)
RULE_PAIRS = (
    ("council_rules_issued", "council_rules_followed"),
    ("committee_rules_issued", "committee_rules_followed"),
    ("coordination_rules_issued", "coordination_rules_followed"),
)


def months_mask(months: Iterable[int]) -> int:
    """The bits of ``GovernanceYear.meeting_months`` for a set of months (1-12)."""
    return sum(1 << (int(m) - 1) for m in set(months))


def mask_months(mask: int) -> list[int]:
    return [m for m in MONTHS if mask >> (m - 1) & 1]


def months_label(mask: int) -> str:
    """ "12/12 tháng": in how many months of the year the meeting was held."""
    return _("%(n)s/12 tháng") % {"n": len(mask_months(mask))}


def governance_errors(values: dict) -> dict[str, str]:
    """A rule marked as followed must have been issued."""
    errors = {}
    for issued, followed in RULE_PAIRS:
        if values.get(followed) and not values.get(issued):
            errors[followed] = _(
                "Chưa ban hành quy chế thì không thể đánh dấu “thực hiện tốt”: hãy đánh dấu đã ban hành trước."
            )
    return errors


@dataclass(frozen=True)
class GovernanceFacts:
    commune_id: int
    meeting_months: int
    council_rules_issued: bool
    council_rules_followed: bool
    committee_rules_issued: bool
    committee_rules_followed: bool
    coordination_rules_issued: bool
    coordination_rules_followed: bool


GOVERNANCE_FIELDS = [f.name for f in GovernanceFacts.__dataclass_fields__.values()]


def governance_ratios(facts: Iterable[GovernanceFacts], communes_count: int) -> RatioReport:
    """Of the communes that reported: the meeting held every month, and each set of rules issued
    and followed (plan I.3: 100 %); ``extra["meeting_months"]`` is the months held, summed."""
    facts = list(facts)
    n = len(facts)

    def followed(issued: str, done: str) -> int:
        return sum(getattr(f, issued) and getattr(f, done) for f in facts)

    return RatioReport(
        ratios=(
            Ratio(
                "meetings",
                _("Giao ban hằng tháng với trưởng thôn, bản (12/12 tháng)"),
                sum(len(mask_months(f.meeting_months)) == 12 for f in facts),
                n,
                RULES_TARGET,
            ),
            Ratio("council", _("Thực hiện tốt Quy chế làm việc của HĐND"), followed(*RULE_PAIRS[0]), n, RULES_TARGET),
            Ratio("committee", _("Thực hiện tốt Quy chế làm việc của UBND"), followed(*RULE_PAIRS[1]), n, RULES_TARGET),
            Ratio("coordination", _("Thực hiện tốt Quy chế phối hợp"), followed(*RULE_PAIRS[2]), n, RULES_TARGET),
        ),
        extra={
            "reported": n,
            "communes": communes_count,
            "not_reported": max(communes_count - n, 0),
            "meeting_months": sum(len(mask_months(f.meeting_months)) for f in facts),
        },
    )


# --- ISO 9001:2015, e-documents, the one-stop desk (plan II.5) ----------------------------------------

REFORM_TARGET = Target(HUNDRED)


@dataclass(frozen=True)
class ReformFacts:
    commune_id: int
    uses_iso_9001: bool
    uses_e_office: bool
    one_stop_status: str


REFORM_FIELDS = ["commune_id", "uses_iso_9001", "uses_e_office", "one_stop_status"]


def reform_ratios(facts: Iterable[ReformFacts], communes_count: int) -> RatioReport:
    """Shares of the communes that reported their yearly procedures: applying TCVN ISO 9001:2015,
    using the e-document system, with a one-stop desk working as it should (plan II.5: 100 %)."""
    facts = list(facts)
    n = len(facts)
    return RatioReport(
        ratios=(
            Ratio("iso", _("Áp dụng TCVN ISO 9001:2015"), sum(f.uses_iso_9001 for f in facts), n, REFORM_TARGET),
            Ratio(
                "e_office",
                _("Dùng phần mềm quản lý văn bản điện tử liên thông"),
                sum(f.uses_e_office for f in facts),
                n,
                REFORM_TARGET,
            ),
            Ratio(
                "one_stop",
                _("Bộ phận Một cửa hoạt động đúng quy định"),
                sum(f.one_stop_status == "proper" for f in facts),
                n,
                REFORM_TARGET,
            ),
        ),
        extra={"reported": n, "communes": communes_count, "not_reported": max(communes_count - n, 0)},
    )


# --- coaching on site (plan II.3) ----------------------------------------------------------------------

COACHING_DAYS_PER_QUARTER = 15


def quarter_of(day: date) -> int:
    return (day.month - 1) // 3 + 1


def quarter_bounds(year: int, quarter: int) -> tuple[date, date]:
    first = date(year, 3 * quarter - 2, 1)
    last = date(year + 1, 1, 1) if quarter == 4 else date(year, 3 * quarter + 1, 1)
    return first, last - timedelta(days=1)


def quarter_days(start: date, end: date, year: int) -> dict[int, int]:
    """Quarter (1-4) of ``year`` -> the calendar days of the visit from ``start`` to ``end`` (both
    counted) that fall in it: a visit spanning two quarters counts in each for its own days."""
    found = {}
    for quarter in range(1, 5):
        first, last = quarter_bounds(year, quarter)
        overlap = (min(end, last) - max(start, first)).days + 1
        if overlap > 0:
            found[quarter] = overlap
    return found


def coaching_days_by_quarter(visits: Iterable[tuple[date, date]], year: int) -> dict[int, int]:
    """Quarter -> days of coaching summed over ``visits`` (start, end) in ``year``; every quarter listed."""
    totals = dict.fromkeys(range(1, 5), 0)
    for start, end in visits:
        for quarter, days in quarter_days(start, end, year).items():
            totals[quarter] += days
    return totals


@dataclass(frozen=True)
class QuarterDays:
    quarter: int
    days: int
    met: bool | None  # None: the quarter is not over and the 15 days are not reached yet

    @property
    def target(self) -> int:
        return COACHING_DAYS_PER_QUARTER


def coaching_quarters(days: dict[int, int], year: int, today: date) -> list[QuarterDays]:
    """Each quarter's days against the plan's 15; a quarter still running is judged only once met."""
    rows = []
    for quarter in range(1, 5):
        count = days.get(quarter, 0)
        over = today > quarter_bounds(year, quarter)[1]
        met = True if count >= COACHING_DAYS_PER_QUARTER else (False if over else None)
        rows.append(QuarterDays(quarter, count, met))
    return rows
