"""Assessment years, one assessment per commune per year, its scores, evidence and history."""

import uuid
from decimal import Decimal
from pathlib import PurePosixPath

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from assessment.models.criteria import Classification, CriteriaSet, Criterion
from communes.models import Commune


class Status(models.TextChoices):
    DRAFT = "draft", _("Đang tự chấm")
    # Neutral words: the reviewer is the district until 2024 and the province from 2025.
    SUBMITTED = "submitted", _("Chờ thẩm định")
    RETURNED = "returned", _("Đã trả lại xã")
    DISTRICT_APPROVED = "district_approved", _("Đã thẩm định")
    FINALIZED = "finalized", _("Tỉnh đã công nhận")


class AssessmentYear(models.Model):
    year = models.PositiveIntegerField(
        _("Năm đánh giá"), unique=True, validators=[MinValueValidator(2011), MaxValueValidator(2100)]
    )
    criteria_set = models.ForeignKey(
        CriteriaSet, on_delete=models.PROTECT, related_name="years", verbose_name=_("Bộ tiêu thức")
    )
    self_deadline = models.DateField(_("Hạn xã tự chấm"), null=True, blank=True)
    review_deadline = models.DateField(_("Hạn thẩm định"), null=True, blank=True)
    confirm_deadline = models.DateField(_("Hạn tỉnh công nhận"), null=True, blank=True)
    # Since 1 July 2025 there is no district level: the review step falls to province reviewers.
    has_district_level = models.BooleanField(_("Có cấp huyện thẩm định"), default=True)
    is_locked = models.BooleanField(_("Đã khóa sổ"), default=False)
    locked_at = models.DateTimeField(null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Locked while its criteria set was still provisional (province staff ticked "lock anyway"); who
    # and when are locked_by and locked_at. Printed in the year's reports.
    locked_with_provisional_set = models.BooleanField(_("Khóa dù bộ tiêu thức còn tạm thời"), default=False)

    class Meta:
        verbose_name = _("Năm đánh giá")
        verbose_name_plural = _("Năm đánh giá")
        ordering = ["-year"]

    def __str__(self) -> str:
        return str(self.year)


class Assessment(models.Model):
    year = models.ForeignKey(
        AssessmentYear, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("Năm")
    )
    commune = models.ForeignKey(Commune, on_delete=models.PROTECT, related_name="assessments", verbose_name=_("Xã"))
    status = models.CharField(
        _("Trạng thái"), max_length=20, choices=Status.choices, default=Status.DRAFT, db_index=True
    )
    # Bumped on every change: a save from a stale page (older version) is refused, never merged.
    version = models.PositiveIntegerField(default=1)
    submitted_at = models.DateTimeField(_("Ngày nộp"), null=True, blank=True)
    approved_at = models.DateTimeField(_("Ngày duyệt thẩm định"), null=True, blank=True)
    finalized_at = models.DateTimeField(_("Ngày tỉnh công nhận"), null=True, blank=True)
    final_total = models.DecimalField(_("Tổng điểm"), max_digits=6, decimal_places=2, null=True, blank=True)
    final_class = models.CharField(_("Xếp loại"), max_length=10, choices=Classification.choices, blank=True)
    tsvm = models.BooleanField(_("Trong sạch, vững mạnh"), default=False)

    class Meta:
        verbose_name = _("Bản đánh giá")
        verbose_name_plural = _("Bản đánh giá")
        ordering = ["-year__year", "commune__code"]
        constraints = [models.UniqueConstraint(fields=["year", "commune"], name="one_assessment_per_commune_year")]
        indexes = [models.Index(fields=["year", "status"])]

    def __str__(self) -> str:
        return f"{self.commune} · {self.year}"


class CriterionScore(models.Model):
    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("Tiêu thức")
    )
    self_score = models.DecimalField(_("Điểm tự chấm"), max_digits=5, decimal_places=2, null=True, blank=True)
    note = models.TextField(_("Giải trình của xã"), blank=True)
    district_score = models.DecimalField(_("Điểm thẩm định"), max_digits=5, decimal_places=2, null=True, blank=True)
    district_comment = models.TextField(_("Ý kiến thẩm định"), blank=True)
    final_score = models.DecimalField(_("Điểm chính thức"), max_digits=5, decimal_places=2, null=True, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("Điểm tiêu thức")
        verbose_name_plural = _("Điểm tiêu thức")
        ordering = ["assessment", "criterion__number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "criterion"], name="one_score_per_criterion"),
        ]

    def __str__(self) -> str:
        return f"{self.assessment} · {self.criterion.number}"


def evidence_path(instance: "Evidence", filename: str) -> str:
    suffix = PurePosixPath(filename).suffix.lower()[:10]
    assessment = instance.score.assessment
    return f"evidence/{assessment.year.year}/{assessment.commune.code}/{uuid.uuid4().hex}{suffix}"


class Evidence(models.Model):
    """A file backing a criterion's score; served only through a scope-checked view."""

    score = models.ForeignKey(CriterionScore, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(upload_to=evidence_path, max_length=300)
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    uploaded_at = models.DateTimeField(default=timezone.now)
    # Which required or optional document of a component item this file is (None: the criterion's own).
    requirement = models.ForeignKey(
        "assessment.EvidenceRequirement",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="files",
        verbose_name=_("Minh chứng yêu cầu"),
    )

    class Meta:
        verbose_name = _("Tài liệu minh chứng")
        verbose_name_plural = _("Tài liệu minh chứng")
        ordering = ["uploaded_at"]

    def __str__(self) -> str:
        return self.original_name


class AssessmentEvent(models.Model):
    """Who did what and when: every transition, score change and decision, for the timeline."""

    class Kind(models.TextChoices):
        TRANSITION = "transition", _("Chuyển trạng thái")
        SCORE = "score", _("Thay đổi điểm")
        EVIDENCE = "evidence", _("Minh chứng")
        DECISION = "decision", _("Quyết định của tỉnh")
        IMPORT = "import", _("Nhập từ Excel")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="events")
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    at = models.DateTimeField(default=timezone.now, db_index=True)
    kind = models.CharField(max_length=12, choices=Kind.choices)
    from_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=20, choices=Status.choices, blank=True)
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, null=True, blank=True, related_name="+")
    field = models.CharField(max_length=40, blank=True)
    old_value = models.TextField(blank=True)
    new_value = models.TextField(blank=True)
    comment = models.TextField(blank=True)

    class Meta:
        verbose_name = _("Lịch sử")
        verbose_name_plural = _("Lịch sử")
        ordering = ["-at", "-pk"]
        # The timeline's order (newest first, ties by id): its latest changes are read straight from
        # the index, never sorted from every change of the assessment.
        indexes = [models.Index(fields=["assessment", "-at", "-id"], name="assessment_event_timeline")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} · {self.assessment_id} · {self.at:%d/%m/%Y %H:%M}"


class ProvinceDecision(models.Model):
    """A criticism (phê bình) or reminder (nhắc nhở) the province records against a commune's year."""

    class Kind(models.TextChoices):
        CRITICISM = "criticism", _("Phê bình")
        REMINDER = "reminder", _("Nhắc nhở")

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE, related_name="decisions")
    kind = models.CharField(_("Hình thức"), max_length=10, choices=Kind.choices)
    number = models.CharField(_("Số quyết định"), max_length=50)
    date = models.DateField(_("Ngày quyết định"))
    reason = models.TextField(_("Lý do"))
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    recorded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("Phê bình, nhắc nhở")
        verbose_name_plural = _("Phê bình, nhắc nhở")
        ordering = ["-date"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"


SCORE_STEP = Decimal("0.25")
