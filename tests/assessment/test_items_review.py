"""The reviewer and component items: each item's evidence beside its score, the reviewer's item scores
summing into the criterion's review score, and bounded queries with items on every criterion."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import Assessment, CriterionScore, ItemScore, Status
from assessment.services.errors import AssessmentError
from assessment.services.workflow import assessment_approve
from tests.assessment.factories import make_assessment, make_evidence
from tests.assessment.factories_items import add_items, item_of


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def submitted_with_items(commune, numbers=(3,), actor=None) -> Assessment:
    """A submitted 2021 assessment whose criteria ``numbers`` are scored item by item (8, 6.5, 5)."""
    assessment = make_assessment(commune, 2021, status=Status.SUBMITTED, scores=20)
    criteria_set = assessment.year.criteria_set
    if not criteria_set.criteria.filter(items__isnull=False).exists():
        add_items(criteria_set, numbers)
    for number in numbers:
        score = CriterionScore.objects.get(assessment=assessment, criterion__number=number)
        for order, value in ((1, "8"), (2, "6.5"), (3, "5")):
            ItemScore.objects.create(
                score=score, item=item_of(criteria_set, number, order), self_score=Decimal(value), note="x"
            )
        score.self_score = Decimal("19.5")
        score.save()
    return assessment


def review_url(name: str, assessment) -> str:
    return reverse(f"assessment:{name}", kwargs={"year": assessment.year.year, "code": assessment.commune.code})


def form_data(assessment, **overrides) -> dict:
    data = {"version": assessment.version, "comment": ""}
    for score in assessment.scores.prefetch_related("item_scores"):
        data[f"score_{score.criterion_id}"] = str(score.self_score).replace(".", ",")
        data[f"comment_{score.criterion_id}"] = ""
        for item_score in score.item_scores.all():
            data[f"item_{item_score.item_id}"] = str(item_score.self_score).replace(".", ",")
    return data | overrides


def test_the_review_page_shows_each_items_evidence_beside_its_score(client, world):
    assessment = submitted_with_items(world.commune)
    score = assessment.scores.get(criterion__number=3)
    requirement = item_of(assessment.year.criteria_set, 3, 1).requirements.get()
    evidence = make_evidence(score, world.commune_user, name="qd-ke-hoach.pdf")
    evidence.requirement = requirement
    evidence.save()
    client.force_login(world.reviewer)
    content = client.get(review_url("review", assessment)).content.decode()
    assert "3.1. Ban hành kế hoạch thực hiện" in content and "Quyết định: Quyết định ban hành kế hoạch" in content
    assert "qd-ke-hoach.pdf" in content
    assert "Biên bản: Biên bản hội nghị" in content and "Chưa có tệp" in content  # 3.2's minutes are missing
    item = item_of(assessment.year.criteria_set, 3, 2)
    assert f'name="item_{item.pk}"' in content and 'value="6,5"' in content
    assert f'name="score_{score.criterion_id}"' not in content


def test_the_reviewers_item_scores_sum_into_the_review_score(client, world):
    assessment = submitted_with_items(world.commune)
    criteria_set = assessment.year.criteria_set
    first, second = item_of(criteria_set, 3, 1), item_of(criteria_set, 3, 2)
    client.force_login(world.reviewer)
    data = form_data(assessment, **{f"item_{first.pk}": "6", f"item_{second.pk}": "7"})
    response = client.post(review_url("review-approve", assessment), data)
    assert response.status_code == 302
    score = CriterionScore.objects.get(assessment=assessment, criterion__number=3)
    assert (score.self_score, score.district_score, score.final_score) == (
        Decimal("19.5"),
        Decimal("18"),
        Decimal("18"),
    )
    reviewed = {s.item.order: s.district_score for s in ItemScore.objects.filter(score=score).select_related("item")}
    assert reviewed == {1: Decimal("6"), 2: Decimal("7"), 3: Decimal("5")}
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED and assessment.final_total == Decimal("18") + 19 * 20
    # The detail page shows each item's self and review score under its criterion.
    detail = client.get(review_url("assessment-detail", assessment)).content.decode()
    assert "3.2. Tổ chức hội nghị triển khai" in detail and detail.count('class="small item-score-row"') == 3


def test_a_bad_item_review_score_is_refused_naming_criterion_and_item(client, world):
    assessment = submitted_with_items(world.commune)
    first = item_of(assessment.year.criteria_set, 3, 1)
    client.force_login(world.reviewer)
    response = client.post(
        review_url("review-approve", assessment), form_data(assessment, **{f"item_{first.pk}": "8,1"})
    )
    assert response.status_code == 400
    assert "Tiêu thức 3, nội dung 3.1 “Ban hành kế hoạch thực hiện”" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED and not ItemScore.objects.filter(district_score__isnull=False).exists()


def test_approving_without_item_scores_keeps_the_items_self_scores(world):
    assessment = submitted_with_items(world.commune)
    fresh = Assessment.objects.get(pk=assessment.pk)
    assessment_approve(assessment=fresh, actor=world.reviewer, district_scores={}, expected_version=fresh.version)
    score = CriterionScore.objects.get(assessment=assessment, criterion__number=3)
    assert score.district_score == Decimal("19.5")


def test_the_service_refuses_an_item_score_above_its_maximum(world):
    assessment = submitted_with_items(world.commune)
    first = item_of(assessment.year.criteria_set, 3, 1)
    fresh = Assessment.objects.get(pk=assessment.pk)
    with pytest.raises(AssessmentError, match="nội dung 3.1"):
        assessment_approve(
            assessment=fresh,
            actor=world.reviewer,
            district_scores={},
            item_scores={first.pk: Decimal("9")},
            expected_version=fresh.version,
        )
