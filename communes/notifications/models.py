"""A notification to one user, and each user's choice of email per kind (imported by communes.models)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class NotificationKind(models.TextChoices):
    SUBMITTED = "submitted", _("Bản đánh giá chờ thẩm định")
    RETURNED = "returned", _("Bản đánh giá bị trả lại")
    APPROVED = "approved", _("Bản đánh giá đã được duyệt")
    CONFIRMED = "confirmed", _("Kết quả đã được công nhận")
    REOPENED = "reopened", _("Kết quả được mở lại")
    DEADLINE_WEEK = "deadline_week", _("Hạn còn 7 ngày")
    DEADLINE_DAY = "deadline_day", _("Hạn còn 1 ngày")
    REPORT_DONE = "report_done", _("Báo cáo đã tạo xong")
    REPORT_FAILED = "report_failed", _("Báo cáo bị lỗi")


class EmailStatus(models.TextChoices):
    PENDING = "pending", _("Đang chờ gửi thư")
    SENT = "sent", _("Đã gửi thư")
    FAILED = "failed", _("Gửi thư lỗi")
    SKIPPED = "skipped", _("Không gửi thư")


class Notification(models.Model):
    """One thing one user is told about: shown under the bell until read, emailed unless turned off."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notifications", verbose_name=_("Người nhận")
    )
    kind = models.CharField(_("Loại"), max_length=20, choices=NotificationKind.choices)
    title = models.CharField(_("Tiêu đề"), max_length=200)
    body = models.TextField(_("Nội dung"), blank=True)
    link = models.CharField(_("Liên kết"), max_length=300, blank=True)
    # Set for notices that must never be sent twice (a deadline's reminder): unique per user, the key
    # first in the constraint's index because the daily reminder run looks a key up across users.
    key = models.CharField(max_length=120, blank=True)
    created_at = models.DateTimeField(_("Thời điểm"), default=timezone.now)
    read_at = models.DateTimeField(_("Đã đọc lúc"), null=True, blank=True)
    email_status = models.CharField(
        _("Thư"), max_length=10, choices=EmailStatus.choices, default=EmailStatus.PENDING, db_index=True
    )
    email_error = models.CharField(_("Lý do chưa gửi thư"), max_length=300, blank=True)
    emailed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("Thông báo")
        verbose_name_plural = _("Thông báo")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(fields=["key", "user"], condition=~Q(key=""), name="one_notification_per_key")
        ]
        indexes = [models.Index(fields=["user", "read_at", "-created_at"], name="notification_user_unread")]

    def __str__(self) -> str:
        return f"{self.user} · {self.title}"

    @property
    def is_read(self) -> bool:
        return self.read_at is not None


class NotificationPreference(models.Model):
    """A user's choice for one kind; no row means email on."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_preferences"
    )
    kind = models.CharField(_("Loại"), max_length=20, choices=NotificationKind.choices)
    email = models.BooleanField(_("Gửi thư"), default=True)

    class Meta:
        verbose_name = _("Lựa chọn nhận thư thông báo")
        verbose_name_plural = _("Lựa chọn nhận thư thông báo")
        constraints = [models.UniqueConstraint(fields=["user", "kind"], name="one_preference_per_kind")]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind}: {self.email}"
