"""Compliance with the position standards and the plan's ratios (plan 703 section I.3), over plain data.

The same functions serve the official's page, the ratio panels, the reports and the Excel export.
No database here: selectors turn rows into these dataclasses.
"""

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal

from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from communes.profile.rules import HUNDRED, Ratio, RatioReport, Target
from personnel.models.levels import LEVELS, Dimension, PoliticalTheory, ProfessionalLevel
from personnel.models.officials import OfficialStatus
from personnel.models.reference import Category

# Plan 703 section I.3.
GENERAL_TARGET = Target(Decimal(70), strict=True)
GENERAL_NEW_RURAL_TARGET = Target(Decimal(95))
CADRE_PROFESSIONAL_TARGET = Target(Decimal(95), strict=True)
CADRE_POLITICAL_TARGET = Target(HUNDRED)
CIVIL_SERVANT_PROFESSIONAL_TARGET = Target(HUNDRED)
CIVIL_SERVANT_UNIVERSITY_TARGET = Target(Decimal(60))
CIVIL_SERVANT_POLITICAL_TARGET = Target(Decimal(50), strict=True)
# "có trình độ LLCT" is read as intermediate political theory or higher; the label says so.
CIVIL_SERVANT_POLITICAL_MIN = PoliticalTheory.INTERMEDIATE
COUNTED_CATEGORIES = (Category.CADRE, Category.CIVIL_SERVANT)

# The words for what is missing, e.g. "Thiếu: LLCT trung cấp".
SHORT_NAMES = {
    Dimension.GENERAL_EDUCATION: {1: _("Văn hóa tiểu học"), 2: _("Văn hóa THCS"), 3: _("Văn hóa THPT")},
    Dimension.PROFESSIONAL: {
        1: _("Chuyên môn sơ cấp"),
        2: _("Chuyên môn trung cấp"),
        3: _("Chuyên môn cao đẳng"),
        4: _("Chuyên môn đại học"),
        5: _("Chuyên môn thạc sĩ"),
        6: _("Chuyên môn tiến sĩ"),
    },
    Dimension.POLITICAL_THEORY: {1: _("LLCT sơ cấp"), 2: _("LLCT trung cấp"), 3: _("LLCT cao cấp")},
    Dimension.STATE_MANAGEMENT: {
        1: _("Bồi dưỡng QLNN"),
        2: _("QLNN chương trình chuyên viên"),
        3: _("QLNN chương trình chuyên viên chính"),
    },
    Dimension.IT: {1: _("Tin học cơ bản"), 2: _("Tin học nâng cao"), 3: _("Tin học trung cấp")},
    Dimension.FOREIGN_LANGUAGE: {1: _("Ngoại ngữ bậc 1"), 2: _("Ngoại ngữ bậc 2"), 3: _("Ngoại ngữ bậc 3")},
    Dimension.ETHNIC_LANGUAGE: {1: _("Chứng chỉ tiếng dân tộc")},
}
LEVEL_DIMENSIONS = [d for d in Dimension if d != Dimension.ETHNIC_LANGUAGE]


@dataclass(frozen=True)
class Qualifications:
    general_education: int
    professional_level: int = 0
    political_theory: int = 0
    state_management: int = 0
    it_level: int = 0
    foreign_language: int = 0
    ethnic_language_certificate: bool = False

    def level(self, dimension: str) -> int:
        if dimension == Dimension.ETHNIC_LANGUAGE:
            return int(self.ethnic_language_certificate)
        return getattr(self, dimension)


@dataclass(frozen=True)
class Requirement:
    """A standard's minimums for one position from ``valid_from``; None sets nothing."""

    position_id: int
    valid_from: date
    valid_to: date | None = None
    min_general_education: int | None = None
    min_professional_level: int | None = None
    min_political_theory: int | None = None
    min_state_management: int | None = None
    min_it_level: int | None = None
    min_foreign_language: int | None = None
    requires_ethnic_language: bool = False
    is_provisional: bool = False

    def minimum(self, dimension: str) -> int | None:
        if dimension == Dimension.ETHNIC_LANGUAGE:
            return 1 if self.requires_ethnic_language else None
        return getattr(self, f"min_{dimension}")

    def applies_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or day <= self.valid_to)


@dataclass(frozen=True)
class Shortfall:
    dimension: str
    required: int

    def __str__(self) -> str:
        return str(SHORT_NAMES[self.dimension][self.required])


