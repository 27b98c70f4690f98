"""The reorganisation of 1 July 2025: officials of merged communes carry over to the main successor."""

from datetime import date

import pytest
from django.core.management import call_command

from communes.models import NEW_MAP_FIRST_DAY, Commune
from personnel.models import Category, Official, OfficialStatus, Transfer
from personnel.selectors import counted_in, transfers_out_of
from personnel.services.carry_over import REORGANISATION_DECISION, officials_carry_over
from tests.personnel.factories import OfficialFactory, VillageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def thanh_xuong(dienbien) -> Commune:
    return Commune.objects.get(name="Xã Thanh Xương")


@pytest.fixture
def muong_thanh(dienbien) -> Commune:
    return Commune.objects.valid_on(NEW_MAP_FIRST_DAY).get(name="Phường Mường Thanh")  # not the old ward 3136


def test_an_official_of_thanh_xuong_serves_in_phuong_muong_thanh_from_1_july_2025_with_the_reason(
    thanh_xuong, muong_thanh
):
    official = OfficialFactory(commune=thanh_xuong, village=VillageFactory(commune=thanh_xuong))
    result = officials_carry_over()
    official.refresh_from_db()
    assert (official.commune, official.village, result.officials, result.communes) == (muong_thanh, None, 1, 1)
    move = official.transfers.get()
    assert (move.from_commune, move.to_commune, move.effective_date) == (thanh_xuong, muong_thanh, NEW_MAP_FIRST_DAY)
    assert move.decision_number == REORGANISATION_DECISION
    assert "Sắp xếp đơn vị hành chính" in move.note and "Xã Thanh Xương" in move.note
    assert official.history.latest().history_change_reason == "Sắp xếp đơn vị hành chính"
    assert [o.id for o in counted_in([muong_thanh], date(2026, 12, 31))] == [official.pk]


def test_the_old_commune_still_counts_them_for_2024_and_lists_them_as_moved_away(thanh_xuong, muong_thanh):
    official = OfficialFactory(commune=thanh_xuong)
    officials_carry_over()
    assert [o.id for o in counted_in([thanh_xuong], date(2024, 12, 31))] == [official.pk]
    assert counted_in([thanh_xuong], date(2025, 7, 1)) == []
    assert counted_in([muong_thanh], date(2024, 12, 31)) == []
    assert [t.official for t in transfers_out_of(thanh_xuong)] == [official]


def test_running_it_twice_adds_nothing(thanh_xuong):
    OfficialFactory.create_batch(3, commune=thanh_xuong)
    assert officials_carry_over().officials == 3
    assert officials_carry_over().officials == 0
    assert Transfer.objects.count() == 3


def test_it_leaves_officials_who_had_left_and_those_of_communes_still_standing(thanh_xuong, muong_thanh):
    left = OfficialFactory(commune=thanh_xuong, status=OfficialStatus.LEFT, end_date=date(2024, 3, 1))
    standing = OfficialFactory(commune=muong_thanh)
    assert officials_carry_over().officials == 0
    assert Official.objects.get(pk=left.pk).commune == thanh_xuong
    assert Official.objects.get(pk=standing.pk).commune == muong_thanh


def test_every_merged_commune_goes_to_its_own_main_successor(dienbien, thanh_xuong, muong_thanh):
    noong_bua = Commune.objects.get(name="Phường Noong Bua")
    chung_chai = Commune.objects.get(name="Xã Chung Chải")
    officials = [OfficialFactory(commune=c, category=Category.CADRE) for c in (noong_bua, thanh_xuong, chung_chai)]
    officials_carry_over()
    assert [Official.objects.get(pk=o.pk).commune.name for o in officials] == [
        "Phường Mường Thanh",
        "Phường Mường Thanh",
        "Xã Mường Nhé",
    ]


def test_the_command_moves_them_and_says_how_many(thanh_xuong, muong_thanh, capsys):
    OfficialFactory.create_batch(2, commune=thanh_xuong)
    call_command("carry_over_officials")
    assert "2 officials moved from 1 communes" in capsys.readouterr().out
    assert Official.objects.filter(commune=muong_thanh).count() == 2
