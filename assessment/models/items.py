"""Component items ("nội dung thành phần") of a criterion, the evidence each requires, and their scores.

A criterion with items is scored item by item; the criterion's self (and review) score is then the
sum of its items' scores, kept in step by ``assessment.services.items`` in the same transaction, so
everything that reads criterion scores (classification, dashboards, reports) reads them unchanged.
Items and requirements are data: province staff edit them in the admin.
"""

from decimal import Decimal

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment.models.assessment import CriterionScore
from assessment.models.criteria import Criterion


class ComponentItem(models.Model):
    criterion = models.ForeignKey(
        Criterion, on_delete=models.CASCADE, related_name="items", verbose_name=_("Tiêu thức")
    )
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=1)
    name = models.CharField(_("Nội dung thành phần"), max_length=300)
    max_points = models.DecimalField(
        _("Điểm tối đa"), max_digits=5, decimal_places=2, validators=[MinValueValidator(Decimal("0.25"))]
    )
    guidance = models.TextField(_("Hướng dẫn chấm điểm"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Nội dung thành phần")
        verbose_name_plural = _("Nội dung thành phần")
        ordering = ["criterion", "order", "pk"]
        constraints = [models.UniqueConstraint(fields=["criterion", "order"], name="component_item_order_unique")]

    def __str__(self) -> str:
        return f"{self.criterion.number}.{self.order}. {self.name}"

    @property
    def label(self) -> str:
        """ "3.2": the criterion's number and the item's order, as the score sheet and messages show it."""
        return f"{self.criterion.number}.{self.order}"


class EvidenceKind(models.TextChoices):
    DECISION = "decision", _("Quyết định")
    MINUTES = "minutes", _("Biên bản")
    REPORT = "report", _("Báo cáo")
    PHOTO = "photo", _("Ảnh chụp")
    OTHER = "other", _("Tài liệu khác")


class EvidenceRequirement(models.Model):
    item = models.ForeignKey(
        ComponentItem, on_delete=models.CASCADE, related_name="requirements", verbose_name=_("Nội dung thành phần")
    )
    kind = models.CharField(_("Loại tài liệu"), max_length=10, choices=EvidenceKind.choices)
    description = models.CharField(_("Tài liệu cần có"), max_length=300)
    is_required = models.BooleanField(_("Bắt buộc"), default=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Minh chứng yêu cầu")
        verbose_name_plural = _("Minh chứng yêu cầu")
        ordering = ["item", "-is_required", "pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.description}"


class ItemScore(models.Model):
    """One item's self score (the commune's) and review score, under the criterion's score row."""

    score = models.ForeignKey(CriterionScore, on_delete=models.CASCADE, related_name="item_scores")
    item = models.ForeignKey(
        ComponentItem, on_delete=models.PROTECT, related_name="scores", verbose_name=_("Nội dung thành phần")
    )
    self_score = models.DecimalField(_("Điểm tự chấm"), max_digits=5, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("Giải trình của xã"), blank=True)
    district_score = models.DecimalField(_("Điểm thẩm định"), max_digits=5, decimal_places=2, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Điểm nội dung thành phần")
        verbose_name_plural = _("Điểm nội dung thành phần")
        ordering = ["score", "item__order"]
        constraints = [models.UniqueConstraint(fields=["score", "item"], name="one_score_per_item")]

    def __str__(self) -> str:
        return f"{self.score} · {self.item.order}"
