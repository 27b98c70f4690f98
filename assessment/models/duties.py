"""The plan's other duties kept per year: officials' ratings (II.3) and what was done about each
computed follow-up (II.3, II.4)."""

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from assessment.models.assessment import Assessment, AssessmentYear
from assessment.ratings import RatingLevel
from communes.models import Commune


class OfficialRating(models.Model):
    """One official's yearly rating (Decree 90/2020 as amended by 48/2023), recorded by the commune
    where the official worked that year. ``ceiling`` is the plan's ceiling when it was recorded
    (``assessment.ratings.rating_ceiling``); a level above it needs ``reason``."""

    year = models.ForeignKey(AssessmentYear, on_delete=models.PROTECT, related_name="official_ratings")
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="official_ratings")
    official = models.ForeignKey(
        "personnel.Official", on_delete=models.PROTECT, related_name="ratings", verbose_name=_("Cán bộ, công chức")
    )
    level = models.CharField(_("Mức xếp loại"), max_length=10, choices=RatingLevel.choices)
    ceiling = models.CharField(_("Mức tối đa theo điểm"), max_length=10, choices=RatingLevel.choices, blank=True)
    reason = models.TextField(_("Lý do xếp loại cao hơn mức tối đa"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    recorded_at = models.DateTimeField(default=timezone.now)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("Xếp loại cán bộ, công chức")
        verbose_name_plural = _("Xếp loại cán bộ, công chức")
        ordering = ["year", "commune", "official__full_name"]
        constraints = [models.UniqueConstraint(fields=["year", "official"], name="one_rating_per_official_year")]
        indexes = [models.Index(fields=["year", "level"])]

    def __str__(self) -> str:
        return f"{self.official} · {self.year} · {self.get_level_display()}"


class FollowUpKind(models.TextChoices):
    """The follow-ups plan 703 computes from a year's results (``assessment.followups``)."""

    TRANSFER_CHAIR = "transfer_chair", _("Xem xét điều động Chủ tịch UBND xã (bị phê bình)")
    REVIEW_LEADERSHIP = "review_leaders", _("Kiểm điểm trách nhiệm lãnh đạo UBND xã (bị nhắc nhở)")
    REVIEW_CHAIRS = "review_chairs", _("Kiểm điểm Chủ tịch HĐND và Chủ tịch UBND xã (hai năm liền bị phê bình)")
    IMPROVEMENT_PLAN = "plan", _("Lập kế hoạch nâng cao kết quả xếp loại")


def action_evidence_path(instance: "FollowUpAction", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    assessment = instance.assessment
    return f"followups/{assessment.year.year}/{assessment.commune.code}/{uuid.uuid4().hex}{suffix}"


class FollowUpAction(models.Model):
    """What was done about one follow-up of a commune's year: the decision or minutes, its date,
    who acted. A follow-up is done once one action is recorded for it."""

    assessment = models.ForeignKey(Assessment, on_delete=models.PROTECT, related_name="followup_actions")
    kind = models.CharField(_("Việc cần làm"), max_length=16, choices=FollowUpKind.choices)
    number = models.CharField(_("Số quyết định, biên bản"), max_length=60)
    date = models.DateField(_("Ngày"))
    actor_name = models.CharField(_("Người, cơ quan thực hiện"), max_length=160)
    note = models.TextField(_("Ghi chú"), blank=True)
    file = models.FileField(upload_to=action_evidence_path, max_length=300, blank=True)
    original_name = models.CharField(_("Tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(max_length=100, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Kết quả thực hiện việc theo dõi")
        verbose_name_plural = _("Kết quả thực hiện việc theo dõi")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["assessment", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.number}"
