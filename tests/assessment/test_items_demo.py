"""The demo's 2026 criteria set: a few criteria with component items and required evidence, named as a
demo; every 2026 score of such a criterion is the sum of its item scores; the other years are unchanged."""

from django.db.models import Sum

from assessment import demo, demo_items
from assessment.models import AssessmentYear, ComponentItem, CriterionScore, EvidenceRequirement, ItemScore
from communes import demo as communes_demo
from tests.assessment.factories import default_criteria_set


def test_the_2026_demo_set_has_items_and_its_scores_are_their_sums(db):
    communes_demo.seed()
    demo.seed()
    year = AssessmentYear.objects.select_related("criteria_set").get(year=2026)
    assert "minh họa" in year.criteria_set.name
    with_items = set(
        ComponentItem.objects.filter(criterion__criteria_set=year.criteria_set).values_list(
            "criterion__number", flat=True
        )
    )
    assert with_items == {1, 3, 20}
    assert EvidenceRequirement.objects.filter(
        item__criterion__criteria_set=year.criteria_set, is_required=True
    ).exists()
    scores = CriterionScore.objects.filter(assessment__year=year, criterion__number__in=with_items)
    assert scores.count() == 45 * 3
    for score in scores.annotate(own=Sum("item_scores__self_score"), reviewed=Sum("item_scores__district_score")):
        assert score.own == score.self_score and score.reviewed == score.district_score
    # The years before keep the shipped set, without items.
    assert set(AssessmentYear.objects.exclude(year=2026).values_list("criteria_set", flat=True)) == {
        default_criteria_set().pk
    }
    # Seeding again adds nothing.
    count = ItemScore.objects.count()
    demo.seed()
    assert ItemScore.objects.count() == count


def test_split_shares_a_total_in_quarter_points_that_add_up():
    from decimal import Decimal

    for total in ("0", "13.75", "17.5", "20"):
        shares = demo_items.split(Decimal(total), [Decimal("8"), Decimal("7"), Decimal("5")])
        assert sum(shares) == Decimal(total) and all(s % Decimal("0.25") == 0 for s in shares)
        assert all(s <= m for s, m in zip(shares, [8, 7, 5], strict=True))
