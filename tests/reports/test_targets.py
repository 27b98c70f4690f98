"""A year's targets against its results (counts against counts, shares against shares), shares,
colour bands, terms and "what keeps a commune from the next class". Targets come from the year's rows
only: plan 703's for 2021, the demo's shares for 2026, nothing for a year without rows."""

from datetime import date
from decimal import Decimal

import pytest

from assessment.classification import ThresholdRule
from assessment.models import YearTarget
from assessment.services.targets import targets_seed_demo, targets_seed_plan_703
from reports.rules import next_class
from reports.selectors import ClassCounts
from reports.targets import (
    annual_report_due,
    as_ratio_target,
    band,
    evaluate_targets,
    half_year_report_due,
    ratio_targets,
    share,
    targets_by_year,
    targets_of,
    term_of,
    term_years,
    year_targets,
)
from tests.assessment.factories import make_year

ALL_MET = {"tsvm": 65, "good": 30, "fair": 85, "average": 5, "weak": 0}
RULES = [
    ThresholdRule("good", Decimal(340), Decimal(15)),
    ThresholdRule("fair", Decimal(280), Decimal(10)),
    ThresholdRule("average", Decimal(200), Decimal(0)),
]


@pytest.fixture
def plan_703(db) -> None:
    make_year(2021)
    targets_seed_plan_703(year=2021)


@pytest.fixture
def demo_2026(db) -> None:
    make_year(2026, has_district_level=False)
    targets_seed_demo(year=2026)


def _verdicts(counts: dict[str, int], year: int = 2021, communes: int = 129) -> dict[str, bool]:
    return {r.target.key: r.met for r in evaluate_targets(counts, finalized=communes, communes=communes, year=year)}


def test_the_plan_targets_are_met_exactly_at_their_boundaries(plan_703):
    assert _verdicts(ALL_MET) == dict.fromkeys(ALL_MET, True)


@pytest.mark.parametrize(("key", "count"), [("tsvm", 64), ("good", 29), ("fair", 84), ("average", 6), ("weak", 1)])
def test_one_commune_on_the_wrong_side_of_a_boundary_misses_that_target(plan_703, key, count):
    verdicts = _verdicts(ALL_MET | {key: count})
    assert verdicts[key] is False
    assert all(met for other, met in verdicts.items() if other != key)


def test_the_gap_says_how_many_communes_are_missing_or_too_many(plan_703):
    results = {
        r.target.key: r
        for r in evaluate_targets({"tsvm": 60, "average": 8, "weak": 2}, finalized=129, communes=129, year=2021)
    }
    assert (results["tsvm"].gap, results["average"].gap, results["weak"].gap) == (5, 3, 2)


def test_targets_are_provisional_until_every_commune_is_confirmed(plan_703):
    assert all(r.provisional for r in evaluate_targets(ALL_MET, finalized=100, communes=129, year=2021))
    assert not any(r.provisional for r in evaluate_targets(ALL_MET, finalized=129, communes=129, year=2021))


def test_count_targets_are_written_with_their_unit(plan_703):
    assert [str(t) for t in targets_of(2021)] == ["≥ 65 xã", "≥ 30 xã", "≥ 85 xã", "< 6 xã", "= 0 xã"]
    assert [str(t.label) for t in targets_of(2021)] == ["Trong sạch, vững mạnh", "Tốt", "Khá", "Trung bình", "Yếu"]


def test_a_share_target_over_45_communes_is_met_by_23_tsvm_communes(demo_2026):
    results = {
        r.target.key: r for r in evaluate_targets({"tsvm": 23, "good": 11}, finalized=45, communes=45, year=2026)
    }
    tsvm = results["tsvm"]
    assert (str(tsvm.target), tsvm.count, tsvm.actual, tsvm.actual_text, tsvm.met) == (
        "≥ 50 %",
        23,
        Decimal("51.1"),
        "51,1 %",
        True,
    )
    good = results["good"]  # 11 of 45 is 24.4 %, one commune short of 25 %
    assert (str(good.target), good.actual_text, good.met, good.gap) == ("≥ 25 %", "24,4 %", False, 1)


def test_a_share_is_decided_without_rounding_at_its_boundary(demo_2026):
    assert _verdicts({"tsvm": 22}, year=2026, communes=45)["tsvm"] is False  # 48.9 %
    assert _verdicts({"tsvm": 2}, year=2026, communes=4)["tsvm"] is True  # exactly 50 %
    assert _verdicts({"average": 2}, year=2026, communes=40)["average"] is False  # exactly 5 % is not below 5 %


