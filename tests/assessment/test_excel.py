"""The score sheet's Excel round trip: download, fill offline, upload; all rows checked, all or nothing."""

import io
import re
import time
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from assessment.models import AssessmentEvent, CriterionScore, Status
from assessment.services.excel import score_sheet_build
from assessment.services.scoring import score_save
from tests.assessment.factories import make_assessment, office_bytes, ole_bytes

SHEET = "Tự chấm"
FIRST = 7  # the row of criterion 1


@pytest.fixture
def assessment(world):
    return make_assessment(world.commune, 2021, scores=18, notes={5: "Thiếu biên bản họp"})


def download(client, assessment) -> bytes:
    response = client.get(reverse("assessment:excel-download", args=[2021, assessment.commune.code]))
    assert response.status_code == 200
    return response.content


def workbook_of(content: bytes):
    return load_workbook(io.BytesIO(content))


def as_upload(workbook_or_bytes, name: str = "bang-diem.xlsx") -> SimpleUploadedFile:
    if isinstance(workbook_or_bytes, bytes):
        return SimpleUploadedFile(name, workbook_or_bytes)
    buffer = io.BytesIO()
    workbook_or_bytes.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def upload(client, assessment, file):
    return client.post(reverse("assessment:excel-upload", args=[2021, assessment.commune.code]), {"file": file})


def saved(assessment) -> list[tuple]:
    return list(
        CriterionScore.objects.filter(assessment=assessment)
        .order_by("criterion__number")
        .values_list("self_score", "note", "version")
    )


def page_text(response) -> str:
    return response.content.decode()


# --- download ---------------------------------------------------------------------------------------


def test_the_sheet_names_the_commune_and_year_and_carries_the_current_scores_and_notes(client, world, assessment):
    client.force_login(world.commune_user)
    ws = workbook_of(download(client, assessment))[SHEET]
    heading = " ".join(str(ws.cell(row=r, column=1).value) for r in range(1, 5))
    assert "2021" in heading and world.commune.name in heading and world.district.name in heading
    assert [c.value for c in ws[6][:5]] == ["STT", "Tiêu thức", "Điểm tối đa", "Điểm tự chấm", "Giải trình của xã"]
    rows = [[c.value for c in row[:5]] for row in ws.iter_rows(min_row=FIRST, max_row=FIRST + 19)]
    assert [r[0] for r in rows] == list(range(1, 21))
    assert rows[0][1] == assessment.scores.get(criterion__number=1).criterion.name
    assert {r[2] for r in rows} == {20} and {r[3] for r in rows} == {18}
    assert rows[4][4] == "Thiếu biên bản họp"


