"""The score page and the review page stay bounded with component items on every criterion, for a
small set and a large one (the same bound holds for both)."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import CriteriaSet, Criterion, CriterionScore, ItemScore, Status, Threshold
from tests.assessment.factories import make_assessment, make_evidence, make_year
from tests.assessment.factories_items import add_items, item_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def items_everywhere(commune, criteria: int, *, status: str, user) -> None:
    """A 2022 assessment under a set of ``criteria`` criteria, each of three items, every item scored,
    with a file for every requirement."""
    criteria_set = CriteriaSet.objects.create(name=f"Bộ thử {criteria}", legal_basis="Thử", year_from=2022)
    for number in range(1, criteria + 1):
        Criterion.objects.create(criteria_set=criteria_set, number=number, name=f"Tiêu thức thử {number}")
    Threshold.objects.create(criteria_set=criteria_set, classification="good", min_total=criteria * 17, min_each=15)
    add_items(criteria_set, range(1, criteria + 1))
    assessment = make_assessment(commune, make_year(2022, criteria_set=criteria_set), status=status, scores=20)
    for score in CriterionScore.objects.filter(assessment=assessment).select_related("criterion"):
        for order, value in ((1, "8"), (2, "7"), (3, "5")):
            item = item_of(criteria_set, score.criterion.number, order)
            ItemScore.objects.create(score=score, item=item, self_score=Decimal(value))
            for requirement in item.requirements.all():
                evidence = make_evidence(score, user)
                evidence.requirement = requirement
                evidence.save()


@pytest.mark.parametrize("criteria", [3, 30])
def test_the_score_page_with_items_on_every_criterion_is_bounded(
    client, world, django_assert_max_num_queries, criteria
):
    items_everywhere(world.commune, criteria, status=Status.DRAFT, user=world.commune_user)
    client.force_login(world.commune_user)
    with django_assert_max_num_queries(18):
        response = client.get(reverse("assessment:score-edit", args=[2022, world.commune.code]))
    content = response.content.decode()
    assert content.count('class="score-row item-row') == 3 * criteria
    assert content.count(">bien-ban.pdf</a>") == 3 * criteria


@pytest.mark.parametrize("criteria", [3, 30])
def test_the_review_page_with_items_on_every_criterion_is_bounded(
    client, world, django_assert_max_num_queries, criteria
):
    items_everywhere(world.commune, criteria, status=Status.SUBMITTED, user=world.commune_user)
    client.force_login(world.reviewer)
    with django_assert_max_num_queries(17):
        response = client.get(reverse("assessment:review", kwargs={"year": 2022, "code": world.commune.code}))
    content = response.content.decode()
    assert content.count('class="row g-2 border-top pt-2 mt-1 ms-md-2 review-item"') == 3 * criteria
    assert content.count(">bien-ban.pdf</a>") == 3 * criteria
    with django_assert_max_num_queries(18):
        assert client.get(reverse("assessment:assessment-detail", args=[2022, world.commune.code])).status_code == 200
