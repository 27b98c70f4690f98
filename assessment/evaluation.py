"""Plan 703 section II.3: a criterion's score suggests the best evaluation of the civil servant
who answers for it (17 or more: excellent; 13 to under 17: good; 9 to under 13: done with
limited capacity; under 9: not done)."""

from decimal import Decimal

from django.db import models
from django.utils.translation import gettext_lazy as _


class Evaluation(models.TextChoices):
    EXCELLENT = "excellent", _("Hoàn thành xuất sắc nhiệm vụ")
    GOOD = "good", _("Hoàn thành tốt nhiệm vụ")
    LIMITED = "limited", _("Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực")
    NOT_DONE = "not_done", _("Không hoàn thành nhiệm vụ")


# Stated for 20-point criteria; other maxima scale the same fractions.
_STEPS = [(Decimal("17"), Evaluation.EXCELLENT), (Decimal("13"), Evaluation.GOOD), (Decimal("9"), Evaluation.LIMITED)]


def suggested_evaluation(score: Decimal | None, max_points: Decimal = Decimal("20")) -> Evaluation | None:
    """The highest evaluation the plan allows for ``score`` (None when not scored)."""
    if score is None:
        return None
    scaled = Decimal(score) * Decimal("20") / Decimal(max_points)
    return next((level for floor, level in _STEPS if scaled >= floor), Evaluation.NOT_DONE)
