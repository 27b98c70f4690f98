"""Workflow services: every transition from every state for every role, and the rules around them."""

from datetime import date
from decimal import Decimal

import pytest

from assessment.models import AssessmentEvent, ProvinceDecision, Status
from assessment.selectors.review import return_comments
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.workflow import (
    assessment_approve,
    assessment_confirm,
    assessment_reopen,
    assessment_return,
    assessment_submit,
    assessment_year_lock,
    province_decision_record,
)
from tests.assessment.factories import make_assessment, make_year
from tests.factories import UserFactory

ROLES = ["commune_user", "reviewer", "province_user", "superuser"]
ACTIONS = ["submit", "return", "approve", "confirm", "reopen"]

# (action, from status, role) -> to status. Everything not listed must be refused.
ALLOWED = {
    ("submit", Status.DRAFT, "commune_user"): Status.SUBMITTED,
    ("submit", Status.RETURNED, "commune_user"): Status.SUBMITTED,
    ("return", Status.SUBMITTED, "reviewer"): Status.RETURNED,
    ("approve", Status.SUBMITTED, "reviewer"): Status.DISTRICT_APPROVED,
    ("confirm", Status.DISTRICT_APPROVED, "province_user"): Status.FINALIZED,
    ("reopen", Status.DISTRICT_APPROVED, "province_user"): Status.SUBMITTED,
    ("reopen", Status.FINALIZED, "province_user"): Status.DISTRICT_APPROVED,
}


def actor(w, role: str):
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    return getattr(w, role)


def current(assessment) -> int:
    """The version stored now: what a page loaded at this moment would send."""
    return type(assessment).objects.values_list("version", flat=True).get(pk=assessment.pk)


def perform(action: str, assessment, user):
    v = assessment.version
    calls = {
        "submit": lambda: assessment_submit(assessment=assessment, actor=user, expected_version=v),
        "return": lambda: assessment_return(
            assessment=assessment, actor=user, comment="Thiếu minh chứng", criterion_comments={}, expected_version=v
        ),
        "approve": lambda: assessment_approve(
            assessment=assessment, actor=user, district_scores={}, expected_version=v
        ),
        "confirm": lambda: assessment_confirm(assessment=assessment, actor=user, tsvm=False, expected_version=v),
        "reopen": lambda: assessment_reopen(
            assessment=assessment, actor=user, reason="Phát hiện sai sót", expected_version=v
        ),
    }
    return calls[action]()


def snapshot(assessment) -> tuple:
    assessment.refresh_from_db()
    return (
        assessment.status,
        assessment.version,
        assessment.final_class,
        assessment.tsvm,
        assessment.events.count(),
        list(assessment.scores.values_list("district_score", "final_score")),
    )


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", ACTIONS)
def test_each_transition_is_allowed_only_for_its_role_and_state(world, action, status, role):
    assessment = make_assessment(world.commune, 2021, status=status, scores=18)
    user = actor(world, role)
    expected = ALLOWED.get((action, status, role))
    before = snapshot(assessment)
    if expected is None:
        with pytest.raises(AssessmentError):
            perform(action, assessment, user)
        assert snapshot(assessment) == before, "a refused action changed something"
        return
    perform(action, assessment, user)
    assessment.refresh_from_db()
    assert assessment.status == expected
    assert assessment.version == before[1] + 1
    event = assessment.events.get(kind=AssessmentEvent.Kind.TRANSITION)
    assert (event.from_status, event.to_status, event.actor) == (status, expected, user)


NEW_ROLES = [
    "commune_user",
    "other_commune_user",
    "reviewer",
    "other_reviewer",
    "any_reviewer",
    "province_user",
    "foreign_reviewer",
    "foreign_province_user",
    "district_reviewer",
    "superuser",
]

# A year without a district level, on the new map: (action, from status, role) -> to status.
NEW_ALLOWED = {
    ("submit", Status.DRAFT, "commune_user"): Status.SUBMITTED,
    ("submit", Status.RETURNED, "commune_user"): Status.SUBMITTED,
    **{
        (action, Status.SUBMITTED, role): target
        for action, target in [("return", Status.RETURNED), ("approve", Status.DISTRICT_APPROVED)]
        for role in ["reviewer", "any_reviewer", "province_user"]
    },
    ("confirm", Status.DISTRICT_APPROVED, "province_user"): Status.FINALIZED,
    ("reopen", Status.DISTRICT_APPROVED, "province_user"): Status.SUBMITTED,
    ("reopen", Status.FINALIZED, "province_user"): Status.DISTRICT_APPROVED,
}


