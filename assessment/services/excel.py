"""Excel files: shared helpers that write a formatted sheet, and the commune's score sheet.

The helpers (``write_title``, ``write_table``, ``fit_rows``, ``workbook_bytes``) serve every
spreadsheet the portal builds, so reports look like the score sheet: a bold title, a coloured
frozen header, thin borders, wrapped text, widths that fit and a landscape page that prints on one
width. Every text cell goes through ``guard`` so nothing typed by a user runs as a formula.
"""

import io
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
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
from assessment.models import Assessment, ComponentItem, CriterionScore, ItemScore, Status
from assessment.selectors import prefetch_items
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
    scores = prefetch_items(list(assessment.scores.select_related("criterion").order_by("criterion__number")))
    show_comments = assessment.status == Status.RETURNED and any(s.district_comment for s in scores)
    columns = [*COLUMNS, COMMENT_COLUMN] if show_comments else COLUMNS
    lines = _sheet_lines(scores)
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_TITLE
    _write_heading(ws, assessment, scores, len(columns), lines)
    last = write_table(ws, columns, (line.cells(show_comments) for line in lines), header_row=HEADER_ROW)
    _style_inputs(ws, lines)
    fit_rows(ws, columns, FIRST_ROW, last)
    landscape(ws)
    _protect(ws)
    _write_marker(workbook, assessment, scores)
    workbook.properties.creator = _("Cổng đánh giá chính quyền cơ sở tỉnh Điện Biên")
    workbook.properties.title = f"{TEMPLATE_ID} {assessment.year.year} {assessment.commune.code}"
    return workbook_bytes(workbook)


@dataclass
class _Line:
    """One row of the sheet: a criterion (``item`` None) or one of its component items."""

    score: CriterionScore
    item: ComponentItem | None = None
    item_score: ItemScore | None = None
    row: int = 0
    item_rows: tuple[int, int] | None = None  # a criterion with items: the rows its sum covers

    @property
    def is_input(self) -> bool:
        return self.item is not None or self.item_rows is None

    @property
    def max_points(self) -> Decimal:
        return self.item.max_points if self.item else self.score.criterion.max_points

    def cells(self, show_comments: bool) -> list[Any]:
        criterion = self.score.criterion
        if self.item is not None:
            saved = self.item_score
            row = [
                self.item.label,
                self.item.name,
                self.item.max_points,
                saved.self_score if saved else None,
                saved.note if saved else "",
            ]
            return [*row, ""] if show_comments else row
        if self.item_rows:
            first, last = self.item_rows
            row = [criterion.number, criterion.name, criterion.max_points, f"=SUM(D{first}:D{last})", ""]
        else:
            row = [criterion.number, criterion.name, criterion.max_points, self.score.self_score, self.score.note]
        return [*row, self.score.district_comment] if show_comments else row


def _sheet_lines(scores: list[CriterionScore]) -> list[_Line]:
    """The sheet's rows in order: each criterion, then its items (a row each) under it."""
    lines, row = [], FIRST_ROW
    for score in scores:
        items = list(score.criterion.items.all())
        saved = {s.item_id: s for s in score.item_scores.all()}
        head = _Line(score, row=row, item_rows=(row + 1, row + len(items)) if items else None)
        lines.append(head)
        row += 1
        for item in items:
            item.criterion = score.criterion
            lines.append(_Line(score, item, saved.get(item.pk), row=row))
            row += 1
    return lines


def _write_heading(
    ws: Worksheet, assessment: Assessment, scores: list[CriterionScore], width: int, lines: list[_Line]
) -> None:
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
    criterion_rows = [line.row for line in lines if line.item is None]
    if len(criterion_rows) == len(lines):
        formula = f"=SUM(D{FIRST_ROW}:D{FIRST_ROW + len(scores) - 1})"
    else:  # the criteria's rows only: a criterion with items already sums them
        formula = "=SUM(" + ",".join(f"D{row}" for row in criterion_rows) + ")"
    total = ws.cell(row=5, column=4, value=formula)
    total.font = Font(bold=True)
    ws.cell(
        row=5,
        column=5,
        value=_("trên %(max)s điểm") % {"max": points(sum((s.criterion.max_points for s in scores), 0))},
    )


def _style_inputs(ws: Worksheet, lines: list[_Line]) -> None:
    """Unlock and tint the score and note cells (a criterion's, or its items' where it has items);
    validate each score against its criterion's or item's maximum."""
    by_max: dict[Any, list[str]] = {}
    for line in lines:
        row = line.row
        ws[f"A{row}"].alignment = ws[f"C{row}"].alignment = Alignment(horizontal="center", vertical="top")
        ws[f"D{row}"].alignment = Alignment(horizontal="center", vertical="top")
        if line.item_rows:
            ws[f"D{row}"].font = Font(bold=True)
        if not line.is_input:
            continue
        by_max.setdefault(line.max_points, []).append(f"D{row}")
        for letter in "DE":
            cell = ws[f"{letter}{row}"]
            cell.protection, cell.fill = Protection(locked=False), INPUT_FILL
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
        item_versions=_item_versions(scores),
    )
    ws.sheet_state = "veryHidden"
    ws.protection.sheet = True


def _item_versions(scores: list[CriterionScore]) -> dict[int, int]:
    """Each component item's version at download (1 for an item never scored)."""
    versions = {}
    for score in scores:
        saved = {s.item_id: s.version for s in score.item_scores.all()}
        for item in score.criterion.items.all():
            versions[item.pk] = saved.get(item.pk, 1)
    return versions
