"""A populated ``world`` for the scope tests: every commune has assessments, officials and an
office record, each with a name that shows up if it leaks to a user outside its scope."""

from datetime import date
from decimal import Decimal

import pytest

from assessment.models import ProvinceDecision, Status
from communes.models import OfficeRecord
from tests.assessment.factories import make_assessment

# Each commune's officials carry a name no other commune has.
OFFICIAL_NAMES = {
    "commune": "Lò Văn Trongxa",
    "sibling": "Quàng Thị Bênhuyen",
    "outsider_commune": "Giàng A Ngoaihuyen",
}


def _office(commune, year: int) -> None:
    OfficeRecord.objects.create(
        commune=commune,
        year=year,
        building_solid=True,
        floor_area_m2=Decimal("320"),
        standard_area_m2=Decimal("300"),
        computers=8,
        has_internet_computers=True,
    )


# Codes no year, page number or primary key of a test can look like (factory codes run on, and a
# district once became "2020").
CODES = {
    "district": "70801",
    "other_district": "70802",
    "commune": "7080101",
    "sibling": "7080102",
    "outsider_commune": "7080201",
}


def _distinct_codes(world) -> None:
    for attr, code in CODES.items():
        unit = getattr(world, attr)
        unit.code = code
        unit.save(update_fields=["code"])


@pytest.fixture
def populated(world):
    """``world`` with two years of assessments (2020 finalized, 2021 in three states), a criticism,
    one official and an office record per commune."""
    from tests.personnel.factories import servant

    _distinct_codes(world)
    states_2021 = {"commune": Status.DRAFT, "sibling": Status.SUBMITTED, "outsider_commune": Status.FINALIZED}
    for attr, status in states_2021.items():
        commune = getattr(world, attr)
        make_assessment(commune, 2020, status=Status.FINALIZED, scores=16)
        make_assessment(commune, 2021, status=status, scores=17)
        servant(commune, full_name=OFFICIAL_NAMES[attr])
        _office(commune, 2021)
    for attr in ("sibling", "outsider_commune"):
        assessment = getattr(world, attr).assessments.get(year__year=2020)
        ProvinceDecision.objects.create(
            assessment=assessment,
            kind=ProvinceDecision.Kind.CRITICISM,
            number=f"{assessment.pk}/QĐ-UBND",
            date=date(2020, 12, 28),
            reason="Chậm nộp báo cáo",
            recorded_by=world.province_user,
        )
    return world
