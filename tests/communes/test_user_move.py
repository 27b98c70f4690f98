"""The admin action that moves commune users whose commune was merged to its main successor."""

from datetime import date

import pytest
from django.http import Http404
from django.urls import reverse

from communes.models import NEW_MAP_FIRST_DAY, Commune, User
from communes.permissions import get_commune_or_404, is_commune_staff_of
from tests.factories import UserFactory, commune_staff, district_reviewer

pytestmark = pytest.mark.django_db
ACTION = "move_to_main_successor"


@pytest.fixture
def thanh_xuong(dienbien) -> Commune:
    return Commune.objects.get(name="Xã Thanh Xương")


@pytest.fixture
def muong_thanh(dienbien) -> Commune:
    return Commune.objects.valid_on(NEW_MAP_FIRST_DAY).get(name="Phường Mường Thanh")


@pytest.fixture
def admin_client(client):
    client.force_login(UserFactory(is_staff=True, is_superuser=True))
    return client


def _run_action(client, users: list[User]):
    return client.post(
        reverse("admin:communes_user_changelist"),
        {"action": ACTION, "_selected_action": [u.pk for u in users]},
        follow=True,
    )


def test_the_user_list_offers_the_action(admin_client, dienbien):
    page = admin_client.get(reverse("admin:communes_user_changelist"))
    assert "Chuyển sang đơn vị kế thừa chính" in page.content.decode()


def test_it_moves_a_merged_communes_user_to_the_main_successor_who_keeps_the_old_history(
    admin_client, thanh_xuong, muong_thanh
):
    user = commune_staff(thanh_xuong)
    page = _run_action(admin_client, [user])
    assert "Đã chuyển 1 người dùng" in page.content.decode()
    user.refresh_from_db()
    assert (user.commune, user.district, user.province) == (muong_thanh, None, thanh_xuong.province)
    assert get_commune_or_404(user, "3334", on=date(2026, 12, 31)) == muong_thanh
    assert get_commune_or_404(user, "3334", on=date(2021, 12, 31), with_history=True) == thanh_xuong
    # The old commune is history, for read-only pages only: no write relation to it any more.
    assert get_commune_or_404(user, "3334", on=date(2021, 12, 31)) == muong_thanh
    assert not is_commune_staff_of(user, thanh_xuong) and is_commune_staff_of(user, muong_thanh)
    other_history = Commune.objects.get(name="Xã Chung Chải")
    with pytest.raises(Http404):
        get_commune_or_404(user, other_history.code, on=date(2021, 12, 31), with_history=True)


def test_it_skips_users_of_standing_communes_and_other_roles(admin_client, thanh_xuong, muong_thanh):
    standing = commune_staff(muong_thanh)
    reviewer = district_reviewer(thanh_xuong.district)
    page = _run_action(admin_client, [standing, reviewer])
    assert "bỏ qua 2" in page.content.decode()
    standing.refresh_from_db()
    reviewer.refresh_from_db()
    assert standing.commune == muong_thanh
    assert (reviewer.district, reviewer.commune) == (thanh_xuong.district, None)


def test_running_it_twice_changes_nothing_more(admin_client, thanh_xuong, muong_thanh):
    user = commune_staff(thanh_xuong)
    _run_action(admin_client, [user])
    page = _run_action(admin_client, [user])
    assert "Đã chuyển 0 người dùng" in page.content.decode()
    user.refresh_from_db()
    assert user.commune == muong_thanh
