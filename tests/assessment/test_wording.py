"""Words that name the reviewer: in a year without districts (from 2025) no assessment page says
"huyện", the commune submits to and hears back from the Sở Nội vụ; a year with districts keeps
its district wording. Also: the confirm button refuses a tampered form (issue 12)."""

import html
import re

import pytest
from django.urls import reverse

from assessment.models import Assessment, AssessmentYear, Status
from assessment.services.workflow import assessment_return
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import new_commune, province_reviewer

NEW_YEAR = 2026


def url(name: str, assessment: Assessment) -> str:
    return reverse(f"assessment:{name}", kwargs={"year": assessment.year.year, "code": assessment.commune.code})


def main_html(response) -> str:  # noqa: ANN001 - a test client response
    """The page's <main>, unescaped: text, labels and attributes (titles, placeholders) alike."""
    page = response.content.decode()
    return html.unescape(page.split("<main", 1)[1].split(">", 1)[1].split("</main>", 1)[0])


def main_text(response) -> str:  # noqa: ANN001
    return " ".join(re.sub(r"<[^>]+>", " ", main_html(response)).split())


def assert_no_district_words(response) -> None:  # noqa: ANN001
    assert response.status_code == 200
    found = re.findall(r".{0,60}huyện.{0,30}", main_html(response), flags=re.IGNORECASE)
    assert not found, found


@pytest.fixture
def new_year(db) -> AssessmentYear:
    return make_year(NEW_YEAR, has_district_level=False)


@pytest.fixture
def returned(new_world, new_year) -> Assessment:
    """A 2026 assessment the province reviewer sent back, with a comment on criterion 1."""
    assessment = make_assessment(new_world.commune, new_year, status=Status.SUBMITTED, scores=18)
    criterion = assessment.scores.get(criterion__number=1).criterion_id
    assessment_return(
        assessment=assessment,
        expected_version=assessment.version,
        actor=new_world.reviewer,
        comment="Bổ sung biên bản họp",
        criterion_comments={criterion: "Thiếu biên bản"},
    )
    assessment.refresh_from_db()
    return assessment


# --- the commune's pages ------------------------------------------------------------------------


def test_the_score_page_of_a_year_without_districts_submits_to_the_province(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, scores=18)
    client.force_login(new_world.commune_user)
    response = client.get(url("score-edit", assessment))
    assert_no_district_words(response)
    assert "Nộp lên Sở Nội vụ…" in main_text(response)


def test_a_returned_score_page_names_the_province_and_its_comments(client, new_world, returned):
    client.force_login(new_world.commune_user)
    response = client.get(url("score-edit", returned))
    assert_no_district_words(response)
    text = main_text(response)
    assert "Sở Nội vụ trả lại ngày" in text and "Bổ sung biên bản họp" in text
    assert "Ý kiến của Sở Nội vụ: Thiếu biên bản" in text


def test_the_submit_page_of_a_year_without_districts_confirms_to_the_province(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, scores=18)
    client.force_login(new_world.commune_user)
    response = client.get(url("submit", assessment))
    assert_no_district_words(response)
    assert "Xác nhận nộp lên Sở Nội vụ" in main_text(response)
    response = client.post(url("submit", assessment), {"version": assessment.version}, follow=True)
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert "Đã nộp bản tự đánh giá năm 2026 lên Sở Nội vụ." in response.content.decode()


def test_a_submitted_score_page_says_the_province_is_reviewing(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.commune_user)
    response = client.get(url("score-edit", assessment))
    assert "đang chờ Sở Nội vụ thẩm định" in main_text(response)
    assert_no_district_words(response)


def test_the_summary_of_a_submitted_assessment_waits_for_the_province(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.commune_user)
    summary = main_text(client.get(url("score-edit", assessment))).split("Kết quả dự kiến", 1)[1][:60]
    assert summary.startswith(", đang chờ Sở Nội vụ thẩm định")


def test_the_detail_page_of_a_returned_assessment_names_the_province(client, new_world, returned):
    client.force_login(new_world.commune_user)
    response = client.get(url("assessment-detail", returned))
    assert_no_district_words(response)
    text = main_text(response)
    assert "Sở Nội vụ trả lại" in text and "Ý kiến của Sở Nội vụ" in text
    assert "Chuyển từ “Chờ thẩm định” sang “Đã trả lại xã”" in text


# --- the reviewer's and the province's pages ----------------------------------------------------


def test_the_review_page_of_a_year_without_districts_asks_for_the_province_s_comments(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.reviewer)
    response = client.get(url("review", assessment))
    assert_no_district_words(response)
    text = main_text(response)
    assert "Ý kiến chung của Sở Nội vụ" in text and "Duyệt với điểm thẩm định" in text


def test_the_review_page_of_a_draft_says_it_waits_for_the_commune_without_naming_a_district(
    client, new_world, new_year
):
    assessment = make_assessment(new_world.commune, new_year, scores=18)
    client.force_login(new_world.province_user)
    response = client.get(url("review", assessment))
    assert_no_district_words(response)
    assert "chỉ thẩm định được khi xã đã nộp" in main_text(response)


