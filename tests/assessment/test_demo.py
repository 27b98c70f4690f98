"""seed_demo's assessment data: three years for all 129 communes of Điện Biên, consistent with the
rules the pages apply, and idempotent."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Avg, Count

from assessment import demo
from assessment.classification import ThresholdRule, classify
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    CriterionScore,
    ImprovementPlan,
    ImprovementPlanItem,
    ProvinceDecision,
    Status,
)
from communes import demo as communes_demo

MODELS = [AssessmentYear, Assessment, CriterionScore, AssessmentEvent, ProvinceDecision, ImprovementPlan,
          ImprovementPlanItem]


@pytest.fixture
def seeded(db) -> list[str]:
    communes_demo.seed()
    return demo.seed()


def _rules(year: AssessmentYear) -> list[ThresholdRule]:
    return [ThresholdRule(t.classification, t.min_total, t.min_each) for t in year.criteria_set.thresholds.all()]


def _final_scores(assessment: Assessment) -> dict[int, Decimal]:
    return {s.criterion.number: s.final_score for s in assessment.scores.all()}


def _snapshot() -> dict:
    return {
        "counts": {m.__name__: m.objects.count() for m in MODELS},
        "scores": list(CriterionScore.objects.order_by("pk").values_list(
            "pk", "self_score", "district_score", "final_score", "note", "district_comment", "version")),
        "assessments": list(Assessment.objects.order_by("pk").values_list(
            "pk", "status", "version", "final_total", "final_class", "tsvm", "submitted_at")),
        "years": list(AssessmentYear.objects.order_by("pk").values_list("pk", "is_locked", "self_deadline")),
    }


def test_it_creates_three_years_with_an_assessment_and_20_scores_for_each_of_the_129_communes(seeded):
    for number in (2019, 2020, 2021):
        assert Assessment.objects.filter(year__year=number).count() == 129
    assert CriterionScore.objects.count() == 129 * 3 * 20
    assert not Assessment.objects.annotate(n=Count("scores")).exclude(n=20).exists()


def test_the_years_have_the_deadlines_and_only_2019_is_locked(seeded):
    years = {y.year: y for y in AssessmentYear.objects.all()}
    assert [(y.self_deadline.strftime("%d/%m"), y.review_deadline.strftime("%d/%m"),
             y.confirm_deadline.strftime("%d/%m")) for y in years.values()] == [("15/11", "30/11", "20/12")] * 3
    assert years[2019].is_locked and years[2019].locked_by.username == "sonoivu"
    assert not years[2020].is_locked and not years[2021].is_locked


def test_2019_and_2020_are_finalized_with_the_class_and_tsvm_that_classify_gives(seeded):
    for assessment in Assessment.objects.filter(year__year__in=[2019, 2020]).select_related("year__criteria_set") \
            .prefetch_related("scores__criterion", "decisions"):
        assert assessment.status == Status.FINALIZED
        result = classify(_final_scores(assessment), _rules(assessment.year), max_total=Decimal("400"),
                          has_violation=assessment.decisions.exists())
        assert (assessment.final_class, assessment.tsvm, assessment.final_total) == (
            result.classification, result.tsvm_eligible, result.total), assessment


def test_the_classes_spread_like_the_plan_baseline(seeded):
    classes = Counter(Assessment.objects.filter(year__year=2020).values_list("final_class", flat=True))
    assert 28 <= classes["good"] <= 42
    assert 70 <= classes["fair"] <= 90
    assert 6 <= classes["average"] <= 15
    assert 1 <= classes["weak"] <= 5
    assert 50 <= Assessment.objects.filter(year__year=2020, tsvm=True).count() <= 70


def test_e_government_and_administrative_reform_are_the_weakest_fields_province_wide(seeded):
    averages = dict(CriterionScore.objects.filter(assessment__year__year=2020).values("criterion__number")
                    .annotate(avg=Avg("final_score")).values_list("criterion__number", "avg"))
    weakest = sorted(averages, key=averages.get)[:3]
    assert {20, 12} <= set(weakest)


def test_at_least_two_communes_are_criticised_in_both_2019_and_2020(seeded):
    def criticised(year: int) -> set[str]:
        return set(ProvinceDecision.objects.filter(kind="criticism", assessment__year__year=year)
                   .values_list("assessment__commune__code", flat=True))

    assert len(criticised(2019) & criticised(2020)) >= 2
    numbers = set(ProvinceDecision.objects.values_list("number", flat=True))
    assert all(n.endswith("/QĐ-UBND") for n in numbers)
    assert ProvinceDecision.objects.filter(kind="reminder").exists()


def test_2021_has_communes_in_every_state_of_the_workflow(seeded):
    states = Counter(Assessment.objects.filter(year__year=2021).values_list("status", flat=True))
    assert set(states) == set(Status.values)
    assert all(count >= 3 for count in states.values()), states


def test_the_demo_communes_are_ready_for_their_users(seeded):
    thanh_xuong = Assessment.objects.get(year__year=2021, commune__code="3334")
    scored = thanh_xuong.scores.exclude(self_score=None).count()
    assert thanh_xuong.status == Status.DRAFT and 15 <= scored < 20
    muong_nhe = Assessment.objects.get(year__year=2021, commune__code="3160")
    assert muong_nhe.status == Status.RETURNED
    assert 1 <= muong_nhe.scores.exclude(district_comment="").count() <= 2
    assert muong_nhe.events.filter(to_status=Status.RETURNED).exclude(comment="").exists()
    for district in ("100", "96"):
        assert Assessment.objects.filter(year__year=2021, commune__district__code=district,
                                         status=Status.SUBMITTED).count() >= 3


def test_every_self_score_below_the_maximum_is_explained(seeded):
    below = CriterionScore.objects.exclude(self_score=None).filter(self_score__lt=Decimal("20"))
    assert below.exists()
    assert not below.filter(note="").exists()
    values = CriterionScore.objects.exclude(self_score=None).values_list("self_score", flat=True)
    assert all((v * 4) == (v * 4).to_integral_value() and 0 <= v <= 20 for v in values)


def test_every_assessment_beyond_draft_has_a_timeline_matching_its_state(seeded):
    for assessment in Assessment.objects.exclude(status=Status.DRAFT).prefetch_related("events"):
        last = max((e for e in assessment.events.all() if e.kind == "transition"), key=lambda e: e.at)
        assert last.to_status == assessment.status, assessment
    assert AssessmentEvent.objects.filter(kind="score", assessment__status=Status.DRAFT).exists()


def test_some_communes_that_need_an_improvement_plan_have_one_and_some_do_not(seeded):
    needing = Assessment.objects.filter(year__year=2020).exclude(final_class="good", tsvm=True) \
        .values_list("commune_id", flat=True)
    plans = ImprovementPlan.objects.filter(year__year=2021)
    assert set(plans.values_list("commune_id", flat=True)) < set(needing)
    assert plans.filter(status="submitted").exists() and plans.filter(status="draft").exists()
    last_year = {(s.assessment.commune_id, s.criterion_id): s.final_score
                 for s in CriterionScore.objects.filter(assessment__year__year=2020).select_related("assessment")}
    for item in ImprovementPlanItem.objects.exclude(target_score=None).select_related("plan"):
        assert item.target_score >= last_year[(item.plan.commune_id, item.criterion_id)]


def test_running_it_again_changes_nothing(seeded):
    before = _snapshot()
    lines = demo.seed()
    assert _snapshot() == before
    assert all("already seeded" in line for line in lines), lines


def test_a_missing_commune_year_is_topped_up_with_the_same_numbers(seeded):
    original = Assessment.objects.get(year__year=2021, commune__code="3160")
    scores = list(original.scores.order_by("criterion__number").values_list("self_score", "note", "district_comment"))
    original.delete()
    demo.seed()
    again = Assessment.objects.get(year__year=2021, commune__code="3160")
    assert again.status == Status.RETURNED
    assert list(again.scores.order_by("criterion__number").values_list(
        "self_score", "note", "district_comment")) == scores


def test_the_whole_seed_runs_in_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    """Bulk writes: about 12,000 rows in at most one query per ~80 rows (SQLite caps a query's parameters)."""
    communes_demo.seed()
    with django_assert_max_num_queries(200):
        demo.seed()


def test_seed_demo_command_prints_the_years(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "2019: 129 assessments" in out and "locked" in out
    assert "2021: 129 assessments" in out


def test_scores_and_history_carry_dates_of_their_own_year_not_the_day_of_seeding(seeded):
    for year in (2019, 2020, 2021):
        scores = CriterionScore.objects.filter(assessment__year__year=year)
        assert set(scores.values_list("updated_at__year", flat=True)) == {year}
        events = AssessmentEvent.objects.filter(assessment__year__year=year).exclude(kind="decision")
        assert set(events.values_list("at__year", flat=True)) == {year}
