"""Submitting asks for confirmation and goes through the workflow; the commune page sums it up."""

import pytest
from django.urls import reverse

from assessment.models import AssessmentEvent, Status
from assessment.services.scoring import score_save
from tests.assessment.factories import make_assessment


def submit_url(assessment) -> str:
    return reverse("assessment:submit", args=[assessment.year.year, assessment.commune.code])


def test_the_confirmation_page_lists_what_is_still_missing(client, world):
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 20)})
    client.force_login(world.commune_user)
    content = client.get(submit_url(assessment)).content.decode()
    assert "Chưa thể nộp" in content and "Tiêu thức 20 chưa chấm điểm." in content
    assert "Xác nhận nộp lên huyện" not in content


def test_submitting_an_incomplete_assessment_is_refused_and_changes_nothing(client, world):
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 20)})
    client.force_login(world.commune_user)
    response = client.post(submit_url(assessment), {"version": assessment.version})
    assert "Tiêu thức 20 chưa chấm điểm" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


def test_a_complete_assessment_is_submitted_after_confirmation_and_becomes_read_only(client, world):
    assessment = make_assessment(world.commune, 2021, scores=19)
    client.force_login(world.commune_user)
    page = client.get(submit_url(assessment)).content.decode()
    assert "Xác nhận nộp lên huyện" in page and "380" in page
    response = client.post(submit_url(assessment), {"version": assessment.version}, follow=True)
    content = response.content.decode()
    assert "Đã nộp bản tự đánh giá năm 2021 lên huyện." in content
    assert "đang chờ huyện thẩm định" in content and "hx-post" not in content
    assessment.refresh_from_db()
    assert assessment.status == Status.SUBMITTED
    assert assessment.events.filter(kind=AssessmentEvent.Kind.TRANSITION, to_status=Status.SUBMITTED).exists()


def test_a_submission_from_a_stale_confirmation_page_is_refused(client, world):
    assessment = make_assessment(world.commune, 2021, scores=20)
    version = assessment.version
    score = assessment.scores.select_related("criterion").get(criterion__number=1)
    score_save(score=score, actor=world.sibling_user, value="19", note="Thiếu", expected_version=1)
    client.force_login(world.commune_user)
    response = client.post(submit_url(assessment), {"version": version})
    assert "vừa được người khác thay đổi" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.DRAFT


@pytest.mark.parametrize("role", ["reviewer", "province_user"])
def test_only_commune_staff_submit(client, world, role):
    assessment = make_assessment(world.commune, 2021, scores=20)
    client.force_login(getattr(world, role))
    assert client.post(submit_url(assessment)).status_code == 403


def test_the_commune_page_sums_up_this_year_and_past_classes(client, world):
    make_assessment(world.commune, 2019, status=Status.FINALIZED, scores=15)
    make_assessment(world.commune, 2020, status=Status.FINALIZED, scores=18)
    make_assessment(world.commune, 2021, scores=20)
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    panel = content[content.index("Đánh giá, xếp loại chính quyền") :]
    assert "Năm 2021" in panel and "Tự chấm · xã chưa nộp" in panel and "400" in panel
    assert reverse("assessment:score-edit", args=[2021, world.commune.code]) in panel and "Chấm điểm" in panel
    assert "badge-provisional" not in panel and "Tạm thời" not in panel
    assert "2020" in panel and "Tốt" in panel and "2019" in panel and "Khá" in panel


def test_the_commune_page_says_what_to_do_when_no_year_is_open(client, world):
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Khi Sở Nội vụ mở năm đánh giá" in content
    client.force_login(world.province_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert reverse("assessment:year-create") in content


def test_the_commune_panel_reads_a_fixed_number_of_queries_whatever_the_years(rf, world, django_assert_num_queries):
    from assessment.panels import commune_assessment_panel

    for year in (2018, 2019, 2020):
        make_assessment(world.commune, year, status=Status.FINALIZED, scores=17)
    make_assessment(world.commune, 2021, scores=20)
    request = rf.get("/")
    request.user = world.commune_user
    with django_assert_num_queries(4):
        panel = commune_assessment_panel(request, world.commune)
    assert [a.year.year for a in panel["past"]] == [2020, 2019, 2018]
    assert panel["result"].total == 400
