"""Excel files: shared helpers that write a formatted sheet, and the commune's score sheet.

The helpers (``write_title``, ``write_table``, ``fit_rows``, ``workbook_bytes``) serve every
spreadsheet the portal builds, so reports look like the score sheet: a bold title, a coloured
frozen header, thin borders, wrapped text, widths that fit and a landscape page that prints on one
width. Every text cell goes through ``guard`` so nothing typed by a user runs as a formula.
"""

import io
import math
from collections.abc import Iterable, Sequence
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, Protection
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet
from unidecode import unidecode

from assessment.classification import points
from assessment.excel_sheet import (
    COLUMNS,
    COMMENT_COLUMN,
    FIRST_ROW,
    HEADER_ROW,
    MARKER_SHEET,
    SHEET_TITLE,
    TEMPLATE_ID,
    Column,
    marker_token,
)
from assessment.models import Assessment, CriterionScore, Status
from communes.exports.xlsx import BORDER, HEADER_ALIGNMENT, HEADER_FILL, HEADER_FONT, INPUT_FILL, WRAP_TOP, guard

XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
LINE_HEIGHT = 15  # points per line of 11 pt text


# --- shared helpers -----------------------------------------------------------------------------------


def write_title(ws: Worksheet, lines: Sequence[str], *, width: int, start: int = 1) -> int:
    """Title lines merged across ``width`` columns (the first in bold); returns the next free row."""
    for offset, text in enumerate(lines):
        row = start + offset
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)
        cell = guard(ws.cell(row=row, column=1, value=text))
        cell.font = Font(bold=True, size=14) if offset == 0 else Font(size=11)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    return start + len(lines)


def write_table(ws: Worksheet, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *, header_row: int) -> int:
    """A header at ``header_row`` (frozen, coloured) and the rows below it; returns the last row written."""
    for index, column in enumerate(columns, start=1):
        cell = ws.cell(row=header_row, column=index, value=str(column.title))
        cell.fill, cell.font, cell.border, cell.alignment = HEADER_FILL, HEADER_FONT, BORDER, HEADER_ALIGNMENT
        ws.column_dimensions[column.letter].width = column.width
    last = header_row
    for last, values in enumerate(rows, start=header_row + 1):
        for index, value in enumerate(values, start=1):
            cell = guard(ws.cell(row=last, column=index, value=value))
            cell.border, cell.alignment = BORDER, WRAP_TOP
    ws.freeze_panes = ws.cell(row=header_row + 1, column=1)
    ws.print_title_rows = f"{header_row}:{header_row}"
    return last


def fit_rows(ws: Worksheet, columns: Sequence[Column], first: int, last: int) -> None:
    """Give each row the height its longest wrapped text needs (spreadsheets do not do it on open)."""
    for row in range(first, last + 1):
        lines = 1
        for index, column in enumerate(columns, start=1):
            text = ws.cell(row=row, column=index).value
            if isinstance(text, str):
                per_line = max(1, int(column.width * 1.1))
                lines = max(lines, sum(math.ceil(max(1, len(part)) / per_line) for part in text.split("\n")))
        ws.row_dimensions[row].height = LINE_HEIGHT * lines + 3


def landscape(ws: Worksheet) -> None:
    """Print on A4 landscape, all columns on one page width."""
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True


def workbook_bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- the score sheet ----------------------------------------------------------------------------------


def score_sheet_filename(assessment: Assessment) -> str:
    """ASCII file name: tu-cham-2021-3334-xa-thanh-xuong.xlsx."""
    slug = "-".join(unidecode(assessment.commune.name).lower().split())
    return f"tu-cham-{assessment.year.year}-{assessment.commune.code}-{slug}.xlsx"


def score_sheet_build(*, assessment: Assessment) -> bytes:
    """The commune's score sheet for ``assessment``: current self scores and notes, a validated score
    column, locked criterion columns and a hidden signed marker (template, assessment, versions)."""
    scores = list(assessment.scores.select_related("criterion").order_by("criterion__number"))
    show_comments = assessment.status == Status.RETURNED and any(s.district_comment for s in scores)
    columns = [*COLUMNS, COMMENT_COLUMN] if show_comments else COLUMNS
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_TITLE
    _write_heading(ws, assessment, scores, len(columns))
    last = write_table(ws, columns, _score_rows(scores, show_comments), header_row=HEADER_ROW)
    _style_inputs(ws, scores)
    fit_rows(ws, columns, FIRST_ROW, last)
    landscape(ws)
    _protect(ws)
    _write_marker(workbook, assessment, scores)
    workbook.properties.creator = _("Cổng đánh giá chính quyền cơ sở tỉnh Điện Biên")
    workbook.properties.title = f"{TEMPLATE_ID} {assessment.year.year} {assessment.commune.code}"
    return workbook_bytes(workbook)


