"""What keeps a commune from the class above its own: the classification rule asked again, for
that one class. Plain data in, sentences out."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from assessment.classification import ThresholdRule, classify
from assessment.models.criteria import CLASS_RANK, Classification


@dataclass(frozen=True)
class NextClass:
    classification: str | None  # None when the commune is already in the best class
    reasons: list[str] = field(default_factory=list)  # empty: the scores already reach it

    @property
    def label(self) -> str:
        return Classification(self.classification).label if self.classification else ""


def next_class(
    scores: Mapping[int, Decimal | None], thresholds: Sequence[ThresholdRule], current: str, *, max_total: Decimal
) -> NextClass:
    """The class one step above ``current`` and, from :func:`classify`, why ``scores`` miss it."""
    above = [t for t in thresholds if CLASS_RANK[t.classification] == CLASS_RANK[current] + 1]
    if not above:
        return NextClass(None)
    rule = above[0]
    result = classify(scores, [rule], max_total=max_total)
    if result.classification == rule.classification:
        return NextClass(rule.classification)
    # classify ends with "no threshold met" when the only rule it was given fails: not a reason here.
    return NextClass(rule.classification, list(result.reasons[:-1]))
