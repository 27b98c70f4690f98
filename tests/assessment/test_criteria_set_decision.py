"""A criteria set's status (provisional until its decision is recorded) is not a result's status
(self-scored, reviewed, confirmed, locked); a year is locked with a provisional set only on purpose."""

import re
from datetime import date
from html import unescape

import pytest
from django.urls import reverse

from assessment.models import AssessmentYear, CriteriaSet, Status
from assessment.services.criteria import criteria_set_record_decision
from assessment.services.errors import AssessmentError
from assessment.services.workflow import assessment_year_lock
from tests.assessment.factories import default_criteria_set, make_assessment, make_year

_TAG = re.compile(r"<[^>]+>")


def page_text(response) -> str:  # noqa: ANN001
    """What a person reads on the page: the main content without tags, whitespace folded."""
    html = response.content.decode()
    main = html[html.find("<main") :] if "<main" in html else html
    return " ".join(unescape(_TAG.sub(" ", main)).split())


def record(criteria_set: CriteriaSet, world) -> CriteriaSet:  # noqa: ANN001
    return criteria_set_record_decision(
        criteria_set=criteria_set, number="34/2011/QĐ-UBND", decision_date=date(2011, 11, 7), actor=world.province_user
    )


RESULT_STATES = [
    (Status.DRAFT, False, "Tự chấm · xã chưa nộp"),
    (Status.SUBMITTED, False, "Tự chấm · chờ huyện thẩm định"),
    (Status.RETURNED, False, "Tự chấm · trả lại xã sửa"),
    (Status.DISTRICT_APPROVED, False, "Đã thẩm định · chờ tỉnh công nhận"),
    (Status.FINALIZED, False, "Kết quả chính thức · tỉnh đã công nhận"),
    (Status.FINALIZED, True, "Kết quả chính thức · năm đã khóa sổ"),
    (Status.DISTRICT_APPROVED, True, "Chưa được công nhận · năm đã khóa sổ"),
]


@pytest.mark.parametrize(("status", "locked", "label"), RESULT_STATES)
def test_each_result_state_has_its_own_words_on_the_score_and_result_pages(client, world, status, locked, label):
    assessment = make_assessment(world.commune, make_year(2021, locked=locked), status=status, scores=18)
    client.force_login(world.commune_user)
    for name in ("score-edit", "assessment-detail"):
        text = page_text(client.get(reverse(f"assessment:{name}", args=[2021, assessment.commune.code])))
        assert label in text, name
        if status == Status.FINALIZED or locked:
            # the set is still provisional, yet an official result never reads as provisional
            assert "tạm thời" not in text.lower(), name
            assert "có thể thay đổi" not in text


def test_an_unreviewed_result_is_expected_not_provisional_and_names_the_set_once(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.commune_user)
    text = page_text(client.get(reverse("assessment:score-edit", args=[2021, assessment.commune.code])))
    assert "Kết quả dự kiến, đang chờ huyện thẩm định" in text
    assert text.lower().count("tạm thời") == 1  # the thresholds' legend, about the set
    assert "Ngưỡng xếp loại theo bộ tiêu thức tạm thời" in text


def test_the_set_page_says_provisional_then_the_decision_it_follows(client, world):
    criteria_set = default_criteria_set()
    client.force_login(world.province_user)
    url = reverse("assessment:criteria-set-detail", args=[criteria_set.pk])
    text = page_text(client.get(url))
    assert "Trạng thái: tạm thời" in text and "Ghi quyết định ban hành" in text
    record(criteria_set, world)
    text = page_text(client.get(url))
    assert "Trạng thái: theo Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011" in text
    assert "tạm thời" not in text.lower() and "Ghi quyết định ban hành" not in text
    assert f"Do {world.province_user.get_full_name() or world.province_user.username} ghi lúc" in text


