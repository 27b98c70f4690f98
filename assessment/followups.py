"""Follow-ups the plan asks for after each year's results: plain rules over plain data.

- Plan 703 II.4: communes rated Khá or below, not recognised TSVM, criticised or reminded, or with
  any criterion under 15 points must file an improvement plan naming what to fix.
- Plan 703 II.3: criticised -> consider transferring the chair of the People's Committee;
  reminded -> review the committee leadership's responsibility; criticised two years running ->
  review the responsibility of the chairs of the People's Council and the People's Committee.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import gettext as _

from assessment.classification import points
from assessment.evaluation import Evaluation, suggested_evaluation
from assessment.models.criteria import CLASS_RANK, Classification


@dataclass(frozen=True)
class YearResult:
    """One commune's year as the rules need it. ``final_class`` is empty until the province confirms."""

    final_class: str = ""
    tsvm: bool = False
    criticised: bool = False
    reminded: bool = False
    scores: Mapping[int, Decimal | None] = field(default_factory=dict)  # criterion number -> final score


def criticised_two_years(current: YearResult | None, previous: YearResult | None) -> bool:
    """True when the commune was criticised this year and the year before."""
    return bool(current and previous and current.criticised and previous.criticised)


def plan_reasons(result: YearResult, *, min_each: Decimal = Decimal("15")) -> list[str]:
    """Why the commune must file an improvement plan; empty when the plan does not require one."""
    reasons = []
    if result.final_class:
        if CLASS_RANK[result.final_class] <= CLASS_RANK[Classification.FAIR]:
            reasons.append(_("Xếp loại %(label)s (từ Khá trở xuống)") % {
                "label": Classification(result.final_class).label})
        if not result.tsvm:
            reasons.append(_("Không được công nhận Trong sạch, vững mạnh"))
        low = [n for n, s in sorted(result.scores.items()) if s is not None and s < min_each]
        if low:
            reasons.append(_("Tiêu thức %(list)s dưới %(min)s điểm") % {
                "list": ", ".join(map(str, low)), "min": points(min_each)})
    if result.criticised:
        reasons.append(_("Bị tỉnh phê bình"))
    if result.reminded:
        reasons.append(_("Bị tỉnh nhắc nhở"))
    return reasons


def chair_reviews(current: YearResult, previous: YearResult | None) -> list[str]:
    """What the district should consider for the commune's leaders after this year's decisions."""
    actions = []
    if current.criticised:
        actions.append(_("Báo cáo cấp ủy xem xét điều động công tác khác đối với Chủ tịch UBND xã"))
    if current.reminded:
        actions.append(_("Xem xét kiểm điểm trách nhiệm của lãnh đạo UBND xã"))
    if criticised_two_years(current, previous):
        actions.append(_("Hai năm liền bị phê bình: xem xét kiểm điểm trách nhiệm Chủ tịch HĐND và "
                         "Chủ tịch UBND xã"))
    return actions


@dataclass(frozen=True)
class CriterionEvaluation:
    number: int
    name: str
    position: str
    score: Decimal | None
    evaluation: Evaluation | None


def criterion_evaluations(rows: list[tuple[int, str, str, Decimal | None, Decimal]]) -> list[CriterionEvaluation]:
    """For each (number, name, responsible position, score, maximum): the best evaluation the plan
    allows the civil servant who answers for that criterion."""
    return [CriterionEvaluation(n, name, position, score, suggested_evaluation(score, maximum))
            for n, name, position, score, maximum in rows]


def target_problem(*, number: int, target: Decimal | None, last_score: Decimal | None, explanation: str,
                   max_points: Decimal) -> str | None:
    """Why an improvement plan's target for a criterion is refused: out of range, or below last
    year's final score without an explanation."""
    if target is None:
        return None
    if not (Decimal("0") <= target <= max_points) or target % Decimal("0.25"):
        return _("Tiêu thức %(n)s: điểm phấn đấu phải từ 0 đến %(max)s, theo bước 0,25.") % {
            "n": number, "max": points(max_points)}
    if last_score is not None and target < last_score and not explanation.strip():
        return _("Tiêu thức %(n)s: điểm phấn đấu %(target)s thấp hơn điểm năm trước %(last)s, cần giải trình "
                 "lý do.") % {"n": number, "target": points(target), "last": points(last_score)}
    return None
