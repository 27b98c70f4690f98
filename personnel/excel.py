"""The officials workbook: its columns, the downloadable template and the export.

The headers are a file format shared by every commune, so they stay in Vietnamese whatever the
interface language: a file exported in English must still import.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from io import BytesIO

from django.utils.translation import override
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from communes.exports.xlsx import freeze_below, guarded, set_widths, style_header
from communes.models import Commune
from personnel.models import (
    Category,
    Ethnicity,
    ForeignLanguage,
    Gender,
    GeneralEducation,
    ITLevel,
    Official,
    OfficialStatus,
    PoliticalTheory,
    Position,
    ProfessionalLevel,
    StateManagement,
)

SHEET_TITLE = "Cán bộ, công chức"
LISTS_TITLE = "Danh mục"
GUIDE_TITLE = "Hướng dẫn"
YES, NO = "Có", "Không"
POSITION_SEPARATOR = ";"


@dataclass(frozen=True)
class Column:
    key: str
    header: str
    width: int = 16
    required: bool = False


COLUMNS = [
    Column("id", "Mã cán bộ", 11),
    Column("full_name", "Họ và tên", 26, True),
    Column("gender", "Giới tính", 9, True),
    Column("date_of_birth", "Ngày sinh", 12, True),
    Column("ethnicity", "Dân tộc", 12, True),
    Column("party_member", "Đảng viên", 10),
    Column("category", "Loại", 24, True),
    Column("village", "Thôn, bản, tổ dân phố", 20),
    Column("positions", "Chức danh", 40, True),
    Column("start_date", "Ngày bắt đầu công tác", 14, True),
    Column("status", "Trạng thái", 18),
    Column("end_date", "Ngày nghỉ, chuyển công tác", 14),
    Column("general_education", "Trình độ văn hóa", 18, True),
    Column("professional_level", "Trình độ chuyên môn", 16),
    Column("professional_field", "Ngành đào tạo", 20),
    Column("political_theory", "Lý luận chính trị", 16),
    Column("state_management", "Quản lý nhà nước", 22),
    Column("it_level", "Tin học", 20),
    Column("foreign_language", "Ngoại ngữ", 16),
    Column("ethnic_language_certificate", "Chứng chỉ tiếng dân tộc", 12),
    Column("ethnic_language", "Tiếng dân tộc", 14),
    Column("phone", "Điện thoại", 14),
    Column("note", "Ghi chú", 24),
]
HEADERS = [c.header for c in COLUMNS]
LETTER = {c.key: get_column_letter(i) for i, c in enumerate(COLUMNS, start=1)}
HEADER_OF = {c.key: c.header for c in COLUMNS}

# Choice columns and their labels (the Vietnamese source labels are the file's vocabulary).
CHOICES = {
    "gender": Gender,
    "category": Category,
    "status": OfficialStatus,
    "general_education": GeneralEducation,
    "professional_level": ProfessionalLevel,
    "political_theory": PoliticalTheory,
    "state_management": StateManagement,
    "it_level": ITLevel,
    "foreign_language": ForeignLanguage,
}
BOOLEAN_COLUMNS = ("party_member", "ethnic_language_certificate")
DATE_COLUMNS = ("date_of_birth", "start_date", "end_date")


def source_label(choices: type, value: object) -> str:
    """The Vietnamese label of a choice, whatever language is active (the file's vocabulary)."""
    with override("vi"):
        return str(dict(choices.choices)[value])


def official_row(official: Official) -> list[object]:
    """One official as a row of the workbook, in COLUMNS order."""
    values = {
        "id": official.pk,
        "ethnicity": official.ethnicity.name,
        "village": official.village.name if official.village else "",
        "positions": f"{POSITION_SEPARATOR} ".join(p.name for p in official.positions.all()),
        **{key: YES if getattr(official, key) else NO for key in BOOLEAN_COLUMNS},
        **{key: source_label(choices, getattr(official, key)) for key, choices in CHOICES.items()},
    }
    row = []
    for column in COLUMNS:
        value = values[column.key] if column.key in values else getattr(official, column.key)
        row.append(value if value is not None else "")
    return row


def _header(sheet) -> None:
    sheet.append(HEADERS)
    style_header(sheet, 1, len(COLUMNS))
    set_widths(sheet, [column.width for column in COLUMNS])
    freeze_below(sheet, 1, first_columns=2)
    sheet.row_dimensions[1].height = 32


def _date_format(sheet, rows: int) -> None:
    for key in DATE_COLUMNS:
        for r in range(2, rows + 2):
            sheet[f"{LETTER[key]}{r}"].number_format = "DD/MM/YYYY"


def _lists(workbook: Workbook, commune: Commune) -> dict[str, str]:
    """A sheet of allowed values; returns column key -> range for the drop-down lists."""
    sheet = workbook.create_sheet(LISTS_TITLE)
    lists = {key: [source_label(choices, v) for v in choices.values] for key, choices in CHOICES.items()}
    lists["ethnicity"] = list(Ethnicity.objects.order_by("code").values_list("name", flat=True))
    lists["village"] = list(commune.villages.order_by("name").values_list("name", flat=True))
    lists["positions"] = list(Position.objects.order_by("order").values_list("name", flat=True))
    lists["yes_no"] = [YES, NO]
    ranges = {}
    for i, (key, values) in enumerate(lists.items(), start=1):
        letter = get_column_letter(i)
        sheet.cell(row=1, column=i, value=key == "yes_no" and "Có/Không" or HEADER_OF[key]).font = Font(bold=True)
        for r, value in enumerate(values, start=2):
            sheet.cell(row=r, column=i, value=value)
        sheet.column_dimensions[letter].width = 28
        ranges[key] = f"{quote_sheetname(LISTS_TITLE)}!${letter}$2:${letter}${max(len(values), 1) + 1}"
    return ranges


def _validations(sheet, ranges: dict[str, str]) -> None:
    for key in [*CHOICES, "ethnicity", "village", *BOOLEAN_COLUMNS]:
        source = ranges["yes_no" if key in BOOLEAN_COLUMNS else key]
        check = DataValidation(type="list", formula1=source, allow_blank=True, showErrorMessage=False)
        check.add(f"{LETTER[key]}2:{LETTER[key]}1000")
        sheet.add_data_validation(check)


GUIDE = [
    "Mẫu nhập danh sách cán bộ, công chức, người hoạt động không chuyên trách của xã.",
    "Mỗi dòng một người. Không sửa, không đổi thứ tự dòng tiêu đề (dòng 1).",
    "Mã cán bộ: để trống khi thêm người mới; giữ nguyên mã khi sửa người đã có (tệp xuất từ cổng có sẵn mã).",
    "Người chưa có mã được nhận ra theo họ tên và ngày sinh: nhập lại cùng tệp không tạo người trùng.",
    "Ngày nhập dạng dd/mm/yyyy, ví dụ 05/09/1985.",
    "Chức danh: nhiều chức danh (kiêm nhiệm) cách nhau bằng dấu chấm phẩy, ví dụ: Bí thư Đảng ủy; Chủ tịch HĐND.",
    "Các cột Giới tính, Dân tộc, Loại, Trạng thái, trình độ: chọn đúng giá trị ở trang Danh mục.",
    "Người hoạt động ở thôn, bản, tổ dân phố phải ghi tên thôn, bản.",
    "Cổng kiểm tra cả tệp trước: chỉ khi mọi dòng hợp lệ mới được nhập.",
]


def _guide(workbook: Workbook) -> None:
    sheet = workbook.create_sheet(GUIDE_TITLE)
    sheet.column_dimensions["A"].width = 110
    for line in GUIDE:
        sheet.append([line])
    sheet["A1"].font = Font(bold=True)


def build_workbook(commune: Commune, officials: Iterable[Official] = ()) -> bytes:
    """The officials workbook of ``commune``: the template when ``officials`` is empty, else the export."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = SHEET_TITLE
    _header(sheet)
    count = 0
    for official in officials:
        sheet.append([guarded(sheet, value) for value in official_row(official)])
        count += 1
    _date_format(sheet, max(count, 200))
    _validations(sheet, _lists(workbook, commune))
    _guide(workbook)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def export_filename(commune: Commune, day: date, template: bool = False) -> str:
    prefix = "mau-nhap-can-bo" if template else "can-bo"
    return f"{prefix}-{commune.code}-{day:%Y%m%d}.xlsx"
