"""seed_demo's rosters and profiles for the whole province on both maps, and the queries pages take
over them."""

from collections import Counter
from datetime import date

import pytest
from django.db.models import F as models_f
from django.urls import reverse

from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune, District, Role, User
from communes.profile.models import OfficeRecord, ProcedureStats, Village
from personnel.models import Category, Official, Transfer
from personnel.selectors import counted_in, standard_ratios


@pytest.fixture
def seeded(dienbien):
    from communes.demo import seed as seed_communes
    from personnel.demo import seed as seed_personnel

    seed_communes()
    seed_personnel()
    return dienbien


def _per_commune(communes, day: date) -> Counter:
    return Counter((o.commune_id, o.category) for o in counted_in(communes, day, categories=list(Category.values)))


def test_every_old_commune_had_a_realistic_roster_and_a_profile_until_the_merger(seeded):
    old = Commune.objects.valid_on(OLD_MAP_LAST_DAY)
    per_commune = _per_commune(old, date(2024, 12, 31))
    villages = Counter(Village.objects.values_list("commune_id", flat=True))
    assert old.count() == 129
    for commune in old:
        cadres_and_servants = (
            per_commune[(commune.pk, Category.CADRE)] + per_commune[(commune.pk, Category.CIVIL_SERVANT)]
        )
        assert 17 <= cadres_and_servants <= 25, commune.name
        assert per_commune[(commune.pk, Category.PART_TIME)] >= 9
        assert villages[commune.pk] >= 5
        assert per_commune[(commune.pk, Category.VILLAGE)] >= villages[commune.pk]
    for year in (2021, 2024):
        assert OfficeRecord.objects.filter(year=year, commune__in=old).count() == 129
        assert ProcedureStats.objects.filter(year=year, commune__in=old).count() == 2 * 129
    concurrent = Official.objects.filter(positions__code="chu-tich-hdnd").filter(positions__code="bi-thu-dang-uy")
    assert concurrent.exists()
    # A mix of qualifications: some of the plan's targets are met, some are not.
    report = standard_ratios(Commune.objects.all(), seeded.communes.first().valid_to)
    met = {r.key: r.met for r in report}
    assert True in met.values() and False in met.values()
    assert 0 < report["general"].numerator < report["general"].denominator
    _seeding_again_changes_nothing()


def test_every_new_commune_has_its_predecessors_officials_and_villages_and_a_profile_for_2026(seeded):
    new = Commune.objects.valid_on(date(2026, 12, 31))
    assert new.count() == 45
    serving = _per_commune(new, date(2026, 12, 31))
    for commune in new.prefetch_related("predecessors"):
        predecessors = len(commune.predecessors.all())
        cadres_and_servants = serving[(commune.pk, Category.CADRE)] + serving[(commune.pk, Category.CIVIL_SERVANT)]
        assert 17 * predecessors <= cadres_and_servants <= 25 * predecessors, commune.name
        assert commune.villages.count() == Village.objects.filter(commune__in=commune.predecessors.all()).count()
    assert not Official.objects.filter(commune__valid_to__lt=NEW_MAP_FIRST_DAY, status="serving").exists()
    assert Transfer.objects.filter(effective_date=NEW_MAP_FIRST_DAY).count() == Official.objects.count()
    village_workers = Official.objects.filter(category=Category.VILLAGE)
    assert village_workers.filter(village__commune_id=models_f("commune_id")).count() > 0.9 * village_workers.count()
    for year in (2025, 2026):
        assert OfficeRecord.objects.filter(year=year, commune__in=new).count() == 45
        assert ProcedureStats.objects.filter(year=year, commune__in=new).count() == 2 * 45


