"""Compliance and the plan's ratios as pure rules: no database."""

from datetime import date
from decimal import Decimal

import pytest

from communes.profile.rules import Target
from personnel.rules import (
    OfficialFacts,
    Qualifications,
    Requirement,
    TransferFacts,
    applicable_requirement,
    commune_on,
    compliance,
    counted_officials,
    dimension_rows,
    serving_on,
    standard_ratios,
)

FROM = date(2019, 12, 25)
# The default standards shipped by the personnel migration, per category.
CADRE = Requirement(1, FROM, min_general_education=3, min_professional_level=2, min_political_theory=2, min_it_level=1)
SERVANT = Requirement(2, FROM, min_general_education=3, min_professional_level=2, min_it_level=1)
PART_TIME = Requirement(3, FROM, min_general_education=2)
VILLAGE = Requirement(4, FROM, min_general_education=1)
ALL = [CADRE, SERVANT, PART_TIME, VILLAGE]


def q(**levels) -> Qualifications:
    base = {"general_education": 3, "professional_level": 2, "political_theory": 2, "it_level": 1}
    return Qualifications(**{**base, **levels})


@pytest.mark.parametrize(
    "requirement, at_minimum, one_below, missing",
    [
        (CADRE, q(), q(political_theory=1), "Thiếu: LLCT trung cấp"),
        (CADRE, q(), q(professional_level=1), "Thiếu: Chuyên môn trung cấp"),
        (SERVANT, q(political_theory=0), q(political_theory=0, professional_level=1), "Thiếu: Chuyên môn trung cấp"),
        (SERVANT, q(), q(it_level=0), "Thiếu: Tin học cơ bản"),
        (PART_TIME, Qualifications(general_education=2), Qualifications(general_education=1), "Thiếu: Văn hóa THCS"),
        (VILLAGE, Qualifications(general_education=1), None, None),
    ],
    ids=["cadre-llct", "cadre-professional", "servant-professional", "servant-it", "part-time", "village"],
)
def test_an_official_at_the_minimum_meets_and_one_level_below_does_not(requirement, at_minimum, one_below, missing):
    assert compliance(at_minimum, [requirement]).meets
    if one_below is not None:
        result = compliance(one_below, [requirement])
        assert not result.meets
        assert result.missing_text == missing


def test_a_civil_servant_needs_no_political_theory_but_a_cadre_does():
    without = q(political_theory=0)
    assert compliance(without, [SERVANT]).meets
    assert compliance(without, [CADRE]).missing_text == "Thiếu: LLCT trung cấp"


def test_concurrent_positions_apply_the_strictest_minimum_of_each_dimension():
    strict = Requirement(5, FROM, min_professional_level=4, min_political_theory=1)
    result = compliance(q(professional_level=2, political_theory=1), [CADRE, strict])
    assert not result.meets
    assert result.missing_text == "Thiếu: Chuyên môn đại học, LLCT trung cấp"
    assert compliance(q(professional_level=4), [CADRE, strict]).meets


def test_every_missing_dimension_is_named_in_order():
    result = compliance(Qualifications(general_education=2), [CADRE])
    assert result.missing_text == "Thiếu: Văn hóa THPT, Chuyên môn trung cấp, LLCT trung cấp, Tin học cơ bản"


def test_the_ethnic_language_certificate_counts_when_the_standard_asks_for_it():
    asks = Requirement(6, FROM, requires_ethnic_language=True)
    assert compliance(q(ethnic_language_certificate=False), [asks]).missing_text == "Thiếu: Chứng chỉ tiếng dân tộc"
    assert compliance(q(ethnic_language_certificate=True), [asks]).meets


def test_an_official_without_positions_or_without_a_standard_is_not_counted_as_meeting():
    assert compliance(q(), []).missing_text == "Chưa có chức danh"
    no_standard = compliance(q(), [CADRE, None])
    assert not no_standard.meets
    assert not no_standard.meets_dimension("professional_level")
    assert no_standard.missing_text == "Chưa có tiêu chuẩn cho chức danh đang giữ"


def test_the_standard_in_force_is_the_latest_started_one_and_ends_with_its_valid_to():
    old = Requirement(1, date(2019, 12, 25), valid_to=date(2022, 6, 30), min_professional_level=2)
    new = Requirement(1, date(2022, 7, 1), min_professional_level=4)
    assert applicable_requirement([old, new], 1, date(2022, 6, 30)) is old
    assert applicable_requirement([old, new], 1, date(2022, 7, 1)) is new
    assert applicable_requirement([old, new], 1, date(2019, 12, 24)) is None
    assert applicable_requirement([old, new], 2, date(2023, 1, 1)) is None


