"""The commune's score sheet (.xlsx) as plain rules: its layout, the marker that identifies it and
the checks an uploaded sheet must pass. No database and no openpyxl here: cells come in as values.

Every error names its row and column the way people read a spreadsheet ("Dòng 12, cột D (Điểm tự
chấm): ..."), and all of them are reported at once.
"""

import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, time
from decimal import Decimal, InvalidOperation
from typing import Any

from django.core import signing
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.classification import points
from assessment.services.scoring import ScoreInputError, score_parse
from communes.exports.xlsx import FORMULA_PREFIXES, unneutralise  # noqa: F401 (re-exported)

TEMPLATE_ID = "dgcq-tu-cham"
TEMPLATE_VERSION = 1
MARKER_SHEET = "_mau"
MARKER_SALT = "assessment.excel.score-sheet"
SHEET_TITLE = "Tự chấm"
HEADER_ROW = 6
FIRST_ROW = HEADER_ROW + 1
MAX_ROWS = 500  # a sheet of 20 criteria has no business being longer
NOTE_MAX_LENGTH = 2000


@dataclass(frozen=True)
class Column:
    letter: str
    title: Any  # lazy string
    width: float


COLUMNS = [
    Column("A", gettext_lazy("STT"), 6),
    Column("B", gettext_lazy("Tiêu thức"), 56),
    Column("C", gettext_lazy("Điểm tối đa"), 11),
    Column("D", gettext_lazy("Điểm tự chấm"), 13),
    Column("E", gettext_lazy("Giải trình của xã"), 60),
]
COMMENT_COLUMN = Column("F", gettext_lazy("Ý kiến thẩm định"), 48)
_TITLES = {c.letter: c.title for c in [*COLUMNS, COMMENT_COLUMN]}


@dataclass(frozen=True)
class Formula:
    """A cell holding a formula (as read without computing it)."""

    text: str


@dataclass(frozen=True)
class ItemSpec:
    """A component item's row: labelled "3.2" in column A (criterion 3, item 2)."""

    item_id: int
    label: str
    name: str
    max_points: Decimal
    number: int  # the criterion's


@dataclass(frozen=True)
class CriterionSpec:
    number: int
    name: str
    max_points: Decimal
    # A criterion with component items: its own row holds their sum (a formula, not read back) and
    # each item has a row below it, where the commune types the score and note.
    items: tuple[ItemSpec, ...] = ()


@dataclass(frozen=True)
class SheetRow:
    row: int
    cells: tuple[Any, ...]  # columns A to E


@dataclass(frozen=True)
class RowValue:
    number: int
    score: Decimal | None
    note: str


@dataclass(frozen=True)
class CellError:
    row: int | None
    column: str | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Dòng %(row)s, cột %(col)s (%(title)s): %(message)s") % {
            "row": self.row,
            "col": self.column,
            "title": _TITLES[self.column],
            "message": self.message,
        }


# --- text in and out --------------------------------------------------------------------------------


def same_text(a: Any, b: str) -> bool:
    """Equal once Unicode forms, case and runs of spaces are ignored (Excel and typing vary them)."""

    def fold(text: str) -> str:
        return " ".join(unicodedata.normalize("NFC", str(text)).casefold().split())

    return a is not None and fold(a) == fold(b)


# --- the marker ---------------------------------------------------------------------------------------


def marker_token(
    *,
    assessment_id: int,
    commune_code: str,
    year: int,
    versions: dict[int, int],
    item_versions: dict[int, int] | None = None,
) -> str:
    """A signed token naming the template, the assessment and each score's version at download (and
    each component item's, by item id, when the set has items; a sheet without them reads as before)."""
    payload = {
        "t": TEMPLATE_ID,
        "v": TEMPLATE_VERSION,
        "a": assessment_id,
        "c": commune_code,
        "y": year,
        "s": {str(n): v for n, v in versions.items()},
    }
    if item_versions:
        payload["i"] = {str(pk): v for pk, v in item_versions.items()}
    return signing.dumps(payload, salt=MARKER_SALT, compress=True)


def marker_payload(token: Any) -> dict | None:
    """The marker's content when it is ours, intact and of this template version; None otherwise."""
    if not isinstance(token, str):
        return None
    try:
        payload = signing.loads(token, salt=MARKER_SALT)
    except signing.BadSignature:
        return None
    if not isinstance(payload, dict) or payload.get("t") != TEMPLATE_ID or payload.get("v") != TEMPLATE_VERSION:
        return None
    return payload


# --- checking an uploaded sheet -----------------------------------------------------------------------


