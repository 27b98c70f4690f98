"""Scoring services: what a score may be, the note rule, stale pages, history, all-or-nothing saves."""

from decimal import Decimal

import pytest

from assessment.models import AssessmentEvent, Status
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.scoring import (
    ScoreInput,
    ScoreInputError,
    ScoresInvalid,
    assessment_completeness_errors,
    score_parse,
    score_save,
    scores_save_all,
)
from tests.assessment.factories import make_assessment, make_year

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessment(world):
    return make_assessment(world.commune, 2021)


def score(assessment, number: int):
    return assessment.scores.select_related("criterion").get(criterion__number=number)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("12,5", Decimal("12.5")),
        ("12.5", Decimal("12.5")),
        ("0", Decimal("0")),
        ("20", Decimal("20")),
        (" 17,75 ", Decimal("17.75")),
        ("7.25", Decimal("7.25")),
        ("12.50", Decimal("12.5")),
        ("", None),
        (Decimal("19.25"), Decimal("19.25")),
        (18, Decimal("18")),
        (12.5, Decimal("12.5")),
    ],
)
def test_it_accepts_quarter_points_from_0_to_the_maximum_with_a_comma_or_a_dot(assessment, raw, expected):
    assert score_parse(raw, criterion=score(assessment, 7).criterion) == expected


@pytest.mark.parametrize(
    "raw",
    [
        "20.25",
        "21",
        "100",
        "12.3",
        "12,1",
        "0.1",
        "abc",
        "1e3",
        "-0",
        "-1",
        "+5",
        "NaN",
        "Infinity",
        "12,,5",
        "1 2",
        "12.5.0",
        "½",
        "١٢",
        Decimal("-0"),
        Decimal("NaN"),
        True,
    ],
)
def test_it_refuses_anything_else_naming_the_criterion(assessment, raw):
    with pytest.raises(ScoreInputError) as refused:
        score_parse(raw, criterion=score(assessment, 7).criterion)
    assert str(refused.value) == "Tiêu thức 7: điểm phải từ 0 đến 20, bước 0,25"


def test_a_score_below_the_maximum_needs_a_note(world, assessment):
    row = score(assessment, 3)
    with pytest.raises(ScoreInputError) as refused:
        score_save(score=row, actor=world.commune_user, value="18", note="  ", expected_version=row.version)
    assert "Tiêu thức 3" in str(refused.value) and "giải trình" in str(refused.value)
    row.refresh_from_db()
    assert row.self_score is None and row.version == 1


def test_a_saved_change_bumps_the_version_and_writes_history_in_one_go(world, assessment):
    row = score(assessment, 3)
    saved = score_save(
        score=row, actor=world.commune_user, value="18,5", note="Thiếu 1 báo cáo", expected_version=row.version
    )
    assert saved.self_score == Decimal("18.5") and saved.version == 2
    events = {e.field: e for e in AssessmentEvent.objects.filter(assessment=assessment, kind="score")}
    assert events["self_score"].old_value == "" and events["self_score"].new_value == "18.5"
    assert events["note"].new_value == "Thiếu 1 báo cáo"
    assert events["self_score"].actor == world.commune_user and events["self_score"].criterion.number == 3
    assessment.refresh_from_db()
    assert assessment.version == 2


def test_saving_the_same_values_again_changes_nothing(world, assessment):
    row = score(assessment, 3)
    score_save(score=row, actor=world.commune_user, value="20", note="", expected_version=1)
    again = score_save(score=row, actor=world.commune_user, value="20", note="", expected_version=2)
    assert again.version == 2
    assert assessment.events.count() == 1


def test_a_stale_page_is_refused_with_the_current_values(world, assessment):
    row = score(assessment, 5)
    score_save(score=row, actor=world.sibling_user, value="20", note="", expected_version=1)
    with pytest.raises(StaleEditError) as refused:
        score_save(score=row, actor=world.commune_user, value="15", note="Chưa đạt", expected_version=1)
    assert refused.value.current.self_score == Decimal("20")
    assert "Tiêu thức 5 vừa được" in str(refused.value)
    row.refresh_from_db()
    assert row.self_score == Decimal("20") and row.note == ""


