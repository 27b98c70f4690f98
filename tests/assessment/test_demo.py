"""seed_demo's assessment data: 2019-2024 on the 129 old communes of Điện Biên, 2025 and 2026 on the
45 new ones, consistent with the rules the pages apply, and idempotent."""

from collections import Counter
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import transaction
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
from communes.models import Commune, User, year_day

OLD_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)

MODELS = [
    AssessmentYear,
    Assessment,
    CriterionScore,
    AssessmentEvent,
    ProvinceDecision,
    ImprovementPlan,
    ImprovementPlanItem,
]


# The two tests that seed an empty database come first: the module's seeded state (below) lives until
# the module ends.
def test_the_whole_seed_runs_in_a_bounded_number_of_queries(db, django_assert_max_num_queries):
    """Bulk writes: about 45,000 rows in one query per ~80 rows (SQLite caps a query's parameters):
    ~350, plus the 2026 demo set's component items and item scores and every year's officials'
    ratings and follow-up actions: ~480."""
    communes_demo.seed()
    with django_assert_max_num_queries(520):
        demo.seed()


def test_seed_demo_command_prints_the_years(db, capsys):
    call_command("seed_demo")
    out = capsys.readouterr().out
    assert "2019: 129 assessments" in out and "locked" in out
    assert "2024: 129 assessments" in out and "2026: 45 assessments" in out
    assert "xa.thanhxuong" in out and "2019-2024, bản đồ cũ (129 xã)" in out
    assert "phuong.muongthanh" in out and "bản đồ mới (45 xã)" in out


@pytest.fixture(scope="module")
def seeded_once(django_db_setup, django_db_blocker) -> list[str]:
    """The demo seeded once for this module, in a transaction rolled back at its end (each test then
    runs in a savepoint of it, so what a test changes is undone)."""
    with django_db_blocker.unblock(), transaction.atomic():
        communes_demo.seed()
        yield demo.seed()
        transaction.set_rollback(True)


@pytest.fixture
def seeded(seeded_once, db) -> list[str]:
    return seeded_once


def _rules(year: AssessmentYear) -> list[ThresholdRule]:
    return [ThresholdRule(t.classification, t.min_total, t.min_each) for t in year.criteria_set.thresholds.all()]


def _final_scores(assessment: Assessment) -> dict[int, Decimal]:
    return {s.criterion.number: s.final_score for s in assessment.scores.all()}


def _snapshot() -> dict:
    return {
        "counts": {m.__name__: m.objects.count() for m in MODELS},
        "scores": list(
            CriterionScore.objects.order_by("pk").values_list(
                "pk", "self_score", "district_score", "final_score", "note", "district_comment", "version"
            )
        ),
        "assessments": list(
            Assessment.objects.order_by("pk").values_list(
                "pk", "status", "version", "final_total", "final_class", "tsvm", "submitted_at"
            )
        ),
        "years": list(AssessmentYear.objects.order_by("pk").values_list("pk", "is_locked", "self_deadline")),
    }


def test_each_year_has_an_assessment_with_20_scores_for_each_commune_of_its_map(seeded):
    for number in OLD_YEARS + (2025, 2026):
        on_map = set(
            Commune.objects.filter(province__code="11").valid_on(year_day(number)).values_list("pk", flat=True)
        )
        assert set(Assessment.objects.filter(year__year=number).values_list("commune_id", flat=True)) == on_map
        assert len(on_map) == (129 if number <= 2024 else 45)
    assert CriterionScore.objects.count() == (129 * 6 + 45 * 2) * 20
    assert not Assessment.objects.annotate(n=Count("scores")).exclude(n=20).exists()


def test_the_old_map_years_have_districts_and_are_locked_and_the_new_ones_are_open_without_districts(seeded):
    years = {y.year: y for y in AssessmentYear.objects.all()}
    assert [
        (y.self_deadline.strftime("%d/%m"), y.review_deadline.strftime("%d/%m"), y.confirm_deadline.strftime("%d/%m"))
        for y in years.values()
    ] == [("15/11", "30/11", "20/12")] * 8
    assert all(years[n].is_locked and years[n].has_district_level for n in OLD_YEARS)
    assert years[2019].locked_by.username == "sonoivu"
    assert not any(years[n].is_locked or years[n].has_district_level for n in (2025, 2026))


