"""Follow-ups the plan asks for after each year's results: plain rules over plain data.

- Plan 703 II.4: communes rated Khá or below, not recognised TSVM, criticised or reminded, or with
  any criterion under 15 points must file an improvement plan naming what to fix.
- Plan 703 II.3: criticised -> consider transferring the chair of the People's Committee;
  reminded -> review the committee leadership's responsibility; criticised two years running ->
  review the responsibility of the chairs of the People's Council and the People's Committee.

Across the 2025 merger, a commune formed on 01/07/2025 looks back to its predecessors for the years
before it stood (their results stay on them); :func:`across_merger`, :func:`predecessor_plan_reasons`
and :func:`predecessors_score` turn several predecessors' results into the one a rule needs, and
``*_RULE`` say so on the pages.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.classification import points
from assessment.evaluation import Evaluation, suggested_evaluation
from assessment.models.criteria import CLASS_RANK, Classification
from assessment.models.duties import FollowUpKind


@dataclass(frozen=True)
class YearResult:
    """One commune's year as the rules need it. ``final_class`` is empty until the province confirms."""

    final_class: str = ""
    tsvm: bool = False
    criticised: bool = False
    reminded: bool = False
    scores: Mapping[int, Decimal | None] = field(default_factory=dict)  # criterion number -> final score
    unit: str = ""  # the commune's name, when the result is one predecessor's
    parts: tuple["YearResult", ...] = ()  # the predecessors' results it stands for (see across_merger)

    @property
    def criticised_units(self) -> list[str]:
        """The predecessors criticised that year (empty for a commune's own result)."""
        return [p.unit for p in self.parts if p.criticised]


def criticised_two_years(current: YearResult | None, previous: YearResult | None) -> bool:
    """True when the commune was criticised this year and the year before."""
    return bool(current and previous and current.criticised and previous.criticised)


# --- across the merger of 1 July 2025 ----------------------------------------------------------

DECISION_RULE = gettext_lazy(
    "Năm trước sáp nhập: xã được tính là đã bị phê bình (nhắc nhở) nếu bất kỳ đơn vị nào trước sáp nhập "
    "bị phê bình (nhắc nhở) năm đó."
)
PLAN_RULE = gettext_lazy(
    "Năm trước sáp nhập: xã phải lập kế hoạch nếu kết quả của bất kỳ đơn vị nào trước sáp nhập thuộc diện "
    "phải lập; lý do ghi theo tên từng đơn vị."
)
SCORE_RULE = gettext_lazy(
    "Năm trước sáp nhập: điểm ghi theo từng đơn vị trước sáp nhập; điểm dùng để so với điểm phấn đấu là "
    "trung bình cộng điểm của các đơn vị đó, mỗi đơn vị tính như nhau."
)


def across_merger(parts: Sequence[YearResult]) -> YearResult:
    """The result that stands for a merged commune's predecessors (``parts``, each with its ``unit``)
    in a year before the merger, for the rules that look back a year (:func:`criticised_two_years`).

    Criticised (reminded) when ANY predecessor was: a criticism is about the government of the area,
    whose officials and duties the merged commune carried over; taking the best predecessor instead
    would let a merger wipe out the record that plan 703 II.3 asks the province to follow up.
    """
    return YearResult(
        criticised=any(p.criticised for p in parts), reminded=any(p.reminded for p in parts), parts=tuple(parts)
    )


def predecessor_plan_reasons(parts: Sequence[tuple[str, list[str]]]) -> list[str]:
    """Why a merged commune must file a plan, from its predecessors' results of the year before the
    merger: (name, :func:`plan_reasons`) each. Required when ANY predecessor's results require one
    (each shortfall of an old commune is now the merged commune's to fix); every reason names its unit."""
    return [
        _("%(unit)s: %(reason)s") % {"unit": name, "reason": reason} for name, reasons in parts for reason in reasons
    ]


@dataclass(frozen=True)
class PastScore:
    """A criterion's confirmed score in a past year: the commune's own (``parts`` empty), or its
    predecessors' each named, with ``value`` the one figure the rules compare with."""

    value: Decimal | None
    parts: tuple[tuple[str, Decimal], ...] = ()


