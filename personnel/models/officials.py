"""The officials of a commune government with their positions and current qualifications."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from communes.models import Commune, Village, fold
from personnel.models.levels import (
    ForeignLanguage,
    GeneralEducation,
    ITLevel,
    PoliticalTheory,
    ProfessionalLevel,
    StateManagement,
)
from personnel.models.reference import Category, Ethnicity, Position


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class OfficialStatus(models.TextChoices):
    SERVING = "serving", _("Đang công tác")
    LEFT = "left", _("Đã nghỉ")
    TRANSFERRED = "transferred", _("Đã chuyển công tác")


class OfficialQuerySet(models.QuerySet):
    def search(self, text: str) -> "OfficialQuerySet":
        folded = fold(text)
        return self.filter(search_name__contains=folded) if folded else self

    def serving(self) -> "OfficialQuerySet":
        return self.filter(status=OfficialStatus.SERVING)


class Official(models.Model):
    """A cadre, civil servant, part-time worker or village worker of one commune.

    ``commune`` is where the official works now; transfers keep where they worked before.
    """

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="officials", verbose_name=_("Xã"))
    village = models.ForeignKey(
        Village,
        on_delete=models.PROTECT,
        related_name="officials",
        null=True,
        blank=True,
        verbose_name=_("Thôn, bản, tổ dân phố"),
    )
    full_name = models.CharField(_("Họ và tên"), max_length=120)
    search_name = models.CharField(max_length=120, editable=False, db_index=True)
    gender = models.CharField(_("Giới tính"), max_length=6, choices=Gender.choices)
    date_of_birth = models.DateField(_("Ngày sinh"))
    ethnicity = models.ForeignKey(Ethnicity, on_delete=models.PROTECT, related_name="+", verbose_name=_("Dân tộc"))
    party_member = models.BooleanField(_("Đảng viên"), default=False)
    category = models.CharField(_("Loại"), max_length=15, choices=Category.choices)
    positions = models.ManyToManyField(
        Position,
        related_name="officials",
        verbose_name=_("Chức danh"),
        help_text=_("Chọn nhiều chức danh nếu kiêm nhiệm."),
    )
    start_date = models.DateField(_("Ngày bắt đầu công tác"))
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=OfficialStatus.choices, default=OfficialStatus.SERVING
    )
    end_date = models.DateField(_("Ngày nghỉ, chuyển công tác"), null=True, blank=True)
    general_education = models.PositiveSmallIntegerField(_("Trình độ văn hóa"), choices=GeneralEducation.choices)
    professional_level = models.PositiveSmallIntegerField(
        _("Trình độ chuyên môn"), choices=ProfessionalLevel.choices, default=ProfessionalLevel.NONE
    )
    professional_field = models.CharField(_("Ngành đào tạo"), max_length=120, blank=True)
    political_theory = models.PositiveSmallIntegerField(
        _("Lý luận chính trị"), choices=PoliticalTheory.choices, default=PoliticalTheory.NONE
    )
    state_management = models.PositiveSmallIntegerField(
        _("Quản lý nhà nước"), choices=StateManagement.choices, default=StateManagement.NONE
    )
    it_level = models.PositiveSmallIntegerField(_("Tin học"), choices=ITLevel.choices, default=ITLevel.NONE)
    foreign_language = models.PositiveSmallIntegerField(
        _("Ngoại ngữ"), choices=ForeignLanguage.choices, default=ForeignLanguage.NONE
    )
    ethnic_language_certificate = models.BooleanField(_("Có chứng chỉ tiếng dân tộc"), default=False)
    ethnic_language = models.CharField(
        _("Tiếng dân tộc"), max_length=40, blank=True, help_text=_("Ví dụ: tiếng Thái, tiếng Mông.")
    )
    phone = models.CharField(_("Điện thoại"), max_length=20, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(excluded_fields=["search_name", "updated_at", "created_at"])

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("Cán bộ, công chức")
        verbose_name_plural = _("Cán bộ, công chức")
        ordering = ["commune", "category", "full_name"]
        indexes = [models.Index(fields=["commune", "category", "status"])]

    def __str__(self) -> str:
        return self.full_name

    def save(self, *args, **kwargs) -> None:
        self.search_name = fold(self.full_name)
        super().save(*args, **kwargs)
