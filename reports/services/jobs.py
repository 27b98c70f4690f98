"""Report jobs: start one, run it (in the Celery worker, or in-process without a broker), retry it.

The task in ``reports.tasks`` only loads the job id and calls :func:`report_job_run`; everything a
user sees (progress, file, the reason of a failure) is written here.
"""

import logging
import time
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta

from celery.exceptions import SoftTimeLimitExceeded
from celery.result import EagerResult
from django.conf import settings
from django.core.files.base import ContentFile, File
from django.db import DatabaseError, InterfaceError, OperationalError, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from assessment.models import AssessmentYear
from communes.models import District, Province, User
from reports import notices
from reports.models import DISTRICT_KINDS, JobStatus, ReportJob, ReportKind
from reports.services.files import BuiltFile, BuiltFileOnDisk, Progress

logger = logging.getLogger(__name__)

# Errors worth another try: the database or the broker was briefly unreachable.
TRANSIENT_DB_ERRORS = (OperationalError, InterfaceError)
# Progress steps closer than both of these to the last one written are not written (the job's page
# asks every 2 s).
PROGRESS_STEP, PROGRESS_INTERVAL = 10, 1.0


class ReportError(Exception):
    """A job that cannot be started or retried; the message is for the user."""


Builder = Callable[[ReportJob, Progress], BuiltFile | BuiltFileOnDisk]


def _builders() -> dict[str, Builder]:
    from reports.services import archive, pdf, xlsx

    return {
        ReportKind.PROVINCE_ANNUAL_PDF: pdf.build_province_annual,
        ReportKind.PROVINCE_WORKBOOK_XLSX: xlsx.build_province_workbook,
        ReportKind.DISTRICT_HALF_YEAR_PDF: pdf.build_district_half_year,
        ReportKind.DISTRICT_ANNUAL_PDF: pdf.build_district_annual,
        ReportKind.TERM_SUMMARY_PDF: pdf.build_term_summary,
        ReportKind.YEAR_ARCHIVE_ZIP: archive.build_year_archive,
    }


def district_report_refusal(year: int) -> str | None:
    """Why a district report of ``year`` cannot be made (the year has no district level), else None."""
    if AssessmentYear.objects.filter(year=year, has_district_level=False).exists():
        return _(
            "Năm %(year)s không còn cấp huyện: báo cáo 6 tháng và báo cáo năm của huyện chỉ lập cho "
            "các năm có cấp huyện."
        ) % {"year": year}
    return None


def report_job_create(*, actor: User, kind: str, year: int, province: Province, district: District | None) -> ReportJob:
    """Record a queued job; district reports need their district and a year with a district level,
    province reports have none."""
    if kind in DISTRICT_KINDS and district is None:
        raise ReportError(_("Báo cáo của huyện cần chọn huyện."))
    refusal = district_report_refusal(year) if kind in DISTRICT_KINDS else None
    if kind == ReportKind.YEAR_ARCHIVE_ZIP:
        from reports.services.archive import archive_refusal

        refusal = archive_refusal(actor=actor, year=year)
    if refusal:
        raise ReportError(refusal)
    if kind not in DISTRICT_KINDS:
        district = None
    with transaction.atomic():
        return ReportJob.objects.create(
            kind=kind, year=year, province=province, district=district, created_by=actor, message=_("Đang chờ đến lượt")
        )


def report_job_start(*, actor: User, kind: str, year: int, province: Province, district: District | None) -> ReportJob:
    """Create a job and hand it to the queue (run at once in-process when there is no broker).

    When the broker cannot be reached the job is marked failed with a reason and stays retryable."""
    job = report_job_create(actor=actor, kind=kind, year=year, province=province, district=district)
    _enqueue(job)
    return job


def report_job_retry(*, job: ReportJob, actor: User) -> ReportJob:
    """Queue a failed job again with the same kind, year and unit."""
    with transaction.atomic():
        locked = ReportJob.objects.select_for_update().get(pk=job.pk)
        if locked.status != JobStatus.FAILED:
            raise ReportError(_("Chỉ thử lại được báo cáo bị lỗi."))
        locked.status, locked.progress, locked.error = JobStatus.QUEUED, 0, ""
        locked.message = _("Đang chờ đến lượt")
        locked.started_at = locked.finished_at = locked.heartbeat_at = None
        locked.save(
            update_fields=["status", "progress", "error", "message", "started_at", "finished_at", "heartbeat_at"]
        )
    logger.info("report job %s retried by %s", job.pk, actor)
    _enqueue(locked)
    return locked


