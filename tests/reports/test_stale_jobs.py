"""Report jobs whose worker died mid-run: beat's sweep fails them with a reason the user reads on
the job's page, and “Thử lại” builds them again. Live, finished and waiting jobs are left alone."""

from datetime import timedelta

import pytest
from celery.exceptions import SoftTimeLimitExceeded
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from config.celery import app as celery_app
from reports.models import JobStatus, ReportJob, ReportKind
from reports.services import jobs, pdf
from reports.tasks import build_report, fail_stale_report_jobs
from tests.reports.factories import report_job
from tests.test_settings import start_django

DIED = "Tiến trình tạo báo cáo bị dừng đột ngột (máy xử lý nền ngừng chạy giữa chừng)."


def _ago(seconds: float):  # noqa: ANN202 - datetime
    return timezone.now() - timedelta(seconds=seconds)


def _running(actor, *, silent_for: float, started_ago: float | None = None, **fields) -> ReportJob:
    """A job a worker took: started ``started_ago`` seconds ago, last progress ``silent_for`` ago."""
    started = _ago(started_ago if started_ago is not None else silent_for)
    return report_job(
        actor,
        kind=ReportKind.PROVINCE_ANNUAL_PDF,
        status=JobStatus.RUNNING,
        progress=55,
        message="Đang dựng tệp PDF",
        started_at=started,
        heartbeat_at=_ago(silent_for),
        attempts=1,
        task_id="message-of-the-dead-worker",
        **fields,
    )


