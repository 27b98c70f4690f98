"""Excel import and export of a commune's officials: dry run, row-and-column errors, all or nothing."""

import zipfile
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from personnel.excel import HEADERS
from personnel.models import Official
from tests.personnel.factories import VillageFactory, cadre

ROW_CADRE = [
    None,
    "Lò Văn Thắng",
    "Nam",
    "05/09/1980",
    "Thái",
    "Có",
    "Cán bộ",
    None,
    "Bí thư Đảng ủy; Chủ tịch HĐND",
    "01/07/2021",
    "Đang công tác",
    None,
    "Trung học phổ thông",
    "Đại học",
    "Luật",
    "Trung cấp",
    "Đã bồi dưỡng QLNN",
    "Ứng dụng CNTT cơ bản",
    "Chưa có",
    "Không",
    None,
    None,
    None,
]
ROW_VILLAGE = [
    None,
    "Giàng A Sử",
    "Nam",
    date(1975, 3, 2),
    "Mông",
    "Có",
    "Thôn, bản, tổ dân phố",
    "Huổi Lếch",
    "Trưởng thôn, bản, tổ dân phố",
    date(2019, 1, 1),
    None,
    None,
    "Trung học cơ sở",
    None,
    None,
    "Sơ cấp",
    None,
    None,
    None,
    None,
    None,
    None,
    None,
]


def xlsx(*rows, headers=HEADERS) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def upload(client, commune, content: bytes, name: str = "can-bo.xlsx"):
    return client.post(
        reverse("personnel:import-upload", args=[commune.code]), {"file": SimpleUploadedFile(name, content)}
    )


def confirm(client, commune, response):
    return client.post(
        reverse("personnel:import-confirm", args=[commune.code]), {"token": response.context["token"]}, follow=True
    )


@pytest.fixture
def staff(client, world):
    VillageFactory(commune=world.commune, name="Huổi Lếch")
    client.force_login(world.commune_user)
    return client


def test_a_valid_file_is_previewed_then_imported_on_confirmation(staff, world):
    response = upload(staff, world.commune, xlsx(ROW_CADRE, ROW_VILLAGE))
    content = response.content.decode()
    assert "Xác nhận nhập" in content
    assert response.context["counts"] == {"create": 2, "update": 0, "unchanged": 0}
    assert not Official.objects.exists()  # the dry run writes nothing
    done = confirm(staff, world.commune, response)
    assert "thêm 2 người, cập nhật 0 người, 0 người không đổi" in done.content.decode()
    thang = Official.objects.get(full_name="Lò Văn Thắng")
    assert sorted(thang.positions.values_list("code", flat=True)) == ["bi-thu-dang-uy", "chu-tich-hdnd"]
    assert (thang.date_of_birth, thang.professional_level, thang.professional_field) == (date(1980, 9, 5), 4, "Luật")
    assert Official.objects.get(full_name="Giàng A Sử").village.name == "Huổi Lếch"


def test_bad_rows_are_reported_by_row_and_column_and_nothing_is_imported(staff, world):
    bad_date = ROW_CADRE[:3] + ["31/02/1980"] + ROW_CADRE[4:]
    bad_ethnicity = ROW_VILLAGE[:4] + ["Người Sao Hỏa"] + ROW_VILLAGE[5:]
    no_name = [None, None] + ROW_CADRE[2:]
    bad_position = ROW_CADRE[:1] + ["Lò Thị Hoa"] + ROW_CADRE[2:8] + ["Bí thư Đảng ủy; Trưởng phòng"] + ROW_CADRE[9:]
    left_without_date = ROW_CADRE[:1] + ["Cà Văn Ơn"] + ROW_CADRE[2:10] + ["Đã nghỉ"] + ROW_CADRE[11:]
    response = upload(
        staff, world.commune, xlsx(ROW_CADRE, bad_date, bad_ethnicity, no_name, bad_position, left_without_date)
    )
    errors = [str(e) for e in response.context["plan"].errors]
    assert errors == [
        "Dòng 3, cột D (Ngày sinh): ngày 31/02/1980 không có thật: tháng 2 năm 1980 không có ngày 31.",
        "Dòng 4, cột E (Dân tộc): giá trị “Người Sao Hỏa” không có trong danh mục (xem trang Danh mục của mẫu).",
        "Dòng 5, cột B (Họ và tên): bắt buộc nhập.",
        "Dòng 6, cột I (Chức danh): giá trị “Trưởng phòng” không có trong danh mục (xem trang Danh mục của mẫu).",
        "Dòng 7, cột L (Ngày nghỉ, chuyển công tác): nhập ngày nghỉ hoặc chuyển công tác.",
    ]
    content = response.content.decode()
    assert "Tệp có 5 lỗi. Chưa nhập dòng nào." in content
    assert "Xác nhận nhập" not in content
    assert not Official.objects.exists()


