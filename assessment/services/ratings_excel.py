"""The officials' ratings of a commune's year as an Excel template, and its import: all rows or none.

The template lists every official the commune rates that year (as the page does) with the ceiling
beside each; the commune picks a level from the list and writes a reason where it goes above the
ceiling. On upload the package is checked (``communes.exports.xlsx.xlsx_problem``), then that the
sheet is this commune's and year's (a hidden marker sheet), then every row; only when no row has a
problem is the whole sheet saved, through the page's service (``official_ratings_save``).

Like the page, each row carries what it showed (a hidden column: ``seen_mark`` of the rating saved
when the sheet was downloaded): a row left as downloaded is not written back over a rating saved
since, and a row changed in a sheet older than the saved rating is refused, naming what was saved.
"""

import io

from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext as _
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from assessment.models import AssessmentYear
from assessment.ratings import RatingLevel
from assessment.selectors.ratings import rating_rows
from assessment.services.excel_import import ExcelImportError
from assessment.services.ratings import RatingEntry, RatingsRefused, official_ratings_save, seen_mark
from communes.exports.xlsx import (
    BORDER,
    DAMAGED,
    INPUT_FILL,
    NOT_WORKBOOK,
    NOT_ZIP,
    OLD_EXCEL,
    TITLE_FONT,
    TOO_BIG,
    UNPACKS_TOO_BIG,
    WRAP,
    freeze_below,
    guarded,
    set_widths,
    style_header,
    unneutralise,
    xlsx_problem,
)
from communes.models import Commune, User

MAX_UPLOAD_BYTES = 2 * 1024 * 1024
MAX_UNZIPPED_BYTES = 4 * 1024 * 1024
MAX_ROWS = 500
MARKER_SHEET = "_xeploai"
HEADER_ROW = 4
FIRST_ROW = HEADER_ROW + 1
LEVEL_COLUMN, REASON_COLUMN, SEEN_COLUMN = 6, 7, 8


def _headers() -> list[str]:
    return [
        _("Mã người (không sửa)"),
        _("Họ và tên"),
        _("Chức danh"),
        _("Tiêu thức phụ trách (điểm)"),
        _("Mức tối đa theo điểm"),
        _("Mức xếp loại"),
        _("Lý do (nếu cao hơn mức tối đa)"),
        _("Lần lưu trên cổng (không sửa)"),
    ]


def ratings_sheet_filename(year: AssessmentYear, commune: Commune) -> str:
    return f"xep-loai-can-bo-{commune.code}-{year.year}.xlsx"


def ratings_sheet_build(*, year: AssessmentYear, commune: Commune) -> bytes:
    """The template filled with the officials, their ceilings and the ratings saved so far."""
    workbook = Workbook()
    ws = workbook.active
    ws.title = _("Xếp loại")
    ws.append([guarded(ws, _("XẾP LOẠI CÁN BỘ, CÔNG CHỨC NĂM %(y)s") % {"y": year.year})])
    ws["A1"].font = TITLE_FONT
    ws.append([guarded(ws, commune.name)])
    ws.append([guarded(ws, _("Chọn mức ở cột F: %(levels)s.") % {"levels": "; ".join(map(str, RatingLevel.labels))})])
    ws.append(_headers())
    style_header(ws, HEADER_ROW, len(_headers()))
    for row in rating_rows(year, commune):
        criteria = ", ".join(f"{n} ({s if s is not None else '—'})" for n, s in row.criteria)
        values = [
            row.official.pk,
            row.official.full_name,
            ", ".join(p.name for p in row.official.positions.all()),
            criteria,
            row.ceiling_label or _("Chưa có"),
            row.rating.get_level_display() if row.rating else "",
            row.rating.reason if row.rating else "",
        ]
        ws.append([*(guarded(ws, v) for v in values), guarded(ws, seen_mark(row.rating))])
        for column in range(1, len(values) + 1):
            cell = ws.cell(ws.max_row, column)
            cell.border, cell.alignment = BORDER, WRAP
            if column in (LEVEL_COLUMN, REASON_COLUMN):
                cell.fill = INPUT_FILL
    _level_list(ws)
    set_widths(ws, [12, 26, 30, 26, 28, 30, 40, 12])
    ws.column_dimensions["H"].hidden = True
    freeze_below(ws, HEADER_ROW)
    marker = workbook.create_sheet(MARKER_SHEET)
    marker.append(["year", "commune"])
    marker.append([year.year, commune.code])
    marker.sheet_state = "hidden"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _level_list(ws) -> None:  # noqa: ANN001 - a worksheet
    labels = ",".join(map(str, RatingLevel.labels))
    check = DataValidation(type="list", formula1=f'"{labels}"', allow_blank=True)
    check.error = _("Chọn một mức trong danh sách.")
    ws.add_data_validation(check)
    check.add(f"F{FIRST_ROW}:F{FIRST_ROW + MAX_ROWS}")


