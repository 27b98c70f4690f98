"""The year's whole chain in a real browser: the commune scores and submits, the district returns
one criterion, the commune fixes it and resubmits, the district approves, the province confirms,
and the commune sees its final class. Plus the Excel round trip from the score page."""

import io

import pytest
from openpyxl import load_workbook

from assessment.models import Assessment, Status
from assessment.services.excel import score_sheet_build
from tests.assessment.factories import make_assessment
from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser
YEAR = 2021
# Every criterion full marks except two, each explained: 12 points on criterion 12 keeps it at Khá.
LOWER = {3: ("16,5", "Thu ngân sách đạt 96% dự toán."), 12: ("12", "Tỷ lệ hồ sơ đúng hạn còn thấp.")}


def sign_in_as(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user.username)


def score_url(live_server, code: str) -> str:
    return f"{live_server.url}/danh-gia/{YEAR}/{code}/cham-diem/"


def fill_row(page, number: int, value: str, note: str = "") -> None:
    """Type a criterion's note and score; leaving a field saves the row (htmx). Each save is awaited
    so the live server (one shared SQLite connection) never handles two at once."""
    fields = ([(f"#c{number}-note", note)] if note else []) + [(f"#c{number}-value", value)]
    for selector, text in fields:
        page.fill(selector, text)
        with page.expect_response(lambda r: f"/cham-diem/{number}/" in r.url and r.request.method == "POST"):
            page.locator(selector).press("Tab")


def wait_saved(page, numbers) -> None:
    for number in numbers:
        page.locator(f"#c{number}-status").get_by_text("Đã lưu").wait_for()


def submit(page, live_server, code: str) -> None:
    page.goto(score_url(live_server, code))
    page.get_by_role("link", name="Nộp lên huyện…").first.click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "journey-03-submit-confirm")
    page.get_by_role("button", name="Xác nhận nộp lên huyện").click()
    page.wait_for_load_state("networkidle")


def test_the_years_chain_from_self_assessment_to_the_provinces_class(browser_page, live_server, world):
    page, code = browser_page, world.commune.code
    assessment = make_assessment(world.commune, YEAR)

    # 1. Commune staff fill every criterion and submit.
    sign_in_as(page, live_server, world.commune_user)
    page.goto(score_url(live_server, code))
    screenshot(page, "journey-01-score-empty")
    for number in range(1, 21):
        fill_row(page, number, *LOWER.get(number, ("20", "")))
    wait_saved(page, range(1, 21))
    assert page.get_by_test_id("total").inner_text().startswith("388,5")
    screenshot(page, "journey-02-score-filled")
    submit(page, live_server, code)
    assert page.get_by_test_id("read-only-banner").is_visible()
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED

    # 2. The district returns criterion 3 with a comment.
    sign_in_as(page, live_server, world.reviewer)
    page.goto(f"{live_server.url}/danh-gia/tham-dinh/huyen/{world.district.code}/?nam={YEAR}")
    screenshot(page, "journey-04-review-queue")
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{code}/tham-dinh/")
    page.locator("#tieu-thuc-3 textarea").fill("Đề nghị bổ sung báo cáo quyết toán ngân sách.")
    page.locator("textarea[name=comment]").fill("Đề nghị xã bổ sung minh chứng tiêu thức 3 rồi nộp lại.")
    screenshot(page, "journey-05-review-return")
    page.get_by_role("button", name="Trả lại xã").click()
    page.wait_for_load_state("networkidle")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.RETURNED

    # 3. The commune sees the comment on criterion 3, fixes it and resubmits.
    sign_in_as(page, live_server, world.commune_user)
    page.goto(score_url(live_server, code))
    assert "Đề nghị bổ sung báo cáo quyết toán ngân sách." in page.locator("#c3-row").inner_text()
    assert "Đề nghị xã bổ sung minh chứng tiêu thức 3" in page.locator("main").inner_text()
    screenshot(page, "journey-06-score-returned")
    fill_row(page, 3, "18,5", "Đã bổ sung báo cáo quyết toán; thu đạt 98% dự toán.")
    wait_saved(page, [3])
    submit(page, live_server, code)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED

    # 4. The district approves with its scores prefilled from the self scores.
    sign_in_as(page, live_server, world.reviewer)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{code}/tham-dinh/")
    screenshot(page, "journey-07-review-approve")
    page.get_by_role("button", name="Duyệt với điểm thẩm định").click()
    page.wait_for_load_state("networkidle")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DISTRICT_APPROVED

    # 5. The province confirms the class.
    sign_in_as(page, live_server, world.province_user)
    page.goto(f"{live_server.url}/danh-gia/cong-nhan/?nam={YEAR}")
    screenshot(page, "journey-08-confirm-list")
    page.locator(f"tr[data-commune='{code}']").get_by_role("button", name="Công nhận").click()
    page.wait_for_load_state("networkidle")
    confirmed = Assessment.objects.get(pk=assessment.pk)
    assert (confirmed.status, confirmed.final_class, confirmed.tsvm) == (Status.FINALIZED, "fair", False)
    screenshot(page, "journey-09-confirmed")

    # 6. The commune sees its final class and why.
    sign_in_as(page, live_server, world.commune_user)
    page.goto(score_url(live_server, code))
    assert page.get_by_test_id("class").inner_text() == "Khá"
    assert "Tiêu thức 12 đạt 12 < 15" in page.locator("#score-summary").inner_text()
    screenshot(page, "journey-10-commune-final")
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{code}/")
    assert "Khá" in page.locator("main").inner_text()
    screenshot(page, "journey-11-assessment-detail")


