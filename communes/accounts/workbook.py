"""The users workbook: the template to fill, and reading an upload into a checked plan (no writes).

Every row is checked before anything is created: the unit must stand on today's map inside the
manager's province, the username must be new, the email well formed, and the unit must fit the role.
Problems are reported per row and column, in Vietnamese.
"""

from dataclasses import dataclass, field
from datetime import date
from io import BytesIO
from typing import Any

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models.functions import Lower
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from openpyxl import Workbook, load_workbook
from openpyxl.worksheet.datavalidation import DataValidation

from communes.exports.xlsx import (
    INPUT_FILL,
    TOO_BIG,
    UNPACKS_TOO_BIG,
    freeze_below,
    set_widths,
    style_header,
    unneutralise,
    xlsx_problem,
)
from communes.models import Commune, District, Province, Role, User, fold

MAX_UPLOAD_BYTES = 1024 * 1024
MAX_UNCOMPRESSED_BYTES = 5 * 1024 * 1024
MAX_ROWS = 1000
LAST_ROW = 10 * MAX_ROWS
COLUMNS = [
    ("full_name", gettext_lazy("Họ và tên")),
    ("username", gettext_lazy("Tên đăng nhập")),
    ("email", gettext_lazy("Email")),
    ("role", gettext_lazy("Vai trò")),
    ("unit_code", gettext_lazy("Mã đơn vị (GSO)")),
]
LETTERS = "ABCDE"
USERNAME_VALIDATOR = User.username_validator


class WorkbookRejected(Exception):
    """The upload is not a users workbook at all (wrong type, too big, wrong template)."""


@dataclass(frozen=True)
class CellError:
    row: int
    column: str
    message: str

    def __str__(self) -> str:
        header = dict(zip(LETTERS, (str(h) for _k, h in COLUMNS))).get(self.column, "")
        return _("Dòng %(row)s, cột %(col)s (%(header)s): %(msg)s") % {
            "row": self.row,
            "col": self.column,
            "header": header,
            "msg": self.message,
        }


@dataclass
class PlannedUser:
    row: int
    full_name: str
    username: str
    email: str
    role: str
    province: Province | None = None
    district: District | None = None
    commune: Commune | None = None

    @property
    def unit(self) -> Province | District | Commune | None:
        return self.commune or self.district or self.province

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass
class UserPlan:
    rows: list[PlannedUser] = field(default_factory=list)
    errors: list[CellError] = field(default_factory=list)

    @property
    def valid(self) -> bool:
        return not self.errors and bool(self.rows)


# --- the template -------------------------------------------------------------------------------


