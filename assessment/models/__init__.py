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
from assessment.models.duties import FollowUpAction, FollowUpKind, OfficialRating
from assessment.models.history import HistoryImport
from assessment.models.items import ComponentItem, EvidenceKind, EvidenceRequirement, ItemScore
from assessment.models.plans import ImprovementPlan, ImprovementPlanItem
from assessment.models.responsibility import CriterionAssignment
from assessment.models.targets import TargetComparison, TargetKind, TargetMetric, YearTarget

__all__ = [
    "Assessment",
    "AssessmentEvent",
    "AssessmentYear",
    "Classification",
    "ComponentItem",
    "CriteriaSet",
    "Criterion",
    "CriterionAssignment",
    "CriterionScore",
    "Evidence",
    "EvidenceKind",
    "EvidenceRequirement",
    "FollowUpAction",
    "FollowUpKind",
    "HistoryImport",
    "ImprovementPlan",
    "ImprovementPlanItem",
    "ItemScore",
    "OfficialRating",
    "ProvinceDecision",
    "Status",
    "TargetComparison",
    "TargetKind",
    "TargetMetric",
    "Threshold",
    "YearTarget",
]