def _write_heading(ws: Worksheet, assessment: Assessment, scores: list[CriterionScore], width: int) -> None:
    commune = assessment.commune
    criteria_set = assessment.year.criteria_set
    provisional = f" ({_('tạm thời')})" if criteria_set.is_provisional else ""
    write_title(
        ws,
        [
            _("BẢNG TỰ CHẤM ĐIỂM ĐÁNH GIÁ, XẾP LOẠI CHÍNH QUYỀN CƠ SỞ NĂM %(year)s") % {"year": assessment.year.year},
            # A commune of the new map (from 01/07/2025) has no district.
            " · ".join(
                n
                for n in (commune.name, commune.district.name if commune.district_id else "", commune.province.name)
                if n
            ),
            f"{criteria_set.name}{provisional} · "
            + _("Tải về lúc %(when)s") % {"when": timezone.localtime().strftime("%H:%M %d/%m/%Y")},
            _(
                "Chỉ nhập cột D (điểm từ 0 đến điểm tối đa, bước 0,25) và cột E (bắt buộc khi điểm thấp hơn tối đa). "
                "Không sửa cột A-C, không thêm, xóa dòng; tải lên đúng trang chấm điểm của xã."
            ),
        ],
        width=width,
    )
    ws.row_dimensions[4].height = LINE_HEIGHT * 2 + 3
    ws.merge_cells(start_row=5, start_column=1, end_row=5, end_column=3)
    ws.cell(row=5, column=1, value=_("Tổng điểm tự chấm (tự cộng khi mở bằng Excel)")).font = Font(bold=True)
    total = ws.cell(row=5, column=4, value=f"=SUM(D{FIRST_ROW}:D{FIRST_ROW + len(scores) - 1})")
    total.font = Font(bold=True)
    ws.cell(
        row=5,
        column=5,
        value=_("trên %(max)s điểm") % {"max": points(sum((s.criterion.max_points for s in scores), 0))},
    )


def _score_rows(scores: list[CriterionScore], show_comments: bool) -> Iterable[list[Any]]:
    for score in scores:
        criterion = score.criterion
        row = [criterion.number, criterion.name, criterion.max_points, score.self_score, score.note]
        yield [*row, score.district_comment] if show_comments else row


def _style_inputs(ws: Worksheet, scores: list[CriterionScore]) -> None:
    """Unlock and tint the score and note cells; validate each score against its criterion's maximum."""
    by_max: dict[Any, list[str]] = {}
    for offset, score in enumerate(scores):
        row = FIRST_ROW + offset
        by_max.setdefault(score.criterion.max_points, []).append(f"D{row}")
        for letter in "DE":
            cell = ws[f"{letter}{row}"]
            cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
        ws[f"A{row}"].alignment = ws[f"C{row}"].alignment = Alignment(horizontal="center", vertical="top")
        ws[f"D{row}"].alignment = Alignment(horizontal="center", vertical="top")
    for maximum, cells in by_max.items():
        validation = DataValidation(
            type="decimal",
            operator="between",
            formula1="0",
            formula2=format(maximum.normalize(), "f"),
            allow_blank=True,
            showErrorMessage=True,
            showInputMessage=True,
        )
        validation.errorTitle = _("Điểm không hợp lệ")
        validation.error = _("Điểm phải từ 0 đến %(max)s, theo bước 0,25.") % {"max": points(maximum)}
        validation.promptTitle = _("Điểm tự chấm")
        validation.prompt = _("Từ 0 đến %(max)s, bước 0,25 (ví dụ 17,5).") % {"max": points(maximum)}
        ws.add_data_validation(validation)
        for cell in cells:
            validation.add(cell)


def _protect(ws: Worksheet) -> None:
    """Lock the sheet (no password: it guards against slips, the upload checks everything anyway),
    still letting people resize rows and columns."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False
    ws.protection.formatRows = False


def _write_marker(workbook: Workbook, assessment: Assessment, scores: list[CriterionScore]) -> None:
    ws = workbook.create_sheet(MARKER_SHEET)
    ws["A1"] = TEMPLATE_ID
    ws["A2"] = marker_token(
        assessment_id=assessment.pk,
        commune_code=assessment.commune.code,
        year=assessment.year.year,
        versions={s.criterion.number: s.version for s in scores},
    )
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True