def template_workbook() -> bytes:
    """An empty users workbook: the five headers, a role list to choose from and one example row."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _("Người dùng")
    sheet.append([str(header) for _key, header in COLUMNS])
    style_header(sheet, 1, len(COLUMNS))
    set_widths(sheet, [28, 22, 30, 34, 16])
    freeze_below(sheet, 1)
    lists = workbook.create_sheet(_("Danh mục"))
    lists.append([_("Vai trò")])
    for role in Role:
        lists.append([str(role.label)])
    set_widths(lists, [40])
    choice = DataValidation(type="list", formula1=f"'{lists.title}'!$A$2:$A${len(Role) + 1}", allow_blank=True)
    sheet.add_data_validation(choice)
    choice.add(f"D2:D{MAX_ROWS + 1}")
    for row in sheet.iter_rows(min_row=2, max_row=21, max_col=len(COLUMNS)):
        for cell in row:
            cell.fill = INPUT_FILL
    output = BytesIO()
    workbook.save(output)
    return output.getvalue()


# --- reading an upload --------------------------------------------------------------------------


def check_upload(content: bytes) -> None:
    """Refuse anything that is not a reasonably sized .xlsx (``communes.exports.xlsx.xlsx_problem``)."""
    problem = xlsx_problem(content, max_bytes=MAX_UPLOAD_BYTES, max_unpacked=MAX_UNCOMPRESSED_BYTES)
    if problem == TOO_BIG:
        raise WorkbookRejected(_("Tệp quá lớn (tối đa 1 MB). Hãy kiểm tra lại tệp."))
    if problem == UNPACKS_TOO_BIG:
        raise WorkbookRejected(_("Tệp quá lớn khi giải nén. Hãy dùng đúng mẫu của cổng."))
    if problem:
        raise WorkbookRejected(
            _(
                "Tệp không phải Excel (.xlsx). Hãy mở tệp bằng Excel, lưu dưới dạng “Excel Workbook (.xlsx)” rồi tải lên lại."
            )
        )


class _Formula:
    """Stands for a cell holding a formula: the import takes typed values only."""


FORMULA = _Formula()


def read_rows(content: bytes) -> list[tuple[int, list[Any]]]:
    """The data rows (row number, five values) of the first sheet, after checking the headers."""
    check_upload(content)
    try:
        workbook = load_workbook(BytesIO(content), read_only=True, data_only=False)
    except Exception:  # openpyxl raises many types for a damaged file
        raise WorkbookRejected(_damaged()) from None
    try:
        cells = workbook.worksheets[0].iter_rows(max_row=LAST_ROW, max_col=len(COLUMNS))
        rows = ([FORMULA if c.data_type == "f" else c.value for c in row] for row in cells)
        _check_headers(list(next(rows, [])))
        found = []
        for number, values in enumerate(rows, start=2):
            values = list(values) + [None] * (len(COLUMNS) - len(values))
            if any(v not in (None, "") for v in values):
                found.append((number, values))
            if len(found) > MAX_ROWS:
                raise WorkbookRejected(_("Tệp có hơn %(n)s dòng. Hãy chia thành nhiều tệp.") % {"n": MAX_ROWS})
        return found
    except WorkbookRejected:
        raise
    except Exception:  # read-only sheets are parsed while iterating: damage shows up here
        raise WorkbookRejected(_damaged()) from None
    finally:
        workbook.close()


def _damaged() -> str:
    return _("Không đọc được tệp Excel: tệp có thể bị hỏng. Hãy lưu lại rồi tải lên.")


def _check_headers(found: list[Any]) -> None:
    found = [str(v).strip() if v is not None else "" for v in found] + [""] * len(COLUMNS)
    for letter, (_key, expected), actual in zip(LETTERS, COLUMNS, found):
        if actual != str(expected):
            raise WorkbookRejected(
                _(
                    "Tệp không đúng mẫu: cột %(col)s phải là “%(expected)s” nhưng đang là “%(actual)s”. "
                    "Hãy tải mẫu của cổng và nhập lại."
                )
                % {"col": letter, "expected": expected, "actual": actual or _("(trống)")}
            )


# --- checking the rows --------------------------------------------------------------------------


class _Units:
    """The units a manager may give users, as they stand on ``today``: three queries in all."""

    def __init__(self, manager: User, today: date) -> None:
        provinces = Province.objects.valid_on(today)
        if not manager.is_superuser:
            provinces = provinces.filter(pk=manager.province_id)
        self.provinces = {p.code: p for p in provinces}
        ids = [p.pk for p in self.provinces.values()]
        self.districts = {
            d.code: d for d in District.objects.valid_on(today).filter(province_id__in=ids).select_related("province")
        }
        communes = Commune.objects.valid_on(today).filter(province_id__in=ids).select_related("province", "district")
        self.communes = {c.code: c for c in communes}

    def level_of(self, code: str) -> str:
        if code in self.communes:
            return "commune"
        if code in self.districts:
            return "district"
        if code in self.provinces:
            return "province"
        return ""


ROLE_LEVEL = {
    Role.COMMUNE_STAFF: "commune",
    Role.DISTRICT_REVIEWER: "district",
    Role.PROVINCE_REVIEWER: "province",
    Role.PROVINCE_STAFF: "province",
}


def _level_names() -> dict[str, str]:
    return {
        "commune": _("xã, phường, thị trấn"),
        "district": _("huyện"),
        "province": _("tỉnh"),
    }


def _role_choices() -> dict[str, str]:
    found = {fold(str(role.label)): role.value for role in Role}
    found.update({role.value: role.value for role in Role})
    return found


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a code typed as a number
    return unneutralise(str(value).strip())


def plan_users(manager: User, content: bytes, today: date) -> UserPlan:
    """Check every row of an uploaded users workbook; raises WorkbookRejected for a wrong file."""
    rows = read_rows(content)
    plan = UserPlan()
    units = _Units(manager, today)
    wanted = [_text(values[1]).lower() for _n, values in rows if not isinstance(values[1], _Formula)]
    taken = set(User.objects.annotate(lower=Lower("username")).filter(lower__in=wanted).values_list("lower", flat=True))
    seen: dict[str, int] = {}
    for number, values in rows:
        errors_before = len(plan.errors)
        planned = _plan_row(plan, number, values, units, taken, seen)
        if planned is not None and len(plan.errors) == errors_before:
            plan.rows.append(planned)
    return plan


def _plan_row(
    plan: UserPlan, number: int, values: list[Any], units: _Units, taken: set[str], seen: dict[str, int]
) -> PlannedUser | None:
    def error(letter: str, message: str) -> None:
        plan.errors.append(CellError(number, letter, message))

    for letter, value in zip(LETTERS, values):
        if isinstance(value, _Formula):
            error(letter, _("Ô chứa công thức. Hãy nhập giá trị, không nhập công thức."))
    if any(isinstance(v, _Formula) for v in values):
        return None
    full_name, username, email, role_text, code = (_text(v) for v in values)
    if not full_name:
        error("A", _("Hãy nhập họ và tên."))
    _check_username(error, username, number, taken, seen)
    if email:
        try:
            validate_email(email)
        except ValidationError:
            error("C", _("Email “%(email)s” không hợp lệ.") % {"email": email})
    role = _role_choices().get(fold(role_text))
    if not role:
        error("D", _("Vai trò “%(role)s” không có trong danh mục (xem trang Danh mục của mẫu).") % {"role": role_text})
    planned = PlannedUser(number, full_name, username, email.lower(), role or "")
    if role:
        _place(error, planned, code, units)
    return planned


def _check_username(error: Any, username: str, number: int, taken: set[str], seen: dict[str, int]) -> None:  # noqa: ANN401
    if not username:
        error("B", _("Hãy nhập tên đăng nhập."))
        return
    try:
        USERNAME_VALIDATOR(username)
    except ValidationError:
        error("B", _("Tên đăng nhập chỉ gồm chữ, số và các dấu . @ + - _ (không có khoảng trắng)."))
        return
    key = username.lower()
    if key in taken:
        error("B", _("Tên đăng nhập “%(name)s” đã có người dùng.") % {"name": username})
    elif key in seen:
        error("B", _("Tên đăng nhập “%(name)s” trùng với dòng %(row)s.") % {"name": username, "row": seen[key]})
    else:
        seen[key] = number


def _place(error: Any, planned: PlannedUser, code: str, units: _Units) -> None:  # noqa: ANN401
    """Attach the unit named by ``code`` at the level the role needs, or report why it cannot be."""
    if not code:
        error("E", _("Hãy nhập mã đơn vị (GSO)."))
        return
    level, needed = units.level_of(code), ROLE_LEVEL[planned.role]
    if not level:
        error("E", _("Mã đơn vị %(code)s không có trên bản đồ hiện hành của tỉnh.") % {"code": code})
        return
    if level != needed:
        names = _level_names()
        error(
            "E",
            _("Vai trò “%(role)s” cần mã của một đơn vị cấp %(needed)s; mã %(code)s là của một đơn vị cấp %(level)s.")
            % {"role": planned.role_label, "needed": names[needed], "code": code, "level": names[level]},
        )
        return
    if level == "commune":
        planned.commune = units.communes[code]
        planned.district, planned.province = planned.commune.district, planned.commune.province
    elif level == "district":
        planned.district = units.districts[code]
        planned.province = planned.district.province
    else:
        planned.province = units.provinces[code]