def test_a_full_list_of_1000_officials_with_long_notes_is_accepted(staff, world):
    """The largest list the import takes still fits its size limits (the unpacked one included)."""
    note = "Đã được điều động từ xã khác theo quyết định của huyện; " * 18  # about 1,000 characters
    rows = [ROW_CADRE[:1] + [f"Lò Văn Thắng {n}"] + ROW_CADRE[2:22] + [note] for n in range(1000)]
    content = xlsx(*rows)
    with zipfile.ZipFile(BytesIO(content)) as archive:
        assert sum(info.file_size for info in archive.infolist()) > 2 * 1024 * 1024
    response = upload(staff, world.commune, content)
    assert response.context["counts"] == {"create": 1000, "update": 0, "unchanged": 0}


def test_the_same_person_twice_in_a_file_is_an_error(staff, world):
    response = upload(staff, world.commune, xlsx(ROW_CADRE, ROW_CADRE))
    assert [str(e) for e in response.context["plan"].errors] == ["Dòng 3, cột B (Họ và tên): trùng với dòng 2 của tệp."]


def test_a_wrong_template_is_refused_with_a_clear_message(staff, world):
    headers = HEADERS[:2] + ["Giới"] + HEADERS[3:]
    response = upload(staff, world.commune, xlsx(ROW_CADRE, headers=headers))
    assert (
        "Tệp không đúng mẫu: cột C phải là “Giới tính” nhưng đang là “Giới”. Hãy tải mẫu mới của cổng và nhập lại."
    ) in response.content.decode()
    assert not Official.objects.exists()


@pytest.mark.parametrize(
    "content, name, message",
    [
        (b"Ho va ten,Ngay sinh\nLo Van A,01/01/1980\n", "can-bo.csv", "Tệp không phải Excel (.xlsx)"),
        (b"PK\x03\x04" + b"\0" * 100, "can-bo.xlsx", "Tệp không phải Excel (.xlsx)"),
        (b"x" * (1024 * 1024 + 1), "can-bo.xlsx", "Tệp quá lớn (tối đa 1 MB)"),
    ],
)
def test_a_file_that_is_not_an_officials_workbook_is_refused(staff, world, content, name, message):
    response = upload(staff, world.commune, content, name)
    assert message in response.content.decode()


def test_a_zip_that_is_not_a_workbook_is_refused(staff, world):
    import zipfile

    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("readme.txt", "không phải Excel")
    assert "Tệp không phải Excel (.xlsx)" in upload(staff, world.commune, buffer.getvalue()).content.decode()


def test_importing_the_same_file_again_changes_nothing(staff, world):
    content = xlsx(ROW_CADRE, ROW_VILLAGE)
    confirm(staff, world.commune, upload(staff, world.commune, content))
    stamps = list(Official.objects.order_by("pk").values_list("pk", "updated_at"))
    history = Official.history.count()
    again = upload(staff, world.commune, content)
    assert again.context["counts"] == {"create": 0, "update": 0, "unchanged": 2}
    assert "Tệp không có gì thay đổi so với danh sách hiện có." in again.content.decode()
    assert again.context["token"] == ""
    assert list(Official.objects.order_by("pk").values_list("pk", "updated_at")) == stamps
    assert Official.history.count() == history


