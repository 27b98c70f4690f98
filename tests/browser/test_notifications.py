"""The bell, the notification list and the email preferences in the browser, at 1366 and 390 px."""

from django.urls import reverse

from communes.models import Notification, NotificationKind, NotificationPreference
from communes.notifications.services import notify
from tests.browser.conftest import login, screenshot


def _notifications(world) -> None:  # noqa: ANN001
    detail = reverse("assessment:assessment-detail", args=[2021, world.commune.code])
    notify(
        recipients=[world.commune_user],
        kind=NotificationKind.CONFIRMED,
        title="Kết quả năm 2021 của Xã Mường Nhé đã được công nhận",
        body="Xếp loại Khá",
        link=detail,
    )
    notify(
        recipients=[world.commune_user],
        kind=NotificationKind.RETURNED,
        title="Bản đánh giá năm 2021 của Xã Mường Nhé bị trả lại",
        body="Ý kiến của người thẩm định: Tiêu thức 3 thiếu biên bản họp Hội đồng nhân dân xã kỳ họp thứ hai.",
        link=detail,
    )
    notify(
        recipients=[world.commune_user],
        kind=NotificationKind.DEADLINE_WEEK,
        title="Nhắc hạn: Hạn xã tự chấm điểm năm 2021",
        body="Hạn xã tự chấm điểm năm 2021: 15/11/2021 (còn 7 ngày).",
        link=reverse("assessment:score-current"),
    )
    Notification.objects.filter(kind=NotificationKind.CONFIRMED).update(read_at="2021-12-20T08:00:00Z")


def test_the_bell_the_list_and_the_email_preferences(browser_page, live_server, world):
    _notifications(world)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}{reverse('communes:commune-detail', args=[world.commune.code])}")
    bell = page.locator(".portal-bell:visible")
    assert bell.get_attribute("aria-label") == "Thông báo: 2 chưa đọc"
    screenshot(page, "notifications-bell")
    bell.click()
    page.wait_for_url("**/thong-bao/")
    items = page.locator(".notification-item")
    assert items.count() == 3 and page.locator(".notification-unread").count() == 2
    screenshot(page, "notifications-list")
    page.locator(".notification-unread").first.get_by_role("button", name="Đã đọc").click()
    page.wait_for_load_state("networkidle")
    assert page.locator(".notification-unread").count() == 1
    assert page.locator(".portal-bell:visible").get_attribute("aria-label") == "Thông báo: 1 chưa đọc"
    page.get_by_role("link", name="Nhận thư thông báo").first.click()
    page.wait_for_url("**/thong-bao/nhan-thu/")
    screenshot(page, "notifications-preferences")
    page.get_by_label("Hạn còn 7 ngày").uncheck()
    page.get_by_role("button", name="Lưu lựa chọn").click()
    page.wait_for_load_state("networkidle")
    assert "Đã lưu lựa chọn nhận thư." in page.locator("main").inner_text()
    assert (
        NotificationPreference.objects.get(user=world.commune_user, kind=NotificationKind.DEADLINE_WEEK).email is False
    )
    assert NotificationPreference.objects.get(user=world.commune_user, kind=NotificationKind.RETURNED).email is True


def test_an_empty_list_says_what_will_come(browser_page, live_server, world):
    page = browser_page
    login(page, live_server, world.reviewer.username)
    page.goto(f"{live_server.url}{reverse('notifications:list')}")
    assert "Chưa có thông báo nào." in page.locator("main").inner_text()
    screenshot(page, "notifications-empty")
