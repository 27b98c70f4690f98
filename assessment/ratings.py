"""Yearly ratings of officials (Decree 90/2020/NĐ-CP as amended by Decree 48/2023/NĐ-CP) and the
ceiling plan 703 section II.3 puts on them: plain rules over plain data.

The ceiling of one official's rating is the 17/13/9 evaluation (``assessment.evaluation``) of the
criteria he or she answers for that year (``CriterionAssignment``):

- several criteria: the LOWEST of their evaluations. The plan makes each criterion "the basis for
  evaluating the civil servant in charge of it"; an official answering for a weak field cannot be
  rated above what that field allows because a strong one sits beside it.
- a criterion with no final score yet (the commune's year not reviewed or confirmed) does not cap:
  the ceiling is taken over the scored criteria; with none scored (or no criterion assigned) there
  is no ceiling yet and every level may be recorded. Once the scores come in, a rating above the new
  ceiling without a reason shows on the province's list (``selectors.ratings``), so none is missed.
- the ceiling only ever holds back a level: a rating above it is refused unless a reason is written.
"""

from collections.abc import Iterable

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from assessment.evaluation import Evaluation


class RatingLevel(models.TextChoices):
    """The four levels of Decree 90/2020 Article 2 as amended by Decree 48/2023."""

    EXCELLENT = "excellent", gettext_lazy("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", gettext_lazy("Hoàn thành tốt nhiệm vụ")
    DONE = "done", gettext_lazy("Hoàn thành nhiệm vụ")
    NOT_DONE = "not_done", gettext_lazy("Không hoàn thành nhiệm vụ")


LEVEL_RANK = {RatingLevel.EXCELLENT: 3, RatingLevel.GOOD: 2, RatingLevel.DONE: 1, RatingLevel.NOT_DONE: 0}

# Plan 703's "done, with limited capacity" (Decree 56/2015's wording) is the decree's "done".
_FROM_EVALUATION = {
    Evaluation.EXCELLENT: RatingLevel.EXCELLENT,
    Evaluation.GOOD: RatingLevel.GOOD,
    Evaluation.LIMITED: RatingLevel.DONE,
    Evaluation.NOT_DONE: RatingLevel.NOT_DONE,
}

# Positions whose ratings are shown next to the commune's class (plan 703 II.3).
LEADER_POSITIONS = ("chu-tich-hdnd", "pho-chu-tich-hdnd", "chu-tich-ubnd", "pho-chu-tich-ubnd")
COMMITTEE_CHAIR = "chu-tich-ubnd"


def rating_ceiling(evaluations: Iterable[Evaluation | None]) -> RatingLevel | None:
    """The highest level the plan allows: the lowest evaluation among the scored criteria (None:
    no criterion scored, no ceiling yet)."""
    levels = [_FROM_EVALUATION[Evaluation(e)] for e in evaluations if e is not None]
    return min(levels, key=LEVEL_RANK.__getitem__) if levels else None


def above_ceiling(level: str, ceiling: str | None) -> bool:
    """True when ``level`` is higher than ``ceiling`` (never when there is no ceiling)."""
    return ceiling is not None and LEVEL_RANK[RatingLevel(level)] > LEVEL_RANK[RatingLevel(ceiling)]


def rating_problem(level: str, ceiling: str | None, reason: str) -> str | None:
    """Why the rating may not be recorded as typed, or None."""
    if above_ceiling(level, ceiling) and not reason.strip():
        return _(
            "Mức “%(level)s” cao hơn mức tối đa “%(ceiling)s” theo điểm tiêu thức phụ trách: ghi lý do để lưu."
        ) % {"level": RatingLevel(level).label, "ceiling": RatingLevel(ceiling).label}
    return None


def chair_flagged(position_codes: Iterable[str], criticised: bool) -> bool:
    """Plan 703 II.3: the committee chair of a commune the province criticised is not to be put
    forward for re-election or a higher post."""
    return criticised and COMMITTEE_CHAIR in set(position_codes)
