"""Follow-up rules (plan 703 II.3 and II.4) at their boundaries, and the follow-ups page."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.evaluation import Evaluation
from assessment.followups import (
    YearResult,
    across_merger,
    chair_reviews,
    criterion_evaluations,
    criticised_two_years,
    plan_reasons,
    predecessor_plan_reasons,
)
from assessment.models import AssessmentYear, ImprovementPlan, ProvinceDecision, Status
from assessment.services.workflow import province_decision_record
from communes.models import Commune, Succession, year_day
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
        "Không được công nhận Trong sạch, vững mạnh"
    ]


def test_a_criterion_just_under_15_needs_a_plan_and_is_named():
    scores = ALL_15 | {6: Decimal("14.75")}
    assert plan_reasons(YearResult(final_class="good", tsvm=True, scores=scores)) == ["Tiêu thức 6 dưới 15 điểm"]


@pytest.mark.parametrize(
    "criticised, reminded, expected",
    [
        (True, False, ["Bị tỉnh phê bình"]),
        (False, True, ["Bị tỉnh nhắc nhở"]),
    ],
)
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
        "Báo cáo cấp ủy xem xét điều động công tác khác đối với Chủ tịch UBND xã"
    ]
    assert chair_reviews(YearResult(reminded=True), None) == ["Xem xét kiểm điểm trách nhiệm của lãnh đạo UBND xã"]
    twice = chair_reviews(YearResult(criticised=True), YearResult(criticised=True))
    assert twice[-1].startswith("Hai năm liền bị phê bình: xem xét kiểm điểm trách nhiệm Chủ tịch HĐND")


@pytest.mark.parametrize(
    "score, expected",
    [
        ("20", Evaluation.EXCELLENT),
        ("17", Evaluation.EXCELLENT),
        ("16.75", Evaluation.GOOD),
        ("13", Evaluation.GOOD),
        ("12.75", Evaluation.LIMITED),
        ("9", Evaluation.LIMITED),
        ("8.75", Evaluation.NOT_DONE),
        ("0", Evaluation.NOT_DONE),
        (None, None),
    ],
)
def test_each_criterion_suggests_the_civil_servants_evaluation_at_the_boundaries(score, expected):
    value = None if score is None else Decimal(score)
    [row] = criterion_evaluations([(4, "Tài chính, ngân sách", "Kế toán - tài chính", value, Decimal("20"))])
    assert (row.number, row.position, row.evaluation) == (4, "Kế toán - tài chính", expected)


# --- page ----------------------------------------------------------------------------------------


def _criticise(assessment, user, number="1/QĐ-UBND"):
    province_decision_record(
        assessment=assessment,
        expected_version=assessment.version,
        actor=user,
        kind="criticism",
        number=number,
        date=date(assessment.year.year + 1, 1, 15),
        reason="Sai phạm",
    )


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
    bulk_year(
        make_year(2020),
        communes,
        statuses=[Status.FINALIZED],
        criticise=communes[:10],
        recorder=province_staff(dienbien),
    )
    bulk_year(
        make_year(2021),
        communes,
        statuses=[Status.FINALIZED, Status.DISTRICT_APPROVED],
        criticise=communes[5:15],
        recorder=province_staff(dienbien),
    )
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


# --- across the merger of 01/07/2025 -------------------------------------------------------------


def test_a_merged_result_counts_as_criticised_when_any_predecessor_was():
    parts = [YearResult(unit="Phường Noong Bua"), YearResult(unit="Xã Thanh Xương", criticised=True)]
    merged = across_merger(parts)
    assert merged.criticised and not merged.reminded
    assert merged.criticised_units == ["Xã Thanh Xương"]
    assert criticised_two_years(YearResult(criticised=True), merged)
    assert not criticised_two_years(YearResult(criticised=True), across_merger([YearResult(unit="A", reminded=True)]))


def test_a_merged_communes_plan_reasons_name_each_predecessor():
    assert predecessor_plan_reasons([("Xã Thanh Xương", ["Bị tỉnh phê bình"]), ("Phường Noong Bua", [])]) == [
        "Xã Thanh Xương: Bị tỉnh phê bình"
    ]


def _unit(code: str, year: int) -> Commune:
    return Commune.objects.valid_on(year_day(year)).get(code=code)


@pytest.fixture
def merger(dienbien):
    """Xã Thanh Xương criticised in 2024; Phường Mường Thanh (its successor) criticised in 2025;
    Xã Mường Nhé (new, from Chung Chải, Mường Nhé and Nậm Vì, none criticised) criticised in 2025."""
    staff = province_staff(dienbien)
    make_year(2024)
    make_year(2025, has_district_level=False)
    thanh_xuong = make_assessment(_unit("3334", 2024), 2024, status=Status.FINALIZED, scores=12)
    _criticise(thanh_xuong, staff)
    make_assessment(_unit("3124", 2024), 2024, status=Status.FINALIZED, scores=18)
    make_assessment(_unit("3160", 2024), 2024, status=Status.FINALIZED, scores=12)
    _criticise(make_assessment(_unit("3334", 2025), 2025, status=Status.FINALIZED, scores=12), staff, "5/QĐ")
    _criticise(make_assessment(_unit("3160", 2025), 2025, status=Status.FINALIZED, scores=12), staff, "6/QĐ")
    return {"staff": staff, "thanh_xuong": thanh_xuong}


def test_a_successor_criticised_after_its_predecessor_appears_as_criticised_two_years_running(client, merger):
    client.force_login(merger["staff"])
    response = client.get(reverse("assessment:followups"), {"nam": 2025})
    data = response.context["data"]
    assert [r.commune.name for r in data.twice_criticised] == ["Phường Mường Thanh"]
    content = " ".join(response.content.decode().split())
    assert "năm 2024 (trước sáp nhập): Xã Thanh Xương bị phê bình" in content
    assert "bất kỳ đơn vị nào trước sáp nhập bị phê bình" in content  # the rule, stated on the page
    [row] = data.twice_criticised
    assert row.chair_reviews[-1].startswith("Hai năm liền bị phê bình")


def test_the_dashboard_list_names_the_same_successor_criticised_two_years_running(merger):
    from assessment.selectors import followups as lists

    communes = Commune.objects.valid_on(year_day(2025))
    year = AssessmentYear.objects.get(year=2025)
    assert [a.commune.name for a in lists.criticised_two_years(year, communes)] == ["Phường Mường Thanh"]


def test_the_follow_ups_of_a_year_without_districts_offer_no_district_filter(client, merger):
    client.force_login(merger["staff"])
    content = client.get(reverse("assessment:followups"), {"nam": 2025}).content.decode()
    assert 'name="huyen"' not in content


def test_a_merged_away_commune_needing_a_plan_is_covered_by_its_successors_plan(client, merger):
    from assessment.selectors import followups as lists

    plan_year = AssessmentYear.objects.get(year=2025)
    ImprovementPlan.objects.create(commune=_unit("3334", 2025), year=plan_year, status=ImprovementPlan.Status.SUBMITTED)
    client.force_login(merger["staff"])
    response = client.get(reverse("assessment:followups"), {"nam": 2024})
    data = response.context["data"]
    row = next(r for r in data.need_plan if r.commune.name == "Xã Thanh Xương")
    assert row.plan_commune.name == "Phường Mường Thanh" and row.plan.status == ImprovementPlan.Status.SUBMITTED
    assert "Xã Thanh Xương" not in [r.commune.name for r in data.missing_plans]
    assert "Xã Mường Nhé" in [r.commune.name for r in data.missing_plans]
    assert "Đã sáp nhập: Phường Mường Thanh lập kế hoạch" in response.content.decode()
    assert reverse("assessment:plan-edit", args=[2025, "3334"]) in response.content.decode()
    year = AssessmentYear.objects.get(year=2024)
    communes = Commune.objects.valid_on(year_day(2024))
    assert [a.commune.name for a in lists.missing_plans(year, communes)] == [r.commune.name for r in data.missing_plans]


def test_old_decisions_stay_on_the_old_commune(merger):
    assert list(
        ProvinceDecision.objects.filter(assessment__commune=_unit("3334", 2024)).values_list(
            "assessment__year__year", flat=True
        )
    ) == [2024]
    assert merger["thanh_xuong"].commune.name == "Xã Thanh Xương"


def test_the_follow_ups_across_the_merger_take_a_bounded_number_of_queries(
    client, dienbien, django_assert_max_num_queries
):
    staff = province_staff(dienbien)
    before = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2024)).order_by("code"))
    after = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2025)).order_by("code"))
    bulk_year(make_year(2024), before, statuses=[Status.FINALIZED], criticise=before[::3], recorder=staff)
    bulk_year(
        make_year(2025, has_district_level=False),
        after,
        statuses=[Status.FINALIZED],
        criticise=after[::2],
        recorder=staff,
    )
    make_year(2026, has_district_level=False)
    criticised_before = {c.pk for c in before[::3]}
    expected = sorted(
        c.name
        for c in after[::2]
        if Succession.objects.filter(successor=c, predecessor_id__in=criticised_before).exists()
    )
    client.force_login(staff)
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assessment:followups"), {"nam": 2025})
    data = response.context["data"]
    assert len(data.rows) == 45
    assert expected and sorted(r.commune.name for r in data.twice_criticised) == expected
