"""WCAG 2.1 AA and phones: the checks every browser test runs, and what axe-core cannot see (focus)."""

import pytest

from tests.assessment.factories import make_assessment
from tests.browser.conftest import NARROW, assert_accessible, assert_fits_phone, login, screenshot

GOLD = "rgb(244, 197, 66)"
BLUE = "rgb(31, 78, 140)"


def _focus_ring(page) -> dict:
    return page.evaluate(
        "() => { const s = getComputedStyle(document.activeElement);"
        " return {tag: document.activeElement.tagName, cls: document.activeElement.className,"
        " style: s.outlineStyle, width: parseFloat(s.outlineWidth), colour: s.outlineColor}; }"
    )


def test_the_keyboard_focus_is_plain_to_see_on_the_red_menu_and_on_inputs(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/xa/")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent").strip() == "Bỏ qua, đến nội dung chính"
    assert page.locator("a.visually-hidden-focusable").bounding_box()["width"] > 50  # shown when focused
    for _ in range(12):
        page.keyboard.press("Tab")
        if "nav-link" in page.evaluate("document.activeElement.className"):
            break
    ring = _focus_ring(page)
    assert "nav-link" in ring["cls"]
    assert (ring["style"], ring["width"], ring["colour"]) == ("solid", 3, GOLD)

    page.click("input[name=q]")
    ring = _focus_ring(page)
    assert ring["tag"] == "INPUT"
    assert (ring["style"], ring["width"], ring["colour"]) == ("solid", 3, BLUE)


def test_a_row_being_saved_is_announced_only_while_it_saves(browser_page, live_server, world):
    make_assessment(world.commune, 2021)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/cham-diem/")
    status = page.locator("#c1-status")
    assert status.get_attribute("aria-live") == "polite"
    assert "Đang lưu" not in status.aria_snapshot()
    assert "Chưa chấm" in status.aria_snapshot()


def test_the_phone_check_catches_an_action_in_a_box_that_scrolls_sideways(browser_page):
    page = browser_page
    page.set_viewport_size(NARROW)
    page.set_content(
        "<main><div style='overflow-x:auto'><table><tr><td style='min-width:500px'>Xã A</td>"
        "<td><a href='#'>Thẩm định</a></td></tr></table></div></main>"
    )
    with pytest.raises(AssertionError, match="Thẩm định"):
        assert_fits_phone(page)


def test_the_phone_check_catches_a_page_wider_than_the_screen_inside_a_closed_details(browser_page):
    page = browser_page
    page.set_viewport_size(NARROW)
    page.set_content("<main><details><summary>Bảng</summary><div style='width:600px'>…</div></details></main>")
    with pytest.raises(AssertionError, match=r"the page is 6\d\d px wide in a 390 px window"):
        assert_fits_phone(page)
    assert page.evaluate("document.querySelector('details').open") is False  # left as it was


def test_the_accessibility_check_refuses_a_role_not_allowed_on_a_form(browser_page):
    page = browser_page
    page.set_content(
        "<html lang='vi'><head><title>Thử</title></head><body><main><h1>Thử</h1>"
        "<form role='group' aria-label='Ngôn ngữ'><button>VI</button></form></main></body></html>"
    )
    with pytest.raises(AssertionError, match="aria-allowed-role"):
        assert_accessible(page)


def test_the_language_switch_and_the_login_page_pass_axe_at_both_widths(browser_page, live_server):
    page = browser_page
    page.goto(f"{live_server.url}/dang-nhap/")
    screenshot(page, "a11y-login")  # axe at 1366 and 390 px, and the phone check
