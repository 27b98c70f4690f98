"""The files the jobs build, read back: the PDF's text and the workbook's cells."""

import io
from decimal import Decimal

from django.db.models import Sum
from openpyxl import load_workbook

from assessment.models import Assessment, Status
from communes.exports.pdf import place_name, vietnamese_date_line
from reports.models import ReportKind
from reports.services import jobs
from reports.services.xlsx import sheet_title
from tests.reports.readers import as_decimal, pdf_text, sheet_table


def _build(world, kind: str, *, district=None) -> bytes:  # noqa: ANN001
    actor = world.reviewer if district else world.province_user
    job = jobs.report_job_start(actor=actor, kind=kind, year=2021, province=world.province, district=district)
    assert job.status == "succeeded", job.error
    with job.file.open("rb") as handle:
        return handle.read()


def test_the_annual_pdf_has_the_administrative_layout_names_and_the_dashboards_counts(world, sample):
    text = pdf_text(_build(world, ReportKind.PROVINCE_ANNUAL_PDF))
    for line in [
        "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
        "Độc lập - Tự do - Hạnh phúc",
        "UBND TỈNH ĐIỆN BIÊN",
        "SỞ NỘI VỤ",
        "/BC-SNV",
        "Điện Biên, ngày",
        "Kính gửi: Ủy ban nhân dân tỉnh Điện Biên.",
        "I. KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI NĂM 2021",
        "II. DANH SÁCH XẾP LOẠI",
        "III. CÁC XÃ BỊ PHÊ BÌNH",
    ]:
        assert line in text
    assert "Trong sạch, vững mạnh ≥ 65 xã 2 xã 2/7 Chưa đạt (tạm tính)" in text
    assert "Trung bình <6 xã 1 xã 1/7 Đạt (tạm tính)" in text.replace("< 6", "<6")
    assert "Tổng cộng 7 5 1 2 1 1 2" in text  # communes, confirmed, Tốt, Khá, TB, Yếu, TSVM
    assert "Tốt (1): Xã Mường Nhé." in text
    assert "Khá (1): Xã Sín Thầu." in text
    assert "Xã Thanh Xương" in text.split("Các xã bị phê bình hai năm liền")[1]


def test_the_district_reports_name_their_district_and_deadline(world, sample):
    annual = pdf_text(_build(world, ReportKind.DISTRICT_ANNUAL_PDF, district=world.district))
    assert "ỦY BAN NHÂN DÂN" in annual and "HUYỆN MƯỜNG NHÉ" in annual and "/BC-UBND" in annual
    assert "Kính gửi: Sở Nội vụ tỉnh Điện Biên." in annual
    assert "UBND huyện Mường Nhé báo cáo tổng kết năm 2021" in annual
    assert "1 Xã Mường Nhé 360 Tốt x" in annual
    assert "Xã Thanh Xương" not in annual  # another district's commune
    assert "19/01/2022" in annual
    half = pdf_text(_build(world, ReportKind.DISTRICT_HALF_YEAR_PDF, district=world.district))
    assert "Kết quả 6 tháng đầu năm 2021" in half and "18/06/2021" in half


def test_the_term_summary_compares_the_years_of_the_term(world, sample):
    text = pdf_text(_build(world, ReportKind.TERM_SUMMARY_PDF))
    assert "nhiệm kỳ 2021-2026" in text
    assert "THAY ĐỔI XẾP LOẠI TỪ NĂM 2020 ĐẾN NĂM 2021" in text
    assert "1 xã lên hạng, 0 xã xuống hạng." in text  # Xã Mường Nhé: Khá -> Tốt


def test_the_workbook_has_one_row_per_commune_and_the_databases_totals(world, sample):
    content = _build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)
    workbook = load_workbook(io.BytesIO(content))
    assert workbook.sheetnames[:3] == ["Tổng hợp", "Chỉ tiêu", "Xã - tiêu thức"]
    assert {world.district.name, world.other_district.name, "Đội ngũ cán bộ"} <= set(workbook.sheetnames)
    header, rows = sheet_table(content, "Xã - tiêu thức")
    assert len(rows) == 7 and list(header[1:4]) == ["Đơn vị cấp huyện", "Mã xã", "Tên xã"]
    totals = [r[header.index("Tổng điểm")] for r in rows if r[header.index("Tổng điểm")] is not None]
    expected = Assessment.objects.filter(
        year__year=2021, status__in=[Status.FINALIZED, Status.DISTRICT_APPROVED]
    ).aggregate(s=Sum("final_total"))["s"]
    assert as_decimal(sum(totals)) == expected == Decimal(1360)  # 360 + 300 + 220 + 180 + 300
    summary_header, summary = sheet_table(content, "Tổng hợp")
    footer = summary[-1][1:]
    assert footer[1:9] == ["Tổng cộng", 7, 5, 1, 2, 1, 1, 2]


def test_the_workbook_reads_the_data_once_in_a_bounded_number_of_queries(
    world, sample, monkeypatch, django_assert_max_num_queries
):
    # Progress is written every ten points (and after a second: never, here); the dashboard's
    # charts, trends, workflow, averages and lists of communes are not gathered.
    monkeypatch.setattr(jobs, "PROGRESS_INTERVAL", 3600)
    with django_assert_max_num_queries(58):
        content = _build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)
    assert "Nhiệm vụ theo xã" in load_workbook(io.BytesIO(content), read_only=True).sheetnames


def test_the_workbook_is_frozen_filtered_formatted_and_neutralised(world, sample):
    world.commune.name = '=HYPERLINK("http://x")'
    world.commune.save()
    content = _build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)
    sheet = load_workbook(io.BytesIO(content))["Xã - tiêu thức"]
    assert sheet.freeze_panes == "A5" and sheet.auto_filter.ref.startswith("A4:")
    (name,) = [c for c in sheet["D"] if c.value == '=HYPERLINK("http://x")']  # shown as typed, no apostrophe
    assert name.data_type == "s" and name.quotePrefix
    score = sheet["F5"]
    assert sheet["F4"].value == "TT1" and score.value == 18
    assert score.number_format == "0.00"
    assert sheet.column_dimensions["D"].width >= len("Xã Thanh Xương")


def test_sheet_names_are_valid_and_unique():
    taken: set[str] = set()
    assert sheet_title("Huyện A/B: [thử]", taken) == "Huyện A-B- -thử-"
    assert sheet_title("x" * 40, taken) == "x" * 31
    assert sheet_title("x" * 40, taken) == "x" * 28 + "-2"


def test_dates_are_written_as_decree_30_asks():
    from datetime import date

    assert vietnamese_date_line("Điện Biên", date(2022, 2, 5)) == "Điện Biên, ngày 05 tháng 02 năm 2022"
    assert vietnamese_date_line("Điện Biên", date(2021, 11, 28)) == "Điện Biên, ngày 28 tháng 11 năm 2021"
    assert place_name("Huyện Mường Nhé") == "Mường Nhé"


def test_the_workbooks_targets_read_as_typed_with_no_apostrophe(world, sample):
    content = _build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)
    sheet = load_workbook(io.BytesIO(content))["Chỉ tiêu"]
    planned = [c for c in sheet["B"] if isinstance(c.value, str) and c.value.startswith(("=", "≥", "≤"))]
    assert any(c.value == "= 0 xã" for c in planned), [c.value for c in planned]
    assert not [c.value for c in sheet["B"] if isinstance(c.value, str) and c.value.startswith("'")]
    none_at_all = next(c for c in planned if c.value == "= 0 xã")
    assert none_at_all.data_type == "s" and none_at_all.quotePrefix  # text, never a formula