def test_the_commune_downloads_the_sheet_and_uploads_it_back(browser_page, live_server, world):
    page, code = browser_page, world.commune.code
    assessment = make_assessment(world.commune, YEAR, scores=18)
    sign_in_as(page, live_server, world.commune_user)
    page.goto(score_url(live_server, code))
    with page.expect_download() as download_info:
        page.get_by_role("link", name="Tải bảng điểm (.xlsx)").click()
    download = download_info.value
    assert download.suggested_filename == f"tu-cham-{YEAR}-{code}-xa-muong-nhe.xlsx"
    workbook = load_workbook(io.BytesIO(download.path().read_bytes()))

    page.get_by_role("link", name="Tải lên tệp đã điền…").click()
    page.wait_for_load_state("networkidle")
    screenshot(page, "excel-01-upload-form")

    ws = workbook["Tự chấm"]
    ws["D7"], ws["D8"], ws["E9"] = 25, "17,5", ""
    page.set_input_files("input[type=file]", files=[_as_file(workbook)])
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state("networkidle")
    errors = page.get_by_test_id("import-errors").inner_text()
    assert "Dòng 7, cột D (Điểm tự chấm)" in errors and "Dòng 9, cột E (Giải trình của xã)" in errors
    screenshot(page, "excel-02-upload-errors")

    ws["D7"], ws["E8"] = 20, "Chậm báo cáo quý III"
    ws["E9"] = "Thu ngân sách chưa đạt dự toán"
    page.set_input_files("input[type=file]", files=[_as_file(workbook)])
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state("networkidle")
    assert "tiêu thức được cập nhật" in page.locator("main").inner_text()
    assert page.input_value("#c2-value") == "17,5"  # row 8 is criterion 2
    screenshot(page, "excel-03-after-import")
    assert assessment.scores.get(criterion__number=1).self_score == 20


def test_an_other_communes_sheet_is_refused_in_the_browser(browser_page, live_server, world):
    make_assessment(world.commune, YEAR, scores=18)
    sibling = make_assessment(world.sibling, YEAR, scores=15)
    page = browser_page
    sign_in_as(page, live_server, world.commune_user)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{world.commune.code}/excel/nhap/")
    page.set_input_files(
        "input[type=file]",
        files=[
            {
                "name": "bang-diem.xlsx",
                "mimeType": "application/octet-stream",
                "buffer": score_sheet_build(assessment=sibling),
            }
        ],
    )
    page.get_by_role("button", name="Kiểm tra và nhập").click()
    page.wait_for_load_state("networkidle")
    assert "không phải của Xã Mường Nhé năm 2021" in page.get_by_test_id("import-errors").inner_text()


def _as_file(workbook) -> dict:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return {
        "name": "bang-diem.xlsx",
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "buffer": buffer.getvalue(),
    }