def test_the_confirm_list_of_a_year_without_districts_offers_reviewer_groups_not_districts(client, new_world, new_year):
    make_assessment(new_world.commune, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    make_assessment(new_world.other_commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.province_user)
    for tab in ("waiting", "finalized"):
        response = client.get(reverse("assessment:confirm-list"), {"nam": NEW_YEAR, "tab": tab})
        assert_no_district_words(response)
        assert 'name="huyen"' not in response.content.decode()
    text = main_text(client.get(reverse("assessment:confirm-list"), {"nam": NEW_YEAR}))
    assert "Nhóm thẩm định" in text and new_world.reviewer.get_full_name() in text
    assert "Chờ Sở Nội vụ thẩm định" in text


def test_the_confirm_list_of_one_reviewer_group_leaves_out_the_others(client, new_world, new_year):
    make_assessment(new_world.commune, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    make_assessment(new_world.other_commune, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    client.force_login(new_world.province_user)
    response = client.get(reverse("assessment:confirm-list"), {"nam": NEW_YEAR, "nhom": new_world.other_reviewer.pk})
    names = [row.assessment.commune.name for row in response.context["rows"]]
    assert names == [new_world.other_commune.name]
    assert response.context["counts"]["district_approved"] == 1 and response.context["counts"]["all"] == 1


def test_the_confirm_list_keeps_communes_no_reviewer_answers_for_under_unassigned(client, new_world, new_year):
    lone = new_commune(new_world.province, name="Xã Na Son")
    make_assessment(lone, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    make_assessment(new_world.commune, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    client.force_login(new_world.province_user)
    response = client.get(reverse("assessment:confirm-list"), {"nam": NEW_YEAR, "nhom": "chua-phan-cong"})
    assert [row.assessment.commune.name for row in response.context["rows"]] == ["Xã Na Son"]
    assert "Chưa phân công" in main_text(response)


def test_the_reopen_and_year_lock_pages_of_a_year_without_districts_name_no_district(client, new_world, new_year):
    assessment = make_assessment(new_world.commune, new_year, status=Status.DISTRICT_APPROVED, scores=18)
    make_assessment(new_world.other_commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.province_user)
    reopen = client.get(url("reopen", assessment))
    assert_no_district_words(reopen)
    assert "để Sở Nội vụ thẩm định lại" in main_text(reopen)
    lock = client.get(reverse("assessment:year-lock", kwargs={"year": NEW_YEAR}))
    assert_no_district_words(lock)
    assert "1 xã đang chờ Sở Nội vụ thẩm định" in main_text(lock)


def test_the_year_list_of_years_without_districts_names_no_district(client, new_world, new_year):
    make_assessment(new_world.commune, new_year, status=Status.SUBMITTED, scores=18)
    client.force_login(new_world.province_user)
    response = client.get(reverse("assessment:year-list"))
    assert_no_district_words(response)
    assert "1 chờ thẩm định" in main_text(response)


def test_the_confirm_list_of_a_year_without_districts_takes_a_bounded_number_of_queries(
    client, new_world, new_year, django_assert_max_num_queries
):
    communes = [new_commune(new_world.province, name=f"Xã Mới {n}") for n in range(30)]
    for start in range(0, 30, 10):
        province_reviewer(new_world.province, communes[start : start + 10])
    bulk_year(new_year, communes, statuses=[Status.DISTRICT_APPROVED, Status.SUBMITTED])
    client.force_login(new_world.province_user)
    for query in (
        {"nam": NEW_YEAR},
        {"nam": NEW_YEAR, "nhom": "chua-phan-cong"},
        {"nam": NEW_YEAR, "tab": "finalized"},
    ):
        with django_assert_max_num_queries(20):
            response = client.get(reverse("assessment:confirm-list"), query)
        assert response.status_code == 200
    response = client.get(reverse("assessment:confirm-list"), {"nam": NEW_YEAR})
    assert len(response.context["rows"]) == 15 and len(response.context["groups"]) == 3


# --- a year with districts keeps its words ------------------------------------------------------


def test_a_year_with_districts_still_submits_to_the_district(client, world):
    assessment = make_assessment(world.commune, 2021, scores=18)
    client.force_login(world.commune_user)
    assert "Nộp lên huyện…" in main_text(client.get(url("score-edit", assessment)))
    assert "Xác nhận nộp lên huyện" in main_text(client.get(url("submit", assessment)))


def test_a_year_with_districts_still_names_the_district_on_the_confirm_list(client, world):
    make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    client.force_login(world.province_user)
    response = client.get(reverse("assessment:confirm-list"), {"nam": 2021})
    content = response.content.decode()
    assert 'name="huyen"' in content and "Chờ huyện thẩm định" in content
    assert world.district.name in main_text(response)


# --- issue 12: a tampered confirm form changes nothing ------------------------------------------


def test_it_refuses_to_confirm_from_a_tampered_form_and_says_why(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    client.force_login(world.province_user)
    response = client.post(url("confirm", assessment), {"version": "không phải số", "tsvm": "on"}, follow=True)
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED and not assessment.tsvm
    assert "dữ liệu gửi lên không hợp lệ, chưa công nhận" in response.content.decode()


def test_it_still_confirms_from_an_untouched_form(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=18)
    client.force_login(world.province_user)
    client.post(url("confirm", assessment), {"version": assessment.version})
    assessment.refresh_from_db()
    assert assessment.status == Status.FINALIZED
