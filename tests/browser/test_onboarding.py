"""Onboarding in the browser: the accounts list, an upload's dry run, and a new account's link."""

from io import BytesIO

from openpyxl import Workbook

from communes.accounts.services import set_password_path
from communes.accounts.workbook import COLUMNS
from communes.models import Role, User
from tests.browser.conftest import login, screenshot


def _workbook_file(tmp_path, *rows) -> str:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for _key, header in COLUMNS])
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    workbook.save(output)
    path = tmp_path / "nguoi-dung.xlsx"
    path.write_bytes(output.getvalue())
    return str(path)


def test_province_staff_see_their_users_and_the_dry_run_of_an_upload(browser_page, live_server, new_world, tmp_path):
    page = browser_page
    world = new_world.old
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/tai-khoan/")
    assert page.locator("h1.page-title").inner_text() == "Tài khoản người dùng"
    assert page.locator("text=đã sáp nhập vào Xã Mường Nhé").count() >= 1
    screenshot(page, "account-list")
    page.click("text=Nhập danh sách từ Excel")
    path = _workbook_file(
        tmp_path,
        ["Nguyễn Văn Một", "mot", "khong-phai-email", "Cán bộ, công chức cấp xã", new_world.commune.code],
        ["Lò Thị Hai", world.commune_user.username, "", "Cán bộ, công chức cấp xã", "99999"],
    )
    page.set_input_files("input#id_file", path)
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Tệp có 3 lỗi. Chưa tạo tài khoản nào." in page.locator("main").inner_text()
    screenshot(page, "account-upload-dry-run")
    assert not User.objects.filter(username="mot").exists()


def test_a_new_user_sets_a_password_through_the_one_time_link(browser_page, live_server, world):
    page = browser_page
    user = User(username="xa.muongnhe", role=Role.COMMUNE_STAFF, commune=world.commune, province=world.province)
    user.set_unusable_password()
    user.must_set_password = True
    user.save()
    page.goto(f"{live_server.url}{set_password_path(user)}")
    assert page.locator("h1").inner_text() == "Đặt mật khẩu"
    screenshot(page, "account-set-password")
    page.fill("input[name=new_password1]", "Mat-khau-moi-2026!")
    page.fill("input[name=new_password2]", "Mat-khau-moi-2026!")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1").inner_text() == "Đã đặt mật khẩu"
    user.refresh_from_db()
    assert user.check_password("Mat-khau-moi-2026!") and not user.must_set_password
