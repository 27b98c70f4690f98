"""The error pages as a user meets them, at desktop and phone width (screenshots, axe, phone fit)."""

from django.urls import reverse

from tests.browser.conftest import login, screenshot


def test_a_commune_user_sent_to_the_review_queue_sees_whom_it_is_for(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.commune_user.username)
    response = page.goto(f"{live_server.url}{reverse('assessment:review-queue', args=[world.district.code])}")
    assert response.status == 403
    assert page.get_by_role("heading", name="Bạn không có quyền mở trang này").is_visible()
    assert page.get_by_text("Trang này chỉ dành cho: Phòng Nội vụ cấp huyện").is_visible()
    screenshot(page, "error-403")
    page.get_by_role("link", name="Về trang chủ").click()
    page.wait_for_load_state("networkidle")
    assert page.url.endswith(reverse("communes:commune-detail", args=[world.commune.code]))


def test_an_unknown_address_gets_the_portals_not_found_page(browser_page, live_server, db):
    page = browser_page
    response = page.goto(f"{live_server.url}/khong-co-trang-nay/")
    assert response.status == 404
    assert page.get_by_role("heading", name="Không tìm thấy trang bạn cần").is_visible()
    screenshot(page, "error-404")