@dataclass(frozen=True)
class Compliance:
    """Whether an official meets the standards of every position held, and what is missing."""

    shortfalls: tuple[Shortfall, ...] = ()
    has_positions: bool = True
    positions_without_standard: tuple[int, ...] = ()
    provisional: bool = False

    @property
    def evaluable(self) -> bool:
        return self.has_positions and not self.positions_without_standard

    @property
    def meets(self) -> bool:
        return self.evaluable and not self.shortfalls

    def meets_dimension(self, dimension: str) -> bool:
        return self.evaluable and all(s.dimension != dimension for s in self.shortfalls)

    @property
    def missing_text(self) -> str:
        if not self.has_positions:
            return str(_("Chưa có chức danh"))
        if self.positions_without_standard:
            return str(_("Chưa có tiêu chuẩn cho chức danh đang giữ"))
        if not self.shortfalls:
            return ""
        return str(format_lazy(_("Thiếu: {}"), ", ".join(str(s) for s in self.shortfalls)))


def applicable_requirement(requirements: Iterable[Requirement], position_id: int, day: date) -> Requirement | None:
    """The standard of ``position_id`` in force on ``day``: the latest one that has started."""
    candidates = [r for r in requirements if r.position_id == position_id and r.applies_on(day)]
    return max(candidates, key=lambda r: r.valid_from, default=None)


def compliance(qualifications: Qualifications, requirements: Sequence[Requirement | None]) -> Compliance:
    """Check ``qualifications`` against the standard of each position held (None: no standard).

    With concurrent positions the strictest minimum of each dimension applies.
    """
    known = [r for r in requirements if r is not None]
    shortfalls = []
    for dimension in [*LEVEL_DIMENSIONS, Dimension.ETHNIC_LANGUAGE]:
        minima = [m for r in known if (m := r.minimum(dimension)) is not None]
        if minima and qualifications.level(dimension) < max(minima):
            shortfalls.append(Shortfall(dimension, max(minima)))
    return Compliance(
        shortfalls=tuple(shortfalls),
        has_positions=bool(requirements),
        positions_without_standard=tuple(i for i, r in enumerate(requirements) if r is None),
        provisional=any(r.is_provisional for r in known),
    )


@dataclass(frozen=True)
class TransferFacts:
    from_commune_id: int
    to_commune_id: int
    effective_date: date


@dataclass(frozen=True)
class OfficialFacts:
    id: int
    commune_id: int
    category: str
    status: str
    start_date: date
    end_date: date | None
    qualifications: Qualifications
    position_ids: tuple[int, ...] = ()
    transfers: tuple[TransferFacts, ...] = ()


def commune_on(official: OfficialFacts, day: date) -> int:
    """Where the official worked on ``day``: a transfer counts from its effective date."""
    moves = sorted(official.transfers, key=lambda t: t.effective_date)
    if not moves:
        return official.commune_id
    commune = moves[0].from_commune_id
    for move in moves:
        if move.effective_date <= day:
            commune = move.to_commune_id
    return commune


def serving_on(official: OfficialFacts, day: date) -> bool:
    """Started by ``day`` and not yet left (an official who left counts until the day before)."""
    if official.start_date > day:
        return False
    if official.end_date is not None:
        return day < official.end_date
    return official.status == OfficialStatus.SERVING


@dataclass(frozen=True)
class CountedOfficial:
    id: int
    commune_id: int
    category: str
    qualifications: Qualifications
    compliance: Compliance


def counted_officials(
    officials: Iterable[OfficialFacts],
    day: date,
    requirements: Sequence[Requirement],
    categories: Sequence[str] = COUNTED_CATEGORIES,
) -> list[CountedOfficial]:
    """The cadres and civil servants serving on ``day``, each once, in the commune of that day."""
    counted = []
    for official in officials:
        if official.category not in categories or not serving_on(official, day):
            continue
        held = [applicable_requirement(requirements, p, day) for p in official.position_ids]
        counted.append(
            CountedOfficial(
                official.id,
                commune_on(official, day),
                official.category,
                official.qualifications,
                compliance(official.qualifications, held),
            )
        )
    return counted


@dataclass(frozen=True)
class Tally:
    """What the seven ratios count, for one group of officials (a commune's cadres, say)."""

    officials: int = 0
    meeting: int = 0  # meet the standard of every position they hold
    professional: int = 0  # meet its professional-level minimum
    political: int = 0  # meet its political-theory minimum
    university: int = 0  # professional level university or higher
    political_intermediate: int = 0  # political theory CIVIL_SERVANT_POLITICAL_MIN or higher

    def __add__(self, other: "Tally") -> "Tally":
        return Tally(*(getattr(self, name) + getattr(other, name) for name in TALLY_FIELDS))


TALLY_FIELDS = tuple(f.name for f in fields(Tally))


def _total(tallies: Iterable[Tally]) -> Tally:
    sums = [0] * len(TALLY_FIELDS)
    for tally in tallies:
        for i, name in enumerate(TALLY_FIELDS):
            sums[i] += getattr(tally, name)
    return Tally(*sums)


