"""A past year's results brought in from the Department's own workbook: who, when, which file."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.models.assessment import AssessmentYear


class HistoryImport(models.Model):
    """One accepted upload of a year's results; each assessment it wrote has an ``import`` event."""

    year = models.ForeignKey(
        AssessmentYear, on_delete=models.PROTECT, related_name="history_imports", verbose_name=_("Năm")
    )
    file_name = models.CharField(_("Tên tệp"), max_length=255)
    sha256 = models.CharField(_("Mã băm SHA-256"), max_length=64)
    rows = models.PositiveIntegerField(_("Số xã"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("Người nhập")
    )
    imported_at = models.DateTimeField(_("Thời điểm nhập"), default=timezone.now)

    class Meta:
        verbose_name = _("Lần nhập kết quả năm trước")
        verbose_name_plural = _("Các lần nhập kết quả năm trước")
        ordering = ["-imported_at"]

    def __str__(self) -> str:
        return f"{self.year} · {self.file_name}"
