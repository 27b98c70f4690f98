"""A past year's results from the Department's workbook: a dry run first, then one save.

:func:`plan_history_import` checks the whole file and writes nothing. The year is refused whole when
it cannot take an import, the file when ``history_reading`` refuses it (size, kind, template, year).
Otherwise every row is read, matched to a unit standing on the year's last day in the user's
province (by GSO code, else by name ignoring diacritics, case and the "Xã/Phường/Thị trấn" prefix)
and checked; the :class:`HistoryPlan` lists matched, unmatched (with the three nearest names),
duplicate and disagreeing rows and every bad cell. :func:`history_import_save` writes a clean plan
in one transaction.

Choices, said on the pages too:

- A class the thresholds do not give for the row's scores (or total) is an error: the file is
  refused until it is corrected. The Department's class is the legal record, so the portal neither
  swaps in its own class nor stores one its rules deny. With only a total, the criteria's minimums
  are unknown: any class between what the total guarantees and what it allows is accepted.
- A year holding results (any assessment past draft) or locked is refused: nothing of it is replaced.
  Results entered on the portal are corrected there (reopened one by one), never by a file.
- A missing year is created with the criteria set that applies and a district level when its map
  has one (``has_districts``); after the import the year is locked, since its results are history
  (no deadlines, nobody scores it again). Results are finalized with no confirmation date (the file
  does not say it); the assessment's history says who imported which file (name and SHA-256).
"""

import difflib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.classification import ThresholdRule, classify, points
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    Classification,
    CriteriaSet,
    Criterion,
    CriterionScore,
    HistoryImport,
    ProvinceDecision,
    Status,
)
from assessment.models.criteria import CLASS_RANK
from assessment.selectors.history import criteria_set_for, history_units, year_holdings
from assessment.services.errors import AssessmentError
from assessment.services.history_reading import (
    CellProblem,
    HistoryFileRefused,
    HistoryRow,
    RowReader,
    read_sheet,
)
from assessment.services.history_template import (
    FIRST_ROW,
    columns,
    in_vietnamese,
)
from assessment.services.years import has_districts
from communes.models import Commune, Province, User, fold

PREFIXES = ("xa ", "phuong ", "thi tran ")
NEAREST = 3
EXAMPLE_NAME = "vi du (dong mau"


@dataclass
class HistoryPlan:
    year: int
    criteria_set: CriteriaSet
    rows: list[HistoryRow]
    missing: list[Commune]  # units of the year the file has no line for
    creates_year: bool

    @property
    def matched(self) -> list[HistoryRow]:
        return [r for r in self.rows if r.commune is not None]

    @property
    def unmatched(self) -> list[HistoryRow]:
        return [r for r in self.rows if r.commune is None]

    @property
    def disagreeing(self) -> list[HistoryRow]:
        return [r for r in self.rows if r.disagreement]

    @property
    def duplicates(self) -> list[HistoryRow]:
        return [r for r in self.rows if r.duplicate_of]

    @property
    def problems(self) -> list[CellProblem]:
        return [p for r in self.rows for p in r.problems]

    @property
    def totals_only(self) -> int:
        return sum(1 for r in self.rows if r.scores is None)

    @property
    def clean(self) -> bool:
        return bool(self.rows) and all(r.is_clean for r in self.rows)


# --- the year --------------------------------------------------------------------------------------


def history_year_refusal(year: int) -> str | None:
    """Why ``year`` cannot take an import (locked, or holding results); None when it can."""
    existing, with_results = year_holdings(year)
    if existing is not None and existing.is_locked:
        return _(
            "Năm %(year)s đã khóa sổ: kết quả của năm đã được lưu và không thay đổi được, kể cả bằng tệp. "
            "Nếu kết quả đã lưu có sai sót, hãy liên hệ quản trị hệ thống."
        ) % {"year": year}
    if with_results:
        return _(
            "Năm %(year)s đã có kết quả trên cổng (%(count)s xã đã nộp, đã thẩm định hoặc đã công nhận): "
            "cổng không ghi đè kết quả đã có bằng tệp. Nếu một kết quả sai, hãy mở lại và sửa kết quả đó "
            "ở trang Công nhận kết quả; tệp này chỉ nhập được cho năm chưa có kết quả nào."
        ) % {"year": year, "count": with_results}
    return None


