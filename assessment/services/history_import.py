"""A past year's results from the Department's workbook: a dry run first, then one save.

:func:`plan_history_import` reads and checks the whole file and writes nothing. The file is refused
whole (:class:`HistoryFileRefused`) when the year cannot take an import, or the file is too big, not
an .xlsx, a zip unpacking too large, damaged, not the portal's template or for another year.
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
import io
import zipfile
from collections import defaultdict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

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
from assessment.models.assessment import SCORE_STEP
from assessment.models.criteria import CLASS_RANK
from assessment.selectors.history import criteria_set_for, history_units, year_holdings
from assessment.services.errors import AssessmentError
from assessment.services.excel_import import MAX_UPLOAD_BYTES, OLE_MAGIC, ZIP_MAGIC
from assessment.services.history_template import (
    FIRST_ROW,
    HEADER_ROW,
    MAX_ROWS,
    SHEET_TITLE,
    YEAR_CELL,
    Column,
    columns,
)
from assessment.services.years import has_districts
from communes.dates import parse_typed_day
from communes.exports.xlsx import unneutralise
from communes.models import Commune, Province, User, fold

# The template filled for 129 communes unpacks to about 150 KB; a summary pasted in with its
# formatting stays well under 1 MB. 8 MB is generous and still cheap to parse; more is not a table.
MAX_UNZIPPED_BYTES = 8 * 1024 * 1024
PREFIXES = ("xa ", "phuong ", "thi tran ")
NEAREST = 3
EXAMPLE_NAME = "vi du (dong mau"


class HistoryFileRefused(AssessmentError):
    """The file (or the year) was refused whole; nothing was read further and nothing saved."""


@dataclass(frozen=True)
class CellProblem:
    row: int
    column: str  # the column's letter
    title: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(col)s (%(title)s): %(message)s") % {
            "row": self.row,
            "col": self.column,
            "title": self.title,
            "message": self.message,
        }


@dataclass
class HistoryRow:
    """One commune's line as read, what it was matched to and everything wrong with it."""

    row: int
    code: str = ""
    name: str = ""
    scores: dict[int, Decimal] | None = None  # None: only the total is given
    total: Decimal | None = None
    classification: str = ""
    tsvm: bool = False
    decision_kind: str = ""
    decision_number: str = ""
    decision_date: date | None = None
    reason: str = ""
    commune: Commune | None = None
    chosen: bool = False  # matched by the user's choice among the nearest names
    candidates: list[Commune] = field(default_factory=list)
    problems: list[CellProblem] = field(default_factory=list)
    disagreement: str = ""  # the class the thresholds give, when the file says otherwise
    duplicate_of: list[int] = field(default_factory=list)

    @property
    def class_label(self) -> str:
        return str(Classification(self.classification).label) if self.classification else ""

    @property
    def is_clean(self) -> bool:
        return self.commune is not None and not self.problems and not self.disagreement and not self.duplicate_of


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


# --- the file --------------------------------------------------------------------------------------


def _check_bytes(content: bytes) -> None:
    if len(content) > MAX_UPLOAD_BYTES:
        raise HistoryFileRefused(
            _("Tệp lớn hơn 5 MB. Tệp kết quả của một năm chỉ khoảng vài chục KB: hãy dùng tệp mẫu của cổng.")
        )
    if content.startswith(OLE_MAGIC):
        raise HistoryFileRefused(
            _(
                "Đây là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel, chọn Lưu thành “Excel Workbook (.xlsx)” rồi tải lên lại."
            )
        )
    if not content.startswith(ZIP_MAGIC):
        raise HistoryFileRefused(_("Tệp không phải bảng tính Excel (.xlsx). Hãy điền tệp mẫu của cổng rồi tải lên."))
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        raise HistoryFileRefused(_("Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx).")) from None
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise HistoryFileRefused(
            _("Tệp nén này không phải bảng tính Excel (.xlsx) (có thể là tệp Word hoặc tệp nén khác).")
        )
    if unpacked > MAX_UNZIPPED_BYTES:
        raise HistoryFileRefused(_("Tệp giải nén ra quá lớn, không phải tệp kết quả theo mẫu của cổng."))


@contextmanager
def _damaged_file_refused() -> Iterator[None]:
    try:
        yield
    except HistoryFileRefused:
        raise
    except Exception:
        raise HistoryFileRefused(
            _("Không đọc được tệp: tệp Excel bị hỏng. Hãy lưu lại bằng Excel rồi thử lại.")
        ) from None


@dataclass(frozen=True)
class Formula:
    text: str


