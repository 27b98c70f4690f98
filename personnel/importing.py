"""Reading an officials workbook and checking every row before anything is written.

``plan_import`` returns what would change (create / update / unchanged) and every problem by row
and column, in Vietnamese. Nothing is imported unless the whole file is valid; the same file
imported twice changes nothing the second time.
"""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import load_workbook

from communes.dates import cell_day
from communes.exports.xlsx import TOO_BIG, UNPACKS_TOO_BIG, unneutralise, xlsx_problem
from communes.models import Commune, fold
from personnel.excel import (
    BOOLEAN_COLUMNS,
    CHOICES,
    COLUMNS,
    DATE_COLUMNS,
    HEADER_OF,
    HEADERS,
    LETTER,
    NO,
    POSITION_SEPARATOR,
    YES,
    source_label,
)
from personnel.forms import OfficialForm
from personnel.models import Ethnicity, Official, OfficialStatus, Position

MAX_UPLOAD_BYTES = 1024 * 1024
# 1,000 officials unpack to about 1.3 MB as the portal writes them, about 3 MB with 1,000-character
# notes; anything bigger is not a commune's list, and only costs time to read.
MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
# Blank rows between people are skipped, but reading stops at this row: a sheet of a million empty
# (or merely formatted) rows would otherwise take seconds to read for nothing.
LAST_ROW = 10 * MAX_ROWS
COMPARED_FIELDS = [c.key for c in COLUMNS if c.key not in ("id", "positions")]


class WorkbookRejected(Exception):
    """The upload is not an officials workbook at all (wrong type, too big, wrong template)."""


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        header = next((c.header for c in COLUMNS if LETTER[c.key] == self.column), "")
        return _("Dòng %(row)s, cột %(col)s (%(header)s): %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "header": header,
            "msg": self.message,
        }


@dataclass
class PlannedRow:
    row: int
    action: str  # "create", "update" or "unchanged"
    data: dict[str, Any]
    positions: list[Position]
    official: Official | None = None
    changes: list[str] = field(default_factory=list)


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def has_changes(self) -> bool:
        return any(r.action != "unchanged" for r in self.rows)


def check_upload(content: bytes) -> None:
    """Refuse anything that is not a reasonably sized .xlsx (``communes.exports.xlsx.xlsx_problem``)."""
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNCOMPRESSED_BYTES)
    if problem == TOO_BIG:
        raise WorkbookRejected(
            _("Tệp quá lớn (tối đa 1 MB). Danh sách cán bộ của một xã thường nhỏ hơn nhiều; hãy kiểm tra lại tệp.")
        )
    if problem == UNPACKS_TOO_BIG:
        raise WorkbookRejected(_("Tệp quá lớn khi giải nén. Hãy dùng đúng mẫu của cổng."))
    if problem:
        raise WorkbookRejected(
            _(
                "Tệp không phải Excel (.xlsx). Hãy mở tệp bằng Excel, lưu dưới dạng “Excel Workbook (.xlsx)” rồi tải lên lại."
            )
        )


def read_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    """The data rows (row number, values) of the first sheet, after checking the template's headers."""
    check_upload(content)
    try:
        # Formulas are read as written (not their cached results) so a cell holding one is told so.
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged file
        raise WorkbookRejected(_damaged()) from None
    try:
        return _data_rows(workbook.worksheets[0])
    except WorkbookRejected:
        raise
    except Exception:  # read-only sheets are parsed while iterating: damage shows up here
        raise WorkbookRejected(_damaged()) from None
    finally:
        workbook.close()


def _damaged() -> str:
    return _("Không đọc được tệp Excel: tệp có thể bị hỏng. Hãy lưu lại rồi tải lên.")


def _data_rows(sheet: Any) -> list[tuple[int, list[Any]]]:
    # Past LAST_ROW, openpyxl stops parsing and pads any gap only up to LAST_ROW + 1, which is
    # then the row number seen: a sheet reaching beyond LAST_ROW costs no more than LAST_ROW rows.
    cells = sheet.iter_rows(max_row=LAST_ROW + 1, max_col=len(COLUMNS))
    rows = ([FORMULA if cell.data_type == "f" else cell.value for cell in row] for row in cells)
    _check_headers(list(next(rows, [])))
    found = []
    for number, values in enumerate(rows, start=2):
        if number > LAST_ROW:
            raise WorkbookRejected(
                _(
                    "Trang tính kéo dài quá dòng %(n)s (có thể do định dạng cả những dòng trống). "
                    "Hãy xóa các dòng thừa ở cuối trang rồi tải lên lại."
                )
                % {"n": LAST_ROW}
            )
        values = list(values) + [None] * max(0, len(COLUMNS) - len(values))
        if any(v not in (None, "") for v in values):
            found.append((number, values))
        if len(found) > MAX_ROWS:
            raise WorkbookRejected(_("Tệp có hơn %(n)s dòng. Mỗi lần chỉ nhập danh sách của một xã.") % {"n": MAX_ROWS})
    return found


