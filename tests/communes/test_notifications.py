"""Notifications (communes.notifications): the bell, the list, email per kind, and that telling people
never breaks the action that caused it (a failing mail server, a dead broker)."""

import pytest
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Assessment, Status
from assessment.services import workflow as services
from communes.models import EmailStatus, Notification, NotificationKind
from communes.notifications.services import notify
from config.celery import app as celery_app
from reports.models import JobStatus, ReportKind
from reports.services import jobs
from reports.services.files import BuiltFile
from tests.assessment.factories import make_assessment
from tests.reports.factories import report_job


class FailingBackend(BaseEmailBackend):
    """A mail server that refuses every message."""

    def send_messages(self, messages):  # noqa: ANN001, ANN201
        raise ConnectionRefusedError("mail server refused the connection")


def _with_email(user):  # noqa: ANN001, ANN202
    user.email = f"{user.username}@example.vn"
    user.save(update_fields=["email"])
    return user


def _return(world, commune_user_email: bool = True) -> Assessment:  # noqa: ANN001
    if commune_user_email:
        _with_email(world.commune_user)
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=15)
    return services.assessment_return(
        assessment=assessment, actor=world.reviewer, comment="Thiếu minh chứng", expected_version=assessment.version
    )


# --- email ----------------------------------------------------------------------------------------


def test_a_return_is_emailed_to_the_commune_with_a_link(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    notification = Notification.objects.get(user=world.commune_user)
    assert notification.email_status == EmailStatus.SENT and notification.emailed_at
    assert [m.to for m in mail.outbox] == [[world.commune_user.email]]
    assert mail.outbox[0].subject == "Bản đánh giá năm 2021 của Xã Mường Nhé bị trả lại"
    assert "Thiếu minh chứng" in mail.outbox[0].body
    assert mail.outbox[0].body.rstrip().endswith(f"/danh-gia/2021/{world.commune.code}/cham-diem/")


def test_email_turned_off_for_one_kind_keeps_the_notification_and_the_other_kinds(
    client, world, django_capture_on_commit_callbacks
):
    _with_email(world.commune_user)
    client.force_login(world.commune_user)
    wanted = [k for k in NotificationKind.values if k != NotificationKind.RETURNED]
    response = client.post(reverse("notifications:preferences"), {"email": wanted})
    assert response.status_code == 302
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    returned = Notification.objects.get(user=world.commune_user, kind=NotificationKind.RETURNED)
    assert returned.email_status == EmailStatus.SKIPPED
    assert mail.outbox == []
    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[world.commune_user], kind=NotificationKind.APPROVED, title="Đã duyệt")
    assert [m.subject for m in mail.outbox] == ["Đã duyệt"]
    page = client.get(reverse("notifications:preferences")).content.decode()
    assert 'value="returned" id="email-returned">' in page  # unticked
    assert 'value="approved" id="email-approved" checked>' in page
    assert 'value="submitted"' not in page  # commune staff review nothing: not offered


