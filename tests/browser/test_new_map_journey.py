"""2026 on the map of 1 July 2025, in a real browser: the staff of a commune merged from two old ones
score and submit; a province reviewer (there is no district any more) returns one criterion with a
comment; the commune fixes it and resubmits; the reviewer approves; province staff confirm; the commune
sees its class and its predecessors' last three years."""

import re

import pytest

from assessment.models import Assessment, Status
from tests.assessment.factories import make_assessment, make_year
from tests.browser.conftest import login, screenshot
from tests.browser.test_assessment_journey import fill_row, wait_saved

pytestmark = pytest.mark.browser
YEAR = 2026
LOWER = {3: ("16,5", "Thu ngân sách đạt 96% dự toán."), 12: ("12", "Tỷ lệ hồ sơ đúng hạn còn thấp.")}


def sign_in_as(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user.username)


def submit(page, live_server, code: str, shot: str) -> None:
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{code}/cham-diem/")
    page.get_by_role("link", name=re.compile("^Nộp lên")).first.click()
    page.wait_for_load_state("networkidle")
    screenshot(page, shot)
    page.get_by_role("button", name=re.compile("^Xác nhận nộp")).click()
    page.wait_for_load_state("networkidle")


def no_district_words(page) -> None:
    assert "huyện" not in page.locator("main").inner_text().lower(), page.url


def test_a_merged_commune_goes_through_2026_with_a_province_reviewer(browser_page, live_server, new_world):
    page, commune = browser_page, new_world.commune
    old = new_world.old
    for past, (mine, sibling) in {2022: (17, 16), 2023: (18, 16), 2024: (18, 17)}.items():
        make_assessment(old.commune, past, status=Status.FINALIZED, scores=mine)
        make_assessment(old.sibling, past, status=Status.FINALIZED, scores=sibling)
    assessment = make_assessment(commune, make_year(YEAR, has_district_level=False))

    # 1. The merged commune's staff fill every criterion and submit to the province.
    sign_in_as(page, live_server, new_world.commune_user)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{commune.code}/cham-diem/")
    for number in range(1, 21):
        fill_row(page, number, *LOWER.get(number, ("20", "")))
    wait_saved(page, range(1, 21))
    no_district_words(page)
    screenshot(page, "newmap-01-score-filled")
    submit(page, live_server, commune.code, "newmap-02-submit-confirm")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED

    # 2. The province reviewer assigned to the commune finds it in the province queue and returns it.
    sign_in_as(page, live_server, new_world.reviewer)
    page.goto(f"{live_server.url}/danh-gia/tham-dinh/?nam={YEAR}")
    assert commune.name in page.locator("main").inner_text()
    assert new_world.other_commune.name not in page.locator("main").inner_text()
    no_district_words(page)
    screenshot(page, "newmap-03-province-queue")
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{commune.code}/tham-dinh/")
    page.locator("#tieu-thuc-3 textarea").fill("Đề nghị bổ sung báo cáo quyết toán ngân sách.")
    page.locator("textarea[name=comment]").fill("Đề nghị xã bổ sung minh chứng tiêu thức 3 rồi nộp lại.")
    no_district_words(page)
    screenshot(page, "newmap-04-review-return")
    page.get_by_role("button", name=re.compile("^Trả lại")).click()
    page.wait_for_load_state("networkidle")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.RETURNED

    # 3. The commune sees the comment, fixes criterion 3 and resubmits.
    sign_in_as(page, live_server, new_world.commune_user)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{commune.code}/cham-diem/")
    assert "Đề nghị bổ sung báo cáo quyết toán ngân sách." in page.locator("#c3-row").inner_text()
    fill_row(page, 3, "18,5", "Đã bổ sung báo cáo quyết toán; thu đạt 98% dự toán.")
    wait_saved(page, [3])
    submit(page, live_server, commune.code, "newmap-05-resubmit")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED

    # 4. The reviewer approves.
    sign_in_as(page, live_server, new_world.reviewer)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{commune.code}/tham-dinh/")
    page.get_by_role("button", name=re.compile("^Duyệt")).click()
    page.wait_for_load_state("networkidle")
    assert Assessment.objects.get(pk=assessment.pk).status == Status.DISTRICT_APPROVED

    # 5. Province staff confirm.
    sign_in_as(page, live_server, new_world.province_user)
    page.goto(f"{live_server.url}/danh-gia/cong-nhan/?nam={YEAR}")
    no_district_words(page)
    screenshot(page, "newmap-06-confirm-list")
    page.locator(f"tr[data-commune='{commune.code}']").get_by_role("button", name="Công nhận").click()
    page.wait_for_load_state("networkidle")
    confirmed = Assessment.objects.get(pk=assessment.pk)
    assert (confirmed.status, confirmed.final_class) == (Status.FINALIZED, "fair")

    # 6. The commune sees its class, and its predecessors' last three years on its page.
    sign_in_as(page, live_server, new_world.commune_user)
    page.goto(f"{live_server.url}/danh-gia/{YEAR}/{commune.code}/")
    assert "Khá" in page.locator("main").inner_text()
    page.goto(f"{live_server.url}/xa/{commune.code}/")
    text = page.locator("main").inner_text()
    for year in (2022, 2023, 2024):
        assert str(year) in text
    assert old.commune.name in text and old.sibling.name in text
    screenshot(page, "newmap-07-commune-history")