@pytest.mark.parametrize(
    "target, numerator, denominator, met",
    [
        (Target(Decimal(70), strict=True), 70, 100, False),
        (Target(Decimal(70), strict=True), 701, 1000, True),
        (Target(Decimal(60)), 60, 100, True),
        (Target(Decimal(60)), 599, 1000, False),
        (Target(Decimal(100)), 99, 100, False),
        (Target(Decimal(100)), 7, 7, True),
        (Target(Decimal(50), strict=True), 1, 2, False),
        (Target(Decimal(95)), 0, 0, None),
    ],
)
def test_targets_are_decided_exactly_at_their_boundary(target, numerator, denominator, met):
    assert target.met_by(numerator, denominator) is met


def test_targets_read_like_the_plan():
    assert [str(t) for t in (Target(Decimal(70), True), Target(Decimal(60)), Target(Decimal(100)))] == [
        "> 70%",
        "≥ 60%",
        "100%",
    ]


def facts(id: int, category: str = "civil_servant", commune: int = 1, **kwargs) -> OfficialFacts:
    defaults = {
        "status": "serving",
        "start_date": date(2015, 1, 1),
        "end_date": None,
        "qualifications": q(),
        "position_ids": (2,),
    }
    return OfficialFacts(id=id, commune_id=commune, category=category, **{**defaults, **kwargs})


def test_a_transferred_official_counts_in_the_new_commune_only_from_the_effective_date():
    moved = facts(1, commune=2, transfers=(TransferFacts(1, 2, date(2021, 7, 1)),))
    assert commune_on(moved, date(2021, 6, 30)) == 1
    assert commune_on(moved, date(2021, 7, 1)) == 2
    moves = (TransferFacts(2, 3, date(2023, 1, 1)), TransferFacts(1, 2, date(2021, 7, 1)))  # any order
    twice = facts(1, commune=3, transfers=moves)
    assert [commune_on(twice, d) for d in (date(2020, 1, 1), date(2022, 1, 1), date(2023, 1, 1))] == [1, 2, 3]


def test_an_official_serves_from_the_start_date_until_the_day_before_leaving():
    left = facts(1, status="left", end_date=date(2021, 3, 1))
    assert not serving_on(facts(2, start_date=date(2021, 1, 2)), date(2021, 1, 1))
    assert serving_on(left, date(2021, 2, 28))
    assert not serving_on(left, date(2021, 3, 1))
    assert not serving_on(facts(3, status="left"), date(2021, 3, 1))


def test_ratios_count_each_person_once_whatever_they_hold_and_leave_out_part_time_workers():
    officials = [
        facts(1, "cadre", position_ids=(1, 7)),  # concurrent: two cadre positions, one person
        facts(2, "cadre", qualifications=q(political_theory=1), position_ids=(1,)),
        facts(3, "civil_servant", qualifications=q(professional_level=4)),
        facts(4, "civil_servant", qualifications=q(political_theory=0)),
        facts(5, "part_time", position_ids=(3,)),
    ]
    report = standard_ratios(counted_officials(officials, date(2021, 12, 31), [*ALL, Requirement(7, FROM)]), set())
    assert (report["general"].numerator, report["general"].denominator) == (3, 4)
    assert (report["cadre_political"].numerator, report["cadre_political"].denominator) == (1, 2)
    assert (report["civil_servant_university"].numerator, report["civil_servant_university"].denominator) == (1, 2)
    assert (report["civil_servant_political"].numerator, report["civil_servant_political"].denominator) == (1, 2)
    assert report["civil_servant_political"].met is False  # exactly 50% is not "above 50%"
    assert report["general_new_rural"].denominator == 0 and report["general_new_rural"].met is None


def test_the_new_rural_ratio_counts_only_officials_of_new_rural_communes():
    officials = [facts(1, commune=1), facts(2, commune=2, qualifications=q(it_level=0)), facts(3, commune=2)]
    report = standard_ratios(counted_officials(officials, date(2021, 12, 31), ALL), new_rural_commune_ids={2})
    assert (report["general_new_rural"].numerator, report["general_new_rural"].denominator) == (1, 2)
    assert report["general_new_rural"].met is False
    assert report["general"].denominator == 3


def test_the_official_page_compares_each_dimension_with_what_the_positions_require():
    rows = {r.dimension: r for r in dimension_rows(q(political_theory=1), [CADRE])}
    assert (rows["political_theory"].level, rows["political_theory"].required, rows["political_theory"].ok) == (
        "Sơ cấp",
        "Trung cấp",
        False,
    )
    assert rows["foreign_language"].ok is None
