"""An official result reads as official in the browser, even while the criteria set is provisional."""

from assessment.models import Status
from assessment.services.workflow import assessment_year_lock
from tests.assessment.factories import make_assessment, make_year
from tests.browser.conftest import login, screenshot


def test_a_confirmed_result_of_a_year_locked_anyway_reads_as_official(browser_page, live_server, world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    assessment_year_lock(year=make_year(2021), actor=world.province_user, lock_anyway=True)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{assessment.commune.code}/cham-diem/")
    page.wait_for_load_state("networkidle")
    status = page.locator("[data-testid=result-status]")
    assert status.inner_text() == "Kết quả chính thức · năm đã khóa sổ"
    assert "tạm thời" not in page.locator("main").inner_text().lower()
    screenshot(page, "result-official-locked")


def test_a_self_scored_result_is_expected_and_the_set_is_named_once(browser_page, live_server, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{assessment.commune.code}/cham-diem/")
    page.wait_for_load_state("networkidle")
    assert page.locator("[data-testid=result-status]").inner_text() == "Tự chấm · chờ huyện thẩm định"
    assert page.locator("main").inner_text().lower().count("tạm thời") == 1
    screenshot(page, "result-self-scored")


def test_locking_a_year_with_a_provisional_set_needs_the_tick(browser_page, live_server, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/danh-gia/nam/2021/khoa-so/")
    page.check("#id_understood")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=còn tạm thời (chưa ghi số, ngày quyết định ban hành)")
    screenshot(page, "year-lock-provisional")
    page.check("#id_understood")
    page.check("#id_lock_anyway")
    page.click("main form button[type=submit]")
    page.wait_for_selector("text=Đã khóa sổ năm 2021.")
