"""seed_demo's rosters and profiles for the whole province, and the queries pages take over them."""

from collections import Counter

import pytest
from django.urls import reverse

from communes.models import Commune, District, User
from communes.profile_models import OfficeRecord, ProcedureStats, Village
from personnel.models import Category, Official
from personnel.selectors import standard_ratios


@pytest.fixture
def seeded(dienbien):
    from communes.demo import seed as seed_communes
    from personnel.demo import seed as seed_personnel

    seed_communes()
    seed_personnel()
    return dienbien


def test_every_commune_gets_a_realistic_roster_and_a_profile(seeded):
    per_commune = Counter(Official.objects.values_list("commune_id", "category"))
    villages = Counter(Village.objects.values_list("commune_id", flat=True))
    for commune in Commune.objects.all():
        cadres_and_servants = (per_commune[(commune.pk, Category.CADRE)]
                               + per_commune[(commune.pk, Category.CIVIL_SERVANT)])
        assert 17 <= cadres_and_servants <= 25, commune.name
        assert per_commune[(commune.pk, Category.PART_TIME)] >= 9
        assert villages[commune.pk] >= 5
        assert per_commune[(commune.pk, Category.VILLAGE)] >= villages[commune.pk]
    assert OfficeRecord.objects.filter(year=2021).count() == 129
    assert ProcedureStats.objects.filter(year=2021).count() == 2 * 129
    concurrent = Official.objects.filter(positions__code="chu-tich-hdnd").filter(positions__code="bi-thu-dang-uy")
    assert concurrent.exists()
    # A mix of qualifications: some of the plan's targets are met, some are not.
    report = standard_ratios(Commune.objects.all(), seeded.communes.first().valid_to)
    met = {r.key: r.met for r in report}
    assert True in met.values() and False in met.values()
    assert 0 < report["general"].numerator < report["general"].denominator
    _seeding_again_changes_nothing()


def _seeding_again_changes_nothing() -> None:
    from communes.demo import seed as seed_communes
    from personnel.demo import seed as seed_personnel

    before = (Official.objects.count(), Village.objects.count(), OfficeRecord.objects.count())
    seed_communes()
    assert seed_personnel() == ["officials: 0 added in 0 communes, 0 training records"]
    assert (Official.objects.count(), Village.objects.count(), OfficeRecord.objects.count()) == before


def test_pages_and_panels_over_a_district_and_the_province_take_a_bounded_number_of_queries(
        seeded, client, rf, django_assert_max_num_queries):
    district = District.objects.get(code="100")
    assert district.communes.count() == 21
    client.force_login(User.objects.get(username="pnv.dienbien"))
    for url in (reverse("personnel:district-ratios", args=[district.code]),
                reverse("communes:district-profile", args=[district.code])):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200
    client.force_login(User.objects.get(username="sonoivu"))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("personnel:province-ratios")).status_code == 200
    client.force_login(User.objects.get(username="xa.thanhxuong"))
    for url in (reverse("personnel:official-list", args=["3334"]), reverse("communes:profile-detail", args=["3334"])):
        with django_assert_max_num_queries(20):
            assert client.get(url).status_code == 200
    official = Official.objects.filter(commune__code="3334").first()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("personnel:official-detail", args=[official.pk])).status_code == 200
    _panels_take_a_bounded_number_of_queries(rf, django_assert_max_num_queries)


def _panels_take_a_bounded_number_of_queries(rf, django_assert_max_num_queries) -> None:
    from communes import profile_panels
    from personnel import panels

    request = rf.get("/")
    request.user = User.objects.get(username="sonoivu")
    district = District.objects.get(code="100")
    with django_assert_max_num_queries(8):
        panels.district_panel(request, district)
    with django_assert_max_num_queries(8):
        profile_panels.district_panel(request, district)
    commune = Commune.objects.get(code="3334")
    with django_assert_max_num_queries(8):
        panels.commune_panel(request, commune)
