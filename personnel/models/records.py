"""What happens to an official over time: training, transfers, discipline, public apologies."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from communes.models import Commune
from personnel.models.levels import Dimension
from personnel.models.officials import Official


class Training(models.Model):
    """A training course; a finished one may raise the official's level in ``dimension``."""

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="trainings")
    course = models.CharField(_("Khóa đào tạo, bồi dưỡng"), max_length=200)
    institution = models.CharField(_("Cơ sở đào tạo"), max_length=200, blank=True)
    dimension = models.CharField(
        _("Lĩnh vực"),
        max_length=20,
        choices=Dimension.choices,
        blank=True,
        help_text=_("Để trống nếu khóa học không nâng trình độ."),
    )
    level_reached = models.PositiveSmallIntegerField(_("Trình độ đạt được"), null=True, blank=True)
    field_of_study = models.CharField(_("Ngành đào tạo"), max_length=120, blank=True)
    start_date = models.DateField(_("Ngày bắt đầu"))
    end_date = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    finished = models.BooleanField(_("Đã hoàn thành"), default=False)
    qualification_raised = models.BooleanField(default=False, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Đào tạo, bồi dưỡng")
        verbose_name_plural = _("Đào tạo, bồi dưỡng")
        ordering = ["official", "-start_date"]

    def __str__(self) -> str:
        return self.course


class Transfer(models.Model):
    """A move of an official from one commune to another; the official counts in the new one
    only from ``effective_date``."""

    class Kind(models.TextChoices):
        TRANSFER = "transfer", _("Điều động")
        ROTATION = "rotation", _("Luân chuyển")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="transfers")
    kind = models.CharField(_("Hình thức"), max_length=10, choices=Kind.choices, default=Kind.TRANSFER)
    from_commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="transfers_out", verbose_name=_("Từ xã")
    )
    to_commune = models.ForeignKey(
        Commune, on_delete=models.PROTECT, related_name="transfers_in", verbose_name=_("Đến xã")
    )
    effective_date = models.DateField(_("Ngày có hiệu lực"))
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    note = models.TextField(_("Ghi chú"), blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Điều động, luân chuyển")
        verbose_name_plural = _("Điều động, luân chuyển")
        ordering = ["official", "effective_date", "pk"]

    def __str__(self) -> str:
        return f"{self.official} · {self.from_commune} → {self.to_commune}"


class Discipline(models.Model):
    class Form(models.TextChoices):
        REPRIMAND = "reprimand", _("Khiển trách")
        WARNING = "warning", _("Cảnh cáo")
        SALARY_DOWN = "salary_down", _("Hạ bậc lương")
        DEMOTION = "demotion", _("Cách chức")
        REMOVAL = "removal", _("Bãi nhiệm")
        DISMISSAL = "dismissal", _("Buộc thôi việc")

    official = models.ForeignKey(Official, on_delete=models.CASCADE, related_name="disciplines")
    # The commune where the violation happened: the record stays there if the official moves on.
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="disciplines")
    decided_on = models.DateField(_("Ngày quyết định"))
    form = models.CharField(_("Hình thức kỷ luật"), max_length=12, choices=Form.choices)
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    authority = models.CharField(_("Cơ quan quyết định"), max_length=160, blank=True)
    reason = models.TextField(_("Lý do"))
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Kỷ luật")
        verbose_name_plural = _("Kỷ luật")
        ordering = ["-decided_on"]

    def __str__(self) -> str:
        return f"{self.official} · {self.get_form_display()}"


class PublicApology(models.Model):
    """A public apology to citizens after an official's violation (plan 703 section II.9)."""

    official = models.ForeignKey(
        Official, on_delete=models.CASCADE, related_name="apologies", verbose_name=_("Người vi phạm")
    )
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="public_apologies")
    held_on = models.DateField(_("Ngày xin lỗi"))
    violation = models.TextField(_("Sai phạm"))
    apologised_to = models.CharField(_("Xin lỗi tổ chức, người dân"), max_length=255)
    committee_leader = models.CharField(_("Lãnh đạo UBND đi cùng"), max_length=120)
    attendees = models.TextField(
        _("Thành phần dự"), help_text=_("Đại diện cấp ủy, ban công tác mặt trận, thôn bản, các hộ dân...")
    )
    letter_written = models.BooleanField(_("Đã viết thư xin lỗi"), default=True)
    self_criticism_written = models.BooleanField(_("Đã viết bản kiểm điểm"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("Xin lỗi Nhân dân")
        verbose_name_plural = _("Xin lỗi Nhân dân")
        ordering = ["-held_on"]

    def __str__(self) -> str:
        return f"{self.official} · {self.held_on:%d/%m/%Y}"
