"""Commune staff score their year in a real browser: rows save as they leave them, errors stay in the row."""

import re
from decimal import Decimal

from assessment.models import Status
from assessment.services.scoring import score_save
from tests.assessment.factories import EXE_BYTES, PDF_BYTES, default_criteria_set, make_assessment
from tests.browser.conftest import login, screenshot


def test_commune_staff_score_row_by_row_then_submit(browser_page, live_server, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(4, 21)})
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.click("nav >> text=Chấm điểm")
    page.wait_for_load_state("networkidle")  # htmx binds the rows once the page has loaded
    assert page.locator("h1.page-title").inner_text() == "Tự đánh giá, chấm điểm năm 2021"

    page.fill("#c1-value", "20")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c1-status >> text=/Đã lưu lúc \\d\\d:\\d\\d/")
    assert page.locator("[data-testid=total]").inner_text().startswith("360")

    page.set_input_files(
        "#c1-file", files=[{"name": "bien-ban-ky-hop.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    page.click("#c1-evidence >> text=Tải lên")
    page.wait_for_selector("#c1-evidence >> text=Đã tải lên “bien-ban-ky-hop.pdf”.")
    assert page.locator("#c1-evidence a", has_text="bien-ban-ky-hop.pdf").count() == 1
    page.set_input_files(
        "#c1-file", files=[{"name": "hoa-don.pdf", "mimeType": "application/pdf", "buffer": EXE_BYTES}]
    )
    page.click("#c1-evidence >> text=Tải lên")
    page.wait_for_selector("#c1-evidence >> text=nội dung không phải PDF")

    page.fill("#c2-value", "17,5")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c2-status >> text=cần ghi giải trình")
    assert "is-invalid" in page.locator("#c2-note").get_attribute("class")
    page.fill("#c2-note", "Chậm 2 báo cáo quý")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c2-status >> text=/Đã lưu lúc/")
    assert "is-invalid" not in page.locator("#c2-note").get_attribute("class")

    page.fill("#c3-value", "12,3")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c3-status >> text=Tiêu thức 3: điểm phải từ 0 đến 20, bước 0,25")
    assert page.locator("#c3-value").input_value() == "12,3"
    screenshot(page, "score-edit-errors")

    page.fill("#c3-value", "19")
    page.fill("#c3-note", "Một vụ việc hòa giải kéo dài")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c3-status >> text=/Đã lưu lúc/")
    assert page.locator("[data-testid=total]").inner_text().startswith("396,5")
    assert "Tiêu thức 3 · Điểm tự chấm" in page.locator("#score-timeline").inner_text()

    page.click("main >> text=Nộp lên huyện… >> nth=0")
    assert page.locator("h1.page-title").inner_text() == "Xác nhận nộp"
    screenshot(page, "score-submit-confirm")
    page.click("text=Xác nhận nộp lên huyện")
    page.wait_for_selector("[data-testid=read-only-banner]")
    assert re.search(r"Đã nộp ngày \d\d/\d\d/\d{4}, đang chờ huyện thẩm định", page.content())
    assert page.locator("#c1-value").is_disabled()
    screenshot(page, "score-submitted")
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_a_row_saved_meanwhile_by_someone_else_is_not_overwritten(browser_page, live_server, world):
    assessment = make_assessment(world.commune, 2021)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/cham-diem/")
    score = assessment.scores.select_related("criterion").get(criterion__number=5)
    score_save(score=score, actor=world.sibling_user, value="18", note="Ghi bởi đồng nghiệp", expected_version=1)

    page.fill("#c5-value", "20")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c5-row >> text=/Tiêu thức 5 vừa được .* lưu lúc/")
    assert page.locator("#c5-value").input_value() == "18"
    assert page.locator("#c5-note").input_value() == "Ghi bởi đồng nghiệp"
    screenshot(page, "score-conflict")
    score.refresh_from_db()
    assert score.self_score == Decimal("18")

    # The row now carries the current version: the user's next save goes through.
    page.fill("#c5-value", "19")
    page.keyboard.press("Tab")
    page.wait_for_selector("#c5-status >> text=/Đã lưu lúc/")
    score.refresh_from_db()
    assert score.self_score == Decimal("19") and score.version == 3


def test_nothing_typed_is_lost_a_refused_save_keeps_it_and_the_saved_value_typed_back_is_saved(
    browser_page, live_server, world, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 21)})
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/cham-diem/")
    page.wait_for_load_state("networkidle")

    # Typing marks the row "Chưa lưu"; typing the saved value back shows it saved again.
    page.fill("#c4-value", "19")
    assert "Chưa lưu" in page.locator("#c4-status").inner_text()
    page.fill("#c4-value", "20")
    assert "Chưa lưu" not in page.locator("#c4-status").inner_text()
    assert "Đã lưu lúc" in page.locator("#c4-status").inner_text()

    # Someone else saves row 6 meanwhile: the refused save keeps the typed score and note beside theirs.
    score = assessment.scores.select_related("criterion").get(criterion__number=6)
    score_save(score=score, actor=world.sibling_user, value="18", note="Ghi bởi đồng nghiệp", expected_version=1)
    page.fill("#c6-note", "Thiếu biên bản họp tháng 3")
    page.keyboard.press("Tab")
    mine = page.locator("#c6-mine")
    mine.wait_for()
    assert "Thiếu biên bản họp tháng 3" in mine.inner_text() and "điểm 20" in mine.inner_text()
    assert page.locator("#c6-value").input_value() == "18"
    assert page.locator("#c6-note").input_value() == "Ghi bởi đồng nghiệp"
    screenshot(page, "score-conflict-keeps-typed")
    mine.get_by_role("button", name="Dùng lại nội dung của tôi").click()
    page.wait_for_selector("#c6-status >> text=/Đã lưu lúc/")
    score.refresh_from_db()
    assert (score.self_score, score.note) == (Decimal("20"), "Thiếu biên bản họp tháng 3")

    # The file input speaks Vietnamese and names the chosen file.
    picker = page.locator("#c1-evidence .file-picker")
    assert picker.locator(".file-picker-button").inner_text() == "Chọn tệp"
    assert picker.locator(".file-picker-name").inner_text() == "Chưa chọn tệp nào"
    page.set_input_files(
        "#c1-file", files=[{"name": "bien-ban.pdf", "mimeType": "application/pdf", "buffer": PDF_BYTES}]
    )
    assert picker.locator(".file-picker-name").inner_text() == "bien-ban.pdf"


def test_save_all_with_errors_takes_the_user_to_the_first_bad_row(browser_page, live_server, world):
    make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 21)})
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/cham-diem/")
    page.wait_for_load_state("networkidle")
    page.evaluate("document.querySelectorAll('.score-fields').forEach(f => f.removeAttribute('hx-trigger'))")
    page.fill("#c14-value", "abc")
    page.fill("#c17-value", "99")
    page.click("#score-form button[type=submit] >> nth=0")
    page.wait_for_load_state("networkidle")
    assert "Chưa lưu gì: 2 tiêu thức có lỗi" in page.locator("main").inner_text()
    assert page.evaluate("document.activeElement.id") == "c14-value"
    top = page.evaluate("document.getElementById('c14-row').getBoundingClientRect().top")
    assert 0 <= top < page.viewport_size["height"]


