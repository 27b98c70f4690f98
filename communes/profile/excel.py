"""Workbooks for the plan's other duties: a template to download, filled offline, read back all or
nothing (as the score sheet is: every problem by row and column, and nothing saved if there is one).

Two templates: a commune's year (citizens' reception and petitions, the months of the meeting with
village heads, the working rules), filled by its staff; and the coaching visits to a commune, filled
by its reviewers or province staff. Each carries a signed marker naming the template, the commune and
(for the year's) the year, so a file for another commune or year is refused before it is read.
"""

import io
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.core import signing
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from communes.dates import cell_day
from communes.exports.xlsx import (
    BOLD,
    INPUT_FILL,
    TITLE_FONT,
    TOO_BIG,
    UNPACKS_TOO_BIG,
    freeze_below,
    guarded,
    set_widths,
    style_header,
    unneutralise,
    xlsx_problem,
)
from communes.models import Commune
from communes.profile.forms import CitizenReceptionForm, CoachingVisitForm, GovernanceYearForm
from communes.profile.models import CitizenReception, CoachingLevel, CoachingVisit, GovernanceYear
from communes.profile.rules import MONTHS, RECEPTION_FIELDS, RULE_PAIRS, mask_months

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UNPACKED_BYTES = 4 * 1024 * 1024
MAX_ROWS = 500
MARKER_SHEET = "_cong"
MARKER_SALT = "communes.profile.excel"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
YES, NO = "Có", "Không"
DUTIES_SHEET = "Nhiệm vụ"
COACHING_SHEET = "Hướng dẫn"
RULE_FIELDS = [name for pair in RULE_PAIRS for name in pair]


class WorkbookRefused(Exception):
    """The upload was refused and nothing saved; ``errors`` lists each problem (row and column)."""

    def __init__(self, message: str, errors: list[str] | None = None) -> None:
        super().__init__(message)
        self.errors = errors or []


# --- the common parts -------------------------------------------------------------------------------


def _marker(workbook: Workbook, payload: dict) -> None:
    sheet = workbook.create_sheet(MARKER_SHEET)
    sheet.append([_("Phần nhận dạng của cổng: không sửa, không xóa.")])
    sheet.append([signing.dumps(payload, salt=MARKER_SALT)])
    sheet.sheet_state = "hidden"


def _heading(sheet, title: str, subtitle: str, headers: list[str], widths: list[float]) -> None:  # noqa: ANN001
    sheet.append([title])
    sheet["A1"].font = TITLE_FONT
    sheet.append([subtitle])
    sheet.append([])
    sheet.append(headers)
    style_header(sheet, HEADER_ROW, len(headers))
    set_widths(sheet, widths)
    freeze_below(sheet, HEADER_ROW)


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


@contextmanager
def _damaged_refused() -> Iterator[None]:
    try:
        yield
    except WorkbookRefused:
        raise
    except Exception:  # openpyxl raises many kinds of error on a damaged package
        raise WorkbookRefused(_("Không đọc được tệp: tệp Excel bị hỏng. Hãy lưu lại bằng Excel rồi thử lại.")) from None


def _open(content: bytes, payload: dict, sheet_title: str) -> list[tuple[int, list[Any]]]:
    """The rows below the header of ``sheet_title`` (row number, values), once the file is a sane
    .xlsx with our marker for ``payload``."""
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNPACKED_BYTES)
    if problem in (TOO_BIG, UNPACKS_TOO_BIG):
        raise WorkbookRefused(_("Tệp quá lớn (tối đa 1 MB). Hãy tải lên đúng mẫu đã tải về từ cổng."))
    if problem:
        raise WorkbookRefused(
            _(
                "Tệp không phải bảng tính Excel (.xlsx). Hãy lưu bằng Excel dưới dạng “Excel Workbook (.xlsx)” rồi tải lên lại."
            )
        )
    with _damaged_refused():
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        with _damaged_refused():
            _check_marker(workbook, payload)
            if sheet_title not in workbook.sheetnames:
                raise WorkbookRefused(_("Không thấy trang “%(title)s” trong tệp.") % {"title": sheet_title})
            cells = workbook[sheet_title].iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS)
            rows = [(number, [_value(c) for c in row]) for number, row in enumerate(cells, start=FIRST_ROW) if row]
    finally:
        workbook.close()
    if len(rows) > MAX_ROWS:
        raise WorkbookRefused(_("Tệp có hơn %(n)s dòng.") % {"n": MAX_ROWS})
    return [(n, values) for n, values in rows if any(v not in (None, "") for v in values)]


