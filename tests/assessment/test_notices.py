"""Who is notified of each workflow transition (assessment/notices.py): exactly the people the scope
policy names for that commune and year, never the actor, never another commune's or province's."""

import pytest

from assessment.models import Status
from assessment.services import workflow as services
from assessment.services.errors import AssessmentError
from communes.models import Notification, NotificationKind
from tests.assessment.factories import make_assessment, make_year


@pytest.fixture
def act(django_capture_on_commit_callbacks):
    """Run a transition as a committed request would (its on-commit work included); return who was
    notified of which kind, and the notifications."""

    def run(call, **kwargs):  # noqa: ANN001, ANN003, ANN202
        before = set(Notification.objects.values_list("pk", flat=True))
        with django_capture_on_commit_callbacks(execute=True):
            call(**kwargs)
        made = list(Notification.objects.exclude(pk__in=before).select_related("user"))
        return {(n.user.username, n.kind) for n in made}, made

    return run


def _names(*users) -> set[str]:  # noqa: ANN002
    return {u.username for u in users}


def _told(pairs: set, kind: str) -> set[str]:
    return {name for name, k in pairs if k == kind}


def test_a_submission_tells_the_districts_reviewers_only(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=15)
    pairs, made = act(services.assessment_submit, assessment=assessment, actor=world.commune_user, expected_version=1)
    assert pairs == {(world.reviewer.username, NotificationKind.SUBMITTED)}
    assert "Xã Mường Nhé đã nộp bản tự đánh giá năm 2021" == made[0].title
    assert made[0].link.endswith(f"/2021/{world.commune.code}/tham-dinh/")


def test_a_submission_in_a_year_without_districts_tells_the_province_reviewers_of_that_commune(new_world, act):
    nw, w = new_world, new_world.old
    make_year(2026, has_district_level=False)
    assessment = make_assessment(nw.commune, 2026, status=Status.DRAFT, scores=15)
    pairs, _made = act(services.assessment_submit, assessment=assessment, actor=nw.commune_user, expected_version=1)
    # Assigned to it, or with no list (the whole province), and province staff; not the reviewer of another
    # commune, not the old district reviewers, not the other province.
    assert _told(pairs, NotificationKind.SUBMITTED) == _names(
        nw.reviewer, nw.any_reviewer, w.province_reviewer, w.province_user
    )
    assert {k for _n, k in pairs} == {NotificationKind.SUBMITTED}


def test_a_return_tells_the_communes_staff_with_the_comment(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=15)
    pairs, made = act(
        services.assessment_return,
        assessment=assessment,
        actor=world.reviewer,
        comment="Bổ sung biên bản họp tiêu thức 3",
        expected_version=assessment.version,
    )
    assert pairs == {(world.commune_user.username, NotificationKind.RETURNED)}
    assert made[0].body == "Ý kiến của người thẩm định: Bổ sung biên bản họp tiêu thức 3"
    assert made[0].link.endswith(f"/2021/{world.commune.code}/cham-diem/")


def test_an_approval_tells_the_commune_and_the_province_staff_who_confirm(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=15)
    pairs, made = act(
        services.assessment_approve,
        assessment=assessment,
        actor=world.reviewer,
        district_scores={},
        expected_version=assessment.version,
    )
    assert pairs == {
        (world.commune_user.username, NotificationKind.APPROVED),
        (world.province_user.username, NotificationKind.APPROVED),
    }
    assert "Tổng điểm sau thẩm định: 300." in made[0].body
    to_province = next(n for n in made if n.user == world.province_user)
    assert to_province.link.endswith(f"/2021/{world.commune.code}/cong-nhan/")


def test_a_confirmation_tells_the_commune_and_its_reviewers(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=15)
    pairs, made = act(
        services.assessment_confirm,
        assessment=assessment,
        actor=world.province_user,
        expected_version=assessment.version,
    )
    assert pairs == {
        (world.commune_user.username, NotificationKind.CONFIRMED),
        (world.reviewer.username, NotificationKind.CONFIRMED),
    }
    assert made[0].body.startswith("Xếp loại")


def test_a_reopen_tells_the_commune_and_its_reviewers_with_the_reason(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=15)
    pairs, made = act(
        services.assessment_reopen,
        assessment=assessment,
        actor=world.province_user,
        reason="Sai điểm tiêu thức 7",
        expected_version=assessment.version,
    )
    assert pairs == {
        (world.commune_user.username, NotificationKind.REOPENED),
        (world.reviewer.username, NotificationKind.REOPENED),
    }
    assert {n.body for n in made} == {"Lý do: Sai điểm tiêu thức 7"}


def test_a_refused_transition_tells_nobody(world, act):
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=15)
    with pytest.raises(AssessmentError):
        act(services.assessment_submit, assessment=assessment, actor=world.sibling_user, expected_version=1)
    assert not Notification.objects.exists()