# --- matching --------------------------------------------------------------------------------------


def name_key(name: str) -> str:
    """A unit's name folded for matching: no diacritics, lower case, no "Xã/Phường/Thị trấn" prefix."""
    folded = fold(name)
    for prefix in PREFIXES:
        if folded.startswith(prefix):
            return folded[len(prefix) :]
    return folded


class UnitIndex:
    """The units a year's rows may name, by code and by folded name."""

    def __init__(self, units: Sequence[Commune]) -> None:
        self.units = list(units)
        self.by_code = {u.code: u for u in units}
        self.by_name: dict[str, list[Commune]] = defaultdict(list)
        for unit in units:
            self.by_name[name_key(unit.name)].append(unit)

    def nearest(self, name: str, n: int = NEAREST) -> list[Commune]:
        key = name_key(name)
        ranked = sorted(
            self.units, key=lambda u: (-difflib.SequenceMatcher(None, key, name_key(u.name)).ratio(), u.name)
        )
        return ranked[:n]


def match_row(row: HistoryRow, index: UnitIndex, year: int, chosen_code: str | None = None) -> None:
    """Find the unit ``row`` names (or the one the user chose), else record why and the nearest names."""
    if chosen_code and chosen_code in index.by_code:
        row.commune, row.chosen = index.by_code[chosen_code], True
        return
    if row.code:
        _match_code(row, index, year)
        return
    if not row.name:
        row.problems.append(CellProblem(row.row, "A", _("Mã xã"), _("cần mã xã hoặc tên xã.")))
        return
    if EXAMPLE_NAME in fold(row.name):
        row.problems.append(CellProblem(row.row, "B", _("Tên xã"), _("đây là dòng mẫu của tệp: hãy xóa dòng này.")))
        return
    found = index.by_name.get(name_key(row.name), [])
    if len(found) == 1:
        row.commune = found[0]
    elif found:
        row.candidates = found
        row.problems.append(
            CellProblem(
                row.row, "B", _("Tên xã"), _("có %(n)s đơn vị cùng tên: hãy ghi mã xã ở cột A.") % {"n": len(found)}
            )
        )
    else:
        row.candidates = index.nearest(row.name)


def _match_code(row: HistoryRow, index: UnitIndex, year: int) -> None:
    unit = index.by_code.get(row.code)
    if unit is None:
        row.candidates = index.nearest(row.name) if row.name else []
        row.problems.append(
            CellProblem(
                row.row,
                "A",
                _("Mã xã"),
                _("không có xã, phường, thị trấn nào mã %(code)s của tỉnh trong năm %(year)s.")
                % {"code": row.code, "year": year},
            )
        )
        return
    if row.name and name_key(row.name) != name_key(unit.name):
        row.candidates = [unit, *[u for u in index.nearest(row.name) if u.pk != unit.pk]][:NEAREST]
        row.problems.append(
            CellProblem(
                row.row,
                "B",
                _("Tên xã"),
                _("mã %(code)s là %(unit)s, không phải “%(name)s”: sửa mã hoặc tên.")
                % {"code": row.code, "unit": unit.name, "name": row.name},
            )
        )
        return
    row.commune = unit


def mark_duplicates(rows: Sequence[HistoryRow]) -> None:
    """Rows naming the same unit: each lists the others (one commune has one result a year)."""
    by_unit: dict[int, list[HistoryRow]] = defaultdict(list)
    for row in rows:
        if row.commune is not None:
            by_unit[row.commune.pk].append(row)
    for same in by_unit.values():
        if len(same) > 1:
            for row in same:
                row.duplicate_of = [other.row for other in same if other is not row]


