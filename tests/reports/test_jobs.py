"""Report jobs from the page: start, watch, download, fail with a reason, retry; all within scope.

Tests run Celery eagerly (settings_test), as the embedded demo does without a broker.
"""

import pytest
from django.core.files.base import ContentFile
from django.db import OperationalError
from django.urls import reverse

from config.celery import app as celery_app
from reports.models import JobStatus, ReportJob, ReportKind
from reports.services import pdf
from tests.reports.factories import report_job


def _start(client, **data):
    return client.post(reverse("reports:job-list"), {"year": 2021, **data})


def test_province_staff_start_the_annual_pdf_and_download_it(client, world, sample):
    client.force_login(world.province_user)
    response = _start(client, kind=ReportKind.PROVINCE_ANNUAL_PDF)
    job = ReportJob.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse("reports:job-detail", args=[job.pk])
    assert (job.status, job.progress, job.district, job.created_by) == ("succeeded", 100, None, world.province_user)
    detail = client.get(response["Location"]).content.decode()
    assert "Tải về" in detail and "hx-trigger" not in detail
    download = client.get(reverse("reports:job-download", args=[job.pk]))
    assert b"".join(download.streaming_content).startswith(b"%PDF")
    assert 'attachment; filename="bao-cao-xep-loai-chinh-quyen-co-so-2021.pdf"' == download["Content-Disposition"]


def test_the_list_keeps_past_files_with_who_made_them_and_when(client, world):
    job = report_job(world.reviewer, district=world.district)
    client.force_login(world.province_user)
    text = client.get(reverse("reports:job-list")).content.decode()
    assert world.reviewer.get_full_name() in text
    assert job.created_at.astimezone().strftime("%d/%m/%Y") in text
    assert reverse("reports:job-download", args=[job.pk]) in text


def test_a_reviewer_builds_their_districts_annual_report(client, world, sample):
    client.force_login(world.reviewer)
    _start(client, kind=ReportKind.DISTRICT_ANNUAL_PDF, district=world.district.pk)
    job = ReportJob.objects.get()
    assert (job.status, job.district) == (JobStatus.SUCCEEDED, world.district)
    assert job.filename == f"bao-cao-nam-huyen-{world.district.code}-2021.pdf"


def test_a_reviewer_cannot_start_another_districts_or_the_provinces_report(client, world, sample):
    client.force_login(world.reviewer)
    other = _start(client, kind=ReportKind.DISTRICT_ANNUAL_PDF, district=world.other_district.pk)
    province = _start(client, kind=ReportKind.PROVINCE_ANNUAL_PDF)
    assert other.status_code == province.status_code == 200
    assert other.context["form"].errors["district"] and province.context["form"].errors["kind"]
    assert not ReportJob.objects.exists()


def test_a_district_report_needs_its_district(client, world, sample):
    client.force_login(world.province_user)
    response = _start(client, kind=ReportKind.DISTRICT_HALF_YEAR_PDF)
    assert "Báo cáo của huyện cần chọn huyện." in response.content.decode()


@pytest.mark.parametrize("url_name", ["reports:job-detail", "reports:job-download"])
def test_another_units_job_and_file_answer_404(client, world, url_name):
    district_job = report_job(world.reviewer, district=world.district)
    province_job = report_job(world.province_user, kind=ReportKind.PROVINCE_ANNUAL_PDF)
    client.force_login(world.other_reviewer)
    assert client.get(reverse(url_name, args=[district_job.pk])).status_code == 404
    assert client.get(reverse(url_name, args=[province_job.pk])).status_code == 404
    client.force_login(world.province_user)
    assert client.get(reverse(url_name, args=[district_job.pk])).status_code == 200


def test_a_job_without_its_file_yet_has_nothing_to_download(client, world):
    job = report_job(world.reviewer, district=world.district, status=JobStatus.RUNNING)
    client.force_login(world.reviewer)
    assert client.get(reverse("reports:job-download", args=[job.pk])).status_code == 404


