"""The commune profile: new-rural status, villages, office and equipment, administrative
procedures and the yearly citizen dialogue conference (plan 703 sections I.3, II.2, II.5, II.7, II.8).

Imported at the end of ``communes/models.py`` so Django registers these models in ``communes``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import Commune

YEAR_VALIDATORS = [MinValueValidator(2000), MaxValueValidator(2100)]


class NewRuralStatus(models.TextChoices):
    NONE = "none", _("Chưa đạt chuẩn nông thôn mới")
    BASIC = "basic", _("Cơ bản đạt chuẩn nông thôn mới")
    ACHIEVED = "achieved", _("Đạt chuẩn nông thôn mới")


class CommuneProfile(models.Model):
    """Facts about a commune that are not yearly: its new-rural (nông thôn mới) status."""

    commune = models.OneToOneField(Commune, on_delete=models.CASCADE, related_name="profile")
    new_rural_status = models.CharField(
        _("Nông thôn mới"), max_length=10, choices=NewRuralStatus.choices, default=NewRuralStatus.NONE
    )
    new_rural_year = models.PositiveIntegerField(
        _("Năm được công nhận"),
        null=True,
        blank=True,
        validators=YEAR_VALIDATORS,
        help_text=_("Năm xã được công nhận đạt chuẩn hoặc cơ bản đạt chuẩn nông thôn mới."),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("Hồ sơ xã")
        verbose_name_plural = _("Hồ sơ xã")

    def __str__(self) -> str:
        return str(self.commune)


class Village(models.Model):
    class Kind(models.TextChoices):
        VILLAGE = "village", _("Thôn")
        HAMLET = "hamlet", _("Bản")
        RESIDENTIAL_GROUP = "group", _("Tổ dân phố")

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="villages")
    kind = models.CharField(_("Loại"), max_length=10, choices=Kind.choices, default=Kind.HAMLET)
    name = models.CharField(_("Tên"), max_length=120)
    head_name = models.CharField(_("Trưởng thôn, bản, tổ dân phố"), max_length=120, blank=True)
    party_secretary_name = models.CharField(_("Bí thư Chi bộ"), max_length=120, blank=True)
    households = models.PositiveIntegerField(_("Số hộ"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thôn, bản, tổ dân phố")
        verbose_name_plural = _("Thôn, bản, tổ dân phố")
        ordering = ["commune", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="unique_village_name_per_commune")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.name}"


class OfficeRecord(models.Model):
    """The commune office building and its equipment as reported for one year (plan II.7)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="office_records")
    year = models.PositiveIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    building_solid = models.BooleanField(_("Trụ sở kiên cố"), default=False)
    floor_area_m2 = models.DecimalField(
        _("Diện tích làm việc (m²)"), max_digits=8, decimal_places=1, validators=[MinValueValidator(0)]
    )
    standard_area_m2 = models.DecimalField(
        _("Diện tích theo tiêu chuẩn, định mức (m²)"),
        max_digits=8,
        decimal_places=1,
        validators=[MinValueValidator(0)],
    )
    year_built = models.PositiveIntegerField(_("Năm xây dựng"), null=True, blank=True, validators=YEAR_VALIDATORS)
    year_renovated = models.PositiveIntegerField(
        _("Năm cải tạo, nâng cấp gần nhất"), null=True, blank=True, validators=YEAR_VALIDATORS
    )
    computers = models.PositiveSmallIntegerField(_("Số máy tính"), default=0)
    has_internet_computers = models.BooleanField(_("Máy tính có kết nối Internet"), default=False)
    has_printer = models.BooleanField(_("Có máy in"), default=False)
    has_photocopier = models.BooleanField(_("Có máy photo"), default=False)
    has_telephone = models.BooleanField(_("Có điện thoại liên hệ"), default=False)
    note = models.TextField(_("Ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Trụ sở và trang thiết bị")
        verbose_name_plural = _("Trụ sở và trang thiết bị")
        ordering = ["commune", "-year"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="one_office_record_per_year")]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"


class ReportPeriod(models.TextChoices):
    FIRST_HALF = "h1", _("6 tháng đầu năm")
    YEAR = "year", _("Cả năm")


class OneStopStatus(models.TextChoices):
    PROPER = "proper", _("Hoạt động đúng quy định")
    LIMITED = "limited", _("Hoạt động nhưng còn hạn chế")
    NOT_SET_UP = "not_set_up", _("Chưa kiện toàn")


class ProcedureStats(models.Model):
    """Administrative procedures (TTHC) of a commune for a six-month or yearly period (plan II.5)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="procedure_stats")
    year = models.PositiveIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    period = models.CharField(_("Kỳ báo cáo"), max_length=5, choices=ReportPeriod.choices)
    applicable = models.PositiveIntegerField(_("Số TTHC áp dụng tại xã"))
    posted = models.PositiveIntegerField(_("Số TTHC đã niêm yết"))
    received = models.PositiveIntegerField(_("Số hồ sơ tiếp nhận"))
    on_time = models.PositiveIntegerField(_("Số hồ sơ giải quyết đúng hạn"))
    late = models.PositiveIntegerField(_("Số hồ sơ giải quyết quá hạn"))
    one_stop_status = models.CharField(
        _("Bộ phận Một cửa"), max_length=12, choices=OneStopStatus.choices, default=OneStopStatus.PROPER
    )
    uses_iso_9001 = models.BooleanField(_("Áp dụng TCVN ISO 9001:2015"), default=False)
    uses_e_office = models.BooleanField(_("Dùng phần mềm quản lý văn bản (TD Office)"), default=False)
    note = models.TextField(_("Ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Thủ tục hành chính")
        verbose_name_plural = _("Thủ tục hành chính")
        ordering = ["commune", "-year", "period"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year", "period"], name="one_procedure_stats_per_period"),
            models.CheckConstraint(
                name="posted_not_above_applicable", condition=models.Q(posted__lte=models.F("applicable"))
            ),
            models.CheckConstraint(
                name="resolved_not_above_received",
                condition=models.Q(received__gte=models.F("on_time") + models.F("late")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.get_period_display()} {self.year}"


class DialogueConference(models.Model):
    """The yearly conference between the commune's people's committee and citizens (plan II.8)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="dialogue_conferences")
    year = models.PositiveIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    held_on = models.DateField(_("Ngày tổ chức"))
    chaired_by = models.CharField(_("Người chủ trì"), max_length=120, blank=True)
    participants = models.PositiveIntegerField(_("Số người tham dự"))
    issues_raised = models.PositiveIntegerField(_("Số ý kiến, kiến nghị của Nhân dân"))
    issues_answered = models.PositiveIntegerField(_("Số ý kiến đã được trả lời, giải quyết"))
    summary = models.TextField(_("Nội dung chính"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Hội nghị đối thoại với Nhân dân")
        verbose_name_plural = _("Hội nghị đối thoại với Nhân dân")
        ordering = ["commune", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="one_dialogue_per_year"),
            models.CheckConstraint(
                name="answered_not_above_raised", condition=models.Q(issues_answered__lte=models.F("issues_raised"))
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"
