import pytest
from django.urls import reverse


def listed(client, user, **params) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("communes:commune-list"), params)
    assert response.status_code == 200
    return [c.name for c in response.context["page"].object_list]


def test_province_staff_see_every_commune(client, world):
    assert sorted(listed(client, world.province_user)) == sorted(
        ["Xã Mường Nhé", "Xã Sín Thầu", "Xã Thanh Xương"])


def test_a_reviewer_sees_only_the_districts_communes(client, world):
    assert sorted(listed(client, world.reviewer)) == ["Xã Mường Nhé", "Xã Sín Thầu"]


def test_commune_staff_see_only_their_own_commune(client, world):
    assert listed(client, world.commune_user) == ["Xã Mường Nhé"]


@pytest.mark.parametrize("query", ["muong nhe", "MUONG NHÉ", "Mường nhe", "  muong   nhe "])
def test_search_ignores_diacritics_and_case(client, world, query):
    assert listed(client, world.province_user, q=query) == ["Xã Mường Nhé"]


def test_search_finds_d_with_stroke_from_plain_d(client, dienbien):
    from tests.factories import province_staff

    names = listed(client, province_staff(dienbien), q="dien bien phu")
    assert names == []  # no commune is named so; the city is a district
    assert "Xã Nà Tấu" in listed(client, province_staff(dienbien, username="p2"), q="na tau")


def test_the_district_filter_narrows_the_list(client, world):
    client.force_login(world.province_user)
    response = client.get(reverse("communes:commune-list"), {"district": world.other_district.pk})
    assert [c.name for c in response.context["page"].object_list] == ["Xã Thanh Xương"]


def test_an_empty_result_says_what_to_do_next(client, world):
    client.force_login(world.province_user)
    response = client.get(reverse("communes:commune-list"), {"q": "khong co xa nao"})
    assert "Bỏ lọc" in response.content.decode()


def test_the_list_of_the_whole_province_takes_a_bounded_number_of_queries(
    client, dienbien, django_assert_max_num_queries
):
    from tests.factories import province_staff

    client.force_login(province_staff(dienbien))
    with django_assert_max_num_queries(10):
        response = client.get(reverse("communes:commune-list"))
    assert response.status_code == 200
    assert response.context["page"].paginator.count == 129


def test_the_commune_and_district_pages_take_a_bounded_number_of_queries(
    client, dienbien, django_assert_max_num_queries
):
    from communes.models import District
    from tests.factories import province_staff

    # Every app adds its panels to these pages (results, officials, profile, review queue);
    # each panel reads with a fixed number of queries, so the page's total stays fixed too.
    client.force_login(province_staff(dienbien))
    district = District.objects.get(code="100")
    with django_assert_max_num_queries(30):
        assert client.get(reverse("communes:district-detail", args=[district.code])).status_code == 200
    with django_assert_max_num_queries(30):
        assert client.get(reverse("communes:commune-detail", args=["3334"])).status_code == 200
