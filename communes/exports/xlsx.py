"""Writing spreadsheets: the formula guard, shared styles, widths and frozen headers.

Every text a user typed reaches a cell through :func:`guarded` (a value to append) or :func:`guard`
(a cell already placed), so a note such as "=HYPERLINK(...)" or one starting with a tab or carriage
return (which Excel also reads as the start of a formula) is stored as a text cell marked
"quote-prefixed", as Excel marks text typed after an apostrophe: it shows as typed, with no
apostrophe, and never runs, not even when the cell is edited.
"""

import io
import zipfile
from collections.abc import Iterable
from typing import Any

from openpyxl.cell import Cell, WriteOnlyCell
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

# A cell starting with one of these is a formula (or becomes one) to a spreadsheet program.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

HEADER_FILL = PatternFill("solid", fgColor="1F4E79")
HEADER_FONT = Font(bold=True, color="FFFFFF")
INPUT_FILL = PatternFill("solid", fgColor="FFF9E6")  # cells the user fills in
TITLE_FONT = Font(bold=True, size=13)
BOLD = Font(bold=True)
THIN = Side(style="thin", color="BFBFBF")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
WRAP = Alignment(wrap_text=True, vertical="center")
WRAP_TOP = Alignment(wrap_text=True, vertical="top")
HEADER_ALIGNMENT = Alignment(wrap_text=True, vertical="center", horizontal="center")


def is_formula_like(value: Any) -> bool:
    """Text that a spreadsheet program would read as the start of a formula."""
    return isinstance(value, str) and value.startswith(FORMULA_PREFIXES)


def guard(cell: Cell) -> Cell:
    """Keep a placed cell's formula-like text as text (see the module's docstring); returns the cell."""
    if is_formula_like(cell.value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def guarded(ws: Worksheet, value: Any) -> Any:  # noqa: ANN401
    """What to append for ``value``: the value itself, or for formula-like text a guarded text cell."""
    if not is_formula_like(value):
        return value
    cell = WriteOnlyCell(ws, value=value) if getattr(ws.parent, "write_only", False) else Cell(ws, value=value)
    return guard(cell)


def unneutralise(text: str) -> str:
    """Drop the leading apostrophe that files exported before the quote-prefixed cells carried."""
    if text.startswith("'") and text[1:2] and text[1:2] in FORMULA_PREFIXES:
        return text[1:]
    return text


def set_widths(ws: Worksheet, widths: Iterable[float], *, first_column: int = 1) -> None:
    """Column widths in characters, from ``first_column`` on."""
    for index, width in enumerate(widths, start=first_column):
        ws.column_dimensions[get_column_letter(index)].width = width


def style_header(ws: Worksheet, row: int, columns: int, *, fill: PatternFill = HEADER_FILL) -> None:
    """The header row: white bold text on the portal's colour, wrapped, with borders."""
    for column in range(1, columns + 1):
        cell = ws.cell(row=row, column=column)
        cell.fill, cell.font, cell.border, cell.alignment = fill, HEADER_FONT, BORDER, HEADER_ALIGNMENT


def freeze_below(ws: Worksheet, header_row: int, *, first_columns: int = 0) -> None:
    """Keep the header (and the first ``first_columns`` columns) in view while scrolling."""
    # A coordinate, not ws.cell(): creating the cell would make the next append() skip a row.
    ws.freeze_panes = f"{get_column_letter(first_columns + 1)}{header_row + 1}"


# --- reading an upload ----------------------------------------------------------------------------

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # Excel 97-2003 (.xls)
TOO_BIG, OLD_EXCEL, NOT_ZIP, DAMAGED, NOT_WORKBOOK, UNPACKS_TOO_BIG = (
    "too_big",
    "old_excel",
    "not_zip",
    "damaged",
    "not_workbook",
    "unpacks_too_big",
)


def xlsx_problem(content: bytes, *, max_bytes: int, max_unpacked: int) -> str | None:
    """What makes ``content`` no upload to read as a workbook (None: a sane .xlsx package): over
    ``max_bytes``, an old .xls, not a zip, a damaged zip, a zip that holds no workbook, or one that unpacks to more
    than ``max_unpacked`` bytes (a zip bomb). Each reader says it in its own words."""
    if len(content) > max_bytes:
        return TOO_BIG
    if content.startswith(OLE_MAGIC):
        return OLD_EXCEL
    if not content.startswith(ZIP_MAGIC):
        return NOT_ZIP
    try:
        with zipfile.ZipFile(io.BytesIO(content)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return DAMAGED
    if not {"[Content_Types].xml", "xl/workbook.xml"} <= names:
        return NOT_WORKBOOK
    if unpacked > max_unpacked:
        return UNPACKS_TOO_BIG
    return None
