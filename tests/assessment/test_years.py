"""Assessment years: province staff open a year, every commune gets one draft, opening twice adds nothing."""

from datetime import date

import pytest
from django.urls import reverse

from assessment.models import Assessment, AssessmentYear, CriterionScore, Status
from assessment.services.errors import AssessmentError
from assessment.services.years import assessment_year_open
from communes.models import Commune
from tests.assessment.factories import default_criteria_set, make_assessment, make_year
from tests.factories import CommuneFactory, province_staff


def open_year(actor, year: int = 2021, **kwargs):
    return assessment_year_open(
        year=year,
        criteria_set=kwargs.pop("criteria_set", default_criteria_set()),
        self_deadline=date(year, 11, 15),
        review_deadline=date(year, 12, 5),
        confirm_deadline=date(year, 12, 25),
        actor=actor,
        **kwargs,
    )


def test_opening_a_year_gives_every_commune_of_the_province_one_draft_with_20_rows(dienbien):
    actor = province_staff(dienbien)
    year = open_year(actor)
    assert year.assessments.count() == 129
    assert not year.assessments.filter(commune__district__isnull=True).exists()
    assert set(year.assessments.values_list("status", flat=True)) == {Status.DRAFT}
    assert CriterionScore.objects.filter(assessment__year=year).count() == 129 * 20


def test_opening_2026_gives_the_45_communes_of_the_new_map_and_no_district(dienbien):
    actor = province_staff(dienbien)
    year = open_year(actor, 2026)
    assert year.has_district_level is False
    assert year.assessments.count() == 45
    assert not year.assessments.filter(commune__district__isnull=False).exists()
    assert year.assessments.get(commune__code="3334").commune.name == "Phường Mường Thanh"
    # The old year keeps its own units: opening 2021 afterwards still gives the 129.
    assert open_year(actor, 2021).assessments.count() == 129
    assert Commune.objects.filter(province=dienbien).count() == 129 + 45


def test_opening_2025_assesses_the_new_map_since_it_stood_at_the_end_of_the_year(dienbien):
    year = open_year(province_staff(dienbien), 2025)
    assert (year.has_district_level, year.assessments.count()) == (False, 45)


def test_opening_twice_creates_nothing_new_and_keeps_the_scores(world):
    first = open_year(world.province_user)
    count = Assessment.objects.count()
    CriterionScore.objects.filter(assessment__commune=world.commune, criterion__number=1).update(self_score=18)
    open_year(world.province_user)
    assert Assessment.objects.count() == count == 3
    assert CriterionScore.objects.count() == 60
    assert CriterionScore.objects.get(assessment__commune=world.commune, criterion__number=1).self_score == 18
    assert AssessmentYear.objects.get() == first


def test_years_after_the_district_level_was_abolished_are_reviewed_by_the_province(world):
    assert open_year(world.province_user, 2024).has_district_level is True
    assert open_year(world.province_user, 2025).has_district_level is False


def test_communes_abolished_before_the_year_ends_are_not_assessed(world):
    gone = CommuneFactory(district=world.district, valid_to=date(2021, 6, 30))
    open_year(world.province_user)
    assert not Assessment.objects.filter(commune=gone).exists()


def test_reopening_updates_the_deadlines_but_refuses_a_locked_year(world):
    open_year(world.province_user)
    assessment_year_open(
        year=2021,
        criteria_set=default_criteria_set(),
        self_deadline=date(2021, 11, 30),
        review_deadline=None,
        confirm_deadline=None,
        actor=world.province_user,
    )
    assert AssessmentYear.objects.get().self_deadline == date(2021, 11, 30)
    AssessmentYear.objects.update(is_locked=True)
    with pytest.raises(AssessmentError, match="khóa sổ"):
        open_year(world.province_user)