def _package_refusal(problem: str) -> str:
    """The ratings sheet's words for what ``xlsx_problem`` found."""
    again = _("Hãy tải lên bảng xếp loại cán bộ đã tải về từ cổng.")
    return (
        {
            TOO_BIG: _("Tệp lớn hơn 2 MB, không phải bảng xếp loại cán bộ của cổng."),
            OLD_EXCEL: _("Đây là tệp Excel 97-2003 (.xls). Hãy lưu thành “Excel Workbook (.xlsx)” rồi tải lên lại."),
            NOT_ZIP: _("Tệp không phải bảng tính Excel (.xlsx)."),
            DAMAGED: _("Tệp bị hỏng hoặc không phải bảng tính Excel (.xlsx)."),
            NOT_WORKBOOK: _("Tệp nén này không phải bảng tính Excel (.xlsx)."),
            UNPACKS_TOO_BIG: _("Tệp giải nén ra quá lớn, không phải bảng xếp loại cán bộ của cổng."),
        }[problem]
        + " "
        + again
    )


def ratings_sheet_import(*, year: AssessmentYear, commune: Commune, user: User, upload: UploadedFile) -> int:
    """Save every rating of the uploaded template, or raise :class:`ExcelImportError` listing each
    row's problem and save nothing. Returns how many ratings changed."""
    content = upload.read()
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNZIPPED_BYTES)
    if problem:
        raise ExcelImportError(_package_refusal(problem))
    try:
        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        marker = _marker(workbook)
        rows = _rows(workbook)
    except ExcelImportError:
        raise
    except Exception:
        raise ExcelImportError(
            _("Không đọc được tệp: tệp Excel bị hỏng. Hãy lưu lại bằng Excel rồi thử lại.")
        ) from None
    if marker != (year.year, commune.code):
        raise ExcelImportError(
            _("Đây không phải bảng xếp loại cán bộ năm %(y)s của %(c)s tải từ cổng.")
            % {"y": year.year, "c": commune.name}
        )
    entries, errors, lines = _entries(rows)
    if not errors:
        try:
            return official_ratings_save(year=year, commune=commune, entries=entries, user=user)
        except RatingsRefused as refused:
            errors = [
                _("Dòng %(row)s: %(problem)s") % {"row": lines[pk], "problem": p} for pk, p in refused.problems.items()
            ]
    raise ExcelImportError(_("Chưa lưu gì: tệp có %(n)s lỗi, sửa rồi tải lên lại.") % {"n": len(errors)}, errors)


def _marker(workbook) -> tuple | None:  # noqa: ANN001
    if MARKER_SHEET not in workbook.sheetnames:
        return None
    row = next(workbook[MARKER_SHEET].iter_rows(min_row=2, max_row=2, max_col=2, values_only=True), None)
    return (row[0], str(row[1])) if row else None


def _rows(workbook) -> list[tuple[int, tuple]]:  # noqa: ANN001
    sheet = workbook.worksheets[0]
    found = []
    for number, values in enumerate(
        sheet.iter_rows(min_row=FIRST_ROW, max_row=FIRST_ROW + MAX_ROWS, max_col=SEEN_COLUMN, values_only=True),
        start=FIRST_ROW,
    ):
        if any(v not in (None, "") for v in values[:REASON_COLUMN]):
            found.append((number, values))
    return found


def _entries(rows: list[tuple[int, tuple]]) -> tuple[dict[int, RatingEntry], list[str], dict[int, int]]:
    by_label = {str(label).casefold(): value for value, label in RatingLevel.choices}
    entries, errors, lines = {}, [], {}
    for number, values in rows:
        values = (*values, *([None] * SEEN_COLUMN))[:SEEN_COLUMN]
        pk, level, reason = values[0], values[LEVEL_COLUMN - 1], values[REASON_COLUMN - 1]
        # What the row showed when downloaded (None: a sheet from before the column existed).
        seen = unneutralise(str(values[SEEN_COLUMN - 1])).strip() if values[SEEN_COLUMN - 1] else None
        # A database id: a whole number of at most 2^31 - 1 (a longer one was typed over the sheet).
        if not (isinstance(pk, int) or (isinstance(pk, str) and pk.isdigit())) or not 0 < int(pk) < 2**31:
            errors.append(_("Dòng %(row)s: cột A (mã người) bị sửa hoặc bỏ trống.") % {"row": number})
            continue
        text = unneutralise(str(level or "")).strip()
        if text and text.casefold() not in by_label:
            errors.append(_("Dòng %(row)s: mức “%(level)s” không có trong danh sách.") % {"row": number, "level": text})
            continue
        lines[int(pk)] = number
        entries[int(pk)] = RatingEntry(by_label.get(text.casefold(), ""), unneutralise(str(reason or "")), seen)
    return entries, errors, lines