FORMULA = object()


def _value(cell: Any) -> Any:
    if cell.data_type == "f":
        return FORMULA
    return unneutralise(cell.value) if isinstance(cell.value, str) else cell.value


def _check_marker(workbook: Any, payload: dict) -> None:
    token = None
    if MARKER_SHEET in workbook.sheetnames:
        token = next(workbook[MARKER_SHEET].iter_rows(min_row=2, max_row=2, max_col=1, values_only=True), (None,))[0]
    try:
        found = signing.loads(token, salt=MARKER_SALT) if isinstance(token, str) else None
    except signing.BadSignature:
        found = None
    if not isinstance(found, dict) or found.get("t") != payload["t"]:
        raise WorkbookRefused(
            _(
                "Tệp này không phải mẫu do cổng tạo cho việc này (hoặc phần nhận dạng ẩn đã bị sửa). Hãy tải mẫu ở trang này."
            )
        )
    if found != payload and "y" in payload:
        raise WorkbookRefused(
            _(
                "Tệp này là mẫu của xã mã %(code)s năm %(year)s, không phải của xã và năm đang nhập. Không có gì được lưu."
            )
            % {"code": found.get("c"), "year": found.get("y")}
        )
    if found != payload:
        raise WorkbookRefused(
            _("Tệp này là mẫu của xã mã %(code)s, không phải của xã đang nhập. Không có gì được lưu.")
            % {"code": found.get("c")}
        )


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    header: str
    message: str

    def __str__(self) -> str:
        return _("Dòng %(row)s, cột %(col)s (%(header)s): %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "header": self.header,
            "msg": self.message,
        }


def _refuse(errors: list[CellError]) -> None:
    if errors:
        raise WorkbookRefused(
            _("Chưa lưu gì: tệp có %(count)s lỗi. Sửa từng chỗ dưới đây rồi tải lên lại.") % {"count": len(errors)},
            [str(e) for e in errors],
        )


def _whole(raw: Any) -> int:
    if raw is FORMULA:
        raise ValueError(_("ô chứa công thức; hãy nhập số."))
    if isinstance(raw, bool) or raw in (None, ""):
        raise ValueError(_("chưa nhập số."))
    if isinstance(raw, float) and raw.is_integer():
        raw = int(raw)
    text = str(raw).strip()
    if not text.isdigit():
        raise ValueError(_("“%(v)s” không phải số nguyên không âm.") % {"v": text})
    return int(text)


def _yes_no(raw: Any) -> bool:
    text = "" if raw in (None, FORMULA) else str(raw).strip().lower()
    if text in ("có", "co", "x"):
        return True
    if text in ("không", "khong", ""):
        return False
    raise ValueError(_("ghi “Có” hoặc “Không”."))


# --- a commune's year ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class DutyLine:
    key: str  # a reception field, "month:N" or a rule field
    label: str
    kind: str  # "count" or "yes_no"


def duty_lines() -> list[DutyLine]:
    lines = [DutyLine(f, str(CitizenReception._meta.get_field(f).verbose_name), "count") for f in RECEPTION_FIELDS]
    lines += [
        DutyLine(f"month:{m}", _("Giao ban với trưởng thôn, bản tháng %(m)s") % {"m": m}, "yes_no") for m in MONTHS
    ]
    lines += [DutyLine(f, str(GovernanceYear._meta.get_field(f).verbose_name), "yes_no") for f in RULE_FIELDS]
    return lines


