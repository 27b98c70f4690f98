"""Reference data the province edits: ethnic groups, positions and the standards per position."""

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from personnel.models.levels import (
    ForeignLanguage,
    GeneralEducation,
    ITLevel,
    PoliticalTheory,
    ProfessionalLevel,
    StateManagement,
)


class Category(models.TextChoices):
    CADRE = "cadre", _("Cán bộ")
    CIVIL_SERVANT = "civil_servant", _("Công chức")
    PART_TIME = "part_time", _("Không chuyên trách cấp xã")
    VILLAGE = "village", _("Thôn, bản, tổ dân phố")


class Ethnicity(models.Model):
    """One of Vietnam's 54 ethnic groups, with its code in the GSO list."""

    code = models.CharField(_("Mã"), max_length=2, unique=True)
    name = models.CharField(_("Tên dân tộc"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("Dân tộc")
        verbose_name_plural = _("Dân tộc")
        ordering = ["code"]

    def __str__(self) -> str:
        return self.name


class Position(models.Model):
    """A position (chức danh) in a commune government; one official may hold several at once."""

    code = models.SlugField(_("Mã"), max_length=40, unique=True)
    name = models.CharField(_("Tên chức danh"), max_length=160, unique=True)
    category = models.CharField(_("Loại"), max_length=15, choices=Category.choices)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=100)

    class Meta:
        verbose_name = _("Chức danh")
        verbose_name_plural = _("Chức danh")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Standard(models.Model):
    """Minimum qualifications for a position from a date, with the legal text they come from.

    An empty minimum means the standard sets nothing for that dimension.
    """

    position = models.ForeignKey(
        Position, on_delete=models.PROTECT, related_name="standards", verbose_name=_("Chức danh")
    )
    valid_from = models.DateField(_("Áp dụng từ ngày"))
    valid_to = models.DateField(_("Áp dụng đến ngày"), null=True, blank=True)
    legal_basis = models.CharField(_("Căn cứ pháp lý"), max_length=255)
    is_provisional = models.BooleanField(
        _("Tạm thời"),
        default=True,
        help_text=_("Bỏ chọn khi Sở Nội vụ đã đối chiếu tiêu chuẩn với văn bản gốc."),
    )
    min_general_education = models.PositiveSmallIntegerField(
        _("Văn hóa tối thiểu"), choices=GeneralEducation.choices, null=True, blank=True
    )
    min_professional_level = models.PositiveSmallIntegerField(
        _("Chuyên môn tối thiểu"), choices=ProfessionalLevel.choices, null=True, blank=True
    )
    min_political_theory = models.PositiveSmallIntegerField(
        _("LLCT tối thiểu"), choices=PoliticalTheory.choices, null=True, blank=True
    )
    min_state_management = models.PositiveSmallIntegerField(
        _("QLNN tối thiểu"), choices=StateManagement.choices, null=True, blank=True
    )
    min_it_level = models.PositiveSmallIntegerField(
        _("Tin học tối thiểu"), choices=ITLevel.choices, null=True, blank=True
    )
    min_foreign_language = models.PositiveSmallIntegerField(
        _("Ngoại ngữ tối thiểu"), choices=ForeignLanguage.choices, null=True, blank=True
    )
    requires_ethnic_language = models.BooleanField(_("Yêu cầu chứng chỉ tiếng dân tộc"), default=False)
    note = models.TextField(_("Ghi chú"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Tiêu chuẩn chức danh")
        verbose_name_plural = _("Tiêu chuẩn chức danh")
        ordering = ["position__order", "-valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["position", "valid_from"], name="one_standard_per_position_and_date"),
        ]

    def __str__(self) -> str:
        return f"{self.position} ({self.valid_from:%d/%m/%Y})"

    def clean(self) -> None:
        if self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("Ngày kết thúc phải sau ngày bắt đầu áp dụng.")})