def test_the_sheet_is_ready_for_offline_work(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    ws = workbook[SHEET]
    assert ws.freeze_panes == "A7"
    assert ws.protection.sheet and not ws["D7"].protection.locked and ws["B7"].protection.locked
    validation = ws.data_validations.dataValidation[0]
    assert (validation.type, validation.formula1, validation.formula2) == ("decimal", "0", "20")
    assert "D7" in str(validation.sqref) and "D26" in str(validation.sqref)
    assert ws.column_dimensions["B"].width >= 40 and ws.column_dimensions["E"].width >= 40
    assert workbook["_mau"].sheet_state == "veryHidden"


def test_formula_looking_text_is_exported_neutralised_and_comes_back_unchanged(client, world, assessment):
    score = assessment.scores.get(criterion__number=2)
    score.note = '=HYPERLINK("http://evil.example","Bấm vào đây")'
    score.save()
    client.force_login(world.commune_user)
    content = download(client, assessment)
    cell = workbook_of(content)[SHEET]["E8"]
    assert cell.data_type == "s" and cell.quotePrefix and cell.value == score.note  # text, shown as typed
    before = saved(assessment)
    response = upload(client, assessment, as_upload(content))
    assert response.status_code == 302
    assert saved(assessment) == before


def test_a_province_user_may_download_but_another_commune_gets_404(client, world, assessment):
    client.force_login(world.province_user)
    assert download(client, assessment)[:2] == b"PK"
    client.force_login(world.sibling_user)
    url = reverse("assessment:excel-download", args=[2021, world.commune.code])
    assert client.get(url).status_code == 404


def test_the_download_takes_a_bounded_number_of_queries(client, world, assessment, django_assert_max_num_queries):
    client.force_login(world.commune_user)
    with django_assert_max_num_queries(10):
        download(client, assessment)


# --- a valid upload -----------------------------------------------------------------------------------


def test_a_filled_sheet_saves_every_row_and_records_the_import(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    ws = workbook[SHEET]
    ws["D7"], ws["E7"] = 20, None
    ws["D8"], ws["E8"] = "17,5", "Chậm báo cáo quý"
    ws["D9"], ws["E9"] = "16.25", "Thu ngân sách chưa đạt"
    response = upload(client, assessment, as_upload(workbook))
    assert response.status_code == 302 and response["Location"].endswith(f"/2021/{world.commune.code}/cham-diem/")
    rows = saved(assessment)
    assert rows[0][:2] == (Decimal("20"), "")
    assert rows[1][:2] == (Decimal("17.5"), "Chậm báo cáo quý")
    assert rows[2][:2] == (Decimal("16.25"), "Thu ngân sách chưa đạt")
    assert rows[3][0] == Decimal("18")
    events = AssessmentEvent.objects.filter(assessment=assessment)
    assert events.filter(kind="import", actor=world.commune_user).count() == 1
    assert set(events.filter(kind="score", field="self_score").values_list("criterion__number", flat=True)) == {1, 2, 3}
    follow = client.get(response["Location"])
    assert "3 tiêu thức được cập nhật" in page_text(follow)


# --- refused uploads: nothing saved --------------------------------------------------------------------


def test_every_bad_row_is_listed_by_row_and_column_and_nothing_is_saved(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    ws = workbook[SHEET]
    ws["D7"] = 21  # above the maximum
    ws["D8"] = "12.3"  # not a 0.25 step
    ws["D9"], ws["E9"] = 15, ""  # below the maximum without a note
    ws["B10"] = "Tiêu thức tự đặt"  # a criterion renamed
    ws["D11"] = "mười lăm"
    ws.delete_rows(FIRST + 19)  # criterion 20 removed
    ws["A30"], ws["B30"], ws["D30"] = 21, "Thêm một dòng", 10  # an extra row
    before = saved(assessment)
    response = upload(client, assessment, as_upload(workbook))
    text = page_text(response)
    assert response.status_code == 200
    assert "Chưa lưu gì: tệp có 7 lỗi" in text
    assert "Dòng 7, cột D (Điểm tự chấm): điểm phải từ 0 đến 20, theo bước 0,25 (trong tệp: “21”)." in text
    assert "Dòng 8, cột D (Điểm tự chấm)" in text
    assert "Dòng 9, cột E (Giải trình của xã): điểm 15 thấp hơn điểm tối đa 20, cần ghi giải trình." in text
    assert "Dòng 10, cột B (Tiêu thức): tên không khớp" in text
    assert "Dòng 11, cột D (Điểm tự chấm)" in text
    assert "Dòng 30, cột A (STT): dòng thừa" in text
    assert "Thiếu dòng của tiêu thức 20" in text
    assert saved(assessment) == before
    assert not AssessmentEvent.objects.filter(assessment=assessment).exists()


def test_a_score_that_excel_turned_into_a_date_or_a_formula_is_explained(client, world, assessment):
    import datetime

    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    ws = workbook[SHEET]
    ws["D7"] = datetime.datetime(2021, 5, 12)
    ws["D8"] = "=10+5"
    text = page_text(upload(client, assessment, as_upload(workbook)))
    assert "Dòng 7, cột D (Điểm tự chấm): Excel đang hiểu ô này là ngày tháng" in text
    assert "Dòng 8, cột D (Điểm tự chấm): không dùng công thức" in text


def test_the_largest_sheet_the_portal_writes_imports_back(client, world):
    """Returned with the longest notes the import accepts and long district comments on every row."""
    returned = make_assessment(world.commune, 2021, status=Status.RETURNED, scores=15)
    text = "Xã đã triển khai nhưng còn thiếu biên bản, hồ sơ lưu trữ chưa đầy đủ; "
    for score in returned.scores.all():
        score.note, score.district_comment = (text * 40)[:2000], (text * 80)[:4000]
        score.save()
    client.force_login(world.commune_user)
    content = download(client, returned)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        assert sum(info.file_size for info in archive.infolist()) > 150 * 1024
    workbook = workbook_of(content)
    workbook[SHEET]["D7"] = 16
    response = upload(client, returned, as_upload(workbook))
    assert response.status_code == 302
    assert saved(returned)[0][0] == Decimal("16")


def test_a_sheet_saved_with_a_wrong_size_still_has_every_row_read(client, world, assessment):
    """Some programs write a sheet's declared size wrong: the rows are read all the same."""
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    workbook[SHEET]["D26"] = 20  # criterion 20
    content = _rewrite_member(
        as_upload(workbook).read(),
        "xl/worksheets/sheet1.xml",
        lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:E6"', xml),
    )
    response = upload(client, assessment, as_upload(content))
    assert response.status_code == 302
    assert saved(assessment)[19][0] == Decimal("20")


@pytest.mark.parametrize("last_row", [600, 1048576], ids=["row-600", "excels-last-row"])
def test_a_sheet_longer_than_500_rows_is_refused_quickly(client, world, assessment, last_row):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    workbook[SHEET].cell(row=last_row, column=1, value=21)
    before = saved(assessment)
    started = time.perf_counter()
    response = upload(client, assessment, as_upload(workbook))
    assert time.perf_counter() - started < 5
    assert f"Trang “Tự chấm” có quá nhiều dòng ({last_row})." in page_text(response)
    assert saved(assessment) == before


def _rewrite_member(content: bytes, name: str, change) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(content)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info.filename, change(data) if info.filename == name else data)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("Biên bản họp".encode(), "Tệp không phải bảng tính Excel (.xlsx)"),
        (office_bytes("docx"), "Tệp nén này không phải bảng tính Excel"),
        (b"PK\x03\x04" + b"\x00" * 200, "Tệp bị hỏng hoặc không phải bảng tính Excel"),
        (ole_bytes("Workbook"), "Đây là tệp Excel 97-2003 (.xls)"),
    ],
    ids=["text", "docx", "broken-zip", "xls"],
)
def test_a_file_that_is_not_an_xlsx_is_refused_with_a_clear_message(client, world, assessment, content, message):
    client.force_login(world.commune_user)
    before = saved(assessment)
    response = upload(client, assessment, as_upload(content))
    assert response.status_code == 200 and message in page_text(response)
    assert saved(assessment) == before


