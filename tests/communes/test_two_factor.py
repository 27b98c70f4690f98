"""Two-factor sign-in (communes.security): who must set it up, the code page, axes counting wrong
codes, backup codes used once, the admin, and sessions of deactivated users.

Every sign-in here goes through the real login form: ``client.force_login`` (tests/conftest.py)
opens a session already past the second factor."""

import base64
import re
from datetime import UTC, datetime

import pytest
from axes.models import AccessAttempt
from django.conf import settings
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from communes.models import User
from communes.security.services import new_backup_codes
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db
PASSWORD = "Mat-khau-thu-2021"  # tests.factories
SETUP, VERIFY = "/bao-mat/thiet-lap/", "/bao-mat/xac-thuc/"


def sign_in(client, user: User):
    """The login form, then the page it leads to (followed)."""
    return client.post(reverse("login"), {"username": user.username, "password": PASSWORD}, follow=True)


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):0{device.digits}d}"


def app_device(user: User) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="app", confirmed=True)


def failures(user: User) -> int:
    return sum(AccessAttempt.objects.filter(username=user.username).values_list("failures_since_start", flat=True))


def test_a_province_user_without_a_device_is_sent_to_set_one_up_from_every_page(client, world):
    response = sign_in(client, world.province_user)
    assert response.request["PATH_INFO"] == SETUP
    assert "Thiết lập xác thực hai lớp" in response.content.decode()
    response = client.get(reverse("communes:commune-list"))
    assert response.status_code == 302 and response.url == f"{SETUP}?next=%2Fxa%2F"


@pytest.mark.parametrize("role", ["reviewer", "province_reviewer", "province_user"])
def test_each_reviewing_role_must_set_it_up(client, world, role):
    assert sign_in(client, getattr(world, role)).request["PATH_INFO"] == SETUP


def test_setup_shows_the_key_confirms_a_code_and_shows_ten_backup_codes_once(client, world):
    user = world.province_user
    page = sign_in(client, user).content.decode()
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    secret = re.search(r'id="secret">([A-Z2-7 ]+)<', page).group(1).replace(" ", "")
    assert secret and secret in device.config_url and "<svg" in page
    wrong = client.post(SETUP, {"code": "000000" if current_code(device) != "000000" else "111111"})
    assert "Mã không đúng" in wrong.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    device.throttling_failure_count = 0  # django-otp waits a second after a wrong code
    device.save()

    response = client.post(SETUP, {"code": current_code(device)}, follow=True)
    assert response.request["PATH_INFO"] == "/bao-mat/ma-du-phong/"
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10 and set(codes) == set(
        StaticToken.objects.filter(device__user=user).values_list("token", flat=True)
    )
    again = client.get(reverse("security:backup-codes")).content.decode()
    assert not any(code in again for code in codes) and "còn 10 mã dự phòng" in again
    assert client.get(reverse("communes:commune-list")).status_code == 200


def test_a_user_with_a_device_enters_the_code_and_goes_where_they_were_going(client, world):
    device = app_device(world.province_user)
    assert sign_in(client, world.province_user).request["PATH_INFO"] == VERIFY
    assert client.get(reverse("communes:commune-list")).url == f"{VERIFY}?next=%2Fxa%2F"
    response = client.post(f"{VERIFY}?next=%2Fxa%2F", {"code": current_code(device), "next": "/xa/"})
    assert response.status_code == 302 and response.url == "/xa/"
    assert client.get("/xa/").status_code == 200


def test_a_wrong_code_is_refused_and_counted_by_axes_until_the_account_is_locked(client, world):
    user = world.province_user
    device = app_device(user)
    sign_in(client, user)
    wrong = "000000" if current_code(device) != "000000" else "111111"
    for count in range(1, settings.AXES_FAILURE_LIMIT):
        response = client.post(VERIFY, {"code": wrong})
        assert response.status_code == 200
        assert "Mã không đúng hoặc đã dùng" in response.content.decode()
        assert failures(user) == count
    assert client.get(reverse("communes:commune-list")).url.startswith(VERIFY)  # still not in

    locked = client.post(VERIFY, {"code": wrong})
    assert locked.status_code == 429 and "Tài khoản tạm khóa" in locked.content.decode()
    assert failures(user) == settings.AXES_FAILURE_LIMIT
    assert client.get(reverse("communes:commune-list")).url.startswith(reverse("login"))  # signed out
    # The right password no longer opens the account either, as after too many wrong passwords.
    again = client.post(reverse("login"), {"username": user.username, "password": PASSWORD})
    assert again.status_code == 429