def _value(cell: Any) -> Any:  # noqa: ANN401
    return Formula(str(cell.value)) if getattr(cell, "data_type", None) == "f" else cell.value


def read_sheet(content: bytes, cols: Sequence[Column], year: int) -> list[tuple[int, list[Any]]]:
    """The non-empty data rows (row number, values in column order) of a checked template for ``year``."""
    _check_bytes(content)
    with _damaged_file_refused():
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        if SHEET_TITLE not in workbook.sheetnames:
            raise HistoryFileRefused(_wrong_template(_("không có trang “%(title)s”.") % {"title": SHEET_TITLE}))
        ws = workbook[SHEET_TITLE]
        with _damaged_file_refused():
            cells = list(ws.iter_rows(min_row=1, max_row=MAX_ROWS + 1, max_col=len(cols)))
    finally:
        workbook.close()
    values = [[_value(c) for c in row] for row in cells]
    if len(values) > MAX_ROWS:
        raise HistoryFileRefused(_("Trang “%(title)s” có quá nhiều dòng.") % {"title": SHEET_TITLE})
    _check_header(values[HEADER_ROW - 1] if len(values) >= HEADER_ROW else [], cols)
    _check_year(values, year)
    return [
        (number, row + [None] * (len(cols) - len(row)))
        for number, row in enumerate(values[FIRST_ROW - 1 :], start=FIRST_ROW)
        if any(not _blank(v) for v in row)
    ]


def _wrong_template(detail: str) -> str:
    return _("Tệp không theo mẫu của cổng: %(detail)s Hãy tải tệp mẫu, chép số liệu vào đó rồi tải lên lại.") % {
        "detail": detail
    }


def _check_header(found: list[Any], cols: Sequence[Column]) -> None:
    for index, column in enumerate(cols):
        text = found[index] if index < len(found) else None
        if isinstance(text, Formula) or fold(str(text or "")) != fold(column.title):
            raise HistoryFileRefused(
                _wrong_template(
                    _("ô %(cell)s phải là “%(title)s” (trong tệp: “%(found)s”).")
                    % {
                        "cell": f"{get_column_letter(index + 1)}{HEADER_ROW}",
                        "title": column.title,
                        "found": "" if text is None else text,
                    }
                )
            )


def _check_year(values: list[list[Any]], year: int) -> None:
    raw = values[1][1] if len(values) > 1 and len(values[1]) > 1 else None
    if _blank(raw):
        return
    written = _whole(raw)
    if written != year:
        raise HistoryFileRefused(
            _("Ô %(cell)s của tệp ghi năm “%(found)s”, bạn đang nhập năm %(year)s. Chọn đúng năm hoặc sửa ô đó.")
            % {"cell": YEAR_CELL, "found": raw.text if isinstance(raw, Formula) else raw, "year": year}
        )


def _blank(value: Any) -> bool:  # noqa: ANN401
    return value is None or (isinstance(value, str) and not value.strip())


def _whole(value: Any) -> int | None:  # noqa: ANN401
    try:
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        return None
    return int(number) if number == number.to_integral_value() else None


# --- one row ---------------------------------------------------------------------------------------


