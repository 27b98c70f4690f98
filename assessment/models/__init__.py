from assessment.models.assessment import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    CriterionScore,
    Evidence,
    ProvinceDecision,
    Status,
)
from assessment.models.criteria import Classification, CriteriaSet, Criterion, Threshold
from assessment.models.plans import ImprovementPlan, ImprovementPlanItem

__all__ = [
    "Assessment",
    "AssessmentEvent",
    "AssessmentYear",
    "Classification",
    "CriteriaSet",
    "Criterion",
    "CriterionScore",
    "Evidence",
    "ImprovementPlan",
    "ImprovementPlanItem",
    "ProvinceDecision",
    "Status",
    "Threshold",
]
