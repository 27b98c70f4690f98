"""Which scores count now: self while the commune edits, district under review, final after approval."""

from datetime import date
from decimal import Decimal

import pytest

from assessment.models import CriterionScore, ProvinceDecision, Status
from assessment.selectors import assessment_current_classification, current_score
from tests.assessment.factories import make_assessment

D = Decimal


@pytest.mark.parametrize(
    ("status", "expected"),
    [
        (Status.DRAFT, D("10")),
        (Status.RETURNED, D("10")),
        (Status.SUBMITTED, D("15")),
        (Status.DISTRICT_APPROVED, D("18")),
        (Status.FINALIZED, D("18")),
    ],
)
def test_the_current_score_follows_the_workflow(status, expected):
    score = CriterionScore(self_score=D("10"), district_score=D("15"), final_score=D("18"))
    assert current_score(score, status) == expected


def test_an_empty_later_stage_falls_back_to_the_earlier_one():
    assert current_score(CriterionScore(self_score=D("12")), Status.SUBMITTED) == D("12")
    assert current_score(CriterionScore(self_score=D("12"), district_score=D("11")), Status.FINALIZED) == D("11")


def test_the_classification_is_built_from_the_assessments_set_and_scores(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    assessment.scores.filter(criterion__number=4).update(district_score=D("12"))
    result = assessment_current_classification(assessment)
    assert result.total == D("354") and result.max_total == D("400")
    assert result.classification == "fair"
    assert "Tiêu thức 4 đạt 12 < 15 nên chưa đạt Tốt" in result.reasons


def test_a_criticism_that_year_rules_out_tsvm(world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=19)
    assert assessment_current_classification(assessment).tsvm_eligible
    ProvinceDecision.objects.create(
        assessment=assessment,
        kind="criticism",
        number="12/QĐ-UBND",
        date=date(2022, 1, 10),
        reason="Vi phạm",
        recorded_by=world.province_user,
    )
    assert not assessment_current_classification(assessment).tsvm_eligible