class _Reader:
    """Turns one row's cells into a :class:`HistoryRow`, recording each bad cell."""

    def __init__(self, cols: Sequence[Column], criteria: Sequence[Criterion]) -> None:
        self.cols = cols
        self.criteria = criteria
        self.index = {c.key: i for i, c in enumerate(cols)}

    def read(self, number: int, values: list[Any]) -> HistoryRow:
        row = HistoryRow(row=number)
        self.row, self.values, self.problems = row, values, row.problems
        row.code = self._code()
        row.name = self._text("name")
        row.scores = self._scores()
        row.total = self._total(row.scores)
        row.classification = self._choice("class", {fold(str(c.label)): c.value for c in Classification}, True)
        row.tsvm = self._choice("tsvm", {fold(_("Có")): True, fold(_("Không")): False}, False) is True
        kinds = {
            fold(_("Phê bình")): ProvinceDecision.Kind.CRITICISM,
            fold(_("Nhắc nhở")): ProvinceDecision.Kind.REMINDER,
        }
        row.decision_kind = self._choice("kind", kinds, False) or ""
        row.decision_number = self._text("number")[:50]
        row.decision_date = self._date()
        row.reason = self._text("reason")
        self._check_decision()
        return row

    def _raw(self, key: str) -> Any:  # noqa: ANN401
        return self.values[self.index[key]]

    def problem(self, key: str, message: str) -> None:
        index = self.index[key]
        self.problems.append(CellProblem(self.row.row, get_column_letter(index + 1), self.cols[index].title, message))

    def _formula(self, key: str) -> bool:
        if isinstance(self._raw(key), Formula):
            self.problem(key, _("không dùng công thức; hãy dán giá trị."))
            return True
        return False

    def _text(self, key: str) -> str:
        raw = self._raw(key)
        if self._formula(key) or _blank(raw):
            return ""
        if isinstance(raw, (datetime, date)):
            return raw.strftime("%d/%m/%Y")
        return unneutralise(str(raw).strip())

    def _code(self) -> str:
        raw = self._raw("code")
        if self._formula("code") or _blank(raw):
            return ""
        code = _whole(raw)
        if code is None or code <= 0:
            self.problem("code", _("mã xã là một số (trong tệp: “%(raw)s”).") % {"raw": raw})
            return ""
        return str(code)

    def _number(self, key: str, maximum: Decimal) -> Decimal | None:
        raw = self._raw(key)
        if self._formula(key) or _blank(raw):
            return None
        value = _decimal(raw)
        if value is None or value < 0 or value > maximum or value % SCORE_STEP:
            self.problem(
                key,
                _("điểm phải từ 0 đến %(max)s, theo bước 0,25 (trong tệp: “%(raw)s”).")
                % {"max": points(maximum), "raw": raw},
            )
            return None
        return value.quantize(Decimal("0.01"))

    def _scores(self) -> dict[int, Decimal] | None:
        keys = [f"c{c.number}" for c in self.criteria]
        filled = [k for k in keys if not _blank(self._raw(k))]
        if not filled:
            return None
        values = {c.number: self._number(f"c{c.number}", c.max_points) for c in self.criteria}
        empty = [c.number for c in self.criteria if _blank(self._raw(f"c{c.number}"))]
        if empty:
            self.problem(
                f"c{empty[0]}",
                _("thiếu điểm tiêu thức %(list)s: điền đủ %(n)s tiêu thức, hoặc để trống tất cả và chỉ ghi Tổng điểm.")
                % {"list": ", ".join(map(str, empty)), "n": len(self.criteria)},
            )
        return {n: v for n, v in values.items() if v is not None}

    def _total(self, scores: dict[int, Decimal] | None) -> Decimal | None:
        maximum = sum((c.max_points for c in self.criteria), Decimal("0"))
        total = self._number("total", maximum)
        if scores is None and total is None and not self._formula_in("total"):
            if _blank(self._raw("total")):
                self.problem("total", _("cần điểm từng tiêu thức hoặc Tổng điểm."))
        if scores is not None and len(scores) == len(self.criteria):
            summed = sum(scores.values(), Decimal("0"))
            if total is not None and total != summed:
                self.problem(
                    "total",
                    _("tổng điểm %(total)s khác tổng các tiêu thức %(sum)s.")
                    % {"total": points(total), "sum": points(summed)},
                )
            return summed
        return total

    def _formula_in(self, key: str) -> bool:
        return isinstance(self._raw(key), Formula)

    def _choice(self, key: str, options: Mapping[str, Any], required: bool) -> Any:  # noqa: ANN401
        raw = self._raw(key)
        if self._formula(key):
            return None
        if _blank(raw):
            if required:
                self.problem(key, _("cần ghi xếp loại (Tốt, Khá, Trung bình hoặc Yếu)."))
            return None
        found = options.get(fold(str(raw)))
        if found is None:
            self.problem(key, _("“%(raw)s” không có trong danh sách của mẫu.") % {"raw": raw})
        return found

    def _date(self) -> date | None:
        raw = self._raw("date")
        if self._formula("date") or _blank(raw):
            return None
        if isinstance(raw, datetime):
            return raw.date()
        if isinstance(raw, date):
            return raw
        try:
            return parse_typed_day(str(raw))
        except ValidationError as error:
            self.problem("date", " ".join(error.messages))
            return None

    def _check_decision(self) -> None:
        row = self.row
        if row.decision_kind and not row.decision_number:
            self.problem("number", _("phê bình, nhắc nhở cần số quyết định."))
        if row.decision_kind and row.decision_date is None and _blank(self._raw("date")):
            self.problem("date", _("phê bình, nhắc nhở cần ngày quyết định."))
        if not row.decision_kind and (row.decision_number or row.decision_date):
            self.problem("kind", _("có số hoặc ngày quyết định nhưng chưa ghi Phê bình hay Nhắc nhở."))


def _decimal(raw: Any) -> Decimal | None:  # noqa: ANN401
    if isinstance(raw, bool) or isinstance(raw, (datetime, date)):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None


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
    reader = _Reader(cols, criteria)
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