def test_every_year_but_2026_is_finalized_with_the_class_and_tsvm_that_classify_gives(seeded):
    for assessment in (
        Assessment.objects.exclude(year__year=2026)
        .select_related("year__criteria_set")
        .prefetch_related("scores__criterion", "decisions")
    ):
        assert assessment.status == Status.FINALIZED
        result = classify(
            _final_scores(assessment),
            _rules(assessment.year),
            max_total=Decimal("400"),
            has_violation=assessment.decisions.exists(),
        )
        assert (assessment.final_class, assessment.tsvm, assessment.final_total) == (
            result.classification,
            result.tsvm_eligible,
            result.total,
        ), assessment


def test_the_classes_spread_like_the_plan_baseline(seeded):
    classes = Counter(Assessment.objects.filter(year__year=2020).values_list("final_class", flat=True))
    assert 28 <= classes["good"] <= 42
    assert 70 <= classes["fair"] <= 90
    assert 6 <= classes["average"] <= 15
    assert 1 <= classes["weak"] <= 5
    assert 50 <= Assessment.objects.filter(year__year=2020, tsvm=True).count() <= 70


def test_e_government_and_administrative_reform_are_the_weakest_fields_province_wide(seeded):
    averages = dict(
        CriterionScore.objects.filter(assessment__year__year=2020)
        .values("criterion__number")
        .annotate(avg=Avg("final_score"))
        .values_list("criterion__number", "avg")
    )
    weakest = sorted(averages, key=averages.get)[:3]
    assert {20, 12} <= set(weakest)


def test_at_least_two_communes_are_criticised_in_both_2019_and_2020(seeded):
    def criticised(year: int) -> set[str]:
        return set(
            ProvinceDecision.objects.filter(kind="criticism", assessment__year__year=year).values_list(
                "assessment__commune__code", flat=True
            )
        )

    assert len(criticised(2019) & criticised(2020)) >= 2
    numbers = set(ProvinceDecision.objects.values_list("number", flat=True))
    assert all(n.endswith("/QĐ-UBND") for n in numbers)
    assert ProvinceDecision.objects.filter(kind="reminder").exists()


def test_the_classes_of_2025_on_the_45_new_communes_spread_like_the_old_years(seeded):
    classes = Counter(Assessment.objects.filter(year__year=2025).values_list("final_class", flat=True))
    assert 10 <= classes["good"] <= 20 and 20 <= classes["fair"] <= 32 and classes["weak"] >= 1


def test_2026_has_communes_in_every_state_of_the_workflow(seeded):
    states = Counter(Assessment.objects.filter(year__year=2026).values_list("status", flat=True))
    assert set(states) == set(Status.values)
    assert all(count >= 2 for count in states.values()), states


def test_the_new_demo_communes_are_ready_for_their_users_in_2026(seeded):
    muong_thanh = Assessment.objects.get(year__year=2026, commune__name="Phường Mường Thanh")
    scored = muong_thanh.scores.exclude(self_score=None).count()
    assert muong_thanh.status == Status.DRAFT and 15 <= scored < 20
    muong_nhe = Assessment.objects.get(year__year=2026, commune__code="3160", commune__district=None)
    assert muong_nhe.status == Status.RETURNED
    assert 1 <= muong_nhe.scores.exclude(district_comment="").count() <= 2
    assert muong_nhe.events.filter(to_status=Status.RETURNED).exclude(comment="").exists()
    for username in ("thamdinh.1", "thamdinh.2"):
        assigned = User.objects.get(username=username).review_communes.all()
        assert Assessment.objects.filter(year__year=2026, commune__in=assigned, status=Status.SUBMITTED).count() >= 3