def _duties_payload(commune: Commune, year: int) -> dict:
    return {"t": "duties", "c": commune.code, "y": year}


def duties_template(commune: Commune, year: int) -> bytes:
    """The year's duties of ``commune`` as a workbook to fill: one line per figure, today's values."""
    reception = CitizenReception.objects.filter(commune=commune, year=year).first()
    governance = GovernanceYear.objects.filter(commune=commune, year=year).first()
    months = set(mask_months(governance.meeting_months)) if governance else set()
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = DUTIES_SHEET
    headers = [_("STT"), _("Nội dung"), _("Số liệu")]
    _heading(
        sheet,
        _("TIẾP CÔNG DÂN, GIAO BAN THÔN BẢN, QUY CHẾ LÀM VIỆC NĂM %(year)s") % {"year": year},
        _("%(commune)s (mã %(code)s). Điền cột C: số, hoặc “Có”/“Không”; không đổi thứ tự dòng.")
        % {"commune": commune.name, "code": commune.code},
        headers,
        [6, 70, 14],
    )
    choice = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    sheet.add_data_validation(choice)
    for index, line in enumerate(duty_lines(), start=1):
        if line.kind == "count":
            value = getattr(reception, line.key) if reception else None
        elif line.key.startswith("month:"):
            value = YES if int(line.key[6:]) in months else NO
        else:
            value = YES if governance and getattr(governance, line.key) else NO
        sheet.append([index, guarded(sheet, line.label), value])
        cell = sheet.cell(row=HEADER_ROW + index, column=3)
        cell.fill = INPUT_FILL
        if line.kind == "yes_no":
            choice.add(cell)
    sheet.cell(row=HEADER_ROW, column=3).font = BOLD
    _marker(workbook, _duties_payload(commune, year))
    return _bytes(workbook)


@dataclass(frozen=True)
class DutiesRead:
    reception: dict[str, Any]
    governance: dict[str, Any]


def duties_read(commune: Commune, year: int, content: bytes) -> DutiesRead:
    """The figures of a filled duties workbook, checked as the pages check them, or
    :class:`WorkbookRefused` with every problem (row and column) and nothing to save."""
    rows = dict(_open(content, _duties_payload(commune, year), DUTIES_SHEET))
    lines = duty_lines()
    errors: list[CellError] = []
    values: dict[str, Any] = {}
    row_of: dict[str, int] = {}
    for index, line in enumerate(lines):
        number = FIRST_ROW + index
        row_of[line.key] = number
        cells = (rows.get(number) or []) + [None] * 3
        if str(cells[1] or "").strip() != line.label:
            errors.append(
                CellError(
                    number, "B", _("Nội dung"), _("phải là “%(label)s”: không đổi thứ tự dòng.") % {"label": line.label}
                )
            )
            continue
        try:
            values[line.key] = _whole(cells[2]) if line.kind == "count" else _yes_no(cells[2])
        except ValueError as error:
            errors.append(CellError(number, "C", line.label, str(error)))
    reception = {key: values.get(key) for key in RECEPTION_FIELDS}
    governance = {key: values.get(key) for key in RULE_FIELDS}
    governance["months"] = [str(m) for m in MONTHS if values.get(f"month:{m}")]
    if not errors:
        errors += _form_errors(CitizenReceptionForm(reception, year=year), row_of, lines)
        errors += _form_errors(GovernanceYearForm({k: v for k, v in governance.items() if v}, year=year), row_of, lines)
    _refuse(errors)
    return DutiesRead(reception, governance | {"months": [int(m) for m in governance["months"]]})


def _form_errors(form: Any, row_of: dict[str, int], lines: list[DutyLine]) -> list[CellError]:
    """The form's own checks (the page's words) as cell errors on the line of their field."""
    if form.is_valid():
        return []
    label = {line.key: line.label for line in lines}
    found = []
    for field, messages in form.errors.items():
        number = row_of.get(field, FIRST_ROW)
        found += [CellError(number, "C", label.get(field, field), message) for message in messages]
    return sorted(found, key=lambda e: e.row)


