import pytest
from django.urls import reverse


def listed(client, user, **params) -> list[str]:
    client.force_login(user)
    response = client.get(reverse("communes:commune-list"), params)
    assert response.status_code == 200
    return [c.name for c in response.context["page"].object_list]


def test_province_staff_see_every_commune(client, world):
    assert sorted(listed(client, world.province_user)) == sorted(["Xã Mường Nhé", "Xã Sín Thầu", "Xã Thanh Xương"])


def test_a_reviewer_sees_only_the_districts_communes(client, world):
    assert sorted(listed(client, world.reviewer)) == ["Xã Mường Nhé", "Xã Sín Thầu"]


def test_commune_staff_are_sent_to_their_commune_rather_than_a_one_row_list(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-list"))
    assert response.status_code == 302
    assert response["Location"] == reverse("communes:commune-detail", args=[world.commune.code])


@pytest.mark.parametrize("query", ["muong nhe", "MUONG NHÉ", "Mường nhe", "  muong   nhe "])
def test_search_ignores_diacritics_and_case(client, world, query):
    assert listed(client, world.province_user, q=query) == ["Xã Mường Nhé"]


def test_search_finds_d_with_stroke_from_plain_d(client, dienbien):
    from tests.factories import province_staff

    user = province_staff(dienbien)
    assert listed(client, user, q="dien bien phu") == ["Phường Điện Biên Phủ"]  # today's ward
    assert listed(client, user, q="dien bien phu", nam=2021) == []  # in 2021 the city was a district
    assert "Xã Nà Tấu" in listed(client, user, q="na tau", nam=2021)


def test_the_district_filter_narrows_the_list(client, world):
    client.force_login(world.province_user)
    response = client.get(reverse("communes:commune-list"), {"district": world.other_district.pk})
    assert [c.name for c in response.context["page"].object_list] == ["Xã Thanh Xương"]


def test_an_empty_result_says_what_to_do_next(client, world):
    client.force_login(world.province_user)
    response = client.get(reverse("communes:commune-list"), {"q": "khong co xa nao"})
    assert "Bỏ lọc" in response.content.decode()


@pytest.mark.parametrize("params, count", [({}, 45), ({"nam": 2021}, 129)])
def test_the_list_of_the_whole_province_takes_a_bounded_number_of_queries(
    client, dienbien, django_assert_max_num_queries, params, count
):
    from tests.factories import province_staff

    client.force_login(province_staff(dienbien))
    with django_assert_max_num_queries(12):
        response = client.get(reverse("communes:commune-list"), params)
    assert response.status_code == 200
    assert response.context["page"].paginator.count == count


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


# --- the list on a chosen day: today's 45 communes, or the 129 of a year with districts -------------


@pytest.fixture
def dienbien_staff(dienbien):
    from tests.factories import province_staff

    return province_staff(dienbien)


def _page(client, user, **params):
    client.force_login(user)
    response = client.get(reverse("communes:commune-list"), params)
    assert response.status_code == 200
    return response


def test_today_the_list_shows_the_45_communes_of_the_new_map_without_a_district_column(client, dienbien_staff):
    response = _page(client, dienbien_staff)
    content = response.content.decode()
    assert response.context["page"].paginator.count == 45
    assert '<th scope="col">Huyện</th>' not in content
    assert 'name="district"' not in content  # no district filter: communes have no district now
    assert "Phường Mường Thanh" in content and "Xã Thanh Xương" not in content


def test_a_year_with_districts_shows_its_129_communes_with_the_district_column_and_filter(client, dienbien_staff):
    response = _page(client, dienbien_staff, nam=2021)
    content = response.content.decode()
    assert response.context["page"].paginator.count == 129
    assert '<th scope="col">Huyện</th>' in content and 'name="district"' in content
    assert "Huyện Điện Biên" in content


def test_the_district_filter_works_on_a_past_day(client, dienbien_staff):
    from communes.models import District

    district = District.objects.get(code="100")  # Huyện Điện Biên
    response = _page(client, dienbien_staff, ngay="15/03/2024", district=district.pk)
    names = [c.name for c in response.context["page"].object_list]
    assert "Xã Thanh Xương" in names and len(names) == 21
    assert response.context["page"].paginator.count == 21


def test_an_html_date_input_value_chooses_the_day(client, dienbien_staff):
    assert _page(client, dienbien_staff, ngay="2024-03-15").context["page"].paginator.count == 129
    assert _page(client, dienbien_staff, ngay="2025-07-01").context["page"].paginator.count == 45


@pytest.mark.parametrize(
    "params, code",
    [
        ({}, "3334"),  # today's ward, merged from Noong Bua, Nam Thanh and Thanh Xương
        ({"nam": 2024}, "3136"),  # the old ward of the same name, merged into Phường Điện Biên Phủ
    ],
)
def test_search_without_diacritics_finds_the_unit_that_stands_on_the_day(client, dienbien_staff, params, code):
    page = _page(client, dienbien_staff, q="muong thanh", **params).context["page"]
    assert [(c.code, c.name) for c in page.object_list] == [(code, "Phường Mường Thanh")]


def test_search_finds_an_old_commune_by_its_name_in_its_year(client, dienbien_staff):
    assert listed(client, dienbien_staff, q="thanh xuong", nam=2024) == ["Xã Thanh Xương"]
    assert listed(client, dienbien_staff, q="thanh xuong") == []


def test_each_row_links_to_the_commune_page_of_the_day_shown(client, dienbien_staff):
    content = _page(client, dienbien_staff, nam=2024, q="thanh xuong").content.decode()
    assert 'href="/xa/3334/?nam=2024"' in content
    content = _page(client, dienbien_staff, ngay="15/03/2024", q="thanh xuong").content.decode()
    assert 'href="/xa/3334/?ngay=15/03/2024"' in content
    content = _page(client, dienbien_staff, q="muong thanh").content.decode()
    assert 'href="/xa/3334/"' in content


def test_a_merged_commune_says_which_commune_it_became_with_a_link(client, dienbien_staff):
    content = _page(client, dienbien_staff, nam=2024, q="noong bua").content.decode()
    assert "đã sáp nhập vào" in content
    assert '<a href="/xa/3334/">Phường Mường Thanh</a> từ 01/07/2025' in content


def test_the_linked_old_commune_page_is_the_old_unit_not_the_one_reusing_its_code(client, dienbien_staff):
    client.force_login(dienbien_staff)
    old = client.get("/xa/3334/?nam=2024")
    new = client.get("/xa/3334/")
    assert old.context["commune"].name == "Xã Thanh Xương"
    assert new.context["commune"].name == "Phường Mường Thanh"


def test_commune_staff_of_a_merged_commune_see_its_predecessors_on_a_day_before_the_merger(client, dienbien):
    from communes.models import NEW_MAP_FIRST_DAY, Commune
    from tests.factories import commune_staff

    commune = Commune.objects.valid_on(NEW_MAP_FIRST_DAY).get(code="3334")
    user = commune_staff(commune)
    assert listed(client, user, nam=2026) == ["Phường Mường Thanh"]
    assert sorted(listed(client, user, nam=2024)) == ["Phường Nam Thanh", "Phường Noong Bua", "Xã Thanh Xương"]