def test_a_failing_mail_server_leaves_the_return_saved_and_the_notification_failed(
    world, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "tests.communes.test_notifications.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    assert Assessment.objects.get(commune=world.commune).status == Status.RETURNED
    notification = Notification.objects.get(user=world.commune_user)
    assert notification.email_status == EmailStatus.FAILED
    assert "refused" in notification.email_error
    assert notification.read_at is None  # still under the bell


def test_an_email_that_failed_is_sent_when_the_mail_server_is_back(world, settings, django_capture_on_commit_callbacks):
    from datetime import timedelta

    from django.utils import timezone

    from communes.notifications.services import notification_emails_retry

    settings.EMAIL_BACKEND = "tests.communes.test_notifications.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    notification = Notification.objects.get(user=world.commune_user)
    assert notification.email_status == EmailStatus.FAILED
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.outbox.clear()
    # A day later it is no longer tried; within the day it is.
    assert notification_emails_retry(now=timezone.now() + timedelta(hours=25)) == 0
    assert notification_emails_retry(now=timezone.now()) == 1
    notification.refresh_from_db()
    assert notification.email_status == EmailStatus.SENT
    assert [m.to for m in mail.outbox] == [[world.commune_user.email]]
    assert notification_emails_retry(now=timezone.now()) == 0  # sent once, not again


def test_a_failed_email_whose_kind_was_turned_off_since_is_not_retried(
    world, settings, django_capture_on_commit_callbacks
):
    from django.utils import timezone

    from communes.notifications.services import notification_emails_retry, preferences_save

    settings.EMAIL_BACKEND = "tests.communes.test_notifications.FailingBackend"
    with django_capture_on_commit_callbacks(execute=True):
        _return(world)
    preferences_save(user=world.commune_user, email_kinds=[])
    assert notification_emails_retry(now=timezone.now()) == 0
    assert Notification.objects.get(user=world.commune_user).email_status == EmailStatus.SKIPPED


@pytest.fixture
def dead_broker(monkeypatch):
    """The Celery app pointed at a Redis that is not there, not eager (as in production)."""
    dead = "redis://127.0.0.1:1/0"
    monkeypatch.setenv("CELERY_BROKER_URL", dead)
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


def test_a_dead_broker_leaves_the_submission_saved_and_the_email_marked_failed(
    client, world, dead_broker, django_capture_on_commit_callbacks
):
    _with_email(world.reviewer)
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=15)
    client.force_login(world.commune_user)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("assessment:submit", args=[2021, world.commune.code]), {"version": assessment.version}
        )
    assert response.status_code == 302
    assert Assessment.objects.get(pk=assessment.pk).status == Status.SUBMITTED
    notification = Notification.objects.get(user=world.reviewer)
    assert notification.email_status == EmailStatus.FAILED
    assert "hàng đợi" in notification.email_error


def test_a_dead_broker_is_asked_once_for_many_recipients(world, dead_broker, django_capture_on_commit_callbacks):
    users = [_with_email(u) for u in (world.commune_user, world.sibling_user, world.outsider_user)]
    with django_capture_on_commit_callbacks(execute=True):
        made = notify(recipients=users, kind=NotificationKind.APPROVED, title="Đã duyệt")
    assert len(made) == 3
    assert set(Notification.objects.values_list("email_status", flat=True)) == {EmailStatus.FAILED}


