"""A real Celery worker, against Redis, sends the email of a notification a submission made.

Follows tests/reports/test_celery_worker.py (its ``redis_celery`` fixture and skip rule: CI sets
REQUIRE_REDIS=1; locally the test skips, saying why, when Redis is not running). The worker runs in
a thread of this process, so the data must be committed (transactional_db) and the test mail outbox
is the worker's too."""

import time

import pytest
from celery.contrib.testing.worker import start_worker
from django.core import mail

from assessment.models import Assessment, Status
from assessment.services import workflow as services
from communes.models import EmailStatus, Notification, NotificationKind
from tests.assessment.factories import make_assessment
from tests.reports.test_celery_worker import redis_celery  # noqa: F401 - the fixture

WAIT_SECONDS = 60


@pytest.mark.celery_worker
def test_a_real_worker_emails_the_reviewer_of_a_submission(transactional_db, world, redis_celery):  # noqa: F811
    world.reviewer.email = "phongnoivu@example.vn"
    world.reviewer.save(update_fields=["email"])
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=15)
    with start_worker(redis_celery, pool="solo", perform_ping_check=False, loglevel="WARNING", shutdown_timeout=30):
        services.assessment_submit(assessment=assessment, actor=world.commune_user, expected_version=1)
        notification = Notification.objects.get(user=world.reviewer, kind=NotificationKind.SUBMITTED)
        deadline = time.monotonic() + WAIT_SECONDS
        while time.monotonic() < deadline:
            notification.refresh_from_db()
            if notification.email_status != EmailStatus.PENDING:
                break
            time.sleep(0.2)
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    assert notification.email_status == EmailStatus.SENT, notification.email_error
    assert [m.to for m in mail.outbox] == [["phongnoivu@example.vn"]]
    assert mail.outbox[0].subject == "Xã Mường Nhé đã nộp bản tự đánh giá năm 2021"