def test_the_progress_fragment_polls_every_two_seconds_until_the_job_ends(client, world):
    job = report_job(
        world.reviewer, district=world.district, status=JobStatus.RUNNING, progress=40, message="Đang dựng tệp PDF"
    )
    client.force_login(world.reviewer)
    url = reverse("reports:job-detail", args=[job.pk])
    running = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert 'hx-trigger="every 2s"' in running and "40%" in running and "Đang dựng tệp PDF" in running
    assert "<html" not in running
    job.status, job.progress = JobStatus.SUCCEEDED, 100
    job.file.save("x.pdf", ContentFile(b"%PDF-1.7"))
    done = client.get(url, headers={"HX-Request": "true"}).content.decode()
    assert "hx-trigger" not in done and "Tải về" in done


def test_a_failing_build_ends_failed_with_its_reason_shown_and_can_be_retried(client, world, sample, monkeypatch):
    def broken(job, progress):
        progress(30, "Đang dựng tệp PDF")
        raise RuntimeError("không đọc được tệp phông chữ")

    monkeypatch.setattr(pdf, "build_province_annual", broken)
    client.force_login(world.province_user)
    response = _start(client, kind=ReportKind.PROVINCE_ANNUAL_PDF)
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED
    assert "không đọc được tệp phông chữ" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "Không tạo được báo cáo: không đọc được tệp phông chữ." in page
    assert reverse("reports:job-retry", args=[job.pk]) in page
    monkeypatch.undo()
    client.post(reverse("reports:job-retry", args=[job.pk]))
    job.refresh_from_db()
    assert (job.status, job.error, job.attempts) == (JobStatus.SUCCEEDED, "", 2)


def test_only_a_failed_job_can_be_retried(client, world):
    job = report_job(world.reviewer, district=world.district)
    client.force_login(world.reviewer)
    response = client.post(reverse("reports:job-retry", args=[job.pk]), follow=True)
    assert "Chỉ thử lại được báo cáo bị lỗi." in response.content.decode()


def test_a_lost_database_connection_is_retried_by_the_task(client, world, sample, monkeypatch):
    real, calls = pdf.build_province_annual, []

    def flaky(job, progress):
        calls.append(1)
        if len(calls) == 1:
            raise OperationalError("server closed the connection unexpectedly")
        return real(job, progress)

    monkeypatch.setattr(pdf, "build_province_annual", flaky)
    client.force_login(world.province_user)
    _start(client, kind=ReportKind.PROVINCE_ANNUAL_PDF)
    job = ReportJob.objects.get()
    assert (len(calls), job.status, job.attempts) == (2, JobStatus.SUCCEEDED, 2)


@pytest.fixture
def dead_broker(monkeypatch):
    """The Celery app pointed at a Redis that is not there, not eager (as in production)."""
    dead = "redis://127.0.0.1:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", dead)  # Celery reads this before its own settings (as CI sets it)
    conf = celery_app.conf
    saved = conf.broker_url, conf.task_always_eager
    conf.broker_url, conf.task_always_eager = dead, False
    _forget_connections()
    yield
    conf.broker_url, conf.task_always_eager = saved
    _forget_connections()


def _forget_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


def test_when_redis_is_down_the_page_says_so_and_the_job_stays_retryable(client, world, sample, dead_broker):
    client.force_login(world.province_user)
    response = _start(client, kind=ReportKind.PROVINCE_WORKBOOK_XLSX)
    assert response.status_code == 302
    job = ReportJob.objects.get()
    assert job.status == JobStatus.FAILED and "Redis" in job.error
    page = client.get(response["Location"]).content.decode()
    assert "máy chủ hàng đợi (Redis) không trả lời" in page
    assert reverse("reports:job-retry", args=[job.pk]) in page


def test_a_job_queued_for_minutes_says_no_worker_seems_to_run(client, world):
    from datetime import timedelta

    from django.utils import timezone

    job = report_job(world.reviewer, district=world.district, status=JobStatus.QUEUED)
    client.force_login(world.reviewer)
    url = reverse("reports:job-detail", args=[job.pk])
    assert "Celery worker" not in client.get(url).content.decode()
    ReportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    assert "máy xử lý nền (Celery worker) chưa chạy" in client.get(url).content.decode()
