"""The workbook province staff fill with a past year's results, empty or with a sample year's data.

One sheet ``Kết quả`` (the year in B2, the header on row 4, one commune per row from row 5), one
sheet of instructions listing the criteria and the rules the upload checks. The class, TSVM and
decision columns carry drop-down lists; the upload checks every cell anyway.

The workbook is always in Vietnamese, whatever language the page is in: it is the Department's
document, and a file downloaded by one user must read back for another.
"""

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import wraps
from typing import Any, ParamSpec, TypeVar

from django.utils import translation
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.worksheet import Worksheet

from assessment.classification import points
from assessment.models import Classification, CriteriaSet, Criterion
from assessment.services.excel import workbook_bytes
from communes.exports.xlsx import BOLD, INPUT_FILL, TITLE_FONT, WRAP_TOP, freeze_below, guard, set_widths, style_header

SHEET_TITLE = "Kết quả"
GUIDE_TITLE = "Hướng dẫn"
YEAR_CELL = "B2"
HEADER_ROW = 4
FIRST_ROW = 5
MAX_ROWS = 1000  # the largest province has a few hundred communes
P = ParamSpec("P")
R = TypeVar("R")


def in_vietnamese(function: Callable[P, R]) -> Callable[P, R]:
    """Run ``function`` with Vietnamese active (the workbook's language)."""

    @wraps(function)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override("vi"):
            return function(*args, **kwargs)

    return wrapped


@dataclass(frozen=True)
class Column:
    key: str  # "code", "name", "c1".."c20", "total", "class", "tsvm", "kind", "number", "date", "reason"
    title: str
    width: float


@in_vietnamese
def columns(criteria: Sequence[Criterion]) -> list[Column]:
    """The sheet's columns in order, for a criteria set's criteria."""
    return [
        Column("code", _("Mã xã (mã thống kê)"), 11),
        Column("name", _("Tên xã, phường, thị trấn"), 24),
        *[Column(f"c{c.number}", _("TT%(n)s") % {"n": c.number}, 6) for c in criteria],
        Column("total", _("Tổng điểm"), 9),
        Column("class", _("Xếp loại"), 11),
        Column("tsvm", _("TSVM (Có/Không)"), 10),
        Column("kind", _("Phê bình/Nhắc nhở"), 13),
        Column("number", _("Số quyết định"), 14),
        Column("date", _("Ngày quyết định (dd/mm/yyyy)"), 14),
        Column("reason", _("Lý do"), 30),
    ]


@in_vietnamese
def class_labels() -> list[str]:
    return [str(label) for label in Classification.labels]


@in_vietnamese
def yes_no() -> tuple[str, str]:
    return _("Có"), _("Không")


@in_vietnamese
def decision_labels() -> tuple[str, str]:
    return _("Phê bình"), _("Nhắc nhở")


def template_filename(year: int, *, sample: bool = False) -> str:
    return f"ket-qua-{year}-mau{'-co-du-lieu' if sample else ''}.xlsx"


@in_vietnamese
def history_template_build(*, criteria_set: CriteriaSet, year: int, rows: Iterable[Sequence[Any]] = ()) -> bytes:
    """The template for ``year`` on ``criteria_set``; ``rows`` (values in column order) fill it,
    else one example row shows how a commune's line is written."""
    criteria = list(criteria_set.criteria.order_by("number"))
    cols = columns(criteria)
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET_TITLE
    ws["A1"] = _("KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI CHÍNH QUYỀN CẤP XÃ")
    ws["A1"].font = TITLE_FONT
    ws["A2"], ws[YEAR_CELL] = _("Năm"), year
    ws["A2"].font = ws[YEAR_CELL].font = BOLD
    ws["A3"] = _("Mỗi xã một dòng. Điền đủ %(n)s tiêu thức, hoặc chỉ cột Tổng điểm; xem trang “%(guide)s”.") % {
        "n": len(criteria),
        "guide": GUIDE_TITLE,
    }
    for index, column in enumerate(cols, start=1):
        ws.cell(row=HEADER_ROW, column=index, value=column.title)
    style_header(ws, HEADER_ROW, len(cols))
    set_widths(ws, [c.width for c in cols])
    freeze_below(ws, HEADER_ROW, first_columns=2)
    values = list(rows) or [_example_row(criteria)]
    for offset, row in enumerate(values):
        for index, value in enumerate(row, start=1):
            guard(ws.cell(row=FIRST_ROW + offset, column=index, value=value))
    _validations(ws, cols, FIRST_ROW + max(len(values), 200))
    _guide(workbook.create_sheet(GUIDE_TITLE), criteria_set, criteria)
    workbook.properties.title = f"{SHEET_TITLE} {year}"
    return workbook_bytes(workbook)