def test_a_file_over_5_mb_is_refused(client, world, assessment):
    client.force_login(world.commune_user)
    big = SimpleUploadedFile("to.xlsx", b"PK\x03\x04" + b"\x00" * (5 * 1024 * 1024 + 10))
    assert "Tệp lớn hơn 5 MB" in page_text(upload(client, assessment, big))


def test_a_workbook_not_made_from_the_portal_template_is_refused(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = Workbook()
    ws = workbook.active
    ws.title = SHEET
    ws.append(["STT", "Tiêu thức", "Điểm tối đa", "Điểm tự chấm", "Giải trình của xã"])
    response = upload(client, assessment, as_upload(workbook))
    assert "Tệp này không phải mẫu bảng tự chấm do cổng tạo" in page_text(response)


def test_a_tampered_marker_is_refused(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    workbook["_mau"]["A2"] = workbook["_mau"]["A2"].value[:-3] + "abc"
    response = upload(client, assessment, as_upload(workbook))
    assert "Tệp này không phải mẫu bảng tự chấm do cổng tạo" in page_text(response)


def test_another_communes_sheet_is_refused(client, world, assessment):
    sibling = make_assessment(world.sibling, 2021, scores=10)
    client.force_login(world.commune_user)
    response = upload(client, assessment, as_upload(score_sheet_build(assessment=sibling)))
    assert f"không phải của {world.commune.name} năm 2021" in page_text(response)
    assert saved(assessment)[0][0] == Decimal("18")


def test_last_years_sheet_is_refused(client, world, assessment):
    old = make_assessment(world.commune, 2020, scores=12)
    client.force_login(world.commune_user)
    response = upload(client, assessment, as_upload(score_sheet_build(assessment=old)))
    assert "năm 2020, không phải của" in page_text(response)
    assert saved(assessment)[0][0] == Decimal("18")


def test_a_stale_file_is_refused_with_the_criteria_changed_since_download(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    third = assessment.scores.select_related("criterion").get(criterion__number=3)
    score_save(score=third, actor=world.commune_user, value="19", note="Đã bổ sung", expected_version=third.version)
    workbook[SHEET]["D10"] = 20  # criterion 4, edited offline; criterion 3 still shows the old 18
    before = saved(assessment)
    text = page_text(upload(client, assessment, as_upload(workbook)))
    assert "sau khi bạn tải tệp về, các tiêu thức dưới đây đã được thay đổi trên cổng" in text
    assert "Tiêu thức 3:" in text and "điểm hiện là 19" in text
    assert saved(assessment) == before


def test_a_stale_file_that_agrees_with_the_later_change_is_accepted(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = workbook_of(download(client, assessment))
    third = assessment.scores.select_related("criterion").get(criterion__number=3)
    score_save(score=third, actor=world.commune_user, value="19", note="Đã bổ sung", expected_version=third.version)
    workbook[SHEET]["D9"], workbook[SHEET]["E9"] = 19, "Đã bổ sung"
    assert upload(client, assessment, as_upload(workbook)).status_code == 302


def test_a_submitted_assessment_cannot_be_overwritten_from_excel(client, world):
    submitted = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.commune_user)
    content = score_sheet_build(assessment=submitted)
    page = client.get(reverse("assessment:excel-upload", args=[2021, world.commune.code]))
    assert "Không nhập được lúc này." in page_text(page)
    before = saved(submitted)
    response = upload(client, submitted, as_upload(content))
    assert "xã không sửa được điểm" in page_text(response)
    assert saved(submitted) == before


def test_another_communes_upload_url_answers_404(client, world, assessment):
    make_assessment(world.sibling, 2021, scores=10)
    client.force_login(world.commune_user)
    response = client.post(
        reverse("assessment:excel-upload", args=[2021, world.sibling.code]),
        {"file": as_upload(score_sheet_build(assessment=assessment))},
    )
    assert response.status_code == 404


def test_the_score_page_offers_the_excel_card(client, world, assessment):
    client.force_login(world.commune_user)
    text = page_text(client.get(reverse("assessment:score-edit", args=[2021, world.commune.code])))
    assert reverse("assessment:excel-download", args=[2021, world.commune.code]) in text
    assert reverse("assessment:excel-upload", args=[2021, world.commune.code]) in text