# --- the class -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rules:
    thresholds: list[ThresholdRule]
    maxima: dict[int, Decimal]
    tsvm_min_class: str
    tsvm_min_each: Decimal

    @property
    def max_total(self) -> Decimal:
        return sum(self.maxima.values(), Decimal("0"))


def rules_of(criteria_set: CriteriaSet, criteria: Sequence[Criterion]) -> Rules:
    thresholds = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]
    return Rules(
        thresholds,
        {c.number: c.max_points for c in criteria},
        criteria_set.tsvm_min_class,
        criteria_set.tsvm_min_each,
    )


def classes_for_total(total: Decimal, rules: Rules) -> tuple[str, str]:
    """The worst and best class a total alone allows: the best whose total it reaches (the criteria's
    minimums might hold), and the best it guarantees (even the lowest criterion the total leaves
    possible reaches that class's minimum)."""

    def guaranteed(rule: ThresholdRule) -> bool:
        return all(max(Decimal("0"), total - (rules.max_total - m)) >= rule.min_each for m in rules.maxima.values())

    def possible(rule: ThresholdRule) -> bool:
        return total >= rule.min_each * len(rules.maxima)

    reached = sorted(
        (r for r in rules.thresholds if total >= r.min_total), key=lambda r: CLASS_RANK[r.classification], reverse=True
    )
    best = next((r.classification for r in reached if possible(r)), Classification.WEAK)
    worst = next((r.classification for r in reached if guaranteed(r)), Classification.WEAK)
    return worst, best


def check_class(row: HistoryRow, rules: Rules) -> None:
    """Record a class (or a TSVM) the thresholds do not give for the row's scores or total."""
    if not row.classification or row.problems or row.total is None:
        return
    violation = bool(row.decision_kind)
    if row.scores is not None:
        result = classify(
            row.scores,
            rules.thresholds,
            max_total=rules.max_total,
            tsvm_min_class=rules.tsvm_min_class,
            tsvm_min_each=rules.tsvm_min_each,
            has_violation=violation,
        )
        if result.classification != row.classification:
            row.disagreement = _("theo điểm và ngưỡng, xếp loại là %(expected)s (%(why)s).") % {
                "expected": Classification(result.classification).label,
                "why": "; ".join(result.reasons[-2:]),
            }
        elif row.tsvm and not result.tsvm_eligible:
            row.disagreement = _("ghi TSVM “Có” nhưng chưa đủ điều kiện: %(why)s.") % {
                "why": "; ".join(result.tsvm_reasons)
            }
        return
    _check_class_from_total(row, rules, violation)


def _check_class_from_total(row: HistoryRow, rules: Rules, violation: bool) -> None:
    worst, best = classes_for_total(row.total, rules)
    rank = CLASS_RANK[row.classification]
    if not CLASS_RANK[worst] <= rank <= CLASS_RANK[best]:
        allowed = (
            Classification(best).label
            if worst == best
            else _("từ %(worst)s đến %(best)s")
            % {"worst": Classification(worst).label, "best": Classification(best).label}
        )
        row.disagreement = _("với tổng %(total)s, theo ngưỡng xếp loại là %(allowed)s.") % {
            "total": points(row.total),
            "allowed": allowed,
        }
    elif row.tsvm and (
        violation or rank < CLASS_RANK[rules.tsvm_min_class] or row.total < rules.tsvm_min_each * len(rules.maxima)
    ):
        row.disagreement = _(
            "ghi TSVM “Có” nhưng chưa đủ điều kiện: cần xếp loại %(need)s trở lên và không bị phê bình, nhắc nhở."
        ) % {"need": Classification(rules.tsvm_min_class).label}


# --- the dry run -----------------------------------------------------------------------------------


