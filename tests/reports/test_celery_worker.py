"""A real Celery worker, against Redis, builds the province workbook and annual PDF from the demo data.

CI sets REQUIRE_REDIS=1 (and CELERY_BROKER_URL); locally the test skips, saying why, when Redis is
not running. The worker runs in a thread of this process: the data must be committed
(transactional_db) for it to see them.
"""

import io
import os
from datetime import timedelta

import pytest
import redis
from celery.contrib.testing.worker import start_worker
from celery.result import AsyncResult
from django.core.management import call_command
from django.db.models import Count, Q, Sum
from django.utils import timezone
from openpyxl import load_workbook

from assessment.models import Assessment, AssessmentYear, Status
from assessment.services.criteria import criteria_set_install_default
from communes.models import Commune, User, year_day
from config.celery import app as celery_app
from personnel import reference_data
from reports import dashboards
from reports.models import JobStatus, ReportKind
from reports.services import jobs
from tests.reports.readers import as_decimal, pdf_text, sheet_table

BROKER = os.environ.get("CELERY_BROKER_URL") or "redis://127.0.0.1:6379/15"
WAIT_SECONDS = 240


def _redis_or_skip() -> None:
    try:
        redis.Redis.from_url(BROKER, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        if os.environ.get("REQUIRE_REDIS") == "1":
            pytest.fail(f"Redis at {BROKER} is required (REQUIRE_REDIS=1) but unreachable: {exc}")
        pytest.skip(f"Redis at {BROKER} is unreachable ({exc}); set REQUIRE_REDIS=1 to make this a failure")


@pytest.fixture
def redis_celery():
    """The project's Celery app on Redis, not eager, for the length of one test."""
    _redis_or_skip()
    conf = celery_app.conf
    saved = conf.broker_url, conf.result_backend, conf.task_always_eager
    conf.broker_url, conf.result_backend, conf.task_always_eager = BROKER, BROKER, False
    _forget_connections()
    celery_app.control.purge()
    yield celery_app
    conf.broker_url, conf.result_backend, conf.task_always_eager = saved
    _forget_connections()


def _forget_connections() -> None:
    celery_app._pool = None
    celery_app.amqp._producer_pool = None
    celery_app.__dict__.pop("backend", None)
    celery_app._local.__dict__.pop("backend", None)


def _seed_demo() -> None:
    """The demo, after restoring what the migrations load (an earlier transactional test may have
    flushed it): the criteria set and the personnel reference data."""
    criteria_set_install_default()
    reference_data.install()
    call_command("seed_demo", stdout=io.StringIO())


@pytest.mark.celery_worker
def test_a_real_worker_builds_the_province_workbook_and_pdf_from_the_demo_data(transactional_db, redis_celery):
    _seed_demo()
    staff = User.objects.get(username="sonoivu")
    year = AssessmentYear.objects.order_by("-year").first()
    with start_worker(redis_celery, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        started = [
            jobs.report_job_start(actor=staff, kind=kind, year=year.year, province=staff.province, district=None)
            for kind in (ReportKind.PROVINCE_WORKBOOK_XLSX, ReportKind.PROVINCE_ANNUAL_PDF)
        ]
        assert all(j.status == JobStatus.QUEUED and j.task_id for j in started)  # queued, not run in-process
        for job in started:
            AsyncResult(job.task_id, app=redis_celery).get(timeout=WAIT_SECONDS)
    workbook_job, pdf_job = (type(j).objects.get(pk=j.pk) for j in started)
    for job in (workbook_job, pdf_job):
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.progress == 100 and job.started_at and job.finished_at - job.started_at < timedelta(minutes=3)
    _check_workbook(workbook_job, year)
    _check_pdf(pdf_job, year, staff)


def _check_workbook(job, year: AssessmentYear) -> None:  # noqa: ANN001
    content = job.file.open("rb").read()
    header, rows = sheet_table(content, "Xã - tiêu thức")
    communes = Commune.objects.filter(province=job.province).valid_on(year_day(year.year))
    expected = 129 if year.has_district_level else 45
    assert len(rows) == communes.count() == expected
    assert {r[header.index("Tên xã")] for r in rows} == set(communes.values_list("name", flat=True))
    scored = Assessment.objects.filter(year=year, status__in=[Status.DISTRICT_APPROVED, Status.FINALIZED])
    column = header.index("Tổng điểm")
    assert (
        as_decimal(sum(r[column] for r in rows if r[column] is not None)) == scored.aggregate(s=Sum("final_total"))["s"]
    )
    counts = Assessment.objects.filter(year=year).aggregate(
        finalized=Count("pk", filter=Q(status=Status.FINALIZED)),
        tsvm=Count("pk", filter=Q(tsvm=True)),
        good=Count("pk", filter=Q(status=Status.FINALIZED, final_class="good")),
    )
    _summary_header, summary = sheet_table(content, "Tổng hợp")
    footer = summary[-1][1:]
    assert footer[1:5] == ["Tổng cộng", expected, counts["finalized"], counts["good"]]
    assert footer[8] == counts["tsvm"]
    # Summary, targets, communes, one sheet per district (or reviewer group), officials.
    assert (
        len(load_workbook(io.BytesIO(content), read_only=True).sheetnames)
        >= 3 + (10 if year.has_district_level else 1) + 1
    )


def _check_pdf(job, year: AssessmentYear, staff: User) -> None:  # noqa: ANN001
    content = job.file.open("rb").read()
    assert content.startswith(b"%PDF")
    text = pdf_text(content)
    board = dashboards.province_dashboard(
        province=job.province,
        year=year,
        today=timezone.localdate(job.created_at),
        communes=Commune.objects.filter(province=job.province),
    )
    assert board.total.communes == (129 if year.has_district_level else 45)
    total = board.total
    assert (
        f"Tổng cộng {total.communes} {total.finalized} {total.good} {total.fair} {total.average} "
        f"{total.weak} {total.tsvm}"
    ) in text
    compact = text.replace(" ", "")
    for result in board.targets:
        assert (
            f"{result.target.label}{result.target}{result.actual_text}{result.count}/{result.base}".replace(" ", "")
            in compact
        )
    finalized = Assessment.objects.filter(year=year, status=Status.FINALIZED).select_related("commune")
    names = [a.commune.name for a in finalized]
    assert names and all(name in text for name in names)
    assert any(ch in "".join(names) for ch in "ườếạảứ")  # names carry their diacritics