def test_a_job_whose_worker_died_is_failed_with_its_reason_and_retrying_builds_it(client, world, sample):
    job = _running(world.province_user, silent_for=settings.REPORT_JOB_STALE_SECONDS + 60)
    assert fail_stale_report_jobs.delay().get() == 1
    job.refresh_from_db()
    assert job.status == JobStatus.FAILED and job.finished_at is not None
    client.force_login(world.province_user)
    page = client.get(reverse("reports:job-detail", args=[job.pk])).content.decode()
    assert DIED in page and "Hãy bấm “Thử lại”" in page
    assert 'hx-trigger="every 2s"' not in page  # the page stops waiting for it
    assert reverse("reports:job-retry", args=[job.pk]) in page
    client.post(reverse("reports:job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (JobStatus.SUCCEEDED, "", 2)
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 200


def test_a_long_job_that_still_reports_progress_is_left_running(world):
    job = _running(world.province_user, started_ago=settings.REPORT_JOB_STALE_SECONDS * 3, silent_for=5)
    just_in_time = _running(world.province_user, silent_for=settings.REPORT_JOB_STALE_SECONDS - 30)
    assert fail_stale_report_jobs.delay().get() == 0
    assert set(ReportJob.objects.values_list("status", flat=True)) == {JobStatus.RUNNING}
    assert ReportJob.objects.get(pk=job.pk).error == ReportJob.objects.get(pk=just_in_time.pk).error == ""


def test_each_progress_step_keeps_the_job_alive(world):
    job = _running(world.province_user, silent_for=settings.REPORT_JOB_STALE_SECONDS + 60)
    jobs._progress(job.pk)(70, "Đang dựng tệp PDF")
    assert jobs.report_jobs_fail_stale() == []
    assert ReportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING


def test_steps_close_together_are_written_every_ten_points_and_a_later_one_always(world, monkeypatch):
    job = _running(world.province_user, silent_for=5)
    clock = [1000.0]
    monkeypatch.setattr(jobs.time, "monotonic", lambda: clock[0])
    report = jobs._progress(job.pk)

    def shown() -> tuple[int, str]:
        job.refresh_from_db()
        return job.progress, job.message

    report(40, "Đang ghi trang “Tổng hợp”")
    report(43, "Đang ghi trang “Chỉ tiêu”")  # nobody would see it: the page asks every two seconds
    assert shown() == (40, "Đang ghi trang “Tổng hợp”")
    report(50, "Đang ghi trang “Trụ sở”")
    assert shown() == (50, "Đang ghi trang “Trụ sở”")
    clock[0] += jobs.PROGRESS_INTERVAL
    report(51, "Đang ghi trang “Khen thưởng”")
    assert shown() == (51, "Đang ghi trang “Khen thưởng”")


def test_finished_and_waiting_jobs_are_left_as_they_are(world):
    long_ago = {
        "started_at": _ago(settings.REPORT_JOB_STALE_SECONDS * 10),
        "heartbeat_at": _ago(settings.REPORT_JOB_STALE_SECONDS * 10),
        "created_at": _ago(settings.REPORT_JOB_STALE_SECONDS * 10),
    }
    done = report_job(world.province_user, **long_ago)
    failed = report_job(
        world.province_user, status=JobStatus.FAILED, error="Không tạo được báo cáo: hết bộ nhớ.", **long_ago
    )
    waiting = report_job(world.province_user, status=JobStatus.QUEUED, created_at=long_ago["created_at"])
    assert fail_stale_report_jobs.delay().get() == 0
    assert [
        (j.status, j.error) for j in ReportJob.objects.filter(pk__in=[done.pk, failed.pk, waiting.pk]).order_by("pk")
    ] == [(JobStatus.SUCCEEDED, ""), (JobStatus.FAILED, "Không tạo được báo cáo: hết bộ nhớ."), (JobStatus.QUEUED, "")]
    assert ReportJob.objects.get(pk=done.pk).file


def test_a_message_of_an_attempt_replaced_by_a_retry_builds_nothing(world, sample):
    """Redis hands out the dead worker's message again (after its visibility timeout) while the
    retried attempt is queued: the job is not built a second time alongside it."""
    job = report_job(
        world.province_user,
        kind=ReportKind.PROVINCE_ANNUAL_PDF,
        status=JobStatus.QUEUED,
        task_id="message-of-the-retry",
        attempts=1,
    )
    build_report.apply(args=[job.pk], task_id="message-of-the-dead-worker")
    job.refresh_from_db()
    assert (job.status, job.attempts, bool(job.file)) == (JobStatus.QUEUED, 1, False)
    build_report.apply(args=[job.pk], task_id="message-of-the-retry")
    job.refresh_from_db()
    assert (job.status, job.attempts, bool(job.file)) == (JobStatus.SUCCEEDED, 2, True)


def test_a_job_stopped_at_its_time_limit_says_so_and_can_be_retried(client, world, sample, monkeypatch):
    def endless(job, progress):
        progress(55, "Đang dựng tệp PDF")
        raise SoftTimeLimitExceeded()

    monkeypatch.setattr(pdf, "build_province_annual", endless)
    client.force_login(world.province_user)
    response = client.post(reverse("reports:job-list"), {"year": 2021, "kind": ReportKind.PROVINCE_ANNUAL_PDF})
    job = ReportJob.objects.get()
    minutes = settings.REPORT_JOB_TIME_LIMIT // 60
    assert job.status == JobStatus.FAILED
    assert f"Tạo báo cáo mất quá {minutes} phút nên đã bị dừng." in client.get(response["Location"]).content.decode()
    monkeypatch.undo()
    client.post(reverse("reports:job-retry", args=[job.pk]))
    assert ReportJob.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED


def test_beat_runs_the_sweep_more_often_than_the_stale_limit_and_jobs_stop_before_it():
    entry = celery_app.conf.beat_schedule["stale-report-jobs"]
    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].total_seconds() <= min(60, settings.REPORT_JOB_STALE_SECONDS)
    assert build_report.time_limit < settings.REPORT_JOB_STALE_SECONDS
    assert build_report.soft_time_limit < build_report.time_limit
    assert celery_app.conf.broker_transport_options["visibility_timeout"] > build_report.time_limit


@pytest.mark.parametrize("value", ["0", "-5", "quarter"])
def test_a_stale_limit_that_is_not_a_positive_number_is_refused(value):
    result = start_django(DEBUG="1", REPORT_JOB_STALE_SECONDS=value)
    assert result.returncode != 0
    assert "REPORT_JOB_STALE_SECONDS" in result.stderr