def tally_of(official: CountedOfficial) -> Tally:
    qualifications, checked = official.qualifications, official.compliance
    return Tally(
        1,
        int(checked.meets),
        int(checked.meets_dimension(Dimension.PROFESSIONAL)),
        int(checked.meets_dimension(Dimension.POLITICAL_THEORY)),
        int(qualifications.professional_level >= ProfessionalLevel.UNIVERSITY),
        int(qualifications.political_theory >= CIVIL_SERVANT_POLITICAL_MIN),
    )


def tallies_of(counted: Iterable[CountedOfficial]) -> dict[tuple[int, str], Tally]:
    """(commune id, category) -> tally of ``counted``."""
    tallies: dict[tuple[int, str], Tally] = {}
    for official in counted:
        key = (official.commune_id, official.category)
        tallies[key] = tallies.get(key, Tally()) + tally_of(official)
    return tallies


def ratios_from_tallies(tallies: Mapping[tuple[int, str], Tally], new_rural_commune_ids: set[int]) -> RatioReport:
    """Plan 703 section I.3's seven ratios from tallies per (commune id, category)."""
    everyone = _total(tallies.values())
    cadres = _total(t for (_c, category), t in tallies.items() if category == Category.CADRE)
    servants = _total(t for (_c, category), t in tallies.items() if category == Category.CIVIL_SERVANT)
    new_rural = _total(t for (commune, _k), t in tallies.items() if commune in new_rural_commune_ids)
    return RatioReport(
        ratios=(
            Ratio(
                "general",
                _("Cán bộ, công chức đạt tiêu chuẩn chung"),
                everyone.meeting,
                everyone.officials,
                GENERAL_TARGET,
            ),
            Ratio(
                "general_new_rural",
                _("Đạt tiêu chuẩn chung ở xã đạt chuẩn, cơ bản đạt chuẩn nông thôn mới"),
                new_rural.meeting,
                new_rural.officials,
                GENERAL_NEW_RURAL_TARGET,
            ),
            Ratio(
                "cadre_professional",
                _("Cán bộ đạt tiêu chuẩn chuyên môn"),
                cadres.professional,
                cadres.officials,
                CADRE_PROFESSIONAL_TARGET,
            ),
            Ratio(
                "cadre_political",
                _("Cán bộ đạt tiêu chuẩn LLCT"),
                cadres.political,
                cadres.officials,
                CADRE_POLITICAL_TARGET,
            ),
            Ratio(
                "civil_servant_professional",
                _("Công chức đạt tiêu chuẩn chuyên môn"),
                servants.professional,
                servants.officials,
                CIVIL_SERVANT_PROFESSIONAL_TARGET,
            ),
            Ratio(
                "civil_servant_university",
                _("Công chức có trình độ đại học trở lên"),
                servants.university,
                servants.officials,
                CIVIL_SERVANT_UNIVERSITY_TARGET,
            ),
            Ratio(
                "civil_servant_political",
                _("Công chức có LLCT từ trung cấp trở lên"),
                servants.political_intermediate,
                servants.officials,
                CIVIL_SERVANT_POLITICAL_TARGET,
            ),
        ),
        extra={"cadres": cadres.officials, "civil_servants": servants.officials, "officials": everyone.officials},
    )


def standard_ratios(counted: Iterable[CountedOfficial], new_rural_commune_ids: set[int]) -> RatioReport:
    """Plan 703 section I.3's seven ratios for the officials in ``counted`` (one commune or many)."""
    return ratios_from_tallies(tallies_of(counted), new_rural_commune_ids)


@dataclass(frozen=True)
class DimensionRow:
    """One line of the official's page: a qualification, its level, what the standard asks."""

    dimension: str
    label: str
    level: str
    required: str
    ok: bool | None  # None: the standard sets nothing here


def _level_label(dimension: str, level: int | None) -> str:
    if level is None:
        return ""
    if dimension == Dimension.ETHNIC_LANGUAGE:
        return str(_("Có chứng chỉ") if level else _("Chưa có"))
    return str(LEVELS[dimension](level).label)


def dimension_rows(qualifications: Qualifications, requirements: Sequence[Requirement]) -> list[DimensionRow]:
    """Each dimension with the official's level against the strictest minimum of the positions held."""
    rows = []
    for dimension in [*LEVEL_DIMENSIONS, Dimension.ETHNIC_LANGUAGE]:
        minima = [m for r in requirements if (m := r.minimum(dimension)) is not None]
        required = max(minima) if minima else None
        level = qualifications.level(dimension)
        rows.append(
            DimensionRow(
                dimension,
                str(Dimension(dimension).label),
                _level_label(dimension, level),
                _level_label(dimension, required),
                None if required is None else level >= required,
            )
        )
    return rows
