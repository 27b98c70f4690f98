"""Reading a past year's results file: the checks that refuse it whole, and one row's cells.

The file is refused (:class:`HistoryFileRefused`) when it is too big, not an .xlsx, a zip unpacking
too large, damaged, not the portal's template (sheet and header) or for another year. Each row's
cells become a :class:`HistoryRow`; every bad cell is a :class:`CellProblem` (row, column, what is
wrong). Formulas are refused cell by cell ("không dùng công thức"), as in the score sheet. The
workbook is opened read-only and read no further than ``MAX_ROWS``.
"""

import io
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter

from assessment.classification import points
from assessment.models import (
    Classification,
    Criterion,
    ProvinceDecision,
)
from assessment.models.assessment import SCORE_STEP
from assessment.services.errors import AssessmentError
from assessment.services.excel_import import MAX_UPLOAD_BYTES
from assessment.services.history_template import (
    FIRST_ROW,
    HEADER_ROW,
    MAX_ROWS,
    SHEET_TITLE,
    YEAR_CELL,
    Column,
    decision_labels,
    in_vietnamese,
    yes_no,
)
from communes.dates import cell_day
from communes.exports.xlsx import (
    DAMAGED,
    NOT_WORKBOOK,
    NOT_ZIP,
    OLD_EXCEL,
    TOO_BIG,
    UNPACKS_TOO_BIG,
    unneutralise,
    xlsx_problem,
)
from communes.models import Commune, fold

# The template filled for 129 communes unpacks to about 150 KB; a summary pasted in with its
# formatting stays well under 1 MB. 8 MB is generous and still cheap to parse; more is not a table.

# The template filled for 129 communes unpacks to about 150 KB; a summary pasted in with its
# formatting stays well under 1 MB. 8 MB is generous and still cheap to parse; more is not a table.
MAX_UNZIPPED_BYTES = 8 * 1024 * 1024


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


# --- the file --------------------------------------------------------------------------------------


def _check_bytes(content: bytes) -> None:
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNZIPPED_BYTES)
    if problem:
        raise HistoryFileRefused(_package_refusal(problem))


def _package_refusal(problem: str) -> str:
    """This import's words for what ``communes.exports.xlsx.xlsx_problem`` found."""
    return {
        TOO_BIG: _("Tệp lớn hơn 5 MB. Tệp kết quả của một năm chỉ khoảng vài chục KB: hãy dùng tệp mẫu của cổng."),
        OLD_EXCEL: _(
            "Đây là tệp Excel 97-2003 (.xls). Hãy mở bằng Excel, chọn Lưu thành “Excel Workbook (.xlsx)” rồi tải lên lại."
        ),
        NOT_ZIP: _("Tệp không phải bảng tính Excel (.xlsx). Hãy điền tệp mẫu của cổng rồi tải lên."),
        DAMAGED: _("Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx)."),
        NOT_WORKBOOK: _("Tệp nén này không phải bảng tính Excel (.xlsx) (có thể là tệp Word hoặc tệp nén khác)."),
        UNPACKS_TOO_BIG: _("Tệp giải nén ra quá lớn, không phải tệp kết quả theo mẫu của cổng."),
    }[problem]


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


class RowReader:
    """Turns one row's cells into a :class:`HistoryRow`, recording each bad cell."""

    def __init__(self, cols: Sequence[Column], criteria: Sequence[Criterion]) -> None:
        self.cols = cols
        self.criteria = criteria
        self.index = {c.key: i for i, c in enumerate(cols)}
        # The template's words (Vietnamese), and the page's language's too for a file typed by hand.
        self.options = {key: {**_options()[key], **table} for key, table in in_vietnamese(_options)().items()}

    def read(self, number: int, values: list[Any]) -> HistoryRow:
        row = HistoryRow(row=number)
        self.row, self.values, self.problems = row, values, row.problems
        row.code = self._code()
        row.name = self._text("name")
        row.scores = self._scores()
        row.total = self._total(row.scores)
        row.classification = self._choice("class", self.options["class"], True)
        row.tsvm = self._choice("tsvm", self.options["tsvm"], False) is True
        row.decision_kind = self._choice("kind", self.options["kind"], False) or ""
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
        try:
            return cell_day(raw)
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


def _options() -> dict[str, dict[str, Any]]:
    """What each list column's words mean, folded, in the active language."""
    yes, no = yes_no()
    criticism, reminder = decision_labels()
    return {
        "class": {fold(str(c.label)): c.value for c in Classification},
        "tsvm": {fold(yes): True, fold(no): False},
        "kind": {fold(criticism): ProvinceDecision.Kind.CRITICISM, fold(reminder): ProvinceDecision.Kind.REMINDER},
    }


def _decimal(raw: Any) -> Decimal | None:  # noqa: ANN401
    if isinstance(raw, bool) or isinstance(raw, (datetime, date)):
        return None
    try:
        value = Decimal(str(raw).strip().replace(",", "."))
    except (InvalidOperation, ValueError):
        return None
    return value if value.is_finite() else None
