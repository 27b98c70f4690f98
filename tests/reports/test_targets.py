"""The plan's targets, shares, colour bands, terms and "what keeps a commune from the next class":
plain rules, no database."""

from datetime import date
from decimal import Decimal

import pytest

from assessment.classification import ThresholdRule
from reports.rules import next_class
from reports.targets import (
    PLAN_703_TARGETS,
    annual_report_due,
    band,
    evaluate_targets,
    half_year_report_due,
    share,
    term_of,
    term_years,
)

ALL_MET = {"tsvm": 65, "good": 30, "fair": 85, "average": 5, "weak": 0}
RULES = [ThresholdRule("good", Decimal(340), Decimal(15)), ThresholdRule("fair", Decimal(280), Decimal(10)),
         ThresholdRule("average", Decimal(200), Decimal(0))]


def _verdicts(counts: dict[str, int]) -> dict[str, bool]:
    return {r.target.key: r.met for r in evaluate_targets(counts, finalized=129, communes=129)}


def test_the_plan_targets_are_met_exactly_at_their_boundaries():
    assert _verdicts(ALL_MET) == dict.fromkeys(ALL_MET, True)


@pytest.mark.parametrize(("key", "count"), [("tsvm", 64), ("good", 29), ("fair", 84), ("average", 6), ("weak", 1)])
def test_one_commune_on_the_wrong_side_of_a_boundary_misses_that_target(key, count):
    verdicts = _verdicts(ALL_MET | {key: count})
    assert verdicts[key] is False
    assert all(met for other, met in verdicts.items() if other != key)


def test_the_gap_says_how_many_communes_are_missing_or_too_many():
    results = {r.target.key: r for r in evaluate_targets({"tsvm": 60, "average": 8, "weak": 2},
                                                           finalized=129, communes=129)}
    assert (results["tsvm"].gap, results["average"].gap, results["weak"].gap) == (5, 3, 2)


def test_targets_are_provisional_until_every_commune_is_confirmed():
    assert all(r.provisional for r in evaluate_targets(ALL_MET, finalized=100, communes=129))
    assert not any(r.provisional for r in evaluate_targets(ALL_MET, finalized=129, communes=129))


def test_targets_are_written_as_the_plan_writes_them():
    assert [str(t) for t in PLAN_703_TARGETS] == ["≥ 65", "≥ 30", "≥ 85", "< 6", "= 0"]


def test_a_share_has_one_decimal_and_none_without_a_base():
    assert share(1, 3) == Decimal("33.3")
    assert share(2, 3) == Decimal("66.7")
    assert share(0, 0) is None


@pytest.mark.parametrize(("score", "expected"), [(Decimal("17"), "excellent"), (Decimal("16.99"), "good"),
                                                 (Decimal("15"), "good"), (Decimal("13"), "fair"),
                                                 (Decimal("12.75"), "low"), (Decimal("8.99"), "poor"),
                                                 (None, "none")])
def test_average_scores_fall_in_the_plans_bands(score, expected):
    assert band(score) == expected


def test_bands_scale_to_the_criterions_maximum():
    assert band(Decimal("8.5"), Decimal("10")) == "excellent"


def test_district_reports_are_due_the_day_before_the_plans_dates():
    assert half_year_report_due(2021) == date(2021, 6, 18)
    assert annual_report_due(2021) == date(2022, 1, 19)


def test_the_2021_to_2025_results_belong_to_the_2021_2026_term():
    assert term_of(2021) == term_of(2025) == (2021, 2026)
    assert term_of(2026) == (2026, 2031)
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
    assert next_class(dict.fromkeys(range(1, 21), Decimal(18)), RULES, "good", max_total=Decimal(400)).classification is None