def test_the_old_demo_communes_show_their_history(seeded):
    thanh_xuong = Commune.objects.get(name="Xã Thanh Xương")
    assert list(thanh_xuong.assessments.order_by("year__year").values_list("year__year", "status")) == [
        (n, Status.FINALIZED) for n in OLD_YEARS
    ]


def test_the_years_without_districts_are_reviewed_by_the_assigned_province_reviewer(seeded):
    for assessment in Assessment.objects.filter(year__year__in=[2025, 2026]).prefetch_related(
        "events__actor__review_communes"
    ):
        reviews = [e for e in assessment.events.all() if e.to_status in (Status.RETURNED, Status.DISTRICT_APPROVED)]
        assert all(e.actor.role == "province_reviewer" for e in reviews), assessment
        assert all(assessment.commune in e.actor.review_communes.all() for e in reviews), assessment
    old = AssessmentEvent.objects.filter(assessment__year__year=2024, to_status=Status.DISTRICT_APPROVED)
    assert set(old.exclude(actor=None).values_list("actor__role", flat=True)) == {"district_reviewer"}
    texts = CriterionScore.objects.filter(assessment__year__year__in=[2025, 2026]).exclude(district_comment="")
    assert texts.exists() and not any("huyện" in t for t in texts.values_list("district_comment", flat=True))


def test_a_new_commune_is_criticised_in_2025_after_a_predecessor_was_criticised_in_2024(seeded):
    def criticised(year: int) -> set[int]:
        return set(
            ProvinceDecision.objects.filter(kind="criticism", assessment__year__year=year).values_list(
                "assessment__commune_id", flat=True
            )
        )

    in_2024 = criticised(2024)
    assert any(
        set(Commune.objects.get(pk=pk).predecessors.values_list("pk", flat=True)) & in_2024 for pk in criticised(2025)
    )


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


@pytest.mark.parametrize("year", [2021, 2026])
def test_some_communes_that_need_an_improvement_plan_have_one_and_some_do_not(seeded, year):
    needing = (
        Assessment.objects.filter(year__year=year - 1)
        .exclude(final_class="good", tsvm=True)
        .values_list("commune_id", flat=True)
    )
    plans = ImprovementPlan.objects.filter(year__year=year)
    assert set(plans.values_list("commune_id", flat=True)) < set(needing)
    assert plans.filter(status="submitted").exists() and plans.filter(status="draft").exists()
    # By criterion number: 2026 has its own (demo) criteria set, a plan builds on the year before's.
    last_year = {
        (s.assessment.commune_id, s.criterion.number): s.final_score
        for s in CriterionScore.objects.filter(assessment__year__year=year - 1).select_related(
            "assessment", "criterion"
        )
    }
    for item in (
        ImprovementPlanItem.objects.filter(plan__year__year=year)
        .exclude(target_score=None)
        .select_related("plan", "criterion")
    ):
        assert item.target_score >= last_year[(item.plan.commune_id, item.criterion.number)]


def test_running_it_again_changes_nothing(seeded):
    before = _snapshot()
    lines = demo.seed()
    assert _snapshot() == before
    assert all("already seeded" in line for line in lines), lines


def test_a_missing_commune_year_is_topped_up_with_the_same_numbers(seeded):
    original = Assessment.objects.get(year__year=2026, commune__code="3160")
    scores = list(original.scores.order_by("criterion__number").values_list("self_score", "note", "district_comment"))
    original.delete()
    demo.seed()
    again = Assessment.objects.get(year__year=2026, commune__code="3160")
    assert again.status == Status.RETURNED
    assert (
        list(again.scores.order_by("criterion__number").values_list("self_score", "note", "district_comment")) == scores
    )


def test_scores_and_history_carry_dates_of_their_own_year_not_the_day_of_seeding(seeded):
    for year in OLD_YEARS + (2025, 2026):
        scores = CriterionScore.objects.filter(assessment__year__year=year)
        assert set(scores.values_list("updated_at__year", flat=True)) == {year}
        events = AssessmentEvent.objects.filter(assessment__year__year=year).exclude(kind="decision")
        assert set(events.values_list("at__year", flat=True)) == {year}
