"""Criteria sets ("bộ tiêu thức") and their classification thresholds, kept as data.

The province changes names, guidance and thresholds in the admin without a release. A set is
provisional until province staff record the decision it follows (number and date); its status is shown
where the set and its thresholds are shown, never as the status of a commune's result.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Classification(models.TextChoices):
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Yếu")


# Best first: the order classes are tried in, and the order "raising a score never lowers" follows.
CLASS_RANK = {Classification.GOOD: 3, Classification.FAIR: 2, Classification.AVERAGE: 1, Classification.WEAK: 0}


class CriteriaSet(models.Model):
    name = models.CharField(_("Tên bộ tiêu thức"), max_length=200)
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=200)
    year_from = models.PositiveIntegerField(_("Áp dụng từ năm"))
    year_to = models.PositiveIntegerField(_("Áp dụng đến năm"), null=True, blank=True)
    is_provisional = models.BooleanField(
        _("Tạm thời"),
        default=True,
        help_text=_("Bỏ chọn khi Sở Nội vụ đã đối chiếu tên, hướng dẫn và ngưỡng với văn bản gốc."),
    )
    # The decision the set follows, recorded by province staff; recording it ends "provisional".
    decision_number = models.CharField(_("Số quyết định ban hành"), max_length=50, blank=True)
    decision_date = models.DateField(_("Ngày quyết định ban hành"), null=True, blank=True)
    decision_recorded_at = models.DateTimeField(_("Ghi quyết định lúc"), null=True, blank=True)
    decision_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Người ghi quyết định"),
    )
    # TSVM: class at least this good, every criterion at least this many points, no criticism or
    # reminder that year, and confirmed by the province.
    tsvm_min_class = models.CharField(
        _("TSVM: xếp loại tối thiểu"), max_length=10, choices=Classification.choices, default=Classification.FAIR
    )
    tsvm_min_each = models.DecimalField(
        _("TSVM: điểm mỗi tiêu thức tối thiểu"), max_digits=5, decimal_places=2, default=Decimal("15")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Bộ tiêu thức")
        verbose_name_plural = _("Bộ tiêu thức")
        ordering = ["-year_from"]

    def __str__(self) -> str:
        return self.name

    @property
    def max_total(self) -> Decimal:
        return sum((c.max_points for c in self.criteria.all()), Decimal("0"))


class Criterion(models.Model):
    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("Số thứ tự"))
    name = models.CharField(_("Tên tiêu thức"), max_length=300)
    guidance = models.TextField(_("Hướng dẫn chấm điểm"), blank=True)
    max_points = models.DecimalField(
        _("Điểm tối đa"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("20"),
        validators=[MinValueValidator(Decimal("0.25"))],
    )
    responsible_position = models.CharField(_("Chức danh phụ trách"), max_length=200, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Tiêu thức")
        verbose_name_plural = _("Tiêu thức")
        ordering = ["criteria_set", "number"]
        constraints = [models.UniqueConstraint(fields=["criteria_set", "number"], name="criterion_number_unique")]

    def __str__(self) -> str:
        return f"{self.number}. {self.name}"


class Threshold(models.Model):
    """One class's rule: total at least ``min_total`` and every criterion at least ``min_each``."""

    criteria_set = models.ForeignKey(CriteriaSet, on_delete=models.CASCADE, related_name="thresholds")
    classification = models.CharField(_("Xếp loại"), max_length=10, choices=Classification.choices)
    min_total = models.DecimalField(_("Tổng điểm tối thiểu"), max_digits=6, decimal_places=2)
    min_each = models.DecimalField(
        _("Điểm mỗi tiêu thức tối thiểu"), max_digits=5, decimal_places=2, default=Decimal("0")
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Ngưỡng xếp loại")
        verbose_name_plural = _("Ngưỡng xếp loại")
        ordering = ["criteria_set", "-min_total"]
        constraints = [
            models.UniqueConstraint(fields=["criteria_set", "classification"], name="threshold_class_unique")
        ]

    def __str__(self) -> str:
        return f"{self.get_classification_display()} ≥ {self.min_total}"
