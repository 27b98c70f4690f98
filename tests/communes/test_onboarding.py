"""Onboarding: accounts from an uploaded list or one per commune, one-time links, the first password,
and the forgotten-password email through a real SMTP server on loopback."""

import re
import socket
from datetime import datetime, timedelta
from io import BytesIO

import pytest
from aiosmtpd.controller import Controller
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from communes.accounts.services import set_password_path
from communes.accounts.workbook import COLUMNS
from communes.models import Role, User
from tests.factories import UserFactory, province_staff

NEW_PASSWORD = "Mat-khau-moi-2026!"


def _workbook(*rows: list) -> SimpleUploadedFile:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append([str(header) for _key, header in COLUMNS])
    for row in rows:
        sheet.append(row)
    output = BytesIO()
    workbook.save(output)
    return SimpleUploadedFile("nguoi-dung.xlsx", output.getvalue())


def _upload(client, manager, *rows):
    client.force_login(manager)
    return client.post(reverse("communes:account-upload"), {"file": _workbook(*rows)})


# --- the upload: a dry run, then a confirmation -----------------------------------------------------


def test_a_dry_run_with_errors_names_each_cell_and_creates_nobody(client, world):
    before = User.objects.count()
    response = _upload(
        client,
        world.province_user,
        ["Nguyễn Văn Một", "mot", "mot@example.vn", "Cán bộ, công chức cấp xã", "99999"],
        [
            "Lò Thị Hai",
            world.commune_user.username.upper(),
            "hai@example.vn",
            "Cán bộ, công chức cấp xã",
            world.commune.code,
        ],
        ["Quàng Văn Ba", "ba", "khong-phai-email", "Cán bộ, công chức cấp xã", world.sibling.code],
        ["Vàng A Bốn", "bon", "", "Cán bộ, công chức cấp xã", world.district.code],
        ["Lý Văn Năm", "nam", "", "Cán bộ, công chức cấp xã", world.foreign_commune.code],
        ["Giàng A Sáu", "sau", "", "Cán bộ, công chức cấp xã", world.commune.code],
        ["Giàng A Bảy", "SAU", "", "Cán bộ, công chức cấp xã", world.commune.code],
    )
    text = response.content.decode()
    assert response.status_code == 200
    assert "Dòng 2, cột E (Mã đơn vị (GSO)): Mã đơn vị 99999 không có trên bản đồ hiện hành của tỉnh." in text
    assert (
        f"Dòng 3, cột B (Tên đăng nhập): Tên đăng nhập “{world.commune_user.username.upper()}” đã có người dùng."
        in text
    )
    assert "Dòng 4, cột C (Email): Email “khong-phai-email” không hợp lệ." in text
    assert "Dòng 5, cột E (Mã đơn vị (GSO)): Vai trò “Cán bộ, công chức cấp xã” cần mã của một đơn vị cấp xã" in text
    # The other province's commune is not told apart from a code that does not exist.
    assert f"Dòng 6, cột E (Mã đơn vị (GSO)): Mã đơn vị {world.foreign_commune.code} không có" in text
    assert "Dòng 8, cột B (Tên đăng nhập): Tên đăng nhập “SAU” trùng với dòng 7." in text
    assert "Tệp có 6 lỗi. Chưa tạo tài khoản nào." in text
    assert response.context["token"] == ""
    assert User.objects.count() == before


def test_a_formula_cell_and_a_file_that_is_not_excel_are_refused(client, world):
    response = _upload(client, world.province_user, ["=1+1", "mot", "", "Sở Nội vụ", world.province.code])
    assert "Dòng 2, cột A (Họ và tên): Ô chứa công thức." in response.content.decode()
    bad = SimpleUploadedFile("nguoi-dung.xlsx", b"not a workbook")
    response = client.post(reverse("communes:account-upload"), {"file": bad})
    assert "Tệp không phải Excel (.xlsx)." in response.content.decode()


