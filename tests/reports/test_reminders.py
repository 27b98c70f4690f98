"""Deadline reminders: who is notified, 7 days and 1 day before each deadline, once each, under the bell
and by email (communes.notifications)."""

from datetime import date

from django.core import mail

from assessment.models import Status
from communes.models import Notification, NotificationKind
from reports.models import DeadlineKind, JobStatus, ReportKind
from reports.services.reminders import deadline_reminders_send
from reports.tasks import send_deadline_reminders
from tests.assessment.factories import make_assessment, make_year
from tests.reports.factories import report_job

# make_year(2021): self-assessment deadline 15/11/2021, review deadline 05/12/2021.


def _with_emails(*users) -> None:  # noqa: ANN002
    for user in users:
        user.email = f"{user.username}@example.vn"
        user.save()


def _deadline(notification: Notification) -> str:
    return notification.key.split(":")[1]


def test_commune_staff_with_a_draft_are_reminded_once_a_week_before_not_twice(
    world, django_capture_on_commit_callbacks
):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    make_assessment(world.sibling, 2021, status=Status.SUBMITTED, scores=15)
    _with_emails(world.commune_user, world.sibling_user)
    with django_capture_on_commit_callbacks(execute=True):
        first = deadline_reminders_send(today=date(2021, 11, 12))
        second = deadline_reminders_send(today=date(2021, 11, 13))
    assert [(n.user, n.kind, _deadline(n)) for n in first] == [
        (world.commune_user, NotificationKind.DEADLINE_WEEK, DeadlineKind.SELF_ASSESSMENT)
    ]
    assert second == []
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [world.commune_user.email]
    assert "15/11/2021 (còn 3 ngày)" in mail.outbox[0].body


def test_the_day_before_brings_a_second_reminder_and_only_one(world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    week = deadline_reminders_send(today=date(2021, 11, 8))
    day = deadline_reminders_send(today=date(2021, 11, 14))
    again = deadline_reminders_send(today=date(2021, 11, 15))
    assert [(n.user, n.kind) for n in week] == [(world.commune_user, NotificationKind.DEADLINE_WEEK)]
    assert [(n.user, n.kind) for n in day] == [(world.commune_user, NotificationKind.DEADLINE_DAY)]
    assert again == []
    assert "còn 1 ngày" in day[0].body
    assert Notification.objects.filter(user=world.commune_user).count() == 2


def test_a_returned_assessment_is_reminded_too(world):
    make_assessment(world.commune, 2021, status=Status.RETURNED, scores=15)
    assert [n.user for n in deadline_reminders_send(today=date(2021, 11, 15))] == [world.commune_user]
    assert "hôm nay là ngày cuối" in Notification.objects.get().body


def test_nobody_is_reminded_outside_the_windows(world):
    make_assessment(world.commune, 2021, status=Status.DRAFT)
    assert deadline_reminders_send(today=date(2021, 11, 7)) == []  # 8 days before
    assert deadline_reminders_send(today=date(2021, 11, 16)) == []  # the day after


def test_reviewers_with_a_waiting_queue_are_reminded_before_the_review_deadline(world):
    make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=15)
    make_assessment(world.outsider_commune, 2021, status=Status.DISTRICT_APPROVED, scores=15)
    sent = deadline_reminders_send(today=date(2021, 12, 3))
    assert [(n.user, _deadline(n)) for n in sent] == [(world.reviewer, DeadlineKind.REVIEW)]
    assert sent[0].link.endswith(f"/tham-dinh/huyen/{world.district.code}/")


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
    assert {(n.user, _deadline(n), n.key.split(":")[2]) for n in sent} == {
        (world.other_reviewer, DeadlineKind.DISTRICT_HALF_YEAR, "2022"),
        (world.foreign_reviewer, DeadlineKind.DISTRICT_HALF_YEAR, "2022"),
    }
    sent = [n for n in sent if n.user == world.other_reviewer]
    assert "báo cáo 6 tháng năm 2022: 18/06/2022 (còn 2 ngày)" in sent[0].body


def test_the_annual_report_reminder_is_for_the_year_that_ended(world):
    sent = deadline_reminders_send(today=date(2022, 1, 17))
    assert {n.key.rsplit(":", 1)[0] for n in sent} == {f"deadline:{DeadlineKind.DISTRICT_ANNUAL}:2021"}
    assert {n.user for n in sent} == {world.reviewer, world.other_reviewer, world.foreign_reviewer}


def test_the_beat_task_sends_through_the_same_service(world, monkeypatch):
    from reports import tasks

    make_assessment(world.commune, 2021, status=Status.DRAFT)
    monkeypatch.setattr(tasks.timezone, "localdate", lambda: date(2021, 11, 14))
    assert send_deadline_reminders.delay().get() == 1
    assert send_deadline_reminders.delay().get() == 0
