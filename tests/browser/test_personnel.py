"""Officials and the commune profile in the browser: the pages a commune user and a reviewer use."""

from datetime import date
from io import BytesIO

from openpyxl import Workbook

from communes.profile.models import CommuneProfile, DialogueConference, OfficeRecord, ProcedureStats, Village
from personnel.excel import HEADERS
from tests.browser.conftest import login, screenshot
from tests.personnel.factories import OfficialFactory, cadre, servant


def roster(w) -> None:
    village = Village.objects.create(
        commune=w.commune, name="Huổi Lếch", head_name="Giàng A Sử", party_secretary_name="Giàng A Sử", households=86
    )
    Village.objects.create(
        commune=w.commune, name="Co Mận", head_name="Lò Văn Pọm", party_secretary_name="Quàng Văn Inh", households=112
    )
    cadre(w.commune, full_name="Lò Văn Thắng", positions=["bi-thu-dang-uy", "chu-tich-hdnd"])
    cadre(w.commune, full_name="Sùng A Páo", positions=["pho-bi-thu-dang-uy", "chu-tich-ubnd"], political_theory=1)
    servant(w.commune, full_name="Lường Thị Hoa", positions=["van-phong-thong-ke"], professional_level=2)
    servant(w.commune, full_name="Quàng Văn Inh", positions=["tu-phap-ho-tich"], it_level=0)
    OfficialFactory(commune=w.commune, category="part_time", full_name="Cà Thị Ơn", general_education=2)
    OfficialFactory(
        commune=w.commune,
        category="village",
        village=village,
        full_name="Giàng A Sử",
        positions=["truong-thon", "bi-thu-chi-bo"],
        general_education=1,
    )
    CommuneProfile.objects.create(commune=w.commune, new_rural_status="basic", new_rural_year=2020)
    OfficeRecord.objects.create(
        commune=w.commune,
        year=2021,
        building_solid=True,
        floor_area_m2=380,
        standard_area_m2=400,
        year_built=2010,
        computers=14,
        has_internet_computers=True,
        has_printer=True,
        has_photocopier=True,
        has_telephone=False,
    )
    ProcedureStats.objects.create(
        commune=w.commune, year=2021, period="year", applicable=124, posted=124, received=612, on_time=605, late=3
    )
    DialogueConference.objects.create(
        commune=w.commune,
        year=2021,
        held_on=date(2021, 12, 16),
        participants=132,
        issues_raised=21,
        issues_answered=19,
        chaired_by="Sùng A Páo",
    )


def test_commune_staff_see_their_roster_and_add_an_official(browser_page, live_server, world):
    roster(world)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.click("nav >> text=Cán bộ")
    page.wait_for_load_state("networkidle")
    assert "Thiếu: LLCT trung cấp" in page.locator("table.official-table").inner_text()
    screenshot(page, "personnel-official-list")
    page.click("text=Thêm người")
    page.fill("#id_full_name", "Vừ A Dính")
    page.select_option("#id_gender", "male")
    page.fill("#id_date_of_birth", "12/03/1988")
    page.select_option("#id_ethnicity", label="Mông")
    page.select_option("#id_category", "civil_servant")
    page.get_by_label("Tài chính - kế toán").check()
    page.fill("#id_start_date", "01/06/2015")
    page.select_option("#id_general_education", "3")
    page.select_option("#id_professional_level", "4")
    page.fill("#id_professional_field", "Kế toán")
    page.select_option("#id_it_level", "1")
    screenshot(page, "personnel-official-form")
    page.click("button:has-text('Lưu')")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.page-title").inner_text().startswith("Vừ A Dính")
    assert "Đạt chuẩn" in page.locator("main").inner_text()
    screenshot(page, "personnel-official-detail")


def test_an_official_short_of_the_standard_shows_what_is_missing(browser_page, live_server, world):
    roster(world)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/can-bo/xa/{world.commune.code}/")
    page.click("text=Sùng A Páo")
    page.wait_for_load_state("networkidle")
    assert "Thiếu: LLCT trung cấp" in page.locator(".alert-danger").inner_text()
    screenshot(page, "personnel-official-short")


def test_the_commune_profile_and_villages(browser_page, live_server, world):
    roster(world)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.click("nav >> text=Hồ sơ xã")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    assert "Cơ bản đạt chuẩn nông thôn mới" in text and "16/12/2021" in text
    screenshot(page, "profile-detail")
    page.click("text=Quản lý")
    page.wait_for_load_state("networkidle")
    assert "Bản Huổi Lếch" in page.locator("tbody").inner_text()
    screenshot(page, "profile-villages")
    page.goto(f"{live_server.url}/")
    screenshot(page, "personnel-commune-page-panels")


def test_an_import_with_bad_rows_lists_every_problem(browser_page, live_server, world, tmp_path):
    roster(world)
    workbook = Workbook()
    workbook.active.append(HEADERS)
    workbook.active.append(
        [
            None,
            "Lò Văn Mới",
            "Nam",
            "31/02/1990",
            "Thái",
            "Có",
            "Công chức",
            None,
            "Tư pháp - hộ tịch",
            "01/01/2020",
            None,
            None,
            "Trung học phổ thông",
            "Đại học",
        ]
    )
    workbook.active.append(
        [
            None,
            "Lò Thị Sai",
            "Nữ",
            "01/02/1991",
            "Người Sao Hỏa",
            "Không",
            "Công chức",
            None,
            "Tư pháp - hộ tịch",
            "01/01/2020",
            None,
            None,
            "Trung học phổ thông",
            "Đại học",
        ]
    )
    path = tmp_path / "can-bo.xlsx"
    buffer = BytesIO()
    workbook.save(buffer)
    path.write_bytes(buffer.getvalue())
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/can-bo/xa/{world.commune.code}/nhap-excel/")
    screenshot(page, "personnel-import-upload")
    page.set_input_files("#id_file", str(path))
    page.click("button:has-text('Kiểm tra tệp')")
    page.wait_for_load_state("networkidle")
    text = page.locator("main").inner_text()
    assert "Tệp có 2 lỗi. Chưa nhập dòng nào." in text
    assert "Dòng 3, cột E (Dân tộc)" in text
    screenshot(page, "personnel-import-errors")


def test_a_reviewer_compares_the_communes_of_the_district(browser_page, live_server, world):
    roster(world)
    servant(world.sibling, full_name="Lò Thị Mai")
    page = browser_page
    login(page, live_server, world.reviewer.username)
    screenshot(page, "personnel-district-page-panels")
    page.goto(f"{live_server.url}/can-bo/huyen/{world.district.code}/ti-le/")
    assert "Xã Sín Thầu" in page.locator("table.ratio-matrix").inner_text()
    screenshot(page, "personnel-district-ratios")
    page.goto(f"{live_server.url}/huyen/{world.district.code}/ho-so/?nam=2021")
    screenshot(page, "profile-district")
