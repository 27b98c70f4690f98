"""Province staff bring in a past year's results: the upload page, a dry run with problems (an unmatched
name, a class the thresholds deny), the clean dry run and the saved result (screenshots at 1366 and 390 px)."""

import pytest

from assessment.models import Assessment, Status
from assessment.services.history_template import history_template_build
from tests.assessment.factories import default_criteria_set
from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def _file(rows: list[list]) -> dict:
    content = history_template_build(criteria_set=default_criteria_set(), year=2020, rows=rows)
    return {"name": "ket-qua-2020.xlsx", "mimeType": "application/octet-stream", "buffer": content}


def _line(code: str, name: str, score: int, klass: str) -> list:
    return [code, name, *[score] * 20, score * 20, klass, "Không", "", "", "", ""]


def _send(page, rows: list[list]) -> None:
    page.fill("input[name=year]", "2020")
    page.set_input_files("input[name=file]", files=[_file(rows)])
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")


def test_province_staff_check_a_file_fix_it_and_import_it(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/danh-gia/nam/")
    page.click("a:has-text('Nhập kết quả các năm trước')")
    page.wait_for_load_state("networkidle")
    assert "Tải tệp mẫu (.xlsx)" in page.locator("main").inner_text()
    screenshot(page, "history-01-upload")

    _send(page, [_line(world.commune.code, "", 18, "Tốt"), _line("", "Sin Thầu Mới", 15, "Tốt")])
    text = page.locator("main").inner_text()
    assert "Tệp còn lỗi: chưa lưu gì" in text and "Tên gần nhất" in text and "xếp loại là Khá" in text
    assert page.locator("button:has-text('Xác nhận nhập')").count() == 0
    screenshot(page, "history-02-dry-run-problems")
    assert not Assessment.objects.filter(year__year=2020).exists()

    page.goto(f"{live_server.url}/danh-gia/nam/nhap-ket-qua/")
    _send(page, [_line(world.commune.code, "", 18, "Tốt"), _line("", "xa sin thau", 15, "Khá")])
    assert "Tệp sạch: 2 xã" in page.locator("main").inner_text()
    screenshot(page, "history-03-dry-run-clean")
    page.click("button:has-text('Xác nhận nhập 2 xã')")
    page.wait_for_load_state("networkidle")
    assert "Đã nhập kết quả năm 2020 của 2 xã" in page.locator("main").inner_text()
    assert Assessment.objects.filter(year__year=2020, status=Status.FINALIZED).count() == 2
    screenshot(page, "history-04-saved")