def _check_headers(found: list[Any]) -> None:
    found = [str(v).strip() if v is not None else "" for v in found[: len(HEADERS)]]
    found += [""] * (len(HEADERS) - len(found))
    for letter, expected, actual in zip(LETTER.values(), HEADERS, found):
        if actual != expected:
            raise WorkbookRejected(
                _(
                    "Tệp không đúng mẫu: cột %(col)s phải là “%(expected)s” nhưng đang là “%(actual)s”. "
                    "Hãy tải mẫu mới của cổng và nhập lại."
                )
                % {"col": letter, "expected": expected, "actual": actual or _("(trống)")}
            )


class _Formula:
    """Stands for a cell holding a formula: the import takes typed values only."""

    def __repr__(self) -> str:
        return "FORMULA"


FORMULA = _Formula()


def _text(value: Any) -> str:
    if value is None:
        return ""
    return unneutralise(str(value).strip())  # our own export's protection against formulas


class _Reader:
    """Turns one row's cells into form data, collecting an error per bad cell."""

    def __init__(self, commune: Commune) -> None:
        self.ethnicities = {fold(e.name): e for e in Ethnicity.objects.all()}
        self.ethnicities.update({"hmong": self.ethnicities.get("mong"), "h'mong": self.ethnicities.get("mong")})
        self.positions = {fold(p.name): p for p in Position.objects.all()}
        self.villages = {fold(v.name): v for v in commune.villages.all()}
        self.choices = {
            key: {fold(source_label(choices, v)): v for v in choices.values} for key, choices in CHOICES.items()
        }

    def read(self, number: int, values: list[Any]) -> tuple[dict[str, Any], list[Position], list[CellError]]:
        cells = {c.key: values[i] for i, c in enumerate(COLUMNS)}
        data, errors = {}, []
        for column in COLUMNS:
            if cells[column.key] is FORMULA:
                errors.append(CellError(number, LETTER[column.key], _("không dùng công thức; hãy gõ giá trị vào ô.")))
                continue
            try:
                data[column.key] = self._value(column.key, cells[column.key])
            except ValueError as problem:
                errors.append(CellError(number, LETTER[column.key], str(problem)))
                continue
            if column.required and data[column.key] in (None, "", []):
                errors.append(CellError(number, LETTER[column.key], _("bắt buộc nhập.")))
        positions = data.pop("positions", None) or []
        return data, positions, errors

    def _value(self, key: str, raw: Any) -> Any:
        if key in DATE_COLUMNS:
            return _date(raw)
        text = _text(raw)
        if key == "id":
            return _whole_number(text)
        if key in BOOLEAN_COLUMNS:
            return _yes_no(text)
        if key in CHOICES:
            return self._lookup(self.choices[key], text, key) if text else _default(key)
        if key == "ethnicity":
            return self._lookup(self.ethnicities, text, key) if text else None
        if key == "village":
            return self._lookup(self.villages, text, key) if text else None
        if key == "positions":
            names = [n.strip() for n in text.split(POSITION_SEPARATOR) if n.strip()]
            return [self._lookup(self.positions, n, key) for n in names]
        return text

    @staticmethod
    def _lookup(table: dict[str, Any], text: str, key: str) -> Any:
        found = table.get(fold(text))
        if found is None:
            if key == "village":
                raise ValueError(
                    _("không có thôn, bản “%(v)s” trong danh sách của xã (thêm ở trang Thôn, bản trước).") % {"v": text}
                )
            raise ValueError(_("giá trị “%(v)s” không có trong danh mục (xem trang Danh mục của mẫu).") % {"v": text})
        return found


def _default(key: str) -> Any:
    return (
        OfficialStatus.SERVING
        if key == "status"
        else (None if key in ("gender", "category", "general_education") else 0)
    )


