"""The commune profile: new-rural status, villages, office and equipment, administrative
procedures and the yearly citizen dialogue conference (plan 703 sections I.3, II.2, II.5, II.7, II.8).

Imported at the end of ``communes/models.py`` so Django registers these models in ``communes``.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models.lookups import GreaterThanOrEqual
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


class CitizenReception(models.Model):
    """Receiving citizens and resolving their petitions in one year (plan 703 section II.8)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="citizen_receptions")
    year = models.PositiveIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    sessions_total = models.PositiveIntegerField(_("Số buổi tiếp công dân"))
    sessions_by_chair = models.PositiveIntegerField(_("Số buổi Chủ tịch UBND tiếp công dân"))
    citizens_received = models.PositiveIntegerField(_("Số lượt công dân được tiếp"))
    complaints_received = models.PositiveIntegerField(_("Đơn khiếu nại nhận được"))
    denunciations_received = models.PositiveIntegerField(_("Đơn tố cáo nhận được"))
    petitions_received = models.PositiveIntegerField(_("Đơn kiến nghị, phản ánh nhận được"))
    resolved = models.PositiveIntegerField(_("Số đơn đã giải quyết"))
    resolved_on_time = models.PositiveIntegerField(_("Số đơn giải quyết đúng hạn"))
    outstanding = models.PositiveIntegerField(_("Số đơn còn tồn đọng"))
    passed_upward = models.PositiveIntegerField(
        _("Số đơn thuộc thẩm quyền xã nhưng chuyển lên cấp trên"),
        help_text=_("Kế hoạch 703 (mục II.8): không đùn đẩy lên cấp trên những việc thuộc thẩm quyền của xã."),
    )
    note = models.TextField(_("Ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Tiếp công dân, giải quyết đơn thư")
        verbose_name_plural = _("Tiếp công dân, giải quyết đơn thư")
        ordering = ["commune", "-year"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "year"], name="one_citizen_reception_per_year"),
            models.CheckConstraint(
                name="chair_sessions_not_above_total",
                condition=models.Q(sessions_by_chair__lte=models.F("sessions_total")),
            ),
            models.CheckConstraint(
                name="on_time_not_above_resolved", condition=models.Q(resolved_on_time__lte=models.F("resolved"))
            ),
            models.CheckConstraint(
                name="petitions_accounted_for",
                condition=GreaterThanOrEqual(
                    models.F("complaints_received")
                    + models.F("denunciations_received")
                    + models.F("petitions_received"),
                    models.F("resolved") + models.F("outstanding") + models.F("passed_upward"),
                ),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"

    @property
    def received(self) -> int:
        return self.complaints_received + self.denunciations_received + self.petitions_received


ALL_MONTHS = (1 << 12) - 1  # every bit of ``meeting_months`` set: January to December


class GovernanceYear(models.Model):
    """A commune's year of routine: the monthly meeting with village heads (plan II.1) and whether
    the working rules and the coordination rules are issued and followed (plan I.3, II.1)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="governance_years")
    year = models.PositiveIntegerField(_("Năm"), validators=YEAR_VALIDATORS)
    # Bit m-1 set: the meeting with the heads of villages was held in month m.
    meeting_months = models.PositiveSmallIntegerField(
        _("Tháng đã giao ban với trưởng thôn, bản, tổ dân phố"),
        default=0,
        validators=[MaxValueValidator(ALL_MONTHS)],
    )
    council_rules_issued = models.BooleanField(_("Đã ban hành Quy chế làm việc của HĐND"), default=False)
    council_rules_followed = models.BooleanField(_("Thực hiện tốt Quy chế làm việc của HĐND"), default=False)
    committee_rules_issued = models.BooleanField(_("Đã ban hành Quy chế làm việc của UBND"), default=False)
    committee_rules_followed = models.BooleanField(_("Thực hiện tốt Quy chế làm việc của UBND"), default=False)
    coordination_rules_issued = models.BooleanField(
        _("Đã ban hành Quy chế phối hợp giữa UBND với Thường trực HĐND, MTTQ và các đoàn thể"), default=False
    )
    coordination_rules_followed = models.BooleanField(_("Thực hiện tốt Quy chế phối hợp"), default=False)
    note = models.TextField(_("Ghi chú"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Giao ban thôn, bản và quy chế làm việc")
        verbose_name_plural = _("Giao ban thôn, bản và quy chế làm việc")
        ordering = ["commune", "-year"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="one_governance_year_per_year")]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"

    @property
    def months(self) -> list[int]:
        return [m for m in range(1, 13) if self.meeting_months >> (m - 1) & 1]


class CoachingLevel(models.TextChoices):
    DISTRICT = "district", _("Cấp huyện")
    PROVINCE = "province", _("Cấp tỉnh")


class CoachingVisit(models.Model):
    """District (before 1 July 2025) or province staff at a commune, coaching its civil servants
    on the job ("cầm tay chỉ việc", plan 703 section II.3)."""

    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="coaching_visits")
    level = models.CharField(_("Cấp cử người"), max_length=10, choices=CoachingLevel.choices)
    coach = models.CharField(_("Người hướng dẫn"), max_length=160)
    coach_unit = models.CharField(_("Cơ quan"), max_length=160, blank=True)
    start_date = models.DateField(_("Từ ngày"))
    end_date = models.DateField(_("Đến ngày"))
    topics = models.TextField(_("Nội dung hướng dẫn"))
    created_at = models.DateTimeField(auto_now_add=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Hướng dẫn tại xã")
        verbose_name_plural = _("Hướng dẫn tại xã")
        ordering = ["commune", "-start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                name="coaching_ends_after_start", condition=models.Q(end_date__gte=models.F("start_date"))
            )
        ]

    def __str__(self) -> str:
        return f"{self.commune} · {self.start_date:%d/%m/%Y}"

    @property
    def days(self) -> int:
        """Calendar days from the first to the last, both counted."""
        return (self.end_date - self.start_date).days + 1