def new_actor(nw, role: str):
    if role == "superuser":
        return UserFactory(is_superuser=True, is_staff=True)
    if role == "district_reviewer":
        return nw.old.reviewer  # the old district's reviewer has no say over the new commune
    return getattr(nw, role)


@pytest.mark.parametrize("role", NEW_ROLES)
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", ACTIONS)
def test_without_a_district_level_province_reviewers_review_their_communes(new_world, action, status, role):
    """Every transition of a year without districts for every role: a province reviewer outside their
    assigned communes, another province's staff and the abolished district's reviewer are refused and
    nothing changes."""
    year = make_year(2026, has_district_level=False)
    assessment = make_assessment(new_world.commune, year, status=status, scores=18)
    user = new_actor(new_world, role)
    expected = NEW_ALLOWED.get((action, status, role))
    before = snapshot(assessment)
    if expected is None:
        with pytest.raises(AssessmentError):
            perform(action, assessment, user)
        assert snapshot(assessment) == before, "a refused action changed something"
        return
    perform(action, assessment, user)
    assessment.refresh_from_db()
    assert (assessment.status, assessment.version) == (expected, before[1] + 1)
    event = assessment.events.get(kind=AssessmentEvent.Kind.TRANSITION)
    assert (event.from_status, event.to_status, event.actor) == (status, expected, user)


def test_a_province_reviewer_outside_their_communes_is_told_it_is_not_theirs(new_world):
    year = make_year(2026, has_district_level=False)
    assessment = make_assessment(new_world.commune, year, status=Status.SUBMITTED, scores=18)
    for action in ["return", "approve"]:
        with pytest.raises(AssessmentError, match="phạm vi"):
            perform(action, assessment, new_world.other_reviewer)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("status", list(Status))
@pytest.mark.parametrize("action", ACTIONS)
def test_a_locked_year_refuses_every_transition_for_everybody(world, action, status, role):
    assessment = make_assessment(world.commune, make_year(2021, locked=True), status=status, scores=18)
    before = snapshot(assessment)
    with pytest.raises(AssessmentError, match="khóa sổ"):
        perform(action, assessment, actor(world, role))
    assert snapshot(assessment) == before


def test_a_locked_year_refuses_decisions_too(world):
    assessment = make_assessment(world.commune, make_year(2021, locked=True), status=Status.FINALIZED, scores=18)
    with pytest.raises(AssessmentError, match="khóa sổ"):
        province_decision_record(
            assessment=assessment,
            expected_version=current(assessment),
            actor=world.province_user,
            kind="criticism",
            number="12/QĐ-UBND",
            date=date(2022, 1, 10),
            reason="Nhiều sai phạm",
        )
    assert not ProvinceDecision.objects.exists()


def test_a_reviewer_of_another_district_cannot_review(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    for action in ["return", "approve"]:
        with pytest.raises(AssessmentError, match="phạm vi"):
            perform(action, assessment, world.other_reviewer)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_commune_staff_cannot_submit_another_communes_assessment(world):
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=18)
    with pytest.raises(AssessmentError, match="phạm vi"):
        assessment_submit(assessment=assessment, expected_version=current(assessment), actor=world.sibling_user)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_it_refuses_to_submit_an_incomplete_assessment(world):
    assessment = make_assessment(world.commune, 2021, scores={1: 20, 2: 15})
    with pytest.raises(AssessmentError, match="Chưa thể nộp"):
        assessment_submit(assessment=assessment, expected_version=current(assessment), actor=world.commune_user)
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT
    assert assessment.submitted_at is None


def test_submitting_stamps_the_date(world):
    assessment = assessment_submit(
        assessment=make_assessment(world.commune, 2021, scores=20), actor=world.commune_user, expected_version=1
    )
    assert assessment.submitted_at is not None