def test_confirming_a_clean_file_creates_the_users_who_must_set_a_password(
    client, world, django_capture_on_commit_callbacks
):
    response = _upload(
        client,
        world.province_user,
        ["Nguyễn Văn Một", "mot", "Mot@Example.vn", "Cán bộ, công chức cấp xã", world.commune.code],
        ["Lò Thị Hai", "hai", "", "Phòng Nội vụ cấp huyện", world.district.code],
        ["Quàng Văn Ba", "ba", "", "Chuyên viên thẩm định của Sở Nội vụ", world.province.code],
    )
    assert "Tệp hợp lệ: sẽ tạo 3 tài khoản." in response.content.decode()
    assert not User.objects.filter(username__in=["mot", "hai", "ba"]).exists()  # the dry run saved nothing
    token = response.context["token"]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("communes:account-confirm"), {"token": token})
    text = response.content.decode()
    assert "Đã tạo 3 tài khoản." in text
    mot, hai, ba = (User.objects.get(username=name) for name in ("mot", "hai", "ba"))
    assert (mot.role, mot.commune, mot.district, mot.province) == (
        Role.COMMUNE_STAFF,
        world.commune,
        world.district,
        world.province,
    )
    assert (mot.last_name, mot.first_name, mot.email) == ("Nguyễn Văn", "Một", "mot@example.vn")
    assert (hai.role, hai.district, ba.role, ba.province) == (
        Role.DISTRICT_REVIEWER,
        world.district,
        Role.PROVINCE_REVIEWER,
        world.province,
    )
    assert all(u.must_set_password and not u.has_usable_password() for u in (mot, hai, ba))
    # Every link is shown (hai and ba have no email); only mot gets one by email.
    assert text.count("/quen-mat-khau/dat-lai/") == 3
    assert [m.to for m in mail.outbox] == [["mot@example.vn"]]
    assert "/quen-mat-khau/dat-lai/" in mail.outbox[0].body and "Tên đăng nhập: mot" in mail.outbox[0].body
    # The same token cannot create them twice.
    again = client.post(reverse("communes:account-confirm"), {"token": token})
    assert again.status_code == 302 and User.objects.filter(username="mot").count() == 1


def test_an_email_that_cannot_be_sent_leaves_the_account_created_and_its_link_shown(
    client, world, settings, django_capture_on_commit_callbacks
):
    # All through the settings fixture: mixing it with @override_settings would leak SMTP into later tests.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = _free_port()  # nothing listens there: the send fails
    response = _upload(
        client, world.province_user, ["Nguyễn Văn Một", "mot", "mot@example.vn", "Sở Nội vụ", world.province.code]
    )
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = client.post(reverse("communes:account-confirm"), {"token": response.context["token"]})
    assert len(callbacks) == 1  # the send was attempted
    assert response.status_code == 200
    assert User.objects.filter(username="mot").exists()
    assert "/quen-mat-khau/dat-lai/" in response.content.decode()


# --- one account per commune of a year's map ---------------------------------------------------------


@pytest.mark.parametrize(("year", "expected"), [(2021, 129), (2026, 45)])
def test_it_makes_one_account_per_commune_of_the_year_map_in_a_bounded_number_of_queries(
    client, dienbien, year, expected, django_assert_max_num_queries
):
    manager = province_staff(dienbien)
    UserFactory(username="xa.muongnhe")  # taken: the commune's account gets a number
    client.force_login(manager)
    with django_assert_max_num_queries(25):
        response = client.post(reverse("communes:account-generate"), {"year": year})
    assert f"Đã tạo {expected} tài khoản." in response.content.decode()
    created = User.objects.filter(role=Role.COMMUNE_STAFF, must_set_password=True)
    assert created.count() == expected
    assert created.values("commune").distinct().count() == expected
    muong_nhe = created.get(commune__name="Xã Mường Nhé")
    assert muong_nhe.username == "xa.muongnhe2"
    assert all(re.fullmatch(r"(xa|phuong|thitran)\.[a-z0-9]+", u) for u in created.values_list("username", flat=True))
    # Again: every commune has its account now, none is made twice.
    response = client.post(reverse("communes:account-generate"), {"year": year})
    assert f"Bỏ qua {expected} xã đã có tài khoản." in response.content.decode()
    assert User.objects.filter(role=Role.COMMUNE_STAFF).count() == expected


# --- the one-time link -------------------------------------------------------------------------------


def _new_account(world) -> User:
    user = User(username="moi", role=Role.COMMUNE_STAFF, commune=world.commune, province=world.province)
    user.set_unusable_password()
    user.must_set_password = True
    user.save()
    return user


def _set_through_link(client, path: str):
    response = client.get(path, follow=True)
    if not response.context.get("validlink"):
        return response
    return client.post(
        response.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )


def test_the_one_time_link_sets_the_password_once(client, world):
    user = _new_account(world)
    path = set_password_path(user)
    response = _set_through_link(client, path)
    assert "Mật khẩu mới đã được lưu." in response.content.decode()
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD) and not user.must_set_password
    second = client.get(path, follow=True)
    assert "Đường dẫn này đã được dùng hoặc đã hết hạn." in second.content.decode()


