"""Improvement plans (plan 703 section II.4): commune staff write them per criterion and send them
to the district."""

from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.followups import target_problem
from assessment.models import AssessmentYear, Criterion, ImprovementPlan, ImprovementPlanItem
from assessment.selectors.followups import past_scores
from assessment.services.errors import AssessmentError, StaleEditError
from communes.models import Commune, User
from communes.permissions import is_commune_staff_of

TEXT_FIELDS = ("explanation", "targets", "tasks", "responsible_name", "solution")


@dataclass(frozen=True)
class PlanItemData:
    target_score: Decimal | None = None
    explanation: str = ""
    targets: str = ""
    tasks: str = ""
    responsible_name: str = ""
    solution: str = ""


def _check_editor(commune: Commune, year: AssessmentYear, actor: User) -> None:
    if year.is_locked:
        raise AssessmentError(_("Năm đánh giá đã khóa sổ, không ai được thay đổi."))
    if not is_commune_staff_of(actor, commune):
        raise AssessmentError(_("Chỉ cán bộ, công chức của xã được soạn kế hoạch của xã."))


def plan_target_errors(
    *, commune: Commune, year: AssessmentYear, items: Mapping[int, PlanItemData], criteria: list[Criterion]
) -> dict[int, str]:
    """Per criterion id, why its target is refused (out of range, or below last year's final score
    without an explanation). For a commune formed after last year, last year's score is its
    predecessors' average (``assessment.followups.predecessors_score``)."""
    _years, past = past_scores(commune, year.year, count=1)
    errors = {}
    for criterion in criteria:
        item = items.get(criterion.pk) or PlanItemData()
        last = past.get(criterion.number, {}).get(year.year - 1)
        problem = target_problem(
            number=criterion.number,
            target=item.target_score,
            last_score=last.value if last else None,
            explanation=item.explanation,
            max_points=criterion.max_points,
        )
        if problem:
            errors[criterion.pk] = problem
    return errors


def _locked_plan(commune: Commune, year: AssessmentYear) -> ImprovementPlan:
    plan, created = ImprovementPlan.objects.select_for_update().get_or_create(
        commune=commune, year=year, defaults={"version": 0}
    )
    if created:
        ImprovementPlanItem.objects.bulk_create(
            [ImprovementPlanItem(plan=plan, criterion=c) for c in year.criteria_set.criteria.all()]
        )
    return plan


def improvement_plan_save(
    *, commune: Commune, year: AssessmentYear, actor: User, items: Mapping[int, PlanItemData], expected_version: int
) -> ImprovementPlan:
    """Save the commune's plan for ``year`` (created on first save); refused when the page was stale,
    the plan was already sent, or a target is out of range or below last year's without a reason."""
    _check_editor(commune, year, actor)
    with transaction.atomic():
        plan = _locked_plan(commune, year)
        if plan.version != expected_version:
            raise StaleEditError(
                _(
                    "Kế hoạch vừa được người khác lưu. Trang đã được tải lại với nội dung mới "
                    "nhất; hãy nhập lại phần của bạn."
                ),
                current=plan,
            )
        if plan.status != ImprovementPlan.Status.DRAFT:
            raise AssessmentError(_("Kế hoạch đã gửi, không sửa được nữa."))
        rows = list(plan.items.select_related("criterion"))
        errors = plan_target_errors(commune=commune, year=year, items=items, criteria=[r.criterion for r in rows])
        if errors:
            raise AssessmentError(" ".join(errors.values()))
        _apply_items(rows, items)
        plan.version += 1
        plan.save(update_fields=["version"])
    return plan


def _apply_items(rows: list[ImprovementPlanItem], items: Mapping[int, PlanItemData]) -> None:
    for row in rows:
        data = items.get(row.criterion_id)
        if data is None:
            continue
        row.target_score = data.target_score
        for name in TEXT_FIELDS:
            setattr(row, name, getattr(data, name).strip())
    ImprovementPlanItem.objects.bulk_update(rows, ["target_score", *TEXT_FIELDS])


def _submit_errors(plan: ImprovementPlan) -> list[str]:
    errors = []
    for item in plan.items.select_related("criterion").order_by("criterion__number"):
        missing = [
            label
            for label, value in [
                (_("điểm phấn đấu"), item.target_score),
                (_("nhiệm vụ"), item.tasks),
                (_("người phụ trách"), item.responsible_name),
            ]
            if not value
        ]
        if missing:
            errors.append(
                _("Tiêu thức %(n)s: chưa có %(what)s.")
                % {"n": item.criterion.number, "what": ", ".join(map(str, missing))}
            )
    return errors


def improvement_plan_submit(*, plan: ImprovementPlan, actor: User, expected_version: int | None) -> ImprovementPlan:
    """Send the plan once every criterion has a target, tasks and a person in charge; a missing or
    stale ``expected_version`` is refused."""
    with transaction.atomic():
        locked = ImprovementPlan.objects.select_for_update().select_related("year", "commune").get(pk=plan.pk)
        _check_editor(locked.commune, locked.year, actor)
        if expected_version is None or expected_version != locked.version:
            raise StaleEditError(_("Kế hoạch vừa được người khác lưu. Hãy xem lại trước khi gửi."), current=locked)
        if locked.status != ImprovementPlan.Status.DRAFT:
            raise AssessmentError(_("Kế hoạch đã gửi."))
        errors = _submit_errors(locked)
        if errors:
            raise AssessmentError(" ".join([_("Chưa thể gửi kế hoạch:"), *errors]))
        locked.status, locked.submitted_at, locked.submitted_by = (
            ImprovementPlan.Status.SUBMITTED,
            timezone.now(),
            actor,
        )
        locked.version += 1
        locked.save(update_fields=["status", "submitted_at", "submitted_by", "version"])
    return locked


def improvement_plan_save_and_submit(
    *,
    commune: Commune,
    year: AssessmentYear,
    actor: User,
    items: Mapping[int, PlanItemData] | None,
    expected_version: int | None,
) -> ImprovementPlan:
    """ "Lưu và gửi": save the rows the page sent (when it sent them), then send the plan.

    The save commits first, so what the user typed is kept even when sending is then refused (a
    criterion still incomplete); the refusal is raised for the page to show.
    """
    if items is not None:
        expected_version = improvement_plan_save(
            commune=commune, year=year, actor=actor, items=items, expected_version=expected_version
        ).version
    plan = ImprovementPlan.objects.filter(commune=commune, year=year).first()
    if plan is None:
        raise AssessmentError(_("Hãy lưu kế hoạch trước khi gửi."))
    return improvement_plan_submit(plan=plan, actor=actor, expected_version=expected_version)
