"""The pages of the officials' ratings, follow-up actions and commendation eligibility take a
bounded number of queries for a small province (the world) and for the whole of Điện Biên."""

from datetime import date

import pytest
from django.urls import reverse

from assessment.models import Assessment, CriterionAssignment, FollowUpAction, OfficialRating, ProvinceDecision
from assessment.ratings import RatingLevel
from communes.models import Commune, year_day
from personnel.models import Category, Discipline
from tests.assessment.factories import make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import commune_staff, province_staff
from tests.personnel.factories import OfficialFactory

LEVELS = RatingLevel.values


def _people(communes: list[Commune], user) -> None:
    """A chair and a civil servant in each commune, rated, the servant answering for criterion 1;
    every third commune criticised, every fifth with a discipline, every second criticised commune's chair transfer done."""
    year = make_year(2021)
    criterion = year.criteria_set.criteria.get(number=1)
    assessments = {a.commune_id: a for a in Assessment.objects.filter(year=year)}
    ratings, assignments = [], []
    for index, commune in enumerate(communes):
        chair = OfficialFactory(commune=commune, category=Category.CADRE, positions=["chu-tich-ubnd"])
        servant = OfficialFactory(commune=commune)
        assignments.append(CriterionAssignment(year=year, commune=commune, criterion=criterion, official=servant))
        for j, official in enumerate((chair, servant)):
            ratings.append(OfficialRating(year=year, commune=commune, official=official, level=LEVELS[(index + j) % 4]))
        assessment = assessments.get(commune.pk)
        if assessment and index % 3 == 0:
            ProvinceDecision.objects.create(
                assessment=assessment, kind="criticism", number="1", date=date(2022, 1, 5), reason="x", recorded_by=user
            )
        if index % 5 == 0:
            Discipline.objects.create(
                official=servant, commune=commune, decided_on=date(2021, 5, 1), form="reprimand", reason="x"
            )
        if assessment and index % 6 == 0:
            FollowUpAction.objects.create(
                assessment=assessment,
                kind="transfer_chair",
                number="2",
                date=date(2022, 2, 1),
                actor_name="UBND xã",
                recorded_by=user,
            )
    CriterionAssignment.objects.bulk_create(assignments)
    OfficialRating.objects.bulk_create(ratings)


@pytest.fixture(params=["small", "large"])
def province(request, world):
    if request.param == "small":
        communes = [world.commune, world.sibling, world.outsider_commune]
        bulk_year(make_year(2021), communes)
        _people(communes, world.province_user)
        return world.province, world.commune, world.province_user
    dienbien = request.getfixturevalue("dienbien")
    communes = list(Commune.objects.valid_on(year_day(2021)).filter(province=dienbien).order_by("code"))
    user = province_staff(dienbien)
    bulk_year(make_year(2021), communes)
    _people(communes, user)
    return dienbien, communes[0], user


PROVINCE_PAGES = [
    "assessment:rating-above-list",
    "assessment:commune-year-list",
    "assessment:followup-action-list",
    "reports:province-dashboard",
]


@pytest.mark.parametrize("name", PROVINCE_PAGES)
def test_each_province_page_takes_a_bounded_number_of_queries(client, province, django_assert_max_num_queries, name):
    _province, _commune, user = province
    client.force_login(user)
    with django_assert_max_num_queries(60 if name == "reports:province-dashboard" else 30):
        response = client.get(reverse(name), {"nam": 2021})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "name",
    [
        "assessment:rating-edit",
        "assessment:rating-excel-download",
        "assessment:rating-excel-upload",
        "assessment:followup-action-create",
    ],
)
def test_each_commune_page_takes_a_bounded_number_of_queries(client, province, django_assert_max_num_queries, name):
    _province, commune, user = province
    staff = commune_staff(commune)
    client.force_login(staff if name.endswith("upload") else user)
    args = [2021, commune.code] + (["plan"] if name.endswith("create") else [])
    with django_assert_max_num_queries(30):
        response = client.get(reverse(name, args=args))
    assert response.status_code in (200, 404)  # a commune with no plan follow-up: 200 with the refusal


def test_the_dashboard_counts_equal_sql(client, province):
    from django.db import connection

    _province, _commune, user = province
    client.force_login(user)
    duties = client.get(reverse("reports:province-dashboard"), {"nam": 2021}).context["board"].duties
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT level, COUNT(*) FROM assessment_officialrating r JOIN communes_commune c ON c.id = r.commune_id "
            "WHERE c.province_id = %s GROUP BY level",
            [_province.pk],
        )
        by_level = dict(cursor.fetchall())
        cursor.execute(
            "SELECT COUNT(DISTINCT d.assessment_id), COUNT(DISTINCT f.assessment_id) FROM assessment_provincedecision d "
            "JOIN assessment_assessment a ON a.id = d.assessment_id JOIN communes_commune c ON c.id = a.commune_id "
            "LEFT JOIN assessment_followupaction f ON f.assessment_id = a.id AND f.kind = 'transfer_chair' "
            "WHERE d.kind = 'criticism' AND c.province_id = %s",
            [_province.pk],
        )
        criticised, transfers_done = cursor.fetchone()
    labels = dict(zip(RatingLevel.labels, RatingLevel.values, strict=True))
    assert {labels[label]: n for label, n in duties.ratings if n} == by_level
    [transfer] = [c for c in duties.followups if c.kind == "transfer_chair"]
    assert (transfer.total, transfer.done) == (criticised, transfers_done)
    assert transfer.done