def test_a_backup_code_works_once(client, world):
    user = world.reviewer
    app_device(user)
    code = new_backup_codes(user)[0]
    sign_in(client, user)
    response = client.post(VERIFY, {"code": code.upper()}, follow=True)
    assert response.request["PATH_INFO"] != VERIFY
    assert StaticToken.objects.filter(device__user=user).count() == 9
    client.post(reverse("logout"))

    sign_in(client, user)
    response = client.post(VERIFY, {"code": code})
    assert response.status_code == 200 and "Mã không đúng hoặc đã dùng" in response.content.decode()
    assert failures(user) == 1


def test_commune_staff_are_not_forced_but_can_turn_it_on(client, world):
    response = sign_in(client, world.commune_user)
    assert response.request["PATH_INFO"] not in (SETUP, VERIFY)
    assert response.status_code == 200
    account = client.get(reverse("security:account")).content.decode()
    assert "Chưa bật" in account and reverse("security:setup") in account


def test_commune_staff_who_turned_it_on_must_give_a_code(client, world):
    app_device(world.commune_user)
    assert sign_in(client, world.commune_user).request["PATH_INFO"] == VERIFY


def test_a_commune_user_who_turned_it_on_elsewhere_is_asked_at_the_next_sign_in(client, world):
    sign_in(client, world.commune_user)  # no device: this session is remembered as needing none
    app_device(world.commune_user)
    client.post(reverse("logout"))
    assert sign_in(client, world.commune_user).request["PATH_INFO"] == VERIFY


def test_the_admin_requires_verification(client, db):
    admin = UserFactory(is_staff=True, is_superuser=True)
    sign_in(client, admin)
    assert client.get("/quan-tri/").url.startswith(SETUP)
    device = app_device(admin)
    response = client.get("/quan-tri/communes/user/")
    assert response.status_code == 302 and response.url == f"{VERIFY}?next=%2Fquan-tri%2Fcommunes%2Fuser%2F"
    client.post(VERIFY, {"code": current_code(device)})
    assert client.get("/quan-tri/communes/user/").status_code == 200


def test_a_deactivated_users_session_ends_at_once(client, world):
    user = world.commune_user
    sign_in(client, user)
    assert client.get(reverse("security:account")).status_code == 200
    user.is_active = False
    user.save()
    response = client.get(reverse("security:account"))
    assert response.status_code == 302 and response.url.startswith(reverse("login"))


def test_the_admin_user_list_shows_last_login_and_failed_attempts_in_bounded_queries(
    client, world, django_assert_max_num_queries
):
    user = world.province_user
    for ip, count in (("10.0.0.1", 2), ("10.0.0.2", 1)):
        AccessAttempt.objects.create(
            username=user.username, ip_address=ip, user_agent="", http_accept="", path_info="/dang-nhap/",
            get_data="", post_data="", failures_since_start=count,
        )  # fmt: skip
    User.objects.filter(pk=user.pk).update(last_login=datetime(2026, 11, 30, 1, 15, tzinfo=UTC))
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    url = reverse("admin:communes_user_changelist")
    with django_assert_max_num_queries(12) as few:
        page = client.get(url, {"q": user.username}).content.decode()
    rows = re.findall(r"<tr.*?</tr>", page.split("<tbody>")[1], re.S)
    row = next(r for r in rows if f">{user.username}</a>" in r)
    assert "Đăng nhập sai gần đây" in page and "Lần cuối đăng nhập" in page
    assert re.search(r'<td class="field-failed_logins">3</td>', row)
    assert "30/11/2026" in row
    for _ in range(10):
        UserFactory()
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_demo_accounts_take_the_documented_key_and_backup_codes(client, world):
    from pathlib import Path

    from django_otp.oath import TOTP

    from communes.demo import DEMO_BACKUP_CODES, DEMO_TOTP_SECRET, demo_two_factor

    user = world.province_user
    lines = demo_two_factor([user, world.commune_user])
    assert DEMO_TOTP_SECRET in lines[0] and world.commune_user.username not in lines[0]
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    assert DEMO_TOTP_SECRET in readme and all(code in readme for code in DEMO_BACKUP_CODES)
    sign_in(client, user)
    code = f"{TOTP(base64.b32decode(DEMO_TOTP_SECRET)).token():06d}"  # what the app shows
    assert client.post(VERIFY, {"code": code}).url == "/"
    client.post(reverse("logout"))
    sign_in(client, user)
    assert client.post(VERIFY, {"code": DEMO_BACKUP_CODES[0]}).url == "/"
