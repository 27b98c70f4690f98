from tests.browser.conftest import login, screenshot


def test_a_commune_user_signs_in_and_sees_their_commune(browser_page, live_server, world):
    page = browser_page
    page.goto(f"{live_server.url}/")
    assert page.locator("h1").inner_text() == "Đăng nhập"
    screenshot(page, "login")
    login(page, live_server, world.commune_user.username)
    assert page.locator("h1.page-title").inner_text() == "Xã Mường Nhé"
    assert "Huyện Mường Nhé" in page.locator(".breadcrumb").inner_text()
    screenshot(page, "commune-detail")


def test_province_staff_search_without_diacritics(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.fill("input[name=q]", "thanh xuong")
    page.click("form[role=search] button[type=submit]")
    page.wait_for_load_state("networkidle")
    rows = page.locator("tbody tr")
    assert rows.count() == 1
    assert "Xã Thanh Xương" in rows.first.inner_text()
    screenshot(page, "commune-list")


def test_the_language_switch_turns_the_page_to_english(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.reviewer.username)
    page.click("button[name=language][value=en]")
    page.wait_for_load_state("networkidle")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("text=Sign out").count() == 1