def test_an_exported_file_imports_back_unchanged_and_an_edit_in_it_updates_one_person(staff, world):
    cadre(world.commune, full_name="Lường Văn Ơn", political_theory=1, positions=["bi-thu-dang-uy", "chu-tich-hdnd"])
    cadre(world.commune, full_name='=HYPERLINK("http://x")')  # a name that looks like a formula
    exported = staff.get(reverse("personnel:official-export", args=[world.commune.code]))
    assert exported["Content-Type"].startswith("application/vnd.openxmlformats")
    workbook = load_workbook(BytesIO(exported.content))
    sheet = workbook.worksheets[0]
    names = [sheet.cell(row=r, column=2).value for r in (2, 3)]
    assert '=HYPERLINK("http://x")' in names  # shown as typed, in a text cell (never a formula)
    formula_like = sheet.cell(row=2 + names.index('=HYPERLINK("http://x")'), column=2)
    assert formula_like.data_type == "s" and formula_like.quotePrefix
    assert upload(staff, world.commune, exported.content).context["counts"]["unchanged"] == 2
    row = names.index("Lường Văn Ơn") + 2
    sheet.cell(row=row, column=HEADERS.index("Lý luận chính trị") + 1, value="Trung cấp")
    buffer = BytesIO()
    workbook.save(buffer)
    preview = upload(staff, world.commune, buffer.getvalue())
    assert preview.context["counts"] == {"create": 0, "update": 1, "unchanged": 1}
    assert "Lý luận chính trị" in preview.content.decode()
    confirm(staff, world.commune, preview)
    assert Official.objects.get(full_name="Lường Văn Ơn").political_theory == 2


def test_a_code_from_another_commune_is_refused(staff, world):
    other = cadre(world.sibling)
    row = [other.pk] + ROW_CADRE[1:]
    errors = [str(e) for e in upload(staff, world.commune, xlsx(row)).context["plan"].errors]
    assert errors == [
        f"Dòng 2, cột A (Mã cán bộ): mã cán bộ {other.pk} không thuộc xã này; để trống khi thêm người mới."
    ]


def test_the_confirmation_needs_this_sessions_token_for_this_commune(staff, client, world):
    preview = upload(staff, world.commune, xlsx(ROW_CADRE))
    stale = client.post(
        reverse("personnel:import-confirm", args=[world.commune.code]), {"token": "doan-mo"}, follow=True
    )
    assert "Phiên nhập tệp đã hết hạn hoặc không hợp lệ" in stale.content.decode()
    client.force_login(world.sibling_user)
    response = client.post(
        reverse("personnel:import-confirm", args=[world.commune.code]), {"token": preview.context["token"]}
    )
    assert response.status_code == 404
    assert not Official.objects.exists()


def test_the_template_lists_the_allowed_values(staff, world):
    response = staff.get(reverse("personnel:import-template", args=[world.commune.code]))
    workbook = load_workbook(BytesIO(response.content))
    assert [c.value for c in workbook.worksheets[0][1]] == HEADERS
    lists = workbook["Danh mục"]
    values = {cell.value for column in lists.iter_cols() for cell in column}
    assert {"Bí thư Đảng ủy", "Mông", "Huổi Lếch", "Trung cấp"} <= values
    assert "mau-nhap-can-bo" in response["Content-Disposition"]


def test_a_formula_in_a_cell_is_told_as_a_formula_not_as_a_missing_value(staff, world):
    with_formula = ROW_CADRE[:1] + ['=CONCAT("Lò ","Văn Thắng")'] + ROW_CADRE[2:]
    typed_as_text = ROW_VILLAGE[:3] + ["15/13/1975"] + ROW_VILLAGE[4:]
    response = upload(staff, world.commune, xlsx(with_formula, typed_as_text))
    errors = [str(e) for e in response.context["plan"].errors]
    assert errors == [
        "Dòng 2, cột B (Họ và tên): không dùng công thức; hãy gõ giá trị vào ô.",
        "Dòng 3, cột D (Ngày sinh): ngày 15/13/1975 không có thật: tháng phải từ 1 đến 12.",
    ]
    assert not Official.objects.exists()