def plan_history_import(
    *, province: Province, year: int, content: bytes, choices: Mapping[int, str] | None = None
) -> HistoryPlan:
    """Check a year's results file for ``province`` and say what an import would store; writes nothing.

    ``choices`` maps a row number to the code of the unit the user chose for it among the nearest
    names. Raises :class:`HistoryFileRefused` when the year or the file is refused whole."""
    refusal = history_year_refusal(year)
    if refusal:
        raise HistoryFileRefused(refusal)
    criteria_set = criteria_set_for(year)
    if criteria_set is None:
        raise HistoryFileRefused(_("Chưa có bộ tiêu thức nào áp dụng cho năm %(year)s.") % {"year": year})
    criteria = list(criteria_set.criteria.order_by("number"))
    cols = columns(criteria)
    raw_rows = read_sheet(content, cols, year)
    if not raw_rows:
        raise HistoryFileRefused(_("Tệp chưa có dòng nào: mỗi xã một dòng, từ dòng %(row)s.") % {"row": FIRST_ROW})
    rules = rules_of(criteria_set, criteria)
    index = UnitIndex(history_units(province, year))
    reader = RowReader(cols, criteria)
    rows = [reader.read(number, values) for number, values in raw_rows]
    for row in rows:
        match_row(row, index, year, (choices or {}).get(row.row))
        check_class(row, rules)
    mark_duplicates(rows)
    named = {r.commune.pk for r in rows if r.commune is not None}
    missing = [u for u in index.units if u.pk not in named]
    creates = not AssessmentYear.objects.filter(year=year).exists()
    return HistoryPlan(year, criteria_set, rows, missing, creates)


# --- saving ----------------------------------------------------------------------------------------


def history_import_save(*, plan: HistoryPlan, actor: User, file_name: str, sha256: str) -> HistoryImport:
    """Store a clean plan's rows as the year's finalized results, in one transaction, and lock the year.

    The year is created when missing; its draft assessments (a year opened but never scored) take the
    file's results. Each assessment gets an ``import`` event naming the file and its SHA-256."""
    if not plan.clean:
        raise AssessmentError(_("Tệp còn lỗi: chưa lưu gì."))
    with transaction.atomic():
        year = _year_for(plan, actor)
        assessments = _assessments(year, plan.rows)
        _scores(assessments, plan, actor)
        _decisions(assessments, plan.rows, actor)
        record = HistoryImport.objects.create(
            year=year, file_name=file_name[:255], sha256=sha256, rows=len(plan.rows), imported_by=actor
        )
        _events(assessments, plan, actor, record)
        year.is_locked, year.locked_at, year.locked_by = True, timezone.now(), actor
        year.locked_with_provisional_set = plan.criteria_set.is_provisional
        year.save(update_fields=["is_locked", "locked_at", "locked_by", "locked_with_provisional_set"])
    return record


def _year_for(plan: HistoryPlan, actor: User) -> AssessmentYear:
    year, _created = AssessmentYear.objects.select_for_update().get_or_create(
        year=plan.year, defaults={"criteria_set": plan.criteria_set, "has_district_level": has_districts(plan.year)}
    )
    refusal = history_year_refusal(plan.year)
    if refusal:  # someone scored or locked the year since the dry run
        raise HistoryFileRefused(refusal)
    if year.criteria_set_id != plan.criteria_set.pk:
        raise HistoryFileRefused(_("Bộ tiêu thức của năm vừa thay đổi: hãy tải tệp lên lại."))
    return year


def _assessments(year: AssessmentYear, rows: Sequence[HistoryRow]) -> dict[int, Assessment]:
    """Row number -> the row's assessment, finalized with its total, class and TSVM."""
    existing = {a.commune_id: a for a in Assessment.objects.filter(year=year)}
    result, new, changed = {}, [], []
    for row in rows:
        assessment = existing.get(row.commune.pk) or Assessment(year=year, commune=row.commune)
        assessment.status, assessment.final_total = Status.FINALIZED, row.total
        assessment.final_class, assessment.tsvm, assessment.finalized_at = row.classification, row.tsvm, None
        (changed if assessment.pk else new).append(assessment)
        result[row.row] = assessment
    for assessment in changed:
        assessment.version += 1
    Assessment.objects.bulk_update(changed, ["status", "final_total", "final_class", "tsvm", "finalized_at", "version"])
    Assessment.objects.bulk_create(new, batch_size=500)
    return result


