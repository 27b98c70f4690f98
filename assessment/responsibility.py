"""Who answers for each criterion, and the evaluation a criterion's score suggests for them.

Plan 703 section II.3: the final score of a criterion a civil servant answers for caps that
person's yearly evaluation (17 / 13 / 9 points; ``assessment.evaluation``). The official's page
in ``personnel`` shows this through the section registered by :func:`register_official_section`.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.evaluation import Evaluation, suggested_evaluation
from assessment.models import (
    AssessmentYear,
    Criterion,
    CriterionAssignment,
    CriterionScore,
    ImprovementPlanItem,
)
from assessment.services.errors import AssessmentError
from communes.models import Commune, User, fold
from personnel.models import Category, Official, OfficialStatus

ASSIGNABLE = (Category.CIVIL_SERVANT, Category.CADRE)


def assignable_officials(commune: Commune) -> list[Official]:
    """The commune's serving civil servants and cadres, civil servants first."""
    officials = Official.objects.filter(
        commune=commune, category__in=ASSIGNABLE, status=OfficialStatus.SERVING
    ).prefetch_related("positions")
    return sorted(officials, key=lambda o: (o.category != Category.CIVIL_SERVANT, o.full_name))


def _position_key(name: str) -> str:
    """'Địa chính - Xây dựng - ...' and 'Địa chính - nông nghiệp ...' share the key 'dia chinh'."""
    return fold(name.split("(")[0].split(" - ")[0])


def suggested_official(criterion: Criterion, officials: list[Official]) -> Official | None:
    """The official whose position matches the criterion's responsible position, if one does."""
    key = _position_key(criterion.responsible_position)
    if not key:
        return None
    return next((o for o in officials if any(_position_key(p.name) == key for p in o.positions.all())), None)


@dataclass(frozen=True)
class AssignmentRow:
    criterion: Criterion
    official: Official | None
    suggested: Official | None
    final_score: Decimal | None

    @property
    def evaluation(self) -> Evaluation | None:
        return suggested_evaluation(self.final_score, self.criterion.max_points)


def assignment_rows(year: AssessmentYear, commune: Commune, officials: list[Official]) -> list[AssignmentRow]:
    """Each criterion of the year with its official, the suggestion by position and the final score."""
    assigned = {
        a.criterion_id: a.official
        for a in CriterionAssignment.objects.filter(year=year, commune=commune).select_related("official")
    }
    scores = dict(
        CriterionScore.objects.filter(assessment__year=year, assessment__commune=commune).values_list(
            "criterion_id", "final_score"
        )
    )
    return [
        AssignmentRow(c, assigned.get(c.pk), suggested_official(c, officials), scores.get(c.pk))
        for c in year.criteria_set.criteria.order_by("number")
    ]


@transaction.atomic
def criterion_assignments_save(
    *, year: AssessmentYear, commune: Commune, chosen: dict[int, Official | None], user: User | None = None
) -> int:
    """Set who answers for each criterion (None clears it) and name them in the improvement plan.

    Returns how many criteria changed. Refused when the year is locked or an official is not one
    of the commune's serving cadres and civil servants.
    """
    if year.is_locked:
        raise AssessmentError(_("Năm %(y)s đã khóa sổ: không thay đổi phân công được.") % {"y": year.year})
    allowed = {o.pk for o in assignable_officials(commune)}
    current = {
        a.criterion_id: a for a in CriterionAssignment.objects.select_for_update().filter(year=year, commune=commune)
    }
    changed = 0
    for criterion_id, official in chosen.items():
        if official is not None and official.pk not in allowed:
            raise AssessmentError(
                _("%(name)s không phải cán bộ, công chức đang công tác của xã.") % {"name": official.full_name}
            )
        changed += _assign(year, commune, criterion_id, official, current.get(criterion_id), user)
    return changed


def _assign(
    year: AssessmentYear,
    commune: Commune,
    criterion_id: int,
    official: Official | None,
    existing: CriterionAssignment | None,
    user: User | None,
) -> int:
    if (existing.official_id if existing else None) == (official.pk if official else None):
        return 0
    if official is None:
        existing.delete()
    elif existing:
        existing.official, existing.assigned_by = official, user
        existing.save()
    else:
        CriterionAssignment.objects.create(
            year=year, commune=commune, criterion_id=criterion_id, official=official, assigned_by=user
        )
    items = ImprovementPlanItem.objects.filter(plan__commune=commune, plan__year=year, criterion_id=criterion_id)
    items.update(responsible_official=official, **({"responsible_name": official.full_name} if official else {}))
    return 1


@dataclass(frozen=True)
class OfficialCriterion:
    year: AssessmentYear
    criterion: Criterion
    commune: Commune
    final_score: Decimal | None

    @property
    def evaluation(self) -> Evaluation | None:
        return suggested_evaluation(self.final_score, self.criterion.max_points)


def official_criteria(official: Official) -> list[OfficialCriterion]:
    """The criteria the official answers (or answered) for, newest year first, with final scores."""
    assignments = list(
        CriterionAssignment.objects.filter(official=official)
        .select_related("year", "criterion", "commune")
        .order_by("-year__year", "criterion__number")
    )
    scores = {
        (year, commune, criterion): score
        for year, commune, criterion, score in CriterionScore.objects.filter(
            assessment__year__in={a.year_id for a in assignments},
            assessment__commune__in={a.commune_id for a in assignments},
            criterion__in={a.criterion_id for a in assignments},
        ).values_list("assessment__year_id", "assessment__commune_id", "criterion_id", "final_score")
    }
    return [
        OfficialCriterion(a.year, a.criterion, a.commune, scores.get((a.year_id, a.commune_id, a.criterion_id)))
        for a in assignments
    ]


def official_section(request: HttpRequest, official: Official) -> dict[str, Any] | None:
    """Context for the official's page: criteria answered for and the evaluation each suggests."""
    if official.category not in ASSIGNABLE:
        return None
    latest = AssessmentYear.objects.filter(year__lte=timezone.localdate().year).order_by("-year").first()
    return {
        "official": official,
        "rows": official_criteria(official),
        "latest_year": latest,
        "can_assign": request.user.is_superuser or request.user.is_commune_staff,
    }


def register_official_section() -> None:
    """Called from AssessmentConfig.ready(): add the section to personnel's official page."""
    from personnel.hooks import register_official_section as register

    register("assessment/responsibility_official_section.html", official_section, order=10)