def header_errors(header: Sequence[Any]) -> list[CellError]:
    """The header row must be where the portal put it, or every row below would be misread."""
    expected = [str(c.title) for c in COLUMNS]
    if all(same_text(cell, title) for cell, title in zip(header, expected, strict=False)) and len(header) >= 5:
        return []
    return [
        CellError(
            None,
            None,
            _(
                "Không thấy dòng tiêu đề (%(titles)s) ở dòng %(row)s: đừng thêm hoặc xóa dòng phía trên bảng. Hãy tải "
                "lại mẫu từ cổng nếu cần."
            )
            % {"titles": ", ".join(expected), "row": HEADER_ROW},
        )
    ]


def check_rows(
    rows: Sequence[SheetRow], criteria: Sequence[CriterionSpec]
) -> tuple[dict[int, RowValue], list[CellError]]:
    """Each criterion's score and note from the sheet's rows, and every error found (all of them)."""
    values, _items, errors = check_rows_with_items(rows, criteria)
    return values, errors


def item_label_of(cell: Any) -> str | None:
    """The "3.2" of an item row's column A (typed as text, or turned into 3.2 or "3,2" by Excel)."""
    if isinstance(cell, bool) or cell is None or isinstance(cell, (Formula, datetime, date, time)):
        return None
    text = str(cell).strip().replace(",", ".")
    head, dot, tail = text.partition(".")
    return text if dot and head.isdigit() and tail.isdigit() else None


def check_rows_with_items(
    rows: Sequence[SheetRow], criteria: Sequence[CriterionSpec]
) -> tuple[dict[int, RowValue], dict[int, RowValue], list[CellError]]:
    """Each criterion's score and note, each component item's (item id -> value, ``number`` being the
    criterion's), and every error found (all of them)."""
    by_number = {c.number: c for c in criteria}
    by_label = {i.label: i for c in criteria for i in c.items}
    values: dict[int, RowValue] = {}
    item_values: dict[int, RowValue] = {}
    seen: dict[int, int] = {}
    seen_items: dict[str, int] = {}
    errors: list[CellError] = []
    for row in rows:
        if all(_blank(cell) for cell in row.cells):
            continue
        label = item_label_of(row.cells[0])
        if label is not None:
            item = _row_item(row, label, by_label, seen_items, errors)
            if item is not None:
                seen_items[item.label] = row.row
                value = _row_value(row, CriterionSpec(item.number, item.name, item.max_points), errors)
                if value is not None:
                    item_values[item.item_id] = value
            continue
        criterion = _row_criterion(row, by_number, seen, errors)
        if criterion is None:
            continue
        seen[criterion.number] = row.row
        if criterion.items:
            continue  # its score is the sum of its items' rows; the formula in column D is not read
        value = _row_value(row, criterion, errors)
        if value is not None:
            values[criterion.number] = value
    errors += [
        CellError(
            None,
            None,
            _("Thiếu dòng của nội dung %(label)s (%(name)s): không xóa dòng nào của bảng.")
            % {"label": i.label, "name": i.name},
        )
        for i in by_label.values()
        if i.label not in seen_items
    ]
    errors += [
        CellError(
            None,
            None,
            _("Thiếu dòng của tiêu thức %(n)s (%(name)s): không xóa dòng nào của bảng.")
            % {"n": c.number, "name": c.name},
        )
        for c in criteria
        if c.number not in seen
    ]
    return values, item_values, errors


def _row_item(
    row: SheetRow, label: str, by_label: dict[str, ItemSpec], seen: dict[str, int], errors: list[CellError]
) -> ItemSpec | None:
    """The component item the row is about (checked against columns A to C), or None after an error."""
    item = by_label.get(label)
    if item is None:
        errors.append(
            CellError(
                row.row, "A", _("dòng thừa: bộ tiêu thức không có nội dung thành phần %(label)s.") % {"label": label}
            )
        )
        return None
    if label in seen:
        errors.append(
            CellError(
                row.row, "A", _("nội dung %(label)s đã có ở dòng %(other)s.") % {"label": label, "other": seen[label]}
            )
        )
        return None
    if not same_text(row.cells[1], item.name):
        errors.append(
            CellError(
                row.row,
                "B",
                _("tên không khớp với nội dung %(label)s “%(name)s”; không sửa cột này.")
                % {"label": label, "name": item.name},
            )
        )
    if _as_decimal(row.cells[2]) != item.max_points:
        errors.append(
            CellError(row.row, "C", _("phải là %(max)s; không sửa cột này.") % {"max": points(item.max_points)})
        )
    return item