def _enqueue(job: ReportJob) -> None:
    """Publish the job's task; the task id is stored first, so nothing writes the row once a worker
    may hold it. In-process (eager) runs have finished when this returns: reload the result."""
    from reports.tasks import build_report

    job.task_id = uuid.uuid4().hex
    ReportJob.objects.filter(pk=job.pk).update(task_id=job.task_id)
    try:
        result = _publish(build_report, job)
    except Exception as exc:  # kombu / redis raise several types when the broker is down
        logger.warning("report job %s not queued: %r", job.pk, exc)
        report_job_fail(
            job_id=job.pk,
            reason=_(
                "Chưa gửi được yêu cầu vào hàng đợi: máy chủ hàng đợi (Redis) không trả lời. "
                "Hãy bấm “Thử lại” sau ít phút; nếu vẫn lỗi, báo quản trị viên."
            ),
        )
        job.refresh_from_db()
        return
    if isinstance(result, EagerResult):
        job.refresh_from_db()


def _publish(task, job: ReportJob):  # noqa: ANN001, ANN202 - a Celery task and its AsyncResult
    """Send the task; with a broker, check first that it answers (one quick try, not a long wait)."""
    app = task.app
    if app.conf.task_always_eager:
        return task.apply_async(args=[job.pk], task_id=job.task_id)
    with app.connection_for_write() as connection:
        connection.ensure_connection(max_retries=1, interval_start=0, interval_step=0.2, timeout=3)
        return task.apply_async(args=[job.pk], task_id=job.task_id, connection=connection, retry=False)


def _progress(job_id: int) -> Progress:
    """A callback that writes the job's progress and heartbeat (one UPDATE, committed at once); a job
    already failed (its worker was thought dead) is left as it is.

    A step less than PROGRESS_STEP points and PROGRESS_INTERVAL seconds after the last one written
    is not written: the job's page asks every two seconds, so nobody would see it (a workbook's two
    dozen sheets took 26 writes in a third of a second). A report's big steps are all written."""
    last: dict[str, float] = {}

    def report(percent: int, message: str) -> None:
        percent, now = max(0, min(100, percent)), time.monotonic()
        if last and percent - last["percent"] < PROGRESS_STEP and now - last["at"] < PROGRESS_INTERVAL:
            return
        last.update(percent=percent, at=now)
        ReportJob.objects.filter(pk=job_id, status=JobStatus.RUNNING).update(
            progress=percent, message=message[:200], heartbeat_at=timezone.now()
        )

    return report


def _claim(job_id: int, task_id: str | None) -> ReportJob | None:
    """Mark the job running, unless it is done or ``task_id`` is the message of an attempt that a
    retry has replaced (a message Redis hands out again after its worker died): that one is dropped,
    so the same job is never built twice at once."""
    with transaction.atomic():
        job = ReportJob.objects.select_for_update().filter(pk=job_id).first()
        if job is None or job.status == JobStatus.SUCCEEDED:
            return None
        if task_id and job.task_id and task_id != job.task_id:
            logger.info("report job %s: message %s replaced by %s, dropped", job_id, task_id, job.task_id)
            return None
        now = timezone.now()
        job.status, job.started_at, job.heartbeat_at, job.attempts = JobStatus.RUNNING, now, now, job.attempts + 1
        job.progress, job.message, job.error = 1, _("Bắt đầu tạo báo cáo"), ""
        job.save(update_fields=["status", "started_at", "heartbeat_at", "attempts", "progress", "message", "error"])
    return job


