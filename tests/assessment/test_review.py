"""District review pages: the queue, the review page and its two actions, the detail page, the panel."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import Assessment, AssessmentEvent, Status
from assessment.services.workflow import assessment_return
from communes.models import Commune, District
from tests.assessment.factories import make_assessment, make_evidence, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import district_reviewer, province_staff


def review_url(name: str, assessment) -> str:
    return reverse(f"assessment:{name}", kwargs={"year": assessment.year.year, "code": assessment.commune.code})


def form_data(assessment, **overrides) -> dict:
    data = {"version": assessment.version, "comment": ""}
    for score in assessment.scores.all():
        data[f"score_{score.criterion_id}"] = str(score.self_score).replace(".", ",")
        data[f"comment_{score.criterion_id}"] = ""
    return data | overrides


# --- queue ---------------------------------------------------------------------------------------


def test_the_queue_counts_and_filters_by_bucket(client, world):
    year = make_year(2021)
    make_assessment(world.commune, year, status=Status.SUBMITTED, scores=18)
    make_assessment(world.sibling, year, status=Status.RETURNED, scores=18)
    client.force_login(world.reviewer)
    url = reverse("assessment:review-queue", kwargs={"code": world.district.code})
    response = client.get(url, {"nam": 2021, "loc": "waiting"})
    content = response.content.decode()
    assert response.status_code == 200
    assert "Xã Mường Nhé" in content and "Xã Sín Thầu" not in content
    assert response.context["counts"]["waiting"] == 1
    assert response.context["counts"]["returned"] == 1
    assert response.context["counts"]["all"] == 2


def test_the_queue_flags_late_communes(client, world):
    past = timezone.localdate() - timedelta(days=3)
    year = make_year(2021, self_deadline=past, review_deadline=past)
    make_assessment(world.commune, year, status=Status.DRAFT)
    make_assessment(world.sibling, year, status=Status.FINALIZED, scores=18)
    client.force_login(world.reviewer)
    response = client.get(reverse("assessment:review-queue", kwargs={"code": world.district.code}), {"loc": "late"})
    assert [row.assessment.commune for row in response.context["page"].object_list] == [world.commune]
    assert "Quá hạn" in response.content.decode()


def test_the_queue_says_what_to_do_when_nothing_waits(client, world):
    make_year(2021)
    client.force_login(world.reviewer)
    response = client.get(reverse("assessment:review-queue", kwargs={"code": world.district.code}), {"loc": "waiting"})
    assert "Không có bản nào đang chờ thẩm định" in response.content.decode()


def test_a_reviewer_cannot_open_another_districts_queue(client, world):
    make_year(2021)
    client.force_login(world.reviewer)
    response = client.get(reverse("assessment:review-queue", kwargs={"code": world.other_district.code}))
    assert response.status_code == 404


# --- review page ---------------------------------------------------------------------------------


def test_the_review_page_shows_self_scores_notes_and_evidence_beside_prefilled_inputs(client, world):
    assessment = make_assessment(
        world.commune, 2021, status=Status.SUBMITTED, scores={**{n: 20 for n in range(1, 21)}, 5: 12.5}
    )
    five = assessment.scores.get(criterion__number=5)
    make_evidence(five, world.commune_user, name="bien-ban-hop.pdf")
    client.force_login(world.reviewer)
    content = client.get(review_url("review", assessment)).content.decode()
    assert "bien-ban-hop.pdf" in content
    assert reverse("assessment:evidence-download", kwargs={"pk": five.evidence.get().pk}) in content
    assert "Giải trình tiêu thức 5: còn hạn chế." in content
    assert f'name="score_{five.criterion_id}" id="id_score_{five.criterion_id}" value="12,5"' in content
    assert "Trả lại xã" in content and "Duyệt với điểm thẩm định" in content


def test_the_review_page_is_read_only_when_the_assessment_is_not_waiting(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT, scores=18)
    client.force_login(world.reviewer)
    content = client.get(review_url("review", assessment)).content.decode()
    assert "Trả lại xã" not in content
    assert "chỉ thẩm định được khi xã đã nộp" in content


def test_returning_without_a_comment_keeps_the_typed_values_and_says_why(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    first = assessment.scores.get(criterion__number=1).criterion_id
    client.force_login(world.reviewer)
    response = client.post(
        review_url("review-return", assessment), form_data(assessment, **{f"comment_{first}": "Thiếu biên bản"})
    )
    assert response.status_code == 400
    content = response.content.decode()
    assert "Cần ghi ý kiến chung khi trả lại xã." in content
    assert "Thiếu biên bản" in content
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_returning_sends_the_comments_to_the_commune(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    first = assessment.scores.get(criterion__number=1).criterion_id
    client.force_login(world.reviewer)
    response = client.post(
        review_url("review-return", assessment),
        form_data(assessment, comment="Bổ sung minh chứng", **{f"comment_{first}": "Thiếu biên bản"}),
    )
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.RETURNED
    client.force_login(world.commune_user)
    content = client.get(review_url("assessment-detail", assessment)).content.decode()
    assert "Huyện trả lại" in content and "Bổ sung minh chứng" in content and "Thiếu biên bản" in content


def test_approving_with_a_score_above_the_maximum_names_the_criterion_and_saves_nothing(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    seven = assessment.scores.get(criterion__number=7).criterion_id
    client.force_login(world.reviewer)
    response = client.post(review_url("review-approve", assessment), form_data(assessment, **{f"score_{seven}": "21"}))
    assert response.status_code == 400
    assert "Tiêu thức 7: điểm phải từ 0 đến 20" in response.content.decode()
    assert 'value="21"' in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


@pytest.mark.parametrize("typed", ["abc", "1e3", "12.3", "-2"])
def test_approving_refuses_malformed_scores(client, world, typed):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    two = assessment.scores.get(criterion__number=2).criterion_id
    client.force_login(world.reviewer)
    response = client.post(review_url("review-approve", assessment), form_data(assessment, **{f"score_{two}": typed}))
    assert response.status_code == 400
    assert "Tiêu thức 2" in response.content.decode()


def test_approving_with_decimal_commas_sets_the_final_scores(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    seven = assessment.scores.get(criterion__number=7).criterion_id
    client.force_login(world.reviewer)
    data = form_data(assessment, **{f"score_{seven}": "16,75"})
    response = client.post(review_url("review-approve", assessment), data)
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED
    assert str(assessment.scores.get(criterion_id=seven).final_score) == "16.75"


def test_a_stale_review_page_is_refused_and_reloaded(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    data = form_data(assessment, comment="Sửa lại")
    other = district_reviewer(world.district)
    assessment_return(assessment=assessment, expected_version=assessment.version, actor=other, comment="Đã trả trước")
    client.force_login(world.reviewer)
    response = client.post(review_url("review-return", assessment), data, follow=True)
    assert response.redirect_chain[-1][0] == review_url("review", assessment)
    assert assessment.events.filter(kind=AssessmentEvent.Kind.TRANSITION).count() == 1


def test_commune_staff_cannot_review(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.commune_user)
    assert client.post(review_url("review-approve", assessment), form_data(assessment)).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


def test_a_reviewer_of_another_district_gets_404_and_changes_nothing(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.other_reviewer)
    for name in ["review", "assessment-detail"]:
        assert client.get(review_url(name, assessment)).status_code == 404
    assert client.post(review_url("review-approve", assessment), form_data(assessment)).status_code == 404
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED


# --- detail page --------------------------------------------------------------------------------


def test_the_detail_page_shows_the_timeline_class_and_reasons(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=16)
    assessment_return(
        assessment=assessment,
        expected_version=assessment.version,
        actor=world.reviewer,
        comment="Thiếu minh chứng tiêu thức 3",
    )
    client.force_login(world.commune_user)
    content = client.get(review_url("assessment-detail", assessment)).content.decode()
    assert "Chuyển từ “Chờ thẩm định” sang “Đã trả lại xã”" in content
    assert "Thiếu minh chứng tiêu thức 3" in content
    assert "Tổng 320/400 &lt; 340 nên chưa đạt Tốt" in content
    assert "Tự chấm · trả lại xã sửa" in content and "badge-provisional" not in content


def test_the_timeline_names_the_system_when_no_one_acted(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DRAFT)
    AssessmentEvent.objects.create(
        assessment=assessment, actor=None, kind=AssessmentEvent.Kind.IMPORT, new_value="Nhập dữ liệu năm cũ"
    )
    client.force_login(world.commune_user)
    response = client.get(review_url("assessment-detail", assessment))
    assert response.status_code == 200
    assert "Hệ thống" in response.content.decode() and "Nhập dữ liệu năm cũ" in response.content.decode()


def test_commune_staff_cannot_read_another_communes_result(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    client.force_login(world.sibling_user)
    assert client.get(review_url("assessment-detail", assessment)).status_code == 404


def test_the_detail_page_suggests_civil_servant_evaluations_once_finalized(client, world):
    scores = {n: 17 for n in range(1, 21)} | {2: 13, 3: 9, 4: 8.75}
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=scores)
    client.force_login(world.province_user)
    content = client.get(review_url("assessment-detail", assessment)).content.decode()
    for label in [
        "Hoàn thành xuất sắc nhiệm vụ",
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực",
        "Không hoàn thành nhiệm vụ",
    ]:
        assert label in content


# --- district page panel and navigation ---------------------------------------------------------


def test_the_district_page_shows_the_review_queue_summary(client, world):
    make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.reviewer)
    response = client.get(reverse("communes:district-detail", kwargs={"code": world.district.code}))
    content = response.content.decode()
    assert 'id="panel-review-queue"' in content
    assert "Thẩm định năm 2021" in content
    assert reverse("assessment:review-queue", kwargs={"code": world.district.code}) in content


def test_reviewers_find_the_review_queue_in_their_menu(client, world):
    client.force_login(world.reviewer)
    content = client.get(reverse("communes:district-detail", kwargs={"code": world.district.code})).content.decode()
    assert f'href="{reverse("assessment:review-queue", kwargs={"code": world.district.code})}"' in content


# --- bounded queries ----------------------------------------------------------------------------


@pytest.fixture
def district_year(dienbien):
    district = District.objects.get(code="100")
    communes = list(Commune.objects.filter(district=district).order_by("code"))
    assert len(communes) == 21
    year = make_year(2021, self_deadline=date(2021, 11, 15), review_deadline=date(2021, 12, 5))
    bulk_year(year, communes, statuses=[Status.SUBMITTED, Status.RETURNED, Status.DISTRICT_APPROVED])
    return district, communes


def test_the_queue_of_a_district_of_21_communes_takes_a_bounded_number_of_queries(
    client, district_year, django_assert_max_num_queries
):
    district, _communes = district_year
    client.force_login(district_reviewer(district))
    with django_assert_max_num_queries(16):
        response = client.get(reverse("assessment:review-queue", kwargs={"code": district.code}))
    assert response.context["counts"]["all"] == 21


def test_the_district_page_with_its_panel_takes_a_bounded_number_of_queries(
    client, district_year, django_assert_max_num_queries
):
    district, _communes = district_year
    client.force_login(district_reviewer(district))
    with django_assert_max_num_queries(30):
        response = client.get(reverse("communes:district-detail", kwargs={"code": district.code}))
    assert response.status_code == 200


def test_the_review_and_detail_pages_take_a_bounded_number_of_queries(
    client, district_year, django_assert_max_num_queries
):
    district, communes = district_year
    assessment = Assessment.objects.get(commune=communes[0], year__year=2021)
    for score in assessment.scores.all()[:5]:
        make_evidence(score, province_staff(district.province))
    client.force_login(district_reviewer(district))
    with django_assert_max_num_queries(16):
        assert client.get(review_url("review", assessment)).status_code == 200
    with django_assert_max_num_queries(20):
        assert client.get(review_url("assessment-detail", assessment)).status_code == 200