def post_year_form(client, user, follow: bool = False, **fields: str):
    """The year form as province staff post it: 2022, the default set, deadlines in order, and ``fields``."""
    client.force_login(user)
    data = {
        "year": "2022",
        "criteria_set": default_criteria_set().pk,
        "self_deadline": "15/11/2022",
        "review_deadline": "05/12/2022",
        "confirm_deadline": "25/12/2022",
    } | fields
    return client.post(reverse("assessment:year-create"), data, follow=follow)


def test_province_staff_open_a_year_with_dates_typed_day_month_year(client, world):
    response = post_year_form(client, world.province_user, follow=True, has_district_level="on")
    assert "Đã lưu năm đánh giá 2022: 3 xã có bản đánh giá." in response.content.decode()
    year = AssessmentYear.objects.get(year=2022)
    assert year.self_deadline == date(2022, 11, 15) and year.confirm_deadline == date(2022, 12, 25)
    assert year.has_district_level
    assert "15/11/2022" in response.content.decode()


def test_the_year_form_explains_bad_dates(client, world):
    response = post_year_form(client, world.province_user, self_deadline="2022-13-45", review_deadline="31/11/2022")
    content = response.content.decode()
    assert "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021." in content
    assert "Ngày 31/11/2022 không có thật: tháng 11 năm 2022 không có ngày 31." in content
    assert 'value="31/11/2022"' in content  # what was typed stays in the box
    assert not AssessmentYear.objects.exists()


def test_a_year_cannot_be_opened_twice_from_the_form(client, world):
    make_year(2021)
    client.force_login(world.province_user)
    response = client.post(
        reverse("assessment:year-create"), {"year": "2021", "criteria_set": default_criteria_set().pk}
    )
    assert "Năm 2021 đã có" in response.content.decode()


def test_editing_a_year_shows_its_dates_and_locks_the_set_once_assessments_exist(client, world):
    make_assessment(world.commune, 2021)
    client.force_login(world.province_user)
    content = client.get(reverse("assessment:year-edit", args=[2021])).content.decode()
    assert 'value="15/11/2021"' in content and "không đổi được" in content
    response = client.post(
        reverse("assessment:year-edit", args=[2021]),
        {
            "self_deadline": "20/11/2021",
            "review_deadline": "10/12/2021",
            "confirm_deadline": "30/12/2021",
            "has_district_level": "on",
        },
    )
    assert response.status_code == 302
    assert AssessmentYear.objects.get().self_deadline == date(2021, 11, 20)
    assert Assessment.objects.count() == 3  # the missing communes got theirs


def test_the_year_list_shows_progress_in_a_bounded_number_of_queries(client, dienbien, django_assert_max_num_queries):
    actor = province_staff(dienbien)
    for year in (2019, 2020, 2021):
        open_year(actor, year)
    Assessment.objects.filter(year__year=2021, commune__district__code="100").update(status=Status.SUBMITTED)
    client.force_login(actor)
    with django_assert_max_num_queries(10):
        content = client.get(reverse("assessment:year-list")).content.decode()
    assert content.count("<tr>") == 4
    assert "129" in content and "chờ huyện" in content and "15/11/2021" in content
    assert 'class="badge badge-provisional"' in content


def test_the_empty_year_list_says_what_to_do(client, world):
    client.force_login(world.province_user)
    content = client.get(reverse("assessment:year-list")).content.decode()
    assert "Chưa có năm đánh giá nào." in content and "Mở năm đánh giá mới" in content


def test_every_page_of_a_year_that_does_not_exist_answers_404_with_the_reason(client, world):
    client.force_login(world.province_user)
    for name, kwargs in [
        ("assessment:year-edit", {"year": 2030}),
        ("assessment:year-targets", {"year": 2030}),
        ("assessment:year-lock", {"year": 2030}),
    ]:
        response = client.get(reverse(name, kwargs=kwargs))
        assert response.status_code == 404, name


def test_the_year_form_asks_for_deadlines_in_order(client, world):
    response = post_year_form(client, world.province_user, confirm_deadline="01/12/2022")
    assert "Các hạn phải theo thứ tự" in response.content.decode()
    assert not AssessmentYear.objects.exists()
