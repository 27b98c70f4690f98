"""The ratings' Excel template and its import: the same all-or-nothing check as the score sheet."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import OfficialRating, Status
from assessment.services.excel_import import ExcelImportError
from assessment.services.ratings_excel import ratings_sheet_build, ratings_sheet_import
from tests.assessment.duties_data import answer_for
from tests.assessment.factories import make_assessment, make_year, office_bytes, ole_bytes
from tests.personnel.factories import servant


@pytest.fixture
def sheet(world):
    year = make_year(2021)
    assessment = make_assessment(world.commune, year, status=Status.FINALIZED, scores=20)
    world.year = year
    world.clerk = servant(world.commune, full_name="Lò Thị Pọm")
    world.other = servant(world.commune, full_name="Quàng Văn Inh")
    answer_for(world.clerk, assessment, {11: "12.75"})
    return world


def _filled(w, levels: dict[str, tuple[str, str]], *, commune=None) -> SimpleUploadedFile:
    workbook = load_workbook(io.BytesIO(ratings_sheet_build(year=w.year, commune=commune or w.commune)))
    ws = workbook.worksheets[0]
    for row in ws.iter_rows(min_row=5):
        if row[1].value in levels:
            row[5].value, row[6].value = levels[row[1].value]
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue())


def _import(w, upload, commune=None):
    return ratings_sheet_import(year=w.year, commune=commune or w.commune, user=w.commune_user, upload=upload)


def test_the_template_lists_each_official_with_the_ceiling(sheet):
    ws = load_workbook(io.BytesIO(ratings_sheet_build(year=sheet.year, commune=sheet.commune))).worksheets[0]
    rows = {r[1]: r for r in ws.iter_rows(min_row=5, values_only=True)}
    assert rows["Lò Thị Pọm"][4] == "Hoàn thành nhiệm vụ" and rows["Lò Thị Pọm"][3] == "11 (12.75)"
    assert rows["Quàng Văn Inh"][4] == "Chưa có"


def test_a_good_file_saves_every_row(sheet):
    upload = _filled(
        sheet,
        {
            "Lò Thị Pọm": ("Hoàn thành tốt nhiệm vụ", "Làm thêm việc của cán bộ nghỉ sinh"),
            "Quàng Văn Inh": ("Hoàn thành nhiệm vụ", ""),
        },
    )
    assert _import(sheet, upload) == 2
    assert dict(OfficialRating.objects.values_list("official__full_name", "level")) == {
        "Lò Thị Pọm": "good",
        "Quàng Văn Inh": "done",
    }


def test_one_row_above_the_ceiling_without_a_reason_saves_nothing(sheet):
    upload = _filled(
        sheet, {"Lò Thị Pọm": ("Hoàn thành tốt nhiệm vụ", ""), "Quàng Văn Inh": ("Hoàn thành nhiệm vụ", "")}
    )
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, upload)
    assert any(line.startswith("Dòng ") and "ghi lý do" in line for line in error.value.errors)
    assert not OfficialRating.objects.exists()


def test_an_unknown_level_is_named_with_its_row(sheet):
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, _filled(sheet, {"Quàng Văn Inh": ("Rất tốt", "")}))
    assert "“Rất tốt” không có trong danh sách" in error.value.errors[0]


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (ole_bytes("Workbook"), "Excel 97-2003"),
        (b"not a zip at all", "không phải bảng tính Excel"),
        (office_bytes("docx"), "không phải bảng tính Excel"),
    ],
)
def test_a_file_that_is_no_workbook_is_refused(sheet, content, words):
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, SimpleUploadedFile("x.xlsx", content))
    assert words in str(error.value)


def test_another_communes_sheet_is_refused(sheet):
    upload = _filled(sheet, {}, commune=sheet.sibling)
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, upload)
    assert "Đây không phải bảng xếp loại cán bộ năm 2021 của Xã Mường Nhé" in str(error.value)


def test_the_upload_page_lists_the_errors_and_saves_on_a_good_file(client, sheet):
    client.force_login(sheet.commune_user)
    url = reverse("assessment:rating-excel-upload", args=[2021, sheet.commune.code])
    bad = _filled(sheet, {"Lò Thị Pọm": ("Hoàn thành xuất sắc nhiệm vụ", "")})
    page = client.post(url, {"file": bad}).content.decode()
    assert "Chưa lưu gì" in page and "Dòng " in page
    good = _filled(sheet, {"Lò Thị Pọm": ("Hoàn thành nhiệm vụ", "")})
    assert client.post(url, {"file": good}).status_code == 302
    assert OfficialRating.objects.get().level == "done"


def test_an_official_id_typed_over_with_a_huge_number_is_a_row_error_not_a_crash(sheet):
    workbook = load_workbook(io.BytesIO(ratings_sheet_build(year=sheet.year, commune=sheet.commune)))
    ws = workbook.worksheets[0]
    for row in ws.iter_rows(min_row=5):
        if row[1].value == "Lò Thị Pọm":
            row[0].value, row[5].value = 10**20, "Hoàn thành nhiệm vụ"
    buffer = io.BytesIO()
    workbook.save(buffer)
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue()))
    assert any("cột A (mã người) bị sửa" in line for line in error.value.errors)
    assert not OfficialRating.objects.exists()


def _saved_meanwhile(w, name: str, level: str) -> None:
    """Another clerk saves a rating on the page after the sheet was downloaded."""
    from assessment.services.ratings import RatingEntry, official_ratings_save
    from personnel.models import Official

    official = Official.objects.get(full_name=name)
    official_ratings_save(
        year=w.year, commune=w.commune, entries={official.pk: RatingEntry(level)}, user=w.commune_user
    )


def test_a_row_left_as_downloaded_does_not_overwrite_a_rating_saved_since(sheet):
    upload = _filled(sheet, {"Quàng Văn Inh": ("Hoàn thành nhiệm vụ", "")})  # Lò Thị Pọm's row left empty
    _saved_meanwhile(sheet, "Lò Thị Pọm", "done")
    assert _import(sheet, upload) == 1
    assert dict(OfficialRating.objects.values_list("official__full_name", "level")) == {
        "Lò Thị Pọm": "done",
        "Quàng Văn Inh": "done",
    }


def test_a_row_changed_in_a_sheet_older_than_the_saved_rating_is_refused_naming_it(sheet):
    upload = _filled(
        sheet, {"Lò Thị Pọm": ("Không hoàn thành nhiệm vụ", ""), "Quàng Văn Inh": ("Hoàn thành nhiệm vụ", "")}
    )
    _saved_meanwhile(sheet, "Lò Thị Pọm", "done")
    with pytest.raises(ExcelImportError) as error:
        _import(sheet, upload)
    assert any(
        line.startswith("Dòng ") and "Người khác vừa lưu" in line and "“Hoàn thành nhiệm vụ”" in line
        for line in error.value.errors
    ), error.value.errors
    # Nothing of the sheet was saved: the other clerk's rating stands, the second row is not written.
    assert dict(OfficialRating.objects.values_list("official__full_name", "level")) == {"Lò Thị Pọm": "done"}


def test_the_same_sheet_uploaded_again_after_it_saved_is_accepted(sheet):
    """A retry on a slow link, or the sheet sent again with one more row: the rows it saved are not
    taken for someone else's save."""
    levels = {"Lò Thị Pọm": ("Hoàn thành nhiệm vụ", ""), "Quàng Văn Inh": ("Hoàn thành nhiệm vụ", "")}
    first = _filled(sheet, {"Lò Thị Pọm": levels["Lò Thị Pọm"]})
    content = first.read()
    assert _import(sheet, SimpleUploadedFile("xep-loai.xlsx", content)) == 1
    assert _import(sheet, SimpleUploadedFile("xep-loai.xlsx", content)) == 0
    workbook = load_workbook(io.BytesIO(content))
    for row in workbook.worksheets[0].iter_rows(min_row=5):
        if row[1].value == "Quàng Văn Inh":
            row[5].value = levels["Quàng Văn Inh"][0]
    buffer = io.BytesIO()
    workbook.save(buffer)
    assert _import(sheet, SimpleUploadedFile("xep-loai.xlsx", buffer.getvalue())) == 1
    assert OfficialRating.objects.count() == 2