def test_the_demo_users_have_the_scope_the_readme_gives_them(seeded):
    users = {u.username: u for u in User.objects.prefetch_related("review_communes")}
    new_day = date(2026, 12, 31)
    for name in ("thamdinh.1", "thamdinh.2"):
        assert users[name].role == Role.PROVINCE_REVIEWER and users[name].province.code == "11"
    groups = [set(users[n].review_communes.all()) for n in ("thamdinh.1", "thamdinh.2")]
    assert not groups[0] & groups[1] and groups[0] | groups[1] == set(Commune.objects.valid_on(new_day))
    assert all(15 <= len(g) <= 30 for g in groups)
    muong_thanh, muong_nhe = users["phuong.muongthanh"].commune, users["xa.muongnhe.moi"].commune
    assert (muong_thanh.name, muong_thanh.district, muong_thanh.is_valid_on(new_day)) == (
        "Phường Mường Thanh",
        None,
        True,
    )
    assert muong_thanh.predecessors.count() == 3 and muong_nhe.predecessors.count() == 3
    assert muong_thanh in groups[0] and muong_nhe in groups[1]  # each reviewer has a demo commune
    assert (muong_nhe.code, muong_nhe.district) == ("3160", None) and users["xa.muongnhe.moi"].district is None
    assert users["xa.thanhxuong"].commune.name == "Xã Thanh Xương"
    assert users["xa.thanhxuong"].commune.successors.get() == muong_thanh
    assert users["pnv.dienbien"].district.code == "100" and users["sonoivu"].role == Role.PROVINCE_STAFF


def _seeding_again_changes_nothing() -> None:
    from communes.demo import seed as seed_communes
    from personnel.demo import seed as seed_personnel

    before = (Official.objects.count(), Village.objects.count(), OfficeRecord.objects.count())
    before_transfers = Transfer.objects.count()
    seed_communes()
    assert seed_personnel() == ["officials: 0 added in 0 communes, 0 training records"]
    assert Transfer.objects.count() == before_transfers
    assert (Official.objects.count(), Village.objects.count(), OfficeRecord.objects.count()) == before


def test_pages_and_panels_over_a_district_and_the_province_take_a_bounded_number_of_queries(
    seeded, client, rf, django_assert_max_num_queries
):
    district = District.objects.get(code="100")
    assert district.communes.count() == 21
    client.force_login(User.objects.get(username="pnv.dienbien"))
    for url in (
        reverse("personnel:district-ratios", args=[district.code]),
        reverse("communes:district-profile", args=[district.code]),
    ):
        with django_assert_max_num_queries(15):
            assert client.get(url).status_code == 200
    client.force_login(User.objects.get(username="sonoivu"))
    with django_assert_max_num_queries(15):
        assert client.get(reverse("personnel:province-ratios")).status_code == 200
    for username in ("xa.thanhxuong", "phuong.muongthanh"):  # the old commune, and the new one merged from three
        client.force_login(User.objects.get(username=username))
        for url in (
            reverse("personnel:official-list", args=["3334"]),
            reverse("communes:profile-detail", args=["3334"]),
        ):
            with django_assert_max_num_queries(21):  # 20, and the session's two-factor device
                assert client.get(url).status_code == 200
    official = Official.objects.filter(commune=User.objects.get(username="phuong.muongthanh").commune).first()
    with django_assert_max_num_queries(20):
        assert client.get(reverse("personnel:official-detail", args=[official.pk])).status_code == 200
    _panels_take_a_bounded_number_of_queries(rf, django_assert_max_num_queries)


def _panels_take_a_bounded_number_of_queries(rf, django_assert_max_num_queries) -> None:
    from communes.profile import panels as profile
    from personnel import panels

    request = rf.get("/")
    request.user = User.objects.get(username="sonoivu")
    district = District.objects.get(code="100")
    with django_assert_max_num_queries(8):
        panels.district_panel(request, district)
    with django_assert_max_num_queries(8):
        profile.district_panel(request, district)
    for commune in Commune.objects.filter(code="3334"):  # Xã Thanh Xương and Phường Mường Thanh
        with django_assert_max_num_queries(8):
            panels.commune_panel(request, commune)
