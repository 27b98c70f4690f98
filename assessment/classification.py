"""Classification of a commune's year from its scores: a pure function of data.

The thresholds are rows stored with the criteria set; nothing here is specific to one decision.
Classes are tried best first, so raising any score can never lower the class.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from django.utils import formats
from django.utils.translation import gettext as _

from assessment.models.criteria import CLASS_RANK, Classification

ZERO = Decimal("0")


@dataclass(frozen=True)
class ThresholdRule:
    classification: str
    min_total: Decimal
    min_each: Decimal = ZERO


@dataclass(frozen=True)
class ClassificationResult:
    classification: str
    total: Decimal
    max_total: Decimal
    tsvm_eligible: bool
    reasons: list[str] = field(default_factory=list)  # why this class and not the one above
    tsvm_reasons: list[str] = field(default_factory=list)
    unscored: list[int] = field(default_factory=list)

    @property
    def label(self) -> str:
        return Classification(self.classification).label


def points(value: Decimal | None) -> str:
    """Points as people write them: 336, 12,5 (Vietnamese) or 12.5 (English)."""
    if value is None:
        return "–"
    text = format(Decimal(value).normalize(), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", formats.get_format("DECIMAL_SEPARATOR"))


def _failures(scores: Mapping[int, Decimal], rule: ThresholdRule, total: Decimal, max_total: Decimal) -> list[str]:
    label = Classification(rule.classification).label
    reasons = []
    if total < rule.min_total:
        reasons.append(
            _("Tổng %(total)s/%(max)s < %(min)s nên chưa đạt %(label)s")
            % {"total": points(total), "max": points(max_total), "min": points(rule.min_total), "label": label}
        )
    for number, score in sorted(scores.items()):
        if score < rule.min_each:
            reasons.append(
                _("Tiêu thức %(n)s đạt %(score)s < %(min)s nên chưa đạt %(label)s")
                % {"n": number, "score": points(score), "min": points(rule.min_each), "label": label}
            )
    return reasons


def _success(rule: ThresholdRule, total: Decimal) -> str:
    label = Classification(rule.classification).label
    if rule.min_each > 0:
        return _("Đạt %(label)s: tổng %(total)s ≥ %(min)s và mọi tiêu thức ≥ %(each)s") % {
            "label": label,
            "total": points(total),
            "min": points(rule.min_total),
            "each": points(rule.min_each),
        }
    return _("Đạt %(label)s: tổng %(total)s ≥ %(min)s") % {
        "label": label,
        "total": points(total),
        "min": points(rule.min_total),
    }


def classify(
    scores: Mapping[int, Decimal | None],
    thresholds: Sequence[ThresholdRule],
    *,
    max_total: Decimal,
    tsvm_min_class: str = Classification.FAIR,
    tsvm_min_each: Decimal = Decimal("15"),
    has_violation: bool = False,
) -> ClassificationResult:
    """Classify from ``scores`` (criterion number -> points; None = not scored, counted as 0)."""
    unscored = sorted(n for n, s in scores.items() if s is None)
    filled = {n: (s if s is not None else ZERO) for n, s in scores.items()}
    total = sum(filled.values(), ZERO)
    reasons: list[str] = []
    chosen = Classification.WEAK
    for rule in sorted(thresholds, key=lambda r: CLASS_RANK[r.classification], reverse=True):
        failures = _failures(filled, rule, total, max_total)
        if not failures:
            chosen = rule.classification
            reasons.append(_success(rule, total))
            break
        reasons.extend(failures)
    else:
        reasons.append(_("Không đạt ngưỡng nào nên xếp loại Yếu"))
    if unscored:
        reasons.insert(0, _("Còn %(count)s tiêu thức chưa chấm, tính 0 điểm") % {"count": len(unscored)})
    tsvm_reasons = _tsvm_failures(filled, chosen, tsvm_min_class, tsvm_min_each, has_violation)
    return ClassificationResult(chosen, total, max_total, not tsvm_reasons, reasons, tsvm_reasons, unscored)


def _tsvm_failures(
    scores: Mapping[int, Decimal], chosen: str, min_class: str, min_each: Decimal, has_violation: bool
) -> list[str]:
    reasons = []
    if CLASS_RANK[chosen] < CLASS_RANK[min_class]:
        reasons.append(
            _("Xếp loại %(got)s, chưa đạt %(need)s trở lên")
            % {"got": Classification(chosen).label, "need": Classification(min_class).label}
        )
    low = [n for n, s in sorted(scores.items()) if s < min_each]
    if low:
        reasons.append(
            _("Tiêu thức %(list)s dưới %(min)s điểm") % {"list": ", ".join(map(str, low)), "min": points(min_each)}
        )
    if has_violation:
        reasons.append(_("Bị tỉnh phê bình hoặc nhắc nhở trong năm"))
    return reasons
