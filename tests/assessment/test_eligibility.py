"""Commendation eligibility (DESIGN.md section 5): every class and each kind of violation."""

from datetime import date

import pytest

from assessment.eligibility import EligibilityInput, commendation_refusals
from assessment.models import Classification, ProvinceDecision, Status
from assessment.selectors.eligibility import commendation_eligibility
from communes.models import Commune
from personnel.models import Discipline
from tests.assessment.factories import make_assessment, make_year
from tests.personnel.factories import servant


@pytest.mark.parametrize(
    ("final_class", "eligible"),
    [
        (Classification.GOOD, True),
        (Classification.FAIR, True),
        (Classification.AVERAGE, False),
        (Classification.WEAK, False),
        ("", True),  # not confirmed yet: not refused for a class it does not have
    ],
)
def test_each_class(final_class, eligible):
    refusals = commendation_refusals(EligibilityInput(final_class=final_class))
    assert (not refusals) == eligible
    if not eligible:
        assert str(Classification(final_class).label) in refusals[0]


@pytest.mark.parametrize(
    ("data", "words"),
    [
        (EligibilityInput(Classification.GOOD, criticised=True), "phê bình"),
        (EligibilityInput(Classification.GOOD, reminded=True), "nhắc nhở"),
        (EligibilityInput(Classification.GOOD, violations=2), "2 quyết định kỷ luật"),
    ],
)
def test_each_kind_of_violation_refuses_a_good_commune(data, words):
    [reason] = commendation_refusals(data)
    assert words in reason


def test_every_reason_is_listed():
    data = EligibilityInput(Classification.WEAK, criticised=True, reminded=True, violations=1)
    assert len(commendation_refusals(data)) == 4


@pytest.fixture
def year_of_results(world):
    year = make_year(2021)
    good = make_assessment(world.commune, year, status=Status.FINALIZED, scores=20)
    make_assessment(world.sibling, year, status=Status.FINALIZED, scores=20)
    make_assessment(world.outsider_commune, year, status=Status.FINALIZED, scores=5)
    world.year, world.good = year, good
    return world


def _eligibility(w):
    return commendation_eligibility(w.year, Commune.objects.filter(province=w.province))


def test_the_selector_reads_class_decisions_and_discipline_of_that_year_only(year_of_results):
    w = year_of_results
    found = _eligibility(w)
    assert found[w.commune.pk] == [] and found[w.sibling.pk] == []
    assert "Yếu" in found[w.outsider_commune.pk][0]
    official = servant(w.sibling)
    Discipline.objects.create(
        official=official, commune=w.sibling, decided_on=date(2020, 12, 31), form="reprimand", reason="Năm trước"
    )
    assert _eligibility(w)[w.sibling.pk] == []
    Discipline.objects.create(
        official=official, commune=w.sibling, decided_on=date(2021, 6, 1), form="warning", reason="Vi phạm"
    )
    assert "kỷ luật" in _eligibility(w)[w.sibling.pk][0]
    ProvinceDecision.objects.create(
        assessment=w.good,
        kind="reminder",
        number="2/QĐ",
        date=date(2022, 1, 5),
        reason="x",
        recorded_by=w.province_user,
    )
    assert "nhắc nhở" in _eligibility(w)[w.commune.pk][0]


def test_the_years_list_marks_the_commune_not_eligible_with_the_reason(client, year_of_results):
    w = year_of_results
    client.force_login(w.province_user)
    from django.urls import reverse

    page = client.get(reverse("assessment:commune-year-list") + "?nam=2021").content.decode()
    assert "Không đủ điều kiện" in page and "Xếp loại Yếu" in page
    assert "2/3 xã đủ điều kiện khen thưởng" in page


def test_a_commune_the_province_has_not_confirmed_is_pending_not_eligible(client, year_of_results):
    from django.urls import reverse

    w = year_of_results
    w.good.status = Status.DISTRICT_APPROVED
    w.good.save(update_fields=["status"])
    client.force_login(w.province_user)
    page = client.get(reverse("assessment:commune-year-list") + "?nam=2021").content.decode()
    row = page.split(f'data-commune="{w.commune.code}"', 1)[1].split("</tr>", 1)[0]
    assert "Chờ tỉnh công nhận kết quả" in row and "Đủ điều kiện" not in row
    assert "1/3 xã đủ điều kiện khen thưởng" in page