def test_recording_the_decision_keeps_its_number_date_and_who_recorded_it(client, world):
    criteria_set = default_criteria_set()
    client.force_login(world.province_user)
    response = client.post(
        reverse("assessment:criteria-set-decision", args=[criteria_set.pk]),
        {"number": " 34/2011/QĐ-UBND ", "decision_date": "7/11/2011"},
    )
    assert response.status_code == 302
    criteria_set.refresh_from_db()
    assert (criteria_set.is_provisional, criteria_set.decision_number, criteria_set.decision_date) == (
        False,
        "34/2011/QĐ-UBND",
        date(2011, 11, 7),
    )
    assert criteria_set.decision_recorded_by == world.province_user and criteria_set.decision_recorded_at


@pytest.mark.parametrize(
    ("number", "typed", "message"),
    [
        ("34/2011/QĐ-UBND", "31/02/2021", "Ngày 31/02/2021 không có thật: tháng 2 năm 2021 không có ngày 31."),
        ("34/2011/QĐ-UBND", "29/02/2023", "Ngày 29/02/2023 không có thật: tháng 2 năm 2023 không có ngày 29."),
        ("34/2011/QĐ-UBND", "07/13/2011", "Ngày 07/13/2011 không có thật: tháng phải từ 1 đến 12."),
        ("34/2011/QĐ-UBND", "2011-11-07", "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021."),
        ("34/2011/QĐ-UBND", "", "Cần nhập ngày quyết định."),
        ("", "07/11/2011", "Cần nhập số quyết định."),
    ],
)
def test_a_bad_or_impossible_date_or_a_missing_number_is_told_and_nothing_is_recorded(
    client, world, number, typed, message
):
    criteria_set = default_criteria_set()
    client.force_login(world.province_user)
    response = client.post(
        reverse("assessment:criteria-set-decision", args=[criteria_set.pk]), {"number": number, "decision_date": typed}
    )
    assert response.status_code == 400
    assert message in page_text(response)
    criteria_set.refresh_from_db()
    assert criteria_set.is_provisional and not criteria_set.decision_number


def test_only_province_staff_record_the_decision_and_only_once(world):
    criteria_set = default_criteria_set()
    with pytest.raises(AssessmentError):
        criteria_set_record_decision(
            criteria_set=criteria_set, number="1/QĐ", decision_date=date(2011, 11, 7), actor=world.reviewer
        )
    record(criteria_set, world)
    with pytest.raises(AssessmentError, match="đã có quyết định"):
        record(criteria_set, world)


def test_a_year_with_a_provisional_set_is_not_locked_without_the_tick(client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    client.force_login(world.province_user)
    lock = reverse("assessment:year-lock", kwargs={"year": 2021})
    assert "Khóa dù bộ tiêu thức còn tạm thời" in page_text(client.get(lock))
    response = client.post(lock, {"understood": "on"})
    assert response.status_code == 400
    assert "còn tạm thời (chưa ghi số, ngày quyết định ban hành)" in page_text(response)
    assert not AssessmentYear.objects.get(year=2021).is_locked
    with pytest.raises(AssessmentError):
        assessment_year_lock(year=make_year(2021), actor=world.province_user)


def test_locking_anyway_is_recorded_with_who_and_when(client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    client.force_login(world.province_user)
    lock = reverse("assessment:year-lock", kwargs={"year": 2021})
    assert client.post(lock, {"understood": "on", "lock_anyway": "on"}).status_code == 302
    year = AssessmentYear.objects.get(year=2021)
    assert (year.is_locked, year.locked_with_provisional_set, year.locked_by) == (True, True, world.province_user)
    assert year.locked_at is not None
    assert "Khóa khi bộ tiêu thức còn tạm thời" in page_text(client.get(lock))


def test_a_year_whose_set_has_its_decision_is_locked_without_the_tick(client, world):
    record(default_criteria_set(), world)
    make_year(2021)
    client.force_login(world.province_user)
    lock = reverse("assessment:year-lock", kwargs={"year": 2021})
    assert "lock_anyway" not in client.get(lock).content.decode()
    assert client.post(lock, {"understood": "on"}).status_code == 302
    year = AssessmentYear.objects.get(year=2021)
    assert year.is_locked and not year.locked_with_provisional_set
