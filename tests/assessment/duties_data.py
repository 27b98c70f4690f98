"""Test data for the officials' ratings, follow-up actions and commendation eligibility."""

from decimal import Decimal

from assessment.models import CriterionAssignment, CriterionScore
from personnel.models import Official


def answer_for(official: Official, assessment, numbers_scores: dict[int, str | None]) -> None:
    """Make ``official`` answer for the criteria ``numbers_scores`` with those final scores."""
    for number, score in numbers_scores.items():
        row = assessment.scores.get(criterion__number=number)
        CriterionScore.objects.filter(pk=row.pk).update(final_score=None if score is None else Decimal(score))
        CriterionAssignment.objects.update_or_create(
            year=assessment.year, commune=assessment.commune, criterion=row.criterion, defaults={"official": official}
        )