def test_share_targets_are_written_with_a_percent_sign(demo_2026):
    assert [str(t) for t in targets_of(2026)] == ["≥ 50 %", "≥ 25 %", "≥ 65 %", "< 5 %", "= 0 %"]
    assert all(t.is_demo for t in targets_of(2026))


def test_a_year_without_rows_has_no_target_not_plan_703s(plan_703):
    make_year(2025, has_district_level=False)
    assert targets_of(2025) == []
    assert evaluate_targets(ALL_MET, finalized=45, communes=45, year=2025) == []
    # The former call, without a year, no longer falls back on any plan.
    assert evaluate_targets(ALL_MET, finalized=129, communes=129) == []


def test_the_years_rows_decide_not_the_code(plan_703):
    YearTarget.objects.filter(year__year=2021, metric="tsvm").update(value=60)
    assert _verdicts(ALL_MET | {"tsvm": 62})["tsvm"] is True
    assert str(targets_of(2021)[0]) == "≥ 60 xã"


def test_a_dashboards_targets_cost_one_query_and_take_shares_of_the_communes_assessed(
    demo_2026, django_assert_num_queries
):
    from assessment.models import AssessmentYear

    year = AssessmentYear.objects.get(year=2026)
    total = ClassCounts(communes=45, assessed=45, finalized=40, good=11, fair=30, average=2, weak=0, tsvm=23)
    with django_assert_num_queries(1):
        results = year_targets(year, total)
    assert [(r.target.key, r.met, r.provisional) for r in results] == [
        ("tsvm", True, True),
        ("good", False, True),
        ("fair", True, True),
        ("average", True, True),
        ("weak", True, True),
    ]


def test_several_years_targets_come_in_one_query(plan_703, demo_2026, django_assert_num_queries):
    with django_assert_num_queries(1):
        found = targets_by_year([2021, 2025, 2026])
    assert sorted(found) == [2021, 2026]
    assert [t.unit for t in found[2021]] == ["count"] * 5 and [t.unit for t in found[2026]] == ["share"] * 5


def test_the_officials_and_offices_ratio_targets_are_the_years_too(plan_703):
    targets = ratio_targets(2021)
    assert str(targets["general"]) == "> 70 %"
    assert str(as_ratio_target(targets["general"])) == "> 70%"
    assert as_ratio_target(targets["civil_servant_university"]).met_by(60, 100) is True
    assert as_ratio_target(targets["office_solid"]).met_by(95, 100) is False
    assert ratio_targets(2026) == {}


def test_a_share_has_one_decimal_and_none_without_a_base():
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) is None


@pytest.mark.parametrize(
    ("score", "expected"),
    [
        (Decimal("17"), "excellent"),
        (Decimal("16.99"), "good"),
        (Decimal("15"), "good"),
        (Decimal("13"), "fair"),
        (Decimal("12.75"), "low"),
        (Decimal("8.99"), "poor"),
        (None, "none"),
    ],
)
def test_average_scores_fall_in_the_plans_bands(score, expected):
    assert band(score) == expected


def test_bands_scale_to_the_criterions_maximum():
    assert band(Decimal("8.5"), Decimal("10")) == "excellent"


def test_district_reports_are_due_the_day_before_the_plans_dates():
    assert half_year_report_due(2021) == date(2021, 6, 18)
    assert annual_report_due(2021) == date(2022, 1, 19)


def test_the_reports_read_the_terms_from_the_years():
    assert term_of(2025) == (2021, 2026) and term_of(2026) == (2026, 2031)
    assert term_years(2023) == [2021, 2022, 2023]


def test_a_fair_commune_is_told_which_criteria_and_total_keep_it_from_good():
    scores = dict.fromkeys(range(1, 21), Decimal(18)) | {4: Decimal(12)}
    result = next_class(scores, RULES, "fair", max_total=Decimal(400))
    assert result.classification == "good"
    assert result.reasons == ["Tiêu thức 4 đạt 12 < 15 nên chưa đạt Tốt"]


def test_a_commune_short_on_the_total_is_told_the_total():
    scores = dict.fromkeys(range(1, 21), Decimal(15))
    result = next_class(scores, RULES, "fair", max_total=Decimal(400))
    assert result.reasons == ["Tổng 300/400 < 340 nên chưa đạt Tốt"]


def test_a_good_commune_has_no_class_above():
    assert (
        next_class(dict.fromkeys(range(1, 21), Decimal(18)), RULES, "good", max_total=Decimal(400)).classification
        is None
    )