def test_province_staff_open_a_year_and_confirm_the_criteria_set(browser_page, live_server, world):
    default_criteria_set()  # the migration's rows do not survive the live server's flush
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.click("nav >> text=Quản lý")
    page.click("nav >> text=Năm đánh giá")
    assert "Chưa có năm đánh giá nào." in page.content()
    page.click("text=Mở năm đánh giá mới")
    page.fill("#id_year", "2021")
    page.fill("#id_self_deadline", "15/11/2021")
    page.fill("#id_review_deadline", "05/12/2021")
    page.fill("#id_confirm_deadline", "25/12/2021")
    screenshot(page, "year-form")
    page.click("main >> button[type=submit]")
    page.wait_for_selector("text=Đã lưu năm đánh giá 2021: 3 xã có bản đánh giá.")
    assert "15/11/2021" in page.locator("tbody").inner_text()
    screenshot(page, "year-list")

    page.click("nav >> text=Quản lý")
    page.click("nav >> text=Bộ tiêu thức")
    page.click("main .list-group-item >> nth=0")
    assert page.locator("text=Trạng thái: tạm thời").count() == 1
    page.fill("#id_number", "34/2011/QĐ-UBND")
    page.fill("#id_decision_date", "31/02/2021")
    page.click('main form button:has-text("Ghi quyết định")')
    page.wait_for_selector("text=tháng 2 năm 2021 không có ngày 31")
    screenshot(page, "criteria-set-detail")
    page.fill("#id_decision_date", "07/11/2011")
    page.click('main form button:has-text("Ghi quyết định")')
    page.wait_for_selector("text=không còn là bản tạm thời")
    assert page.locator(".badge-provisional").count() == 0
    assert page.locator("text=Trạng thái: theo Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011").count() == 1
    screenshot(page, "criteria-set-decided")