def _example_row(criteria: Sequence[Criterion]) -> list[Any]:
    scores = [c.max_points - Decimal("2") for c in criteria]
    return [
        "",
        _("Xã Ví Dụ (dòng mẫu, hãy xóa)"),
        *scores,
        sum(scores, Decimal("0")),
        str(Classification.GOOD.label),
        _("Không"),
        _("Nhắc nhở"),
        "12/QĐ-UBND",
        "15/01/2021",
        _("Chậm nộp báo cáo"),
    ]


def _validations(ws: Worksheet, cols: list[Column], last: int) -> None:
    lists = {"class": class_labels(), "tsvm": list(yes_no()), "kind": list(decision_labels())}
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        if column.key in lists:
            validation = DataValidation(type="list", formula1=f'"{",".join(lists[column.key])}"', allow_blank=True)
            validation.error = _("Chọn một giá trị trong danh sách.")
            ws.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{last}")
        for row in range(FIRST_ROW, FIRST_ROW + 3):
            ws.cell(row=row, column=index).fill = INPUT_FILL


def _guide(ws: Worksheet, criteria_set: CriteriaSet, criteria: Sequence[Criterion]) -> None:
    lines = [
        _("Cách điền tệp kết quả các năm trước"),
        _("1. Ghi năm đánh giá ở ô B2 của trang “%(sheet)s”; mỗi xã một dòng từ dòng %(row)s.")
        % {"sheet": SHEET_TITLE, "row": FIRST_ROW},
        _(
            "2. Ghi mã thống kê của xã (mã GSO) hoặc tên xã; cổng tìm xã có trong năm đó, không phân biệt dấu, hoa thường."
        ),
        _(
            "3. Điền đủ điểm từng tiêu thức (từ 0 đến điểm tối đa, bước 0,25), hoặc để trống cả %(n)s cột và chỉ ghi Tổng điểm."
        )
        % {"n": len(criteria)},
        _("4. Xếp loại phải đúng với ngưỡng của bộ tiêu thức: cổng không tự sửa xếp loại, dòng sai bị báo để sửa."),
        _("5. TSVM ghi Có hoặc Không; Phê bình/Nhắc nhở kèm số và ngày quyết định (dd/mm/yyyy)."),
        _("6. Chỉ ghi giá trị: ô có công thức bị từ chối (dán bằng “Dán giá trị”)."),
        "",
        _("Bộ tiêu thức: %(name)s") % {"name": criteria_set.name},
        _("Ngưỡng xếp loại:"),
        *[
            _("%(label)s: tổng từ %(total)s, mỗi tiêu thức từ %(each)s")
            % {"label": t.get_classification_display(), "total": points(t.min_total), "each": points(t.min_each)}
            for t in criteria_set.thresholds.order_by("-min_total")
        ],
        "",
        _("Các tiêu thức:"),
        *[
            _("TT%(n)s (tối đa %(max)s): %(name)s") % {"n": c.number, "max": points(c.max_points), "name": c.name}
            for c in criteria
        ],
    ]
    for row, text in enumerate(lines, start=1):
        cell = guard(ws.cell(row=row, column=1, value=text))
        cell.alignment = WRAP_TOP
    ws["A1"].font = TITLE_FONT
    ws.column_dimensions["A"].width = 120
    ws.sheet_view.showGridLines = False
    ws["A1"].alignment = Alignment(vertical="center")