def _date(raw: Any) -> date | None:
    try:
        return cell_day(_text(raw) if isinstance(raw, str) else raw)
    except ValidationError as problem:
        message = problem.messages[0]
        raise ValueError(message[:1].lower() + message[1:]) from None


def _whole_number(text: str) -> int | None:
    if not text:
        return None
    try:
        return int(float(text))
    except ValueError:
        raise ValueError(_("mã cán bộ phải là số; để trống khi thêm người mới.")) from None


def _yes_no(text: str) -> bool:
    folded = fold(text)
    if folded in ("", fold(NO), "0"):
        return False
    if folded in (fold(YES), "1", "x"):
        return True
    raise ValueError(_("chỉ nhập “Có” hoặc “Không”."))


def _form_errors(
    commune: Commune, number: int, data: dict[str, Any], positions: list[Position]
) -> tuple[dict[str, Any], list[CellError]]:
    """Run the same checks as the official form; return its cleaned data or errors by column."""
    form_data = {k: (v.pk if hasattr(v, "pk") else v) for k, v in data.items() if k != "id"}
    form_data["positions"] = [p.pk for p in positions]
    form = OfficialForm(data=form_data, commune=commune)
    if form.is_valid():
        cleaned = dict(form.cleaned_data)
        cleaned.pop("positions")
        return cleaned, []
    errors = []
    for name, messages in form.errors.items():
        column = LETTER.get(name, LETTER["full_name"])
        errors += [CellError(number, column, _lower_first(m)) for m in messages]
    return {}, errors


def _lower_first(message: str) -> str:
    return message[:1].lower() + message[1:]


def _identity(data: dict[str, Any]) -> tuple[str, date | None]:
    return fold(data.get("full_name", "")), data.get("date_of_birth")


def _changes(official: Official, data: dict[str, Any], positions: list[Position]) -> list[str]:
    changed = [HEADER_OF[f] for f in COMPARED_FIELDS if f in data and getattr(official, f) != data[f]]
    if {p.pk for p in official.positions.all()} != {p.pk for p in positions}:
        changed.append(HEADER_OF["positions"])
    return changed


class _Matcher:
    """Finds the existing official a row describes: by its code, else by name and date of birth."""

    def __init__(self, commune: Commune) -> None:
        officials = list(
            Official.objects.filter(commune=commune)
            .prefetch_related("positions")
            .select_related("ethnicity", "village")
        )
        self.by_id = {o.pk: o for o in officials}
        self.by_identity = {(o.search_name, o.date_of_birth): o for o in officials}
        self.seen: dict[Any, int] = {}

    def match(self, number: int, code: int | None, data: dict[str, Any]) -> tuple[Official | None, list[CellError]]:
        if code is not None and code not in self.by_id:
            message = _("mã cán bộ %(c)s không thuộc xã này; để trống khi thêm người mới.") % {"c": code}
            return None, [CellError(number, LETTER["id"], message)]
        official = self.by_id[code] if code is not None else self.by_identity.get(_identity(data))
        key = ("official", official.pk) if official else ("new", _identity(data))
        if key in self.seen:
            column = LETTER["id" if code is not None else "full_name"]
            return None, [CellError(number, column, _("trùng với dòng %(n)s của tệp.") % {"n": self.seen[key]})]
        self.seen[key] = number
        return official, []


def plan_import(commune: Commune, content: bytes) -> ImportPlan:
    """What importing ``content`` into ``commune`` would do, and every problem found.

    Raises WorkbookRejected when the file is not an officials workbook of the current template.
    """
    rows = read_rows(content)
    reader, matcher, plan = _Reader(commune), _Matcher(commune), ImportPlan()
    if not rows:
        raise WorkbookRejected(_("Tệp không có dòng dữ liệu nào. Hãy nhập danh sách từ dòng 2 của mẫu."))
    for number, values in rows:
        data, positions, errors = reader.read(number, values)
        code = data.pop("id", None)
        if not errors:
            data, errors = _form_errors(commune, number, data, positions)
        official = None
        if not errors:
            official, errors = matcher.match(number, code, data)
        if errors:
            plan.errors += errors
            continue
        changes = _changes(official, data, positions) if official else []
        action = "create" if official is None else ("update" if changes else "unchanged")
        plan.rows.append(PlannedRow(number, action, data, positions, official, changes))
    return plan