def test_the_one_time_link_expires_after_the_timeout(client, world, monkeypatch, settings):
    assert settings.PASSWORD_RESET_TIMEOUT == 3 * 24 * 3600
    user = _new_account(world)
    path = set_password_path(user)
    start = datetime.now()
    monkeypatch.setattr(default_token_generator, "_now", lambda: start + timedelta(days=2, hours=23))
    assert client.get(path, follow=True).context["validlink"]
    monkeypatch.setattr(default_token_generator, "_now", lambda: start + timedelta(days=3, hours=1))
    response = client.get(path, follow=True)
    assert "Đường dẫn này đã được dùng hoặc đã hết hạn." in response.content.decode()
    user.refresh_from_db()
    assert not user.has_usable_password()


# --- the first sign-in -------------------------------------------------------------------------------


def test_a_user_with_a_temporary_password_is_sent_to_set_one_from_every_page(client, world):
    user = world.commune_user
    User.objects.filter(pk=user.pk).update(must_set_password=True)
    response = client.post(reverse("login"), {"username": user.username, "password": "Mat-khau-thu-2021"})
    set_page = reverse("communes:account-set-password")
    pages = [
        reverse("home"),
        reverse("communes:commune-detail", kwargs={"code": world.commune.code}),
        reverse("assessment:score-current"),
        reverse("password_change"),
    ]
    for page in pages:
        response = client.get(page)
        assert response.status_code == 302 and response["Location"].startswith(set_page), page
    assert "Đặt mật khẩu của bạn" in client.get(set_page).content.decode()
    response = client.post(
        set_page,
        {"old_password": "Mat-khau-thu-2021", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert not user.must_set_password and user.check_password(NEW_PASSWORD)
    assert client.get(pages[1]).status_code == 200  # still signed in, and let through now


# --- the forgotten password through a real SMTP server ------------------------------------------------


class _Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], str]] = []

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: ANN001, N802
        self.messages.append((envelope.mail_from, envelope.rcpt_tos, envelope.content.decode("utf-8", "replace")))
        return "250 OK"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server(settings):
    inbox = _Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=_free_port())
    controller.start()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", controller.port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    yield inbox
    controller.stop()


def test_a_reset_email_reaches_a_real_smtp_server_and_its_link_sets_a_new_password(client, world, smtp_server):
    User.objects.filter(pk=world.commune_user.pk).update(email="canbo@muongnhe.vn")
    response = client.post(reverse("password_reset"), {"email": "canbo@muongnhe.vn"}, follow=True)
    assert "Hãy kiểm tra hộp thư" in response.content.decode()
    assert len(smtp_server.messages) == 1
    sender, recipients, content = smtp_server.messages[0]
    assert recipients == ["canbo@muongnhe.vn"]
    import email
    from email import policy

    message = email.message_from_string(content, policy=policy.default)
    body = message.get_body().get_content()
    path = re.search(r"https?://[^/\s]+(/quen-mat-khau/dat-lai/\S+/)", body).group(1)
    response = _set_through_link(client, path)
    assert "Mật khẩu mới đã được lưu." in response.content.decode()
    world.commune_user.refresh_from_db()
    assert world.commune_user.check_password(NEW_PASSWORD)


def test_the_reset_page_answers_the_same_for_an_unknown_email(client, world, smtp_server):
    response = client.post(reverse("password_reset"), {"email": "khong-ai@example.vn"}, follow=True)
    assert "Nếu email bạn nhập có trong cổng" in response.content.decode()
    assert smtp_server.messages == []


def test_the_login_page_links_to_the_forgotten_password_page(client, db):
    response = client.get(reverse("login"))
    assert f'href="{reverse("password_reset")}"' in response.content.decode()


# --- the list and its scope --------------------------------------------------------------------------


def test_the_list_shows_the_province_users_only_and_a_unit_merged_away(client, new_world):
    world = new_world.old
    client.force_login(world.province_user)
    text = client.get(reverse("communes:account-list")).content.decode()
    assert world.commune_user.username in text and new_world.commune_user.username in text
    assert "Đơn vị không còn trên bản đồ hiện hành (đã sáp nhập vào Xã Mường Nhé)" in text
    assert world.foreign_commune_user.username not in text and world.foreign_province_user.username not in text
    client.force_login(world.foreign_province_user)
    text = client.get(reverse("communes:account-list")).content.decode()
    assert world.commune_user.username not in text and world.foreign_commune_user.username in text


def test_commune_staff_and_reviewers_cannot_open_the_accounts_pages(client, world):
    for user in (world.commune_user, world.reviewer, world.province_reviewer):
        client.force_login(user)
        assert client.get(reverse("communes:account-list")).status_code == 403
        assert client.post(reverse("communes:account-generate"), {"year": 2026}).status_code == 403
