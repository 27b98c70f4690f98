"""The civil servant who answers for each criterion of a commune's year (plan 703 section II.3)."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.assessment import AssessmentYear
from assessment.models.criteria import Criterion
from communes.models import Commune


class CriterionAssignment(models.Model):
    """One official answers for one criterion of one commune in one year; the criterion's final
    score then suggests the best evaluation that official may receive (17 / 13 / 9 points)."""

    year = models.ForeignKey(AssessmentYear, on_delete=models.PROTECT, related_name="criterion_assignments")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="criterion_assignments")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="assignments", verbose_name=_("Tiêu thức")
    )
    official = models.ForeignKey(
        "personnel.Official",
        on_delete=models.PROTECT,
        related_name="criterion_assignments",
        verbose_name=_("Người phụ trách"),
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    assigned_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Phân công phụ trách tiêu thức")
        verbose_name_plural = _("Phân công phụ trách tiêu thức")
        ordering = ["year", "commune", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["year", "commune", "criterion"], name="one_official_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year} · {self.criterion.number}"
