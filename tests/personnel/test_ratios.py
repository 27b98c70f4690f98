"""The plan's ratios for a commune, a district and the province, against hand-counted fixtures.

w.commune: 3 cadres, 3 civil servants (and a part-time worker and a cadre who left, not counted).
w.sibling (new-rural since 2019): 1 cadre, 2 civil servants, plus one civil servant who moves
to w.commune on 01/03/2022. w.outsider_commune (other district): 1 civil servant.
"""

from datetime import date

import pytest

from communes.models import Commune
from communes.profile.models import CommuneProfile, NewRuralStatus
from personnel.models import Category, OfficialStatus, Transfer
from personnel.selectors import standard_ratio_table, standard_ratios
from tests.personnel.factories import OfficialFactory, cadre, servant

BEFORE_MOVE = date(2021, 12, 31)
MOVE = date(2022, 3, 1)


@pytest.fixture
def rosters(world):
    c = world.commune
    cadre(c, positions=["bi-thu-dang-uy", "chu-tich-hdnd"])  # meets; two positions, one person
    cadre(c, political_theory=1)  # short of political theory
    cadre(c, professional_level=1)  # short of the professional standard
    servant(c, professional_level=4, political_theory=2)  # university, political theory
    servant(c, professional_level=2, political_theory=0)  # meets, no degree, no political theory
    servant(c, professional_level=1, political_theory=1)  # short of the professional standard
    OfficialFactory(commune=c, category=Category.PART_TIME)  # not in the ratios
    cadre(c, status=OfficialStatus.LEFT, end_date=date(2020, 6, 1))  # left before the day counted
    s = world.sibling
    CommuneProfile.objects.create(commune=s, new_rural_status=NewRuralStatus.ACHIEVED, new_rural_year=2019)
    cadre(s)
    servant(s, professional_level=4, political_theory=2)
    servant(s, professional_level=4, political_theory=1)
    mover = servant(c, professional_level=4, political_theory=2)
    Transfer.objects.create(official=mover, from_commune=s, to_commune=c, effective_date=MOVE)
    servant(world.outsider_commune, professional_level=4, political_theory=2)
    return world


def counts(report) -> dict[str, tuple[int, int]]:
    return {r.key: (r.numerator, r.denominator) for r in report}


def test_a_communes_ratios_match_the_hand_count(rosters):
    report = standard_ratios(Commune.objects.filter(pk=rosters.commune.pk), BEFORE_MOVE)
    assert counts(report) == {
        "general": (3, 6),
        "general_new_rural": (0, 0),
        "cadre_professional": (2, 3),
        "cadre_political": (2, 3),
        "civil_servant_professional": (2, 3),
        "civil_servant_university": (1, 3),
        "civil_servant_political": (1, 3),
    }
    assert report["general"].met is False and report["general_new_rural"].met is None


def test_a_new_rural_commune_is_measured_against_95_percent(rosters):
    report = standard_ratios([rosters.sibling], BEFORE_MOVE)
    assert counts(report)["general_new_rural"] == (4, 4)
    assert report["general_new_rural"].met is True
    assert counts(report)["civil_servant_political"] == (2, 3)


def test_a_transferred_official_counts_in_the_new_commune_only_from_the_transfer_date(rosters):
    assert counts(standard_ratios([rosters.commune], MOVE - date.resolution))["general"] == (3, 6)
    assert counts(standard_ratios([rosters.commune], MOVE))["general"] == (4, 7)
    assert counts(standard_ratios([rosters.sibling], MOVE))["general"] == (3, 3)


def test_a_districts_ratios_add_up_its_communes(rosters):
    report = standard_ratios(rosters.district.communes.all(), BEFORE_MOVE)
    assert counts(report) == {
        "general": (7, 10),
        "general_new_rural": (4, 4),
        "cadre_professional": (3, 4),
        "cadre_political": (3, 4),
        "civil_servant_professional": (5, 6),
        "civil_servant_university": (4, 6),
        "civil_servant_political": (3, 6),
    }
    assert report["general"].met is False  # exactly 70% is not "above 70%"
    assert report["civil_servant_university"].met is True
    assert report["civil_servant_political"].met is False  # exactly 50% is not "above 50%"


def test_the_provinces_ratios_include_every_district(rosters):
    report = standard_ratios(Commune.objects.filter(province=rosters.province), BEFORE_MOVE)
    assert counts(report)["general"] == (8, 11)
    assert report["general"].met is True
    assert counts(report)["civil_servant_university"] == (5, 7)


def test_ratios_by_commune_and_by_district_agree_with_the_totals(rosters):
    communes = Commune.objects.filter(province=rosters.province)
    by_commune = standard_ratio_table(communes, BEFORE_MOVE, by="commune")[1]
    by_district = standard_ratio_table(communes, BEFORE_MOVE, by="district")[1]
    assert counts(by_commune[rosters.commune.pk])["general"] == (3, 6)
    assert counts(by_commune[rosters.sibling.pk])["general"] == (4, 4)
    assert counts(by_district[rosters.district.pk])["general"] == (7, 10)
    assert counts(by_district[rosters.other_district.pk])["general"] == (1, 1)


def test_a_stricter_standard_from_a_later_date_changes_the_ratio_only_from_that_date(rosters):
    from personnel.models import Position, Standard

    Standard.objects.create(
        position=Position.objects.get(code="tu-phap-ho-tich"),
        valid_from=date(2022, 1, 1),
        legal_basis="Thử",
        min_general_education=3,
        min_professional_level=4,
    )
    assert counts(standard_ratios([rosters.commune], BEFORE_MOVE))["civil_servant_professional"] == (2, 3)
    assert counts(standard_ratios([rosters.commune], date(2022, 1, 1)))["civil_servant_professional"] == (1, 3)