def _blank(cell: Any) -> bool:
    return cell is None or (isinstance(cell, str) and not cell.strip())


def _row_criterion(
    row: SheetRow, by_number: dict[int, CriterionSpec], seen: dict[int, int], errors: list[CellError]
) -> CriterionSpec | None:
    """The criterion the row is about (checked against columns A to C), or None after an error."""
    number = _as_int(row.cells[0])
    if number is None:
        errors.append(
            CellError(
                row.row,
                "A",
                _("dòng thừa: không có số thứ tự tiêu thức (1 đến %(last)s); hãy xóa dòng này.")
                % {"last": max(by_number, default=0)},
            )
        )
        return None
    criterion = by_number.get(number)
    if criterion is None:
        errors.append(
            CellError(row.row, "A", _("dòng thừa: bộ tiêu thức không có tiêu thức số %(n)s.") % {"n": number})
        )
        return None
    if number in seen:
        errors.append(
            CellError(row.row, "A", _("tiêu thức %(n)s đã có ở dòng %(other)s.") % {"n": number, "other": seen[number]})
        )
        return None
    if not same_text(row.cells[1], criterion.name):
        errors.append(
            CellError(
                row.row,
                "B",
                _("tên không khớp với tiêu thức %(n)s “%(name)s”; không sửa cột này.")
                % {"n": number, "name": criterion.name},
            )
        )
    if _as_decimal(row.cells[2]) != criterion.max_points:
        errors.append(
            CellError(row.row, "C", _("phải là %(max)s; không sửa cột này.") % {"max": points(criterion.max_points)})
        )
    return criterion


def _row_value(row: SheetRow, criterion: CriterionSpec, errors: list[CellError]) -> RowValue | None:
    score, problem = parse_score(row.cells[3], criterion)
    if problem:
        errors.append(CellError(row.row, "D", problem))
    note, note_problem = _note(row.cells[4], score, criterion)
    if note_problem:
        errors.append(CellError(row.row, "E", note_problem))
    if problem or note_problem:
        return None
    return RowValue(criterion.number, score, note)


def parse_score(cell: Any, criterion: CriterionSpec) -> tuple[Decimal | None, str | None]:
    """The score a cell holds (None when empty) and the problem with it, if any."""
    if _blank(cell):
        return None, None
    if isinstance(cell, Formula):
        return None, _("không dùng công thức; hãy nhập điểm bằng số.")
    if isinstance(cell, (datetime, date, time)):
        return None, _("Excel đang hiểu ô này là ngày tháng; hãy định dạng ô là số rồi nhập lại điểm (ví dụ 12,5).")
    raw = cell.strip() if isinstance(cell, str) else _number_text(cell)
    try:
        return score_parse(raw, criterion=criterion), None
    except ScoreInputError:
        return None, _("điểm phải từ 0 đến %(max)s, theo bước 0,25 (trong tệp: “%(raw)s”).") % {
            "max": points(criterion.max_points),
            "raw": str(cell).strip()[:30],
        }


def _number_text(cell: Any) -> str:
    # 12.25 read as a float prints as "12.25"; an integer as "12". Anything else fails the parse.
    if isinstance(cell, bool):
        return "?"
    if isinstance(cell, float) and cell.is_integer():
        return str(int(cell))
    return str(cell)


def _note(cell: Any, score: Decimal | None, criterion: CriterionSpec) -> tuple[str, str | None]:
    if isinstance(cell, Formula):
        return "", _("không dùng công thức trong giải trình.")
    note = "" if _blank(cell) else unneutralise(str(cell).strip())
    if len(note) > NOTE_MAX_LENGTH:
        return note, _("giải trình dài quá %(max)s ký tự.") % {"max": NOTE_MAX_LENGTH}
    if score is not None and score < criterion.max_points and not note:
        return note, _("điểm %(score)s thấp hơn điểm tối đa %(max)s, cần ghi giải trình.") % {
            "score": points(score),
            "max": points(criterion.max_points),
        }
    return note, None


def _as_int(cell: Any) -> int | None:
    value = _as_decimal(cell)
    if value is None or value != value.to_integral_value():
        return None
    return int(value)


def _as_decimal(cell: Any) -> Decimal | None:
    if isinstance(cell, bool) or _blank(cell) or isinstance(cell, (Formula, datetime, date, time)):
        return None
    try:
        return Decimal(_number_text(cell) if not isinstance(cell, str) else cell.strip().replace(",", "."))
    except InvalidOperation:
        return None
