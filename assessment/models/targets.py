"""A year's province-wide targets (plan 703 section I.3 for 2021), entered by province staff as data.

Each row is one metric of one assessment year: the classification targets (TSVM, Tốt, Khá, Trung
bình, Yếu) as a number of communes or as a share of the communes assessed, and the officials' and
offices' ratios (always a share). Nothing of the plan's numbers lives in code: 2021's rows come from
``assessment.services.targets.targets_seed_plan_703``.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from assessment.models.assessment import AssessmentYear

HUNDRED = Decimal(100)


class TargetMetric(models.TextChoices):
    # The classification (values as in Classification and the dashboards' counts).
    TSVM = "tsvm", _("Trong sạch, vững mạnh")
    GOOD = "good", _("Tốt")
    FAIR = "fair", _("Khá")
    AVERAGE = "average", _("Trung bình")
    WEAK = "weak", _("Yếu")
    # Commune officials (personnel.rules ratio keys).
    GENERAL = "general", _("Cán bộ, công chức đạt tiêu chuẩn chung")
    GENERAL_NEW_RURAL = "general_new_rural", _("Đạt tiêu chuẩn chung ở xã đạt chuẩn, cơ bản đạt chuẩn nông thôn mới")
    CADRE_PROFESSIONAL = "cadre_professional", _("Cán bộ đạt tiêu chuẩn chuyên môn")
    CADRE_POLITICAL = "cadre_political", _("Cán bộ đạt tiêu chuẩn LLCT")
    CIVIL_SERVANT_PROFESSIONAL = "civil_servant_professional", _("Công chức đạt tiêu chuẩn chuyên môn")
    CIVIL_SERVANT_UNIVERSITY = "civil_servant_university", _("Công chức có trình độ đại học trở lên")
    CIVIL_SERVANT_POLITICAL = "civil_servant_political", _("Công chức có LLCT từ trung cấp trở lên")
    # Offices and procedures (communes.profile.rules ratio keys, prefixed).
    OFFICE_SOLID = "office_solid", _("Trụ sở kiên cố")
    OFFICE_AREA = "office_area", _("Trụ sở đáp ứng tiêu chuẩn diện tích")
    OFFICE_EQUIPMENT = "office_equipment", _("Đủ trang thiết bị thiết yếu")
    PROCEDURE_POSTED = "procedure_posted", _("TTHC được niêm yết")
    PROCEDURE_ON_TIME = "procedure_on_time", _("Hồ sơ giải quyết đúng hạn")


CLASS_METRICS: tuple[str, ...] = ("tsvm", "good", "fair", "average", "weak")
RATIO_METRICS: tuple[str, ...] = tuple(m for m in TargetMetric.values if m not in CLASS_METRICS)
METRIC_ORDER: dict[str, int] = {m: i for i, m in enumerate(TargetMetric.values)}


class TargetComparison(models.TextChoices):
    AT_LEAST = "gte", _("Từ … trở lên (≥)")
    ABOVE = "gt", _("Trên (>)")
    AT_MOST = "lte", _("Không quá (≤)")
    BELOW = "lt", _("Dưới (<)")


class TargetKind(models.TextChoices):
    COUNT = "count", _("Số xã")
    SHARE = "share", _("Tỷ lệ (%)")


class YearTarget(models.Model):
    """One target of one year; the dashboards, the PDF and the workbook read these rows."""

    Metric = TargetMetric
    Comparison = TargetComparison
    Kind = TargetKind

    year = models.ForeignKey(
        AssessmentYear, on_delete=models.CASCADE, related_name="targets", verbose_name=_("Năm đánh giá")
    )
    metric = models.CharField(_("Chỉ tiêu"), max_length=40, choices=TargetMetric.choices)
    comparison = models.CharField(
        _("So sánh"), max_length=3, choices=TargetComparison.choices, default=TargetComparison.AT_LEAST
    )
    kind = models.CharField(_("Đơn vị"), max_length=5, choices=TargetKind.choices, default=TargetKind.SHARE)
    value = models.DecimalField(_("Giá trị"), max_digits=7, decimal_places=1, validators=[MinValueValidator(0)])
    source = models.CharField(
        _("Nguồn, ghi chú"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản giao chỉ tiêu, ví dụ: Kế hoạch 703/KH-UBND, mục I.3."),
    )
    is_demo = models.BooleanField(
        _("Giá trị minh họa"), default=False, help_text=_("Số liệu dùng để trình diễn, không phải chỉ tiêu đã giao.")
    )
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Chỉ tiêu của năm")
        verbose_name_plural = _("Chỉ tiêu của năm")
        ordering = ["year", "metric"]
        constraints = [
            models.UniqueConstraint(fields=["year", "metric"], name="one_target_per_year_metric"),
            models.CheckConstraint(condition=models.Q(value__gte=0), name="target_value_not_negative"),
            models.CheckConstraint(
                condition=~models.Q(kind="share") | models.Q(value__lte=100), name="target_share_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year} · {self.get_metric_display()}"

    def clean(self) -> None:
        """Shares stay within 0-100 %, counts are whole communes, ratios are always shares."""
        errors: dict[str, str] = {}
        if self.value is not None:
            if self.kind == TargetKind.SHARE and self.value > HUNDRED:
                errors["value"] = _("Tỷ lệ không được vượt quá 100%.")
            if self.kind == TargetKind.COUNT and self.value != self.value.to_integral_value():
                errors["value"] = _("Số xã phải là số nguyên.")
        if self.metric in RATIO_METRICS and self.kind == TargetKind.COUNT:
            errors["kind"] = _("Chỉ tiêu về cán bộ, công chức, trụ sở và TTHC là tỷ lệ (%), không phải số xã.")
        if errors:
            raise ValidationError(errors)
