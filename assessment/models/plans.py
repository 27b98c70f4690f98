"""Improvement plans (plan 703 section II.4): per commune and year, per criterion."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.assessment import AssessmentYear
from assessment.models.criteria import Criterion
from communes.models import Commune


class ImprovementPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã gửi")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="improvement_plans")
    # The year the plan aims at (a 2021 plan builds on the 2020 results and the two years before).
    year = models.ForeignKey(AssessmentYear, on_delete=models.PROTECT, related_name="improvement_plans")
    status = models.CharField(_("Trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Kế hoạch nâng cao kết quả xếp loại")
        verbose_name_plural = _("Kế hoạch nâng cao kết quả xếp loại")
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="one_plan_per_commune_year")]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"


class ImprovementPlanItem(models.Model):
    plan = models.ForeignKey(ImprovementPlan, on_delete=models.CASCADE, related_name="items")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    target_score = models.DecimalField(_("Điểm phấn đấu"), max_digits=5, decimal_places=2, null=True, blank=True)
    explanation = models.TextField(_("Giải trình (nếu thấp hơn năm trước)"), blank=True)
    targets = models.TextField(_("Chỉ tiêu cụ thể"), blank=True)
    tasks = models.TextField(_("Nhiệm vụ"), blank=True)
    responsible_name = models.CharField(_("Người phụ trách"), max_length=200, blank=True)
    # Set when the commune assigns an official to the criterion (assessment/responsibility.py).
    responsible_official = models.ForeignKey(
        "personnel.Official",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Cán bộ phụ trách"),
    )
    solution = models.TextField(_("Giải pháp"), blank=True)

    class Meta:
        verbose_name = _("Nội dung kế hoạch")
        verbose_name_plural = _("Nội dung kế hoạch")
        ordering = ["plan", "criterion__number"]
        constraints = [models.UniqueConstraint(fields=["plan", "criterion"], name="one_item_per_criterion")]

    def __str__(self) -> str:
        return f"{self.plan_id} · {self.criterion_id}"