def test_a_user_without_an_address_is_notified_in_the_portal_only(world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        _return(world, commune_user_email=False)
    notification = Notification.objects.get(user=world.commune_user)
    assert notification.email_status == EmailStatus.SKIPPED and mail.outbox == []


# --- report jobs ----------------------------------------------------------------------------------


def test_a_finished_report_tells_only_who_ordered_it(world, monkeypatch, django_capture_on_commit_callbacks):
    monkeypatch.setattr(
        jobs, "_builders", lambda: {ReportKind.PROVINCE_WORKBOOK_XLSX: lambda job, progress: BuiltFile(b"x", "a.xlsx")}
    )
    with django_capture_on_commit_callbacks(execute=True):
        job = jobs.report_job_create(
            actor=world.province_user,
            kind=ReportKind.PROVINCE_WORKBOOK_XLSX,
            year=2021,
            province=world.province,
            district=None,
        )
        jobs.report_job_run(job_id=job.pk)
    made = list(Notification.objects.all())
    assert [(n.user, n.kind) for n in made] == [(world.province_user, NotificationKind.REPORT_DONE)]
    assert made[0].link == reverse("reports:job-detail", args=[job.pk])


def test_a_failed_report_tells_who_ordered_it_why(world, django_capture_on_commit_callbacks):
    job = report_job(world.reviewer, district=world.district, status=JobStatus.RUNNING)
    with django_capture_on_commit_callbacks(execute=True):
        jobs.report_job_fail(job_id=job.pk, reason="Hết dung lượng đĩa")
    made = list(Notification.objects.all())
    assert [(n.user, n.kind, n.body) for n in made] == [
        (world.reviewer, NotificationKind.REPORT_FAILED, "Hết dung lượng đĩa")
    ]


# --- the bell and the list ------------------------------------------------------------------------


def _some(user, count: int = 3) -> list[Notification]:  # noqa: ANN001
    return [
        notify(
            recipients=[user], kind=NotificationKind.RETURNED, title=f"Thông báo số {i}", link="/danh-gia/cham-diem/"
        )[0]
        for i in range(count)
    ]


def test_the_bell_counts_unread_and_the_list_marks_them_read(client, world):
    first, second, third = _some(world.commune_user)
    _some(world.sibling_user, 1)
    client.force_login(world.commune_user)
    home = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Thông báo: 3 chưa đọc" in home
    page = client.get(reverse("notifications:list")).content.decode()
    assert all(f"Thông báo số {i}" in page for i in range(3)) and "3 chưa đọc" in page
    client.post(reverse("notifications:read", args=[first.pk]))
    response = client.post(reverse("notifications:open", args=[second.pk]))
    assert response.status_code == 302 and response["Location"] == "/danh-gia/cham-diem/"
    unread = client.get(reverse("notifications:list"), {"loc": "chua-doc"})
    assert [n.pk for n in unread.context["page"].object_list] == [third.pk]
    assert "Thông báo: 1 chưa đọc" in unread.content.decode()
    client.post(reverse("notifications:read-all"))
    assert not Notification.objects.filter(user=world.commune_user, read_at__isnull=True).exists()
    assert Notification.objects.filter(user=world.sibling_user, read_at__isnull=True).count() == 1
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Thông báo: không có thông báo chưa đọc" in page and "Thông báo số 0" in page  # read ones stay listed


def test_another_users_notification_answers_404(client, world):
    theirs = _some(world.sibling_user, 1)[0]
    client.force_login(world.commune_user)
    for name in ("notifications:open", "notifications:read"):
        assert client.post(reverse(name, args=[theirs.pk])).status_code == 404
    assert Notification.objects.get(pk=theirs.pk).read_at is None


def test_an_empty_list_says_what_will_come_and_where_to_choose_email(client, world):
    client.force_login(world.reviewer)
    page = client.get(reverse("notifications:list")).content.decode()
    assert "Chưa có thông báo nào." in page and reverse("notifications:preferences") in page


def test_the_bell_costs_ordinary_pages_no_query(client, world):
    _some(world.reviewer)
    client.force_login(world.reviewer)  # signing in counts the unread notifications once into the session
    url = reverse("communes:district-detail", args=[world.district.code])
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
        client.get(url)
    assert not [q for q in captured.captured_queries if "communes_notification" in q["sql"]]


@pytest.mark.parametrize("count", [2, 60])
def test_the_list_reads_a_bounded_number_of_queries(client, world, django_assert_max_num_queries, count):
    _some(world.province_user, count)
    client.force_login(world.province_user)
    with django_assert_max_num_queries(10):
        response = client.get(reverse("notifications:list"))
    assert response.status_code == 200
    assert len(response.context["page"].object_list) == min(count, 20)


def test_the_account_page_links_to_the_email_preferences(client, world):
    client.force_login(world.sibling_user)
    page = client.get(reverse("security:account")).content.decode()
    assert reverse("notifications:preferences") in page


def test_each_recipient_is_told_in_their_own_language(world):
    from django.utils import translation

    world.sibling_user.language = "en"
    world.sibling_user.save(update_fields=["language"])
    calls = []

    def render() -> tuple[str, str]:
        calls.append(translation.get_language())
        return f"title-{translation.get_language()}", "body"

    made = notify(
        recipients=[world.commune_user, world.sibling_user, world.outsider_user],
        kind=NotificationKind.APPROVED,
        render=render,
    )
    assert {(n.user, n.title) for n in made} == {
        (world.commune_user, "title-vi"),
        (world.sibling_user, "title-en"),
        (world.outsider_user, "title-vi"),
    }
    assert sorted(calls) == ["en", "vi"]  # once per language