def report_job_run(*, job_id: int, final_attempt: bool = True, task_id: str | None = None) -> ReportJob | None:
    """Build the job's file and store it; a failure is recorded with its reason in Vietnamese.

    A lost database connection is raised again (the task retries) unless this is the last attempt."""
    job = _claim(job_id, task_id)
    if job is None:
        return None
    try:
        built = _builders()[job.kind](job, _progress(job.pk))
    except SoftTimeLimitExceeded:
        logger.warning("report job %s stopped at its time limit", job_id)
        report_job_fail(
            job_id=job_id,
            reason=_(
                "Tạo báo cáo mất quá %(minutes)d phút nên đã bị dừng. Hãy bấm “Thử lại”; nếu vẫn lỗi, "
                "báo quản trị viên kèm mã báo cáo."
            )
            % {"minutes": settings.REPORT_JOB_TIME_LIMIT // 60},
        )
        return None
    except TRANSIENT_DB_ERRORS:
        if not final_attempt:
            raise
        report_job_fail(job_id=job_id, reason=_("Mất kết nối tới cơ sở dữ liệu khi tạo báo cáo. Hãy thử lại."))
        return None
    except Exception as exc:
        logger.exception("report job %s failed", job_id)
        report_job_fail(job_id=job_id, reason=_failure_reason(exc))
        return None
    return _store(job, built)


def _failure_reason(exc: Exception) -> str:
    detail = str(exc).strip() or exc.__class__.__name__
    return _("Không tạo được báo cáo: %(detail)s. Hãy thử lại; nếu vẫn lỗi, báo quản trị viên kèm mã báo cáo.") % {
        "detail": detail[:300]
    }


def _store(job: ReportJob, built: BuiltFile | BuiltFileOnDisk) -> ReportJob:
    """Save the built file on the job; a file built on disk is copied in chunks, then deleted."""
    try:
        with transaction.atomic():
            locked = ReportJob.objects.select_for_update().get(pk=job.pk)
            if locked.file:
                locked.file.delete(save=False)
            if isinstance(built, BuiltFileOnDisk):
                with built.path.open("rb") as handle:
                    locked.file.save(built.filename, File(handle), save=False)
                locked.size = built.path.stat().st_size
            else:
                locked.file.save(built.filename, ContentFile(built.content), save=False)
                locked.size = len(built.content)
            locked.filename = built.filename
            locked.status, locked.progress, locked.message = JobStatus.SUCCEEDED, 100, _("Đã xong")
            locked.finished_at = timezone.now()
            locked.save(update_fields=["file", "filename", "size", "status", "progress", "message", "finished_at"])
            notices.job_finished_notify(job_id=locked.pk)
    finally:
        if isinstance(built, BuiltFileOnDisk):
            built.path.unlink(missing_ok=True)
    return locked


def report_jobs_fail_stale(*, now: datetime | None = None) -> list[int]:
    """Fail the jobs still "running" with no sign of life for settings.REPORT_JOB_STALE_SECONDS:
    their worker died (killed, machine stopped) and nothing else would ever end them. Their page
    then says so and offers “Thử lại”. Returns the ids of the jobs failed."""
    cutoff = (now or timezone.now()) - timedelta(seconds=settings.REPORT_JOB_STALE_SECONDS)
    silent = (
        Q(heartbeat_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__lt=cutoff)
        | Q(heartbeat_at__isnull=True, started_at__isnull=True, created_at__lt=cutoff)
    )
    with transaction.atomic():
        stale = list(
            ReportJob.objects.select_for_update(skip_locked=True)
            .filter(silent, status=JobStatus.RUNNING)
            .values_list("pk", flat=True)
        )
        ReportJob.objects.filter(pk__in=stale).update(
            status=JobStatus.FAILED,
            message=_("Lỗi"),
            finished_at=timezone.now(),
            error=_(
                "Tiến trình tạo báo cáo bị dừng đột ngột (máy xử lý nền ngừng chạy giữa chừng). "
                "Hãy bấm “Thử lại”; nếu vẫn lỗi, báo quản trị viên kèm mã báo cáo."
            ),
        )
        for job_id in stale:
            notices.job_finished_notify(job_id=job_id)
    if stale:
        logger.warning(
            "report jobs %s had no sign of life for %s s: marked failed", stale, settings.REPORT_JOB_STALE_SECONDS
        )
    return stale


def report_job_fail(*, job_id: int, reason: str) -> None:
    """Mark the job failed with ``reason`` (shown to the user next to a Retry button)."""
    try:
        ReportJob.objects.filter(pk=job_id).update(
            status=JobStatus.FAILED, error=reason, message=_("Lỗi"), finished_at=timezone.now()
        )
        notices.job_finished_notify(job_id=job_id)
    except DatabaseError:
        logger.exception("could not record the failure of report job %s", job_id)
