"""Thin Celery tasks: load by id, call the service, retry when the database or broker blinked."""

from celery import shared_task
from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.utils import timezone
from kombu.exceptions import OperationalError as BrokerError

from reports.services import jobs, reminders

TRANSIENT = (OperationalError, InterfaceError, BrokerError, ConnectionError)
MAX_RETRIES = 2


@shared_task(
    bind=True,
    name="reports.build_report",
    acks_late=True,
    autoretry_for=TRANSIENT,
    max_retries=MAX_RETRIES,
    retry_backoff=True,
    retry_backoff_max=60,
    soft_time_limit=settings.REPORT_JOB_TIME_LIMIT - 60,
    time_limit=settings.REPORT_JOB_TIME_LIMIT,
)
def build_report(self, job_id: int) -> None:
    """Build one report job's file (progress and failures are written on the job)."""
    jobs.report_job_run(job_id=job_id, final_attempt=self.request.retries >= MAX_RETRIES, task_id=self.request.id)


@shared_task(name="reports.fail_stale_report_jobs")
def fail_stale_report_jobs() -> int:
    """Periodic (Celery beat): fail the jobs whose worker died mid-run; returns how many."""
    return len(jobs.report_jobs_fail_stale())


@shared_task(
    bind=True,
    name="reports.send_deadline_reminders",
    acks_late=True,
    autoretry_for=TRANSIENT,
    max_retries=MAX_RETRIES,
    retry_backoff=True,
)
def send_deadline_reminders(self) -> int:
    """Daily (Celery beat): remind who has work due soon; returns how many notices were sent."""
    return len(reminders.deadline_reminders_send(today=timezone.localdate()))
