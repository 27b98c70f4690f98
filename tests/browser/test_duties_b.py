"""The duties pages in the browser: a commune records its reception figures and meetings, a reviewer
records a coaching visit, and province staff see the duties on the dashboard (1366 and 390 px)."""

from datetime import date

from openpyxl import load_workbook

from assessment.models import AssessmentYear
from communes.profile.models import CitizenReception, CoachingVisit
from tests.assessment.factories import make_year
from tests.browser.conftest import login, screenshot


def test_commune_staff_record_the_years_duties_and_see_them_on_the_page(browser_page, live_server, world, tmp_path):
    page = browser_page
    login(page, live_server, world.commune_user.username)
    base = f"{live_server.url}/xa/{world.commune.code}/ho-so/2021"
    page.goto(f"{base}/nhiem-vu/")
    assert "Chưa nhập số liệu tiếp công dân năm này." in page.locator("main").inner_text()
    screenshot(page, "duties-commune-empty")

    page.click("section[aria-labelledby=reception-title] a:has-text('Nhập')")
    page.wait_for_load_state("networkidle")
    for name, value in {
        "sessions_total": "24",
        "sessions_by_chair": "30",
        "citizens_received": "60",
        "complaints_received": "4",
        "denunciations_received": "1",
        "petitions_received": "15",
        "resolved": "16",
        "resolved_on_time": "15",
        "outstanding": "3",
        "passed_upward": "1",
    }.items():
        page.fill(f"input[name={name}]", value)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "không được lớn hơn tổng số buổi tiếp công dân (24)" in page.locator("main").inner_text()
    screenshot(page, "duties-reception-form-error")
    page.fill("input[name=sessions_by_chair]", "12")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert CitizenReception.objects.filter(commune=world.commune, year=2021).exists()

    page.goto(f"{base}/giao-ban/")
    for month in range(1, 12):
        page.check(f"input[name=months][value='{month}']")
    page.check("input[name=council_rules_issued]")
    page.check("input[name=council_rules_followed]")
    screenshot(page, "duties-governance-form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    assert "11/12 tháng" in text and "80,0%" in text
    screenshot(page, "duties-commune-filled")

    page.goto(f"{base}/nhiem-vu/nhap-excel/")
    screenshot(page, "duties-import")
    with page.expect_download() as info:
        page.click("main a:has-text('Tải mẫu Excel')")
    path = tmp_path / "mau.xlsx"
    info.value.save_as(path)
    workbook = load_workbook(path)
    workbook["Nhiệm vụ"]["C8"] = "bốn"
    workbook.save(path)
    page.set_input_files("input[name=file]", str(path))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Dòng 8, cột C (Đơn khiếu nại nhận được)" in page.locator(".alert-danger").inner_text()
    screenshot(page, "duties-import-refused")


def test_a_reviewer_records_a_coaching_visit(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.reviewer.username)
    page.goto(f"{live_server.url}/xa/{world.commune.code}/huong-dan/them/?nam=2021")
    page.select_option("select[name=level]", "district")
    page.fill("input[name=coach]", "Lò Văn Thắng")
    page.fill("input[name=coach_unit]", "Phòng Nội vụ huyện Mường Nhé")
    page.fill("input[name=start_date]", "25/03/2021")
    page.fill("input[name=end_date]", "10/04/2021")
    page.fill("textarea[name=topics]", "Quy trình một cửa")
    screenshot(page, "duties-coaching-form")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert CoachingVisit.objects.get().days == 17
    assert "10/15 ngày" in page.locator("main").inner_text()
    screenshot(page, "duties-coaching-list")
    page.goto(f"{live_server.url}/xa/{world.commune.code}/huong-dan/nhap-excel/?nam=2021")
    screenshot(page, "duties-coaching-import")


def test_province_staff_see_the_duties_on_the_dashboard(browser_page, live_server, world, sample):
    make_year(2022)
    AssessmentYear.objects.filter(year=2022).update(has_district_level=True)
    CitizenReception.objects.create(
        commune=world.commune,
        year=2022,
        sessions_total=10,
        sessions_by_chair=4,
        citizens_received=30,
        complaints_received=2,
        denunciations_received=1,
        petitions_received=7,
        resolved=8,
        resolved_on_time=7,
        outstanding=2,
        passed_upward=0,
    )
    CoachingVisit.objects.create(
        commune=sample.extra_a,
        level="district",
        coach="A",
        start_date=date(2022, 3, 25),
        end_date=date(2022, 4, 10),
        topics="x",
    )
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/bao-cao/?nam=2022")
    page.locator("#civic-title").scroll_into_view_if_needed()
    assert "7/15" in page.locator("section[aria-labelledby=coaching-title]").inner_text()
    screenshot(page, "duties-province-dashboard")
