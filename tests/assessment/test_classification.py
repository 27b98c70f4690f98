"""classify(): every threshold's boundary, and properties that must hold for any scores (hypothesis)."""

from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from assessment.classification import ThresholdRule, classify
from assessment.data import decision_34_2011
from assessment.models.criteria import CLASS_RANK, Classification

RULES = [ThresholdRule(c, total, each) for c, total, each in decision_34_2011.THRESHOLDS]
MAX_TOTAL = Decimal("400")
D = Decimal


def run(values: list[Decimal], rules=RULES, **kwargs):
    return classify({n: v for n, v in enumerate(values, start=1)}, rules, max_total=MAX_TOTAL, **kwargs)


def spread(total: str, floor: str) -> list[Decimal]:
    """20 scores adding up to ``total``, none below ``floor`` (and none above 20)."""
    remaining, values = D(total) - D(floor) * 20, [D(floor)] * 20
    for i in range(20):
        extra = min(D("20") - values[i], remaining)
        values[i] += extra
        remaining -= extra
    assert remaining == 0 and sum(values) == D(total)
    return values


# (total, every criterion at least, expected class): at each threshold and a quarter point below it.
@pytest.mark.parametrize(
    ("total", "floor", "expected"),
    [
        ("340", "15", Classification.GOOD),
        ("339.75", "15", Classification.FAIR),
        ("280", "10", Classification.FAIR),
        ("279.75", "10", Classification.AVERAGE),
        ("200", "0", Classification.AVERAGE),
        ("199.75", "0", Classification.WEAK),
        ("400", "20", Classification.GOOD),
        ("0", "0", Classification.WEAK),
    ],
)
def test_the_total_boundary_of_every_class(total, floor, expected):
    assert run(spread(total, floor)).classification == expected


@pytest.mark.parametrize(
    ("low", "expected"),
    [
        ("15", Classification.GOOD),
        ("14.75", Classification.FAIR),
        ("10", Classification.FAIR),
        ("9.75", Classification.AVERAGE),
    ],
)
def test_the_every_criterion_boundary_of_every_class(low, expected):
    values = [D("20")] * 19 + [D(low)]
    assert run(values).classification == expected


def test_the_reasons_say_why_in_words():
    result = run(spread("336", "15"))
    assert result.classification == Classification.FAIR
    assert "Tổng 336/400 < 340 nên chưa đạt Tốt" in result.reasons
    low = run([D("20")] * 6 + [D("12")] + [D("20")] * 13)
    assert "Tiêu thức 7 đạt 12 < 15 nên chưa đạt Tốt" in low.reasons
    assert "Tiêu thức 7 dưới 15 điểm" in low.tsvm_reasons[0]


def test_tsvm_needs_fair_or_better_every_criterion_at_15_and_no_violation():
    at_fifteen = run([D("15")] * 20)
    assert at_fifteen.classification == Classification.FAIR and at_fifteen.tsvm_eligible is True
    average = run([D("20")] * 10 + [D("0")] * 10)
    assert average.classification == Classification.AVERAGE and average.tsvm_eligible is False
    assert "Xếp loại Trung bình, chưa đạt Khá trở lên" in average.tsvm_reasons
    assert run([D("17")] * 20, has_violation=True).tsvm_eligible is False
    assert run([D("20")] * 19 + [D("14.75")]).tsvm_eligible is False


def test_unscored_criteria_count_as_zero_and_are_named():
    result = classify({1: None, 2: D("20")}, RULES, max_total=D("40"))
    assert result.total == D("20") and result.unscored == [1]
    assert result.reasons[0].startswith("Còn 1 tiêu thức chưa chấm")


# --- properties ---------------------------------------------------------------------------------

quarter = st.integers(min_value=0, max_value=80).map(lambda q: D(q) / 4)
scores20 = st.lists(quarter, min_size=20, max_size=20)
rule_table = st.lists(
    st.tuples(st.integers(0, 400).map(lambda q: D(q)), st.integers(0, 80).map(lambda q: D(q) / 4)),
    min_size=3,
    max_size=3,
).map(
    lambda rows: [
        ThresholdRule(c, total, each)
        for c, (total, each) in zip(
            [Classification.GOOD, Classification.FAIR, Classification.AVERAGE], rows, strict=True
        )
    ]
)


@settings(max_examples=300, deadline=None)
@given(scores20, st.integers(0, 19), st.integers(1, 80), rule_table)
def test_raising_any_score_never_lowers_the_class(values, index, quarters, rules):
    before = run(values, rules)
    raised = list(values)
    raised[index] = min(D("20"), raised[index] + D(quarters) / 4)
    after = run(raised, rules)
    assert CLASS_RANK[after.classification] >= CLASS_RANK[before.classification]
    assert after.tsvm_eligible or not before.tsvm_eligible


@settings(max_examples=300, deadline=None)
@given(scores20)
def test_the_reasons_always_name_every_failing_rule_above_the_class(values):
    result = run(values)
    total = sum(values)
    rank = CLASS_RANK[result.classification]
    for rule in RULES:
        label = Classification(rule.classification).label
        if CLASS_RANK[rule.classification] <= rank:
            continue  # the class reached and those below it are not failures
        failing_total = total < rule.min_total
        low = [n for n, v in enumerate(values, start=1) if v < rule.min_each]
        assert failing_total or low, "a better class was refused without a failing condition"
        if failing_total:
            assert any(r.startswith("Tổng ") and f"chưa đạt {label}" in r for r in result.reasons)
        for n in low:
            assert any(r.startswith(f"Tiêu thức {n} đạt ") and f"chưa đạt {label}" in r for r in result.reasons)
    if result.classification != Classification.WEAK:
        assert any(r.startswith(f"Đạt {result.label}") for r in result.reasons)
    else:
        assert result.reasons[-1] == "Không đạt ngưỡng nào nên xếp loại Yếu"


@settings(max_examples=200, deadline=None)
@given(scores20)
def test_tsvm_reasons_name_every_criterion_under_15(values):
    result = run(values)
    low = [n for n, v in enumerate(values, start=1) if v < 15]
    if low:
        assert result.tsvm_eligible is False
        assert any(", ".join(map(str, low)) in r for r in result.tsvm_reasons)
    else:
        assert not any("dưới" in r for r in result.tsvm_reasons)
