"""Two-factor sign-in in the browser: setting up an app, the code page, the account security page."""

import base64

from django_otp.oath import TOTP

from tests.browser.conftest import login, screenshot, totp_code, two_factor_device


def test_province_staff_set_up_an_app_and_get_their_backup_codes(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.province_user.username, two_factor=False)
    assert page.url.endswith("/bao-mat/thiet-lap/")
    assert page.locator("h1").inner_text() == "Thiết lập xác thực hai lớp"
    assert page.locator(".security-qr svg").count() == 1
    screenshot(page, "two-factor-setup")
    secret = page.locator("#secret").inner_text().replace(" ", "")
    page.fill("input[name=code]", f"{TOTP(base64.b32decode(secret)).token():06d}")  # as the phone would
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/bao-mat/ma-du-phong/")
    assert page.locator(".security-codes li").count() == 10
    screenshot(page, "two-factor-backup-codes")
    page.click("text=Tôi đã lưu mã, vào cổng")
    page.wait_for_load_state("networkidle")
    assert "/bao-mat/" not in page.url


def test_a_reviewer_enters_a_wrong_then_the_right_code(browser_page, live_server, world):
    page = browser_page
    device = two_factor_device(world.reviewer.username)
    login(page, live_server, world.reviewer.username, two_factor=False)
    assert page.url.endswith("/bao-mat/xac-thuc/")
    screenshot(page, "two-factor-verify")
    page.fill("input[name=code]", "000000" if totp_code(device) != "000000" else "111111")
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Mã không đúng hoặc đã dùng" in page.locator("main").inner_text()
    screenshot(page, "two-factor-verify-wrong")
    page.wait_for_timeout(1100)  # django-otp waits a second after a wrong code
    page.fill("input[name=code]", totp_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "/bao-mat/" not in page.url and "/dang-nhap/" not in page.url


def test_commune_staff_can_turn_two_factor_on_from_account_security(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/bao-mat/")
    assert page.locator("h1").inner_text() == "Bảo mật tài khoản"
    assert "Chưa bật" in page.locator("main").inner_text()
    screenshot(page, "two-factor-account")
    page.click("text=Bật xác thực hai lớp")
    page.wait_for_load_state("networkidle")
    assert page.url.endswith("/bao-mat/thiet-lap/")
    assert "Khi bật, mỗi lần đăng nhập" in page.locator("main").inner_text()  # optional for them
