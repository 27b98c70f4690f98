"""The error pages as production shows them (DEBUG off): the portal's look, Vietnamese whatever the
browser asks for, what happened and what to do next, a link home, and the reason the code gave."""

import pytest
from django.test import Client, override_settings
from django.urls import path, reverse

from config.urls import urlpatterns as portal_urlpatterns

HOME_LINK = 'href="/">Về trang chủ</a>'
PORTAL_LOOK = "portal-navbar"


def _boom(request):
    raise RuntimeError("a bug")


# The portal's URLs and one that fails, for the 500 page.
urlpatterns = [*portal_urlpatterns, path("loi-thu/", _boom)]
handler404 = "config.views.page_not_found"


def _page(response) -> str:
    return response.content.decode()


@override_settings(DEBUG=False)
def test_a_commune_user_opening_the_review_queue_is_told_whom_it_is_for(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("assessment:review-queue", args=[world.district.code]), HTTP_ACCEPT_LANGUAGE="en")
    page = _page(response)
    assert response.status_code == 403
    assert PORTAL_LOOK in page and HOME_LINK in page
    assert "Bạn không có quyền mở trang này" in page
    assert "Trang này chỉ dành cho: Phòng Nội vụ cấp huyện, Chuyên viên thẩm định của Sở Nội vụ, Sở Nội vụ" in page
    assert "liên hệ Sở Nội vụ" in page  # what to do next


@override_settings(DEBUG=False)
def test_a_commune_outside_the_scope_is_not_found_with_the_reason(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-detail", args=[world.foreign_commune.code]))
    page = _page(response)
    assert response.status_code == 404
    assert PORTAL_LOOK in page and HOME_LINK in page
    assert "Không tìm thấy trang bạn cần" in page
    assert "Không tìm thấy hoặc bạn không có quyền xem." in page
    assert "kiểm tra lại địa chỉ" in page


@override_settings(DEBUG=False)
def test_an_unknown_address_is_not_found_without_the_resolvers_internals(client, db):
    response = client.get("/khong-co-trang-nay/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    page = _page(response)
    assert response.status_code == 404
    assert "Không tìm thấy trang bạn cần" in page and HOME_LINK in page
    assert "Resolver404" not in page and "tried" not in page


@override_settings(DEBUG=False)
def test_a_request_for_an_unknown_host_gets_the_bad_request_page(client, db):
    response = client.get("/", HTTP_HOST="ke-gia-mao.example")
    page = _page(response)
    assert response.status_code == 400
    assert PORTAL_LOOK in page and HOME_LINK in page
    assert "Cổng thông tin không hiểu yêu cầu này" in page
    assert "tải lại trang rồi thử lại" in page


@override_settings(DEBUG=False, ROOT_URLCONF="tests.test_error_pages")
def test_a_failure_in_the_code_gets_the_server_error_page(client, db):
    client.raise_request_exception = False
    response = client.get("/loi-thu/", HTTP_ACCEPT_LANGUAGE="en")
    page = _page(response)
    assert response.status_code == 500
    assert PORTAL_LOOK in page and HOME_LINK in page
    assert "Cổng thông tin gặp sự cố khi xử lý yêu cầu" in page
    assert "a bug" not in page and "RuntimeError" not in page


def test_the_server_error_page_renders_with_no_context_at_all():
    from django.template import loader

    page = loader.get_template("500.html").render()
    assert "Cổng thông tin gặp sự cố" in page and HOME_LINK in page


@override_settings(DEBUG=False)
def test_a_form_sent_without_the_cookie_is_refused_with_what_to_do(db):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("login"), {"username": "a", "password": "b"})
    page = _page(response)
    assert response.status_code == 403
    assert PORTAL_LOOK in page and HOME_LINK in page
    assert "Biểu mẫu không được chấp nhận" in page
    assert "Hãy cho phép cookie cho trang này" in page
    assert "CSRF cookie not set" not in page


@override_settings(DEBUG=False)
def test_a_stale_form_is_refused_and_the_user_is_told_to_reload(db):
    client = Client(enforce_csrf_checks=True)
    client.get(reverse("login"))  # the cookie, but the form's token is missing
    response = client.post(reverse("login"), {"username": "a", "password": "b"}, HTTP_ACCEPT_LANGUAGE="en")
    page = _page(response)
    assert response.status_code == 403
    assert "Trang đã mở quá lâu hoặc phiên làm việc đã hết hạn" in page
    assert "tải lại trang" in page


@pytest.mark.parametrize("template", ["400.html", "403.html", "404.html", "403_csrf.html"])
def test_each_error_page_renders_without_a_request(template, db):
    from django.template import loader

    assert HOME_LINK in loader.get_template(template).render()