# --- coaching visits to a commune ------------------------------------------------------------------------

COACHING_COLUMNS = [
    ("level", "B"),
    ("coach", "C"),
    ("coach_unit", "D"),
    ("start_date", "E"),
    ("end_date", "F"),
    ("topics", "G"),
]


def coaching_headers() -> list[str]:
    return [_("STT")] + [str(CoachingVisit._meta.get_field(key).verbose_name) for key, _letter in COACHING_COLUMNS]


def _coaching_payload(commune: Commune) -> dict:
    return {"t": "coaching", "c": commune.code}


def coaching_template(commune: Commune) -> bytes:
    """An empty list of coaching visits to ``commune`` to fill, one visit a row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = COACHING_SHEET
    _heading(
        sheet,
        _("HƯỚNG DẪN CÔNG CHỨC TẠI XÃ: %(commune)s (mã %(code)s)") % {"commune": commune.name, "code": commune.code},
        _("Mỗi dòng một đợt. Cấp: “%(d)s” hoặc “%(p)s”; ngày ghi dd/mm/yyyy.")
        % {"d": CoachingLevel.DISTRICT.label, "p": CoachingLevel.PROVINCE.label},
        coaching_headers(),
        [6, 14, 26, 26, 13, 13, 48],
    )
    levels = DataValidation(type="list", formula1=f'"{CoachingLevel.DISTRICT.label},{CoachingLevel.PROVINCE.label}"')
    sheet.add_data_validation(levels)
    levels.add(f"B{FIRST_ROW}:B{FIRST_ROW + 200}")
    _marker(workbook, _coaching_payload(commune))
    return _bytes(workbook)


class _RowForm(CoachingVisitForm):
    """A row of the workbook, read as the page's form reads it. The model's own check (the end not
    before the start) is ``clean()``'s too: skipping the model's validation spares a query a row."""

    def _post_clean(self) -> None:
        pass


def coaching_read(commune: Commune, content: bytes) -> list[dict[str, Any]]:
    """The visits of a filled coaching workbook, each checked as the page's form checks it, or
    :class:`WorkbookRefused` with every problem (row and column) and nothing to save."""
    rows = _open(content, _coaching_payload(commune), COACHING_SHEET)
    if not rows:
        raise WorkbookRefused(_("Tệp chưa có đợt hướng dẫn nào: điền từ dòng %(row)s.") % {"row": FIRST_ROW})
    level_of = {str(label).lower(): value for value, label in CoachingLevel.choices}
    headers = dict(zip([k for k, _l in COACHING_COLUMNS], coaching_headers()[1:], strict=True))
    visits, errors = [], []
    for number, cells in rows:
        cells = cells + [None] * 7
        data, row_errors = {}, []
        for index, (key, letter) in enumerate(COACHING_COLUMNS, start=1):
            raw = cells[index]
            if raw is FORMULA:
                row_errors.append(CellError(number, letter, headers[key], _("ô chứa công thức; hãy nhập giá trị.")))
            elif key == "level":
                data[key] = level_of.get(str(raw or "").strip().lower(), str(raw or ""))
            elif key in ("start_date", "end_date"):
                try:
                    day = cell_day(raw)
                except ValidationError as error:
                    row_errors.append(CellError(number, letter, headers[key], " ".join(error.messages)))
                else:
                    data[key] = day.strftime("%d/%m/%Y") if day else ""
            else:
                data[key] = "" if raw is None else str(raw).strip()
        form = _RowForm(data)
        if not row_errors and not form.is_valid():
            letter_of = dict(COACHING_COLUMNS)
            for field, messages in form.errors.items():
                letter = letter_of.get(field, "B")
                row_errors += [CellError(number, letter, headers.get(field, field), m) for m in messages]
        errors += row_errors
        if not row_errors:
            visits.append(form.cleaned_data)
    _refuse(errors)
    return visits