def test_a_stale_page_sending_exactly_what_is_saved_is_not_a_conflict(world, assessment):
    row = score(assessment, 5)
    score_save(score=row, actor=world.sibling_user, value="20", note="", expected_version=1)
    assert score_save(score=row, actor=world.commune_user, value="20", note="", expected_version=1).version == 2


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.DISTRICT_APPROVED, Status.FINALIZED])
def test_scores_cannot_change_after_submission(world, status):
    assessment = make_assessment(world.commune, 2021, status=status, scores=20)
    row = score(assessment, 1)
    with pytest.raises(AssessmentError, match="xã không sửa được điểm"):
        score_save(score=row, actor=world.commune_user, value="19", note="x", expected_version=row.version)


def test_nothing_changes_in_a_locked_year(world):
    assessment = make_assessment(world.commune, make_year(2021, locked=True))
    row = score(assessment, 1)
    with pytest.raises(AssessmentError, match="khóa sổ"):
        score_save(score=row, actor=world.commune_user, value="19", note="x", expected_version=1)


def rows(assessment, values: dict[int, tuple[str, str]], version: int = 1) -> list[ScoreInput]:
    by_number = {s.criterion.number: s for s in assessment.scores.select_related("criterion")}
    return [ScoreInput(by_number[n].pk, v, note, version) for n, (v, note) in values.items()]


def test_the_whole_form_saves_every_row_at_once(world, assessment):
    saved = scores_save_all(
        assessment=assessment,
        actor=world.commune_user,
        rows=rows(assessment, {1: ("20", ""), 2: ("17,5", "Chậm 2 báo cáo")}),
    )
    assert [(s.criterion.number, s.self_score) for s in saved] == [(1, Decimal("20")), (2, Decimal("17.5"))]
    assert score(assessment, 3).self_score is None
    assert assessment.events.filter(kind="score").count() == 3


def test_an_invalid_row_saves_nothing_and_names_every_bad_criterion(world, assessment):
    with pytest.raises(ScoresInvalid) as refused:
        scores_save_all(
            assessment=assessment,
            actor=world.commune_user,
            rows=rows(assessment, {1: ("20", ""), 2: ("abc", ""), 3: ("15", ""), 4: ("19", "ok")}),
        )
    assert set(refused.value.errors) == {2, 3}
    assert str(refused.value.errors[2]) == "Tiêu thức 2: điểm phải từ 0 đến 20, bước 0,25"
    assert not assessment.scores.exclude(self_score=None).exists()
    assert not assessment.events.exists()


def test_a_whole_form_save_with_one_stale_row_saves_nothing(world, assessment):
    row = score(assessment, 2)
    score_save(score=row, actor=world.sibling_user, value="16", note="Hạn chế", expected_version=1)
    with pytest.raises(StaleEditError) as refused:
        scores_save_all(
            assessment=assessment, actor=world.commune_user, rows=rows(assessment, {1: ("20", ""), 2: ("20", "")})
        )
    assert set(refused.value.current) == {2}
    assert refused.value.current[2].self_score == Decimal("16")
    assert score(assessment, 1).self_score is None


def test_completeness_names_unscored_criteria_and_missing_notes(world):
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 19)} | {19: 15}, notes={19: ""})
    errors = assessment_completeness_errors(assessment=assessment)
    assert errors[0].startswith("Tiêu thức 19: điểm 15 thấp hơn điểm tối đa 20, cần ghi giải trình")
    assert errors[1] == "Tiêu thức 20 chưa chấm điểm."
    full = make_assessment(world.sibling, 2021, scores=18)
    assert assessment_completeness_errors(assessment=full) == []