@pytest.mark.parametrize("comment", ["", "   \n"])
def test_it_refuses_a_return_without_a_comment(world, comment):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    with pytest.raises(AssessmentError, match="lý do"):
        assessment_return(
            assessment=assessment, expected_version=current(assessment), actor=world.reviewer, comment=comment
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_a_return_shows_each_criterion_comment_to_the_commune(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    seven = assessment.scores.get(criterion__number=7).criterion_id
    assessment_return(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.reviewer,
        comment="Bổ sung minh chứng",
        criterion_comments={seven: "Thiếu biên bản họp HĐND"},
    )
    assessment.refresh_from_db()
    assert return_comments(assessment) == {seven: "Thiếu biên bản họp HĐND"}
    event = assessment.events.get(kind=AssessmentEvent.Kind.TRANSITION)
    assert event.comment == "Bổ sung minh chứng"
    assert assessment.events.filter(kind=AssessmentEvent.Kind.SCORE, criterion_id=seven).exists()


def test_return_comments_are_empty_once_the_commune_resubmits(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    first = assessment.scores.first().criterion_id
    assessment_return(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.reviewer,
        comment="Sửa lại",
        criterion_comments={first: "x"},
    )
    assessment_submit(assessment=assessment, expected_version=current(assessment), actor=world.commune_user)
    assessment.refresh_from_db()
    assert return_comments(assessment) == {}


def test_approving_makes_the_district_scores_final_and_keeps_each_change(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    three = assessment.scores.get(criterion__number=3)
    assessment_approve(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.reviewer,
        district_scores={three.criterion_id: Decimal("15.5")},
        comments={three.criterion_id: "Chưa đủ minh chứng"},
    )
    assessment.refresh_from_db()
    three.refresh_from_db()
    assert (three.district_score, three.final_score, three.district_comment) == (
        Decimal("15.5"),
        Decimal("15.5"),
        "Chưa đủ minh chứng",
    )
    assert assessment.final_total == Decimal("18") * 19 + Decimal("15.5")
    assert assessment.approved_at is not None
    change = assessment.events.get(kind=AssessmentEvent.Kind.SCORE)
    assert (change.criterion_id, change.old_value, change.new_value, change.actor) == (
        three.criterion_id,
        "18",
        "15.5",
        world.reviewer,
    )


@pytest.mark.parametrize("bad", [Decimal("21"), Decimal("-1"), Decimal("12.3"), None])
def test_it_refuses_a_district_score_out_of_range_naming_the_criterion(world, bad):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    seven = assessment.scores.get(criterion__number=7).criterion_id
    with pytest.raises(AssessmentError, match="Tiêu thức 7"):
        assessment_approve(
            assessment=assessment,
            expected_version=current(assessment),
            actor=world.reviewer,
            district_scores={seven: bad},
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert not assessment.scores.filter(final_score__isnull=False).exists()


def test_a_stale_page_cannot_approve(world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    with pytest.raises(StaleEditError):
        assessment_approve(
            assessment=assessment, actor=world.reviewer, district_scores={}, expected_version=assessment.version - 1
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_confirming_stores_the_class_the_final_scores_give(world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=17)
    assessment_confirm(
        assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=True
    )
    assessment.refresh_from_db()
    assert (assessment.final_class, assessment.tsvm, assessment.final_total) == ("good", True, Decimal("340"))
    assert assessment.finalized_at is not None
    assert "Tốt" in assessment.events.get(kind=AssessmentEvent.Kind.TRANSITION).comment


def test_it_refuses_tsvm_when_a_criterion_is_under_15_and_says_which(world):
    scores = {n: 19 for n in range(1, 21)} | {4: 14}
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=scores)
    with pytest.raises(AssessmentError, match="Tiêu thức 4 dưới 15"):
        assessment_confirm(
            assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=True
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED
    assessment_confirm(
        assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=False
    )
    assessment.refresh_from_db()
    assert (assessment.final_class, assessment.tsvm) == ("fair", False)


def test_a_criticised_commune_cannot_be_recognised_tsvm(world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    province_decision_record(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.province_user,
        kind="criticism",
        number="12/QĐ-UBND",
        date=date(2022, 1, 10),
        reason="Để xảy ra khiếu kiện đông người",
    )
    with pytest.raises(AssessmentError, match="phê bình"):
        assessment_confirm(
            assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=True
        )


def test_reopening_a_finalized_assessment_withdraws_its_class(world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    assessment_confirm(
        assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=True
    )
    assessment_reopen(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.province_user,
        reason="Xã có đơn thư phản ánh",
    )
    assessment.refresh_from_db()
    assert (assessment.status, assessment.final_class, assessment.tsvm) == (Status.DISTRICT_APPROVED, "", False)
    event = assessment.events.filter(kind=AssessmentEvent.Kind.TRANSITION).first()
    assert event.comment == "Xã có đơn thư phản ánh"


def test_it_refuses_a_reopen_without_a_reason(world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=19)
    with pytest.raises(AssessmentError, match="lý do"):
        assessment_reopen(
            assessment=assessment, expected_version=current(assessment), actor=world.province_user, reason=" "
        )
    assessment.refresh_from_db()
    assert assessment.status == Status.FINALIZED


@pytest.mark.parametrize("role", ["commune_user", "reviewer", "superuser"])
def test_only_province_staff_record_criticisms_and_reminders(world, role):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=15)
    with pytest.raises(AssessmentError):
        province_decision_record(
            assessment=assessment,
            expected_version=current(assessment),
            actor=actor(world, role),
            kind="reminder",
            number="5/QĐ",
            date=date(2022, 1, 5),
            reason="Chậm nộp báo cáo",
        )
    assert not ProvinceDecision.objects.exists()


def test_recording_a_decision_writes_the_history(world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=15)
    decision = province_decision_record(
        assessment=assessment,
        expected_version=current(assessment),
        actor=world.province_user,
        kind="reminder",
        number="5/QĐ-UBND",
        date=date(2022, 1, 5),
        reason="Chậm nộp báo cáo",
    )
    assert decision.get_kind_display() == "Nhắc nhở"
    event = assessment.events.get(kind=AssessmentEvent.Kind.DECISION)
    assert (event.new_value, event.comment, event.actor) == (
        "Nhắc nhở 5/QĐ-UBND",
        "Chậm nộp báo cáo",
        world.province_user,
    )


def test_a_decision_needs_a_number_a_date_and_a_reason(world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=15)
    with pytest.raises(AssessmentError, match="số quyết định"):
        province_decision_record(
            assessment=assessment,
            expected_version=current(assessment),
            actor=world.province_user,
            kind="reminder",
            number=" ",
            date=date(2022, 1, 5),
            reason="Chậm",
        )


def test_a_decision_on_a_tsvm_commune_asks_to_reopen_first(world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    assessment_confirm(
        assessment=assessment, expected_version=current(assessment), actor=world.province_user, tsvm=True
    )
    with pytest.raises(AssessmentError, match="mở lại"):
        province_decision_record(
            assessment=assessment,
            expected_version=current(assessment),
            actor=world.province_user,
            kind="criticism",
            number="1/QĐ",
            date=date(2022, 1, 5),
            reason="Sai phạm",
        )


@pytest.mark.parametrize("role", ["commune_user", "reviewer", "superuser"])
def test_only_province_staff_lock_a_year(world, role):
    year = make_year(2021)
    with pytest.raises(AssessmentError):
        assessment_year_lock(year=year, actor=actor(world, role))
    year.refresh_from_db()
    assert not year.is_locked


def test_locking_a_year_records_who_and_when_and_refuses_a_second_lock(world):
    year = assessment_year_lock(year=make_year(2021), actor=world.province_user, lock_anyway=True)
    assert (year.is_locked, year.locked_by) == (True, world.province_user)
    assert year.locked_at is not None
    with pytest.raises(AssessmentError, match="khóa sổ"):
        assessment_year_lock(year=year, actor=world.province_user)


@pytest.mark.parametrize("version", [None, 0, 99])
def test_a_missing_or_stale_version_is_refused_and_nothing_changes(world, version):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    before = snapshot(assessment)
    with pytest.raises(StaleEditError):
        assessment_approve(assessment=assessment, actor=world.reviewer, district_scores={}, expected_version=version)
    assert snapshot(assessment) == before


def test_bulk_confirmation_confirms_the_rows_as_listed_and_refuses_a_changed_one(world):
    from assessment.services.workflow import assessment_confirm_bulk

    listed = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    changed = make_assessment(world.sibling, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    versions = {listed.pk: listed.version, changed.pk: changed.version}
    type(changed).objects.filter(pk=changed.pk).update(version=changed.version + 1)  # someone reopened and re-approved
    done, failed = assessment_confirm_bulk(year=2021, actor=world.province_user, versions=versions, tsvm=True)
    assert done == 1 and len(failed) == 1 and failed[0].startswith(world.sibling.name)
    listed.refresh_from_db()
    changed.refresh_from_db()
    assert (listed.status, listed.tsvm) == (Status.FINALIZED, True)
    assert changed.status == Status.DISTRICT_APPROVED


def test_bulk_confirmation_skips_what_the_user_may_not_see(world, new_world):
    from assessment.services.workflow import assessment_confirm_bulk

    foreign = make_assessment(new_world.foreign_commune, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    done, failed = assessment_confirm_bulk(
        year=2021, actor=world.province_user, versions={foreign.pk: foreign.version}, tsvm=False
    )
    foreign.refresh_from_db()
    assert (done, failed, foreign.status) == (0, [], Status.DISTRICT_APPROVED)
