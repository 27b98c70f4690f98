"""Follow-up rules (plan 703 II.3 and II.4) at their boundaries, and the follow-ups page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.evaluation import Evaluation
from assessment.followups import (
    YearResult,
    chair_reviews,
    criterion_evaluations,
    criticised_two_years,
    plan_reasons,
)
from assessment.models import ImprovementPlan, Status
from assessment.services.workflow import province_decision_record
from communes.models import Commune, year_day
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import district_reviewer, province_staff

ALL_15 = {n: Decimal("15") for n in range(1, 21)}
CLEAN = YearResult(final_class="good", tsvm=True, scores=ALL_15)


# --- pure rules ----------------------------------------------------------------------------------

def test_a_good_tsvm_commune_with_every_criterion_at_15_needs_no_plan():
    assert plan_reasons(CLEAN) == []


@pytest.mark.parametrize("final_class, label", [("fair", "Khá"), ("average", "Trung bình"), ("weak", "Yếu")])
def test_fair_or_below_needs_a_plan(final_class, label):
    reasons = plan_reasons(YearResult(final_class=final_class, tsvm=True, scores=ALL_15))
    assert reasons == [f"Xếp loại {label} (từ Khá trở xuống)"]


def test_not_recognised_tsvm_needs_a_plan():
    assert plan_reasons(YearResult(final_class="good", tsvm=False, scores=ALL_15)) == [
        "Không được công nhận Trong sạch, vững mạnh"]


def test_a_criterion_just_under_15_needs_a_plan_and_is_named():
    scores = ALL_15 | {6: Decimal("14.75")}
    assert plan_reasons(YearResult(final_class="good", tsvm=True, scores=scores)) == ["Tiêu thức 6 dưới 15 điểm"]


@pytest.mark.parametrize("criticised, reminded, expected", [
    (True, False, ["Bị tỉnh phê bình"]), (False, True, ["Bị tỉnh nhắc nhở"]),
])
def test_a_criticism_or_reminder_needs_a_plan(criticised, reminded, expected):
    result = YearResult(final_class="good", tsvm=True, scores=ALL_15, criticised=criticised, reminded=reminded)
    assert plan_reasons(result) == expected


def test_a_year_not_yet_confirmed_needs_a_plan_only_for_decisions():
    assert plan_reasons(YearResult()) == []
    assert plan_reasons(YearResult(reminded=True)) == ["Bị tỉnh nhắc nhở"]


def test_criticised_two_years_in_a_row():
    criticised = YearResult(criticised=True)
    assert criticised_two_years(criticised, criticised)
    assert not criticised_two_years(criticised, YearResult(reminded=True))
    assert not criticised_two_years(criticised, None)
    assert not criticised_two_years(YearResult(reminded=True), criticised)


def test_chairs_to_review_follow_the_decisions():
    assert chair_reviews(CLEAN, None) == []
    assert chair_reviews(YearResult(criticised=True), None) == [
        "Báo cáo cấp ủy xem xét điều động công tác khác đối với Chủ tịch UBND xã"]
    assert chair_reviews(YearResult(reminded=True), None) == ["Xem xét kiểm điểm trách nhiệm của lãnh đạo UBND xã"]
    twice = chair_reviews(YearResult(criticised=True), YearResult(criticised=True))
    assert twice[-1].startswith("Hai năm liền bị phê bình: xem xét kiểm điểm trách nhiệm Chủ tịch HĐND")


@pytest.mark.parametrize("score, expected", [
    ("20", Evaluation.EXCELLENT), ("17", Evaluation.EXCELLENT), ("16.75", Evaluation.GOOD), ("13", Evaluation.GOOD),
    ("12.75", Evaluation.LIMITED), ("9", Evaluation.LIMITED), ("8.75", Evaluation.NOT_DONE), ("0", Evaluation.NOT_DONE),
    (None, None),
])
def test_each_criterion_suggests_the_civil_servants_evaluation_at_the_boundaries(score, expected):
    value = None if score is None else Decimal(score)
    [row] = criterion_evaluations([(4, "Tài chính, ngân sách", "Kế toán - tài chính", value, Decimal("20"))])
    assert (row.number, row.position, row.evaluation) == (4, "Kế toán - tài chính", expected)


# --- page ----------------------------------------------------------------------------------------

def _criticise(assessment, user, number="1/QĐ-UBND"):
    province_decision_record(assessment=assessment, actor=user, kind="criticism", number=number,
                             date=date(assessment.year.year + 1, 1, 15), reason="Sai phạm")


def test_the_page_lists_communes_criticised_two_years_running_and_chairs_to_review(client, world):
    make_year(2020)
    make_year(2021)
    _criticise(make_assessment(world.commune, 2020, status=Status.FINALIZED, scores=12), world.province_user)
    _criticise(make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=12), world.province_user, "2/QĐ")
    _criticise(make_assessment(world.sibling, 2021, status=Status.FINALIZED, scores=12), world.province_user, "3/QĐ")
    client.force_login(world.province_user)
    response = client.get(reverse("assessment:followups"), {"nam": 2021})
    data = response.context["data"]
    assert [r.commune for r in data.twice_criticised] == [world.commune]
    assert {r.commune for r in data.chairs} == {world.commune, world.sibling}
    assert "Hai năm liền bị phê bình" in response.content.decode()


def test_missing_plans_say_so_and_a_submitted_plan_does_not(client, world):
    make_year(2021)
    next_year = make_year(2022)
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=14)
    make_assessment(world.sibling, 2021, status=Status.FINALIZED, scores=12)
    ImprovementPlan.objects.create(commune=world.sibling, year=next_year, status=ImprovementPlan.Status.SUBMITTED)
    client.force_login(world.reviewer)
    response = client.get(reverse("assessment:followups"), {"nam": 2021})
    data = response.context["data"]
    assert {r.commune for r in data.need_plan} == {world.commune, world.sibling}
    assert [r.commune for r in data.missing_plans] == [world.commune]
    assert "Chưa nộp kế hoạch" in response.content.decode()


def test_a_reviewer_sees_only_the_communes_of_the_district(client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=12)
    make_assessment(world.outsider_commune, 2021, status=Status.FINALIZED, scores=12)
    client.force_login(world.reviewer)
    data = client.get(reverse("assessment:followups")).context["data"]
    assert [r.commune for r in data.rows] == [world.commune]
    assert client.get(reverse("assessment:followups"), {"huyen": world.other_district.code}).status_code == 404


def test_commune_staff_have_no_follow_ups_page(client, world):
    client.force_login(world.commune_user)
    assert client.get(reverse("assessment:followups")).status_code == 403


def test_one_communes_civil_servant_evaluations(client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores={n: 17 for n in range(1, 21)} | {9: 8})
    client.force_login(world.province_user)
    response = client.get(reverse("assessment:followups"), {"nam": 2021, "xa": world.commune.code})
    evaluations = response.context["chosen_evaluations"]
    assert evaluations[8].evaluation == Evaluation.NOT_DONE and evaluations[0].evaluation == Evaluation.EXCELLENT
    assert "Không hoàn thành nhiệm vụ" in response.content.decode()


def test_the_summary_counts_each_evaluation_level_per_criterion(client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=17)
    make_assessment(world.sibling, 2021, status=Status.FINALIZED, scores=10)
    make_assessment(world.outsider_commune, 2021, status=Status.SUBMITTED, scores=5)
    client.force_login(world.province_user)
    summary = client.get(reverse("assessment:followups"), {"nam": 2021}).context["summary"]
    assert len(summary) == 20
    assert summary[0]["counts"] == [1, 0, 1, 0]


@pytest.mark.parametrize("district_code", [None, "100"])
def test_the_page_takes_a_bounded_number_of_queries(client, dienbien, django_assert_max_num_queries, district_code):
    communes = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2021)).order_by("code"))
    make_year(2020)
    bulk_year(make_year(2020), communes, statuses=[Status.FINALIZED], criticise=communes[:10],
              recorder=province_staff(dienbien))
    bulk_year(make_year(2021), communes, statuses=[Status.FINALIZED, Status.DISTRICT_APPROVED],
              criticise=communes[5:15], recorder=province_staff(dienbien))
    make_year(2022)
    if district_code:
        user = district_reviewer(dienbien.districts.get(code=district_code))
    else:
        user = province_staff(dienbien)
    client.force_login(user)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assessment:followups"), {"nam": 2021})
    data = response.context["data"]
    assert len(data.rows) == (21 if district_code else 129)
    if not district_code:
        assert len(data.twice_criticised) == 5
