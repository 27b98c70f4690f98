"""The commune-profile rules over plain data: office targets, procedures, the dialogue deadline."""

from datetime import date
from decimal import Decimal

import pytest

from communes.profile.rules import (
    DialogueState,
    OfficeFacts,
    ProcedureFacts,
    dialogue_state,
    has_all_equipment,
    meets_area_standard,
    office_ratios,
    procedure_ratios,
)


def office(
    commune_id: int = 1, area: str = "400", standard: str = "400", solid: bool = True, **equipment
) -> OfficeFacts:
    kit = {"has_internet_computers": True, "has_printer": True, "has_photocopier": True, "has_telephone": True}
    return OfficeFacts(commune_id, solid, Decimal(area), Decimal(standard), **{**kit, **equipment})


def test_the_area_standard_is_met_from_exactly_the_standard_area():
    assert meets_area_standard(office(area="400.0"))
    assert not meets_area_standard(office(area="399.9"))


@pytest.mark.parametrize("missing", ["has_internet_computers", "has_printer", "has_photocopier", "has_telephone"])
def test_every_piece_of_equipment_is_needed(missing):
    assert has_all_equipment(office())
    assert not has_all_equipment(office(**{missing: False}))


def test_office_ratios_count_reporting_communes_against_the_plans_targets():
    offices = [office(i) for i in range(1, 20)] + [office(20, solid=False, area="300", has_telephone=False)]
    report = office_ratios(offices, communes_count=21)
    assert [(r.key, r.numerator, r.denominator, r.met) for r in report] == [
        ("solid", 19, 20, False),  # 95% is not "above 95%"
        ("area", 19, 20, True),
        ("equipment", 19, 20, False),
    ]
    assert report.extra == {"reported": 20, "communes": 21, "not_reported": 1}


def test_procedure_ratios_sum_the_communes_figures():
    stats = [
        ProcedureFacts(1, applicable=120, posted=120, on_time=300, late=0),
        ProcedureFacts(2, applicable=110, posted=108, on_time=197, late=3),
    ]
    report = procedure_ratios(stats, communes_count=2)
    assert (report["posted"].numerator, report["posted"].denominator, report["posted"].met) == (228, 230, False)
    assert (report["on_time"].numerator, report["on_time"].denominator) == (497, 500)
    assert str(report["on_time"].percent) == "99.4"
    perfect = procedure_ratios(stats[:1], communes_count=1)
    assert perfect["posted"].met and perfect["on_time"].met


@pytest.mark.parametrize(
    "held_on, today, state",
    [
        (None, date(2021, 11, 30), DialogueState.NOT_DUE),
        (None, date(2021, 12, 1), DialogueState.DUE),
        (None, date(2021, 12, 31), DialogueState.DUE),
        (None, date(2022, 1, 1), DialogueState.MISSING),
        (date(2021, 12, 20), date(2022, 1, 1), DialogueState.HELD),
        (date(2021, 11, 20), date(2022, 1, 1), DialogueState.HELD_OUTSIDE_DECEMBER),
    ],
)
def test_the_dialogue_conference_is_flagged_once_december_is_over(held_on, today, state):
    assert dialogue_state(2021, held_on, today) == state
