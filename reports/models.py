"""Report jobs (files built in the background) and the deadline reminders already sent."""

import uuid
from datetime import timedelta
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from communes.models import Commune, District, Province
from communes.permissions import UnitScope


class ReportKind(models.TextChoices):
    PROVINCE_ANNUAL_PDF = "province_annual_pdf", _("Báo cáo năm của tỉnh (PDF)")
    PROVINCE_WORKBOOK_XLSX = "province_workbook_xlsx", _("Bảng tổng hợp của tỉnh (Excel)")
    DISTRICT_HALF_YEAR_PDF = "district_half_year_pdf", _("Báo cáo 6 tháng của huyện (PDF)")
    DISTRICT_ANNUAL_PDF = "district_annual_pdf", _("Báo cáo năm của huyện (PDF)")
    TERM_SUMMARY_PDF = "term_summary_pdf", _("Tổng kết nhiệm kỳ 2021-2026 (PDF)")
    # Only province staff, only a locked year (reports.services.archive.archive_refusal).
    YEAR_ARCHIVE_ZIP = "year_archive_zip", _("Lưu trữ năm (tệp nén ZIP)")


QUEUE_PATIENCE = timedelta(minutes=3)
DISTRICT_KINDS = frozenset({ReportKind.DISTRICT_HALF_YEAR_PDF, ReportKind.DISTRICT_ANNUAL_PDF})


class JobStatus(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    SUCCEEDED = "succeeded", _("Đã xong")
    FAILED = "failed", _("Lỗi")


def report_path(instance: "ReportJob", filename: str) -> str:
    """Random names under reports/<year>/: the file is only ever served by the scope-checked view."""
    suffix = PurePosixPath(filename).suffix.lower()[:6]
    return f"reports/{instance.year}/{uuid.uuid4().hex}{suffix}"


class ReportJob(models.Model):
    kind = models.CharField(_("Loại báo cáo"), max_length=30, choices=ReportKind.choices)
    year = models.PositiveIntegerField(_("Năm"))
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+")
    # Set for district reports; province reports have none.
    district = models.ForeignKey(
        District, on_delete=models.PROTECT, null=True, blank=True, related_name="+", verbose_name=_("Huyện")
    )
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED, db_index=True
    )
    progress = models.PositiveSmallIntegerField(_("Tiến độ (%)"), default=0)
    message = models.CharField(_("Đang làm"), max_length=200, blank=True)
    error = models.TextField(_("Lý do lỗi"), blank=True)
    file = models.FileField(upload_to=report_path, max_length=300, blank=True)
    filename = models.CharField(_("Tên tệp"), max_length=200, blank=True)
    size = models.PositiveBigIntegerField(default=0)  # a year archive may pass 2 GB
    task_id = models.CharField(max_length=64, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người tạo")
    )
    created_at = models.DateTimeField(_("Thời điểm yêu cầu"), default=timezone.now)
    started_at = models.DateTimeField(null=True, blank=True)
    # The running job's last sign of life (its start and each progress step): a job "running"
    # without one for settings.REPORT_JOB_STALE_SECONDS lost its worker.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(_("Thời điểm xong"), null=True, blank=True)

    class Meta:
        verbose_name = _("Báo cáo")
        verbose_name_plural = _("Báo cáo")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["province", "district", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.year}"

    @property
    def is_active(self) -> bool:
        return self.status in (JobStatus.QUEUED, JobStatus.RUNNING)

    @property
    def waits_too_long(self) -> bool:
        """Still queued minutes after it was asked for: no worker seems to be taking jobs."""
        return self.status == JobStatus.QUEUED and timezone.now() - self.created_at > QUEUE_PATIENCE

    @property
    def is_done(self) -> bool:
        return self.status == JobStatus.SUCCEEDED and bool(self.file)


class DeadlineKind(models.TextChoices):
    SELF_ASSESSMENT = "self_assessment", _("Hạn xã tự chấm điểm")
    REVIEW = "review", _("Hạn huyện thẩm định")
    DISTRICT_HALF_YEAR = "district_half_year", _("Hạn gửi báo cáo 6 tháng")
    DISTRICT_ANNUAL = "district_annual", _("Hạn gửi báo cáo tổng kết năm")


class ReminderNotice(models.Model):
    """One reminder sent to one user for one deadline of one year: never sent twice.

    No longer written: deadline reminders are notifications now (``communes.notifications``, kinds
    "deadline in 7 days" and "in 1 day", keyed so each is sent once). The rows already sent stay
    readable in the admin; dropping the table is a later migration of this app."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="reminder_notices")
    year = models.PositiveIntegerField(_("Năm"))
    deadline_kind = models.CharField(_("Hạn"), max_length=20, choices=DeadlineKind.choices)
    deadline = models.DateField(_("Ngày hết hạn"))
    text = models.TextField(_("Nội dung"))
    emailed = models.BooleanField(_("Đã gửi thư"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo nhắc hạn")
        verbose_name_plural = _("Thông báo nhắc hạn")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["user", "year", "deadline_kind"], name="one_notice_per_deadline")
        ]
        indexes = [models.Index(fields=["user", "read_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.get_deadline_kind_display()} {self.year}"


class ApiClient(models.Model):
    """Another system of the province that reads the web API (``reports/api``) with its own token.

    Its scope is the province, or a set of its communes when any are chosen: the same terms a user's
    scope has (:class:`communes.permissions.UnitScope`), checked by the same policy. Only the token's
    SHA-256 is kept; the token itself is shown once, to the administrator who issues it
    (``reports.services.api_clients``).
    """

    name = models.CharField(_("Tên hệ thống"), max_length=200)
    province = models.ForeignKey(Province, on_delete=models.PROTECT, related_name="+", verbose_name=_("Tỉnh"))
    communes = models.ManyToManyField(
        Commune,
        blank=True,
        related_name="+",
        verbose_name=_("Chỉ các xã"),
        help_text=_("Để trống: cả tỉnh. Chọn xã: hệ thống chỉ đọc được các xã này (và các đơn vị trước sáp nhập)."),
    )
    is_active = models.BooleanField(_("Đang dùng"), default=True)
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    # The token's first characters, to tell tokens apart in the admin: not enough to use it.
    token_prefix = models.CharField(_("Đầu mã"), max_length=8, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Người cấp"),
    )
    created_at = models.DateTimeField(_("Cấp lúc"), default=timezone.now)
    last_used_at = models.DateTimeField(_("Dùng lần cuối"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hệ thống dùng API")
        verbose_name_plural = _("Hệ thống dùng API")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    # Read by DRF's permission checks: a client that passed authentication is an authenticated reader.
    is_authenticated = True

    def unit_scope(self, commune_ids: list[int] | None = None) -> UnitScope:
        """The units this client reads: its communes when it has any, else its province."""
        ids = commune_ids if commune_ids is not None else list(self.communes.values_list("pk", flat=True))
        return UnitScope(commune_ids=tuple(ids)) if ids else UnitScope(province_id=self.province_id)