def _scores(assessments: dict[int, Assessment], plan: HistoryPlan, actor: User) -> None:
    criteria = list(plan.criteria_set.criteria.all())
    existing = {
        (s.assessment_id, s.criterion_id): s
        for s in CriterionScore.objects.filter(assessment__in=[a.pk for a in assessments.values()])
    }
    new, changed = [], []
    for row in plan.rows:
        assessment = assessments[row.row]
        for criterion in criteria:
            value = row.scores.get(criterion.number) if row.scores is not None else None
            score = existing.get((assessment.pk, criterion.pk))
            if score is None:
                new.append(
                    CriterionScore(assessment=assessment, criterion=criterion, final_score=value, updated_by=actor)
                )
            else:
                score.final_score, score.updated_by = value, actor
                changed.append(score)
    CriterionScore.objects.bulk_update(changed, ["final_score", "updated_by"], batch_size=1000)
    CriterionScore.objects.bulk_create(new, batch_size=1000)


def _decisions(assessments: dict[int, Assessment], rows: Sequence[HistoryRow], actor: User) -> None:
    ProvinceDecision.objects.bulk_create(
        [
            ProvinceDecision(
                assessment=assessments[row.row],
                kind=row.decision_kind,
                number=row.decision_number,
                date=row.decision_date,
                reason=row.reason,
                recorded_by=actor,
            )
            for row in rows
            if row.decision_kind
        ]
    )


def _events(assessments: dict[int, Assessment], plan: HistoryPlan, actor: User, record: HistoryImport) -> None:
    comment = _("Nhập kết quả năm %(year)s từ tệp “%(name)s” (SHA-256 %(sha)s), dòng %(row)s.")
    AssessmentEvent.objects.bulk_create(
        [
            AssessmentEvent(
                assessment=assessments[row.row],
                actor=actor,
                at=record.imported_at,
                kind=AssessmentEvent.Kind.IMPORT,
                to_status=Status.FINALIZED,
                new_value=record.file_name[:200],
                comment=comment % {"year": plan.year, "name": record.file_name, "sha": record.sha256, "row": row.row},
            )
            for row in plan.rows
        ],
        batch_size=500,
    )


# --- the sample file -------------------------------------------------------------------------------


@in_vietnamese
def history_sample_rows(*, units: Sequence[Commune], criteria_set: CriteriaSet, year: int) -> list[list[Any]]:
    """Plausible, deterministic results for ``units`` in the template's column order (for trying the
    import): every fourth line gives only the total; the class and TSVM follow the thresholds."""
    criteria = list(criteria_set.criteria.order_by("number"))
    rules = rules_of(criteria_set, criteria)
    rows = []
    for i, unit in enumerate(units):
        scores = {
            c.number: min(c.max_points, Decimal(12 + (i * 7 + c.number * 3) % 9) + Decimal("0.5") * (i % 2))
            for c in criteria
        }
        reminded = i % 17 == 5
        result = classify(
            scores,
            rules.thresholds,
            max_total=rules.max_total,
            tsvm_min_class=rules.tsvm_min_class,
            tsvm_min_each=rules.tsvm_min_each,
            has_violation=reminded,
        )
        cells = [scores[c.number] for c in criteria] if i % 4 else [None] * len(criteria)
        rows.append(
            [
                unit.code,
                unit.name,
                *cells,
                result.total,
                str(Classification(result.classification).label),
                _("Có") if result.tsvm_eligible and i % 3 == 0 else _("Không"),
                _("Nhắc nhở") if reminded else "",
                f"{10 + i}/QĐ-UBND" if reminded else "",
                f"20/01/{year + 1}" if reminded else "",
                _("Chậm nộp báo cáo năm") if reminded else "",
            ]
        )
    return rows
