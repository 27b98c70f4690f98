"""Deadline reminders: who gets one, once, by email and as a banner they can dismiss."""

from datetime import date

from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from assessment.models import Status
from reports.models import DeadlineKind, JobStatus, ReminderNotice, ReportKind
from reports.services.reminders import deadline_reminders_send
from reports.tasks import send_deadline_reminders
from tests.assessment.factories import make_assessment, make_year
from tests.reports.factories import report_job

# make_year(2021): self-assessment deadline 15/11/2021, review deadline 05/12/2021.


def _with_emails(*users) -> None:  # noqa: ANN002
    for user in users:
        user.email = f"{user.username}@example.vn"
        user.save()


def test_commune_staff_with_a_draft_are_reminded_once_not_twice(world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    make_assessment(world.sibling, 2021, status=Status.SUBMITTED, scores=15)
    _with_emails(world.commune_user, world.sibling_user)
    first = deadline_reminders_send(today=date(2021, 11, 12))
    second = deadline_reminders_send(today=date(2021, 11, 13))
    assert [(n.user, n.deadline_kind) for n in first] == [(world.commune_user, DeadlineKind.SELF_ASSESSMENT)]
    assert second == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.commune_user.email]
    assert "15/11/2021 (còn 3 ngày)" in mail.outbox[0].body


def test_a_returned_assessment_is_reminded_too(world):
    make_assessment(world.commune, 2021, status=Status.RETURNED, scores=15)
    assert [n.user for n in deadline_reminders_send(today=date(2021, 11, 15))] == [world.commune_user]
    assert "hôm nay là ngày cuối" in ReminderNotice.objects.get().text


def test_nobody_is_reminded_outside_the_window(world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    assert deadline_reminders_send(today=date(2021, 11, 11)) == []  # 4 days before
    assert deadline_reminders_send(today=date(2021, 11, 16)) == []  # the day after


def test_reviewers_with_a_waiting_queue_are_reminded_before_the_review_deadline(world):
    make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=15)
    make_assessment(world.outsider_commune, 2021, status=Status.DISTRICT_APPROVED, scores=15)
    sent = deadline_reminders_send(today=date(2021, 12, 3))
    assert [(n.user, n.deadline_kind) for n in sent] == [(world.reviewer, DeadlineKind.REVIEW)]


def test_a_locked_year_sends_nothing(world):
    make_year(2021, locked=True)
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    assert deadline_reminders_send(today=date(2021, 11, 14)) == []


def test_reviewers_are_reminded_of_the_six_month_report_unless_their_district_built_it(world):
    report_job(
        world.reviewer,
        kind=ReportKind.DISTRICT_HALF_YEAR_PDF,
        district=world.district,
        status=JobStatus.SUCCEEDED,
        year=2022,
    )
    sent = deadline_reminders_send(today=date(2022, 6, 16))
    # Every district that has not built it, in either province (the other province's reviewer too).
    assert {(n.user, n.deadline_kind, n.year) for n in sent} == {
        (world.other_reviewer, DeadlineKind.DISTRICT_HALF_YEAR, 2022),
        (world.foreign_reviewer, DeadlineKind.DISTRICT_HALF_YEAR, 2022),
    }
    sent = [n for n in sent if n.user == world.other_reviewer]
    assert "báo cáo 6 tháng năm 2022: 18/06/2022 (còn 2 ngày)" in sent[0].text


def test_the_annual_report_reminder_is_for_the_year_that_ended(world):
    sent = deadline_reminders_send(today=date(2022, 1, 17))
    assert {(n.deadline_kind, n.year) for n in sent} == {(DeadlineKind.DISTRICT_ANNUAL, 2021)}
    assert {n.user for n in sent} == {world.reviewer, world.other_reviewer, world.foreign_reviewer}


def test_the_beat_task_sends_through_the_same_service(world, monkeypatch):
    from reports import tasks

    make_assessment(world.commune, 2021, status=Status.DRAFT)
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2021, 11, 14))
    assert send_deadline_reminders.delay().get() == 1
    assert send_deadline_reminders.delay().get() == 0


def test_the_banner_shows_an_unread_notice_until_it_is_dismissed(client, world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    notice = deadline_reminders_send(today=date(2021, 11, 14))[0]
    client.force_login(world.commune_user)
    page = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Nhắc hạn:" in page and "Hạn xã tự chấm điểm năm 2021: 15/11/2021" in page
    back = reverse("communes:commune-detail", args=[world.commune.code])
    response = client.post(reverse("reports:notice-dismiss", args=[notice.pk]), {"next": back})
    assert response.status_code == 302 and response["Location"] == back
    assert "Nhắc hạn:" not in client.get(back).content.decode()
    notice.refresh_from_db()
    assert notice.read_at is not None


def test_the_banner_costs_ordinary_pages_no_query(client, world):
    client.force_login(world.reviewer)  # signing in reads the notices once into the session
    url = reverse("communes:district-detail", args=[world.district.code])
    with CaptureQueriesContext(connection) as captured:
        client.get(url)
        client.get(url)
    assert not [q for q in captured.captured_queries if "reports_remindernotice" in q["sql"]]


def test_dismissing_refuses_an_outside_address(client, world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    notice = deadline_reminders_send(today=date(2021, 11, 14))[0]
    client.force_login(world.commune_user)
    response = client.post(reverse("reports:notice-dismiss", args=[notice.pk]), {"next": "https://example.com/"})
    assert response["Location"] == reverse("home")