def predecessors_score(parts: Sequence[tuple[str, Decimal | None]]) -> PastScore:
    """Several predecessors' scores of one criterion in one year as one: their average, each
    predecessor weighted equally (to 0.01), over those that have a score.

    Equal weights because each old commune was a whole government assessed on the same 20
    criteria, the portal keeps no population or area to weigh them by, and the province can check
    an average by hand; the lowest or the highest would make one old commune speak for all.
    """
    scored = tuple((name, score) for name, score in parts if score is not None)
    if not scored:
        return PastScore(None)
    average = sum((score for _name, score in scored), Decimal("0")) / len(scored)
    return PastScore(average.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), scored)


def _weak_class(result: YearResult) -> bool:
    return CLASS_RANK[result.final_class] <= CLASS_RANK[Classification.FAIR]


def _low_criteria(result: YearResult, min_each: Decimal) -> list[int]:
    return [n for n, s in sorted(result.scores.items()) if s is not None and s < min_each]


def requires_plan(result: YearResult, *, min_each: Decimal = Decimal("15")) -> bool:
    """Whether the commune must file an improvement plan: :func:`plan_reasons` gives a reason (the
    same conditions, without their words)."""
    confirmed_short = bool(result.final_class) and (
        _weak_class(result) or not result.tsvm or bool(_low_criteria(result, min_each))
    )
    return confirmed_short or result.criticised or result.reminded


def plan_reasons(result: YearResult, *, min_each: Decimal = Decimal("15")) -> list[str]:
    """Why the commune must file an improvement plan; empty when the plan does not require one."""
    reasons = []
    if result.final_class:
        if _weak_class(result):
            reasons.append(
                _("Xếp loại %(label)s (từ Khá trở xuống)") % {"label": Classification(result.final_class).label}
            )
        if not result.tsvm:
            reasons.append(_("Không được công nhận Trong sạch, vững mạnh"))
        low = _low_criteria(result, min_each)
        if low:
            reasons.append(
                _("Tiêu thức %(list)s dưới %(min)s điểm") % {"list": ", ".join(map(str, low)), "min": points(min_each)}
            )
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
        actions.append(_("Hai năm liền bị phê bình: xem xét kiểm điểm trách nhiệm Chủ tịch HĐND và Chủ tịch UBND xã"))
    return actions


def followup_kinds(current: YearResult, previous: YearResult | None, plan_reasons: list[str] | bool) -> list[str]:
    """The follow-ups (``FollowUpKind``) the year's results call for, each to be recorded as done
    (``FollowUpAction``): the three of :func:`chair_reviews` and the plan of :func:`plan_reasons`
    (or :func:`requires_plan`)."""
    kinds = []
    if current.criticised:
        kinds.append(FollowUpKind.TRANSFER_CHAIR)
    if current.reminded:
        kinds.append(FollowUpKind.REVIEW_LEADERSHIP)
    if criticised_two_years(current, previous):
        kinds.append(FollowUpKind.REVIEW_CHAIRS)
    if plan_reasons:
        kinds.append(FollowUpKind.IMPROVEMENT_PLAN)
    return kinds


def followup_done(kind: str, *, recorded: bool, plan_filed: bool) -> bool:
    """Whether a follow-up of ``kind`` is done: an action recorded for it, or for the improvement
    plan, the plan for the next year submitted on the portal (``plan_filed``: by the commune, or by
    its main successor when it was merged away)."""
    return recorded or (kind == FollowUpKind.IMPROVEMENT_PLAN and plan_filed)


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
    return [
        CriterionEvaluation(n, name, position, score, suggested_evaluation(score, maximum))
        for n, name, position, score, maximum in rows
    ]


def target_problem(
    *, number: int, target: Decimal | None, last_score: Decimal | None, explanation: str, max_points: Decimal
) -> str | None:
    """Why an improvement plan's target for a criterion is refused: out of range, or below last
    year's final score without an explanation."""
    if target is None:
        return None
    if not (Decimal("0") <= target <= max_points) or target % Decimal("0.25"):
        return _("Tiêu thức %(n)s: điểm phấn đấu phải từ 0 đến %(max)s, theo bước 0,25.") % {
            "n": number,
            "max": points(max_points),
        }
    if last_score is not None and target < last_score and not explanation.strip():
        return _(
            "Tiêu thức %(n)s: điểm phấn đấu %(target)s thấp hơn điểm năm trước %(last)s, cần giải trình lý do."
        ) % {"n": number, "target": points(target), "last": points(last_score)}
    return None
