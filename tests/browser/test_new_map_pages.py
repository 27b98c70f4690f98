"""The pages the two maps added, as their users see them (screenshots at 1366 and 390 px): the year's
targets, the province dashboard of a year without districts and the commune list on either map."""

import pytest

from assessment.models import Status, YearTarget
from assessment.services.targets import targets_seed_demo
from tests.assessment.factories import make_assessment, make_year
from tests.browser.conftest import login, screenshot
from tests.factories import province_staff

pytestmark = pytest.mark.browser


def test_province_staff_set_a_share_target_and_see_it_on_the_dashboard(browser_page, live_server, new_world):
    page = browser_page
    year = make_year(2026, has_district_level=False)
    targets_seed_demo(year=year)
    make_assessment(new_world.commune, year, status=Status.FINALIZED, scores=19)
    make_assessment(new_world.other_commune, year, status=Status.SUBMITTED, scores=16)
    login(page, live_server, new_world.province_user.username)
    page.goto(f"{live_server.url}/danh-gia/nam/2026/chi-tieu/")
    screenshot(page, "targets-01-year-2026")
    tsvm = YearTarget.objects.get(year=year, metric="tsvm")
    field = page.locator("input[name$='-value']").first
    field.fill("55")
    page.get_by_role("button", name="Lưu chỉ tiêu").click()
    page.wait_for_load_state("networkidle")
    assert "Đã lưu chỉ tiêu năm 2026" in page.locator("main").inner_text()
    tsvm.refresh_from_db()
    assert str(tsvm.value).rstrip("0").rstrip(".") == "55"
    page.goto(f"{live_server.url}/bao-cao/?nam=2026")
    text = page.locator("main").inner_text()
    assert "Chỉ tiêu năm 2026" in text and "≥ 55 %" in text and "giá trị minh họa" in text
    assert "huyện" not in text.lower()
    screenshot(page, "targets-02-dashboard-2026")


def test_the_commune_list_shows_the_map_of_the_day_asked(browser_page, live_server, dienbien):
    page = browser_page
    login(page, live_server, province_staff(dienbien).username)
    page.goto(f"{live_server.url}/xa/")
    assert page.locator("table tbody tr").count() == 45
    assert "huyện" not in page.locator("table thead").inner_text().lower()
    screenshot(page, "communes-01-list-today")
    page.goto(f"{live_server.url}/xa/?nam=2021")
    assert "huyện" in page.locator("table thead").inner_text().lower()
    assert "129" in page.locator("main").inner_text()
    screenshot(page, "communes-02-list-2021")
