from dataclasses import dataclass

import pytest

from assessment.models import Assessment, Status
from assessment.services.targets import targets_seed_plan_703
from communes.models import Commune
from tests.assessment.factories import make_assessment, make_year
from tests.factories import CommuneFactory
from tests.reports.factories import confirmed, decision


@dataclass
class Sample:
    """Hand-counted 2021 results of the ``world`` fixture plus four communes.

    w.district (4 communes): commune Tốt + TSVM, sibling Khá, extra_a Trung bình, extra_b draft.
    w.other_district (3):    outsider Yếu (criticised), extra_c Khá + TSVM, extra_d submitted.
    Province: 7 communes, 5 confirmed: Tốt 1, Khá 2, Trung bình 1, Yếu 1, TSVM 2.
    2020: commune Khá, outsider Yếu (criticised) -> the outsider is criticised two years running.
    """

    extra_a: Commune
    extra_b: Commune
    extra_c: Commune
    extra_d: Commune
    outsider_2021: Assessment


@pytest.fixture
def sample(world) -> Sample:
    w = world
    make_year(2021)
    targets_seed_plan_703(year=2021)
    make_year(2020)
    extra = [
        CommuneFactory(district=w.district, name="Xã Nà Hỳ"),
        CommuneFactory(district=w.district, name="Xã Chà Cang"),
        CommuneFactory(district=w.other_district, name="Xã Thanh Nưa"),
        CommuneFactory(district=w.other_district, name="Xã Pa Thơm"),
    ]
    confirmed(w.commune, 2021, "good", tsvm=True)
    confirmed(w.sibling, 2021, "fair")
    confirmed(extra[0], 2021, "average")
    make_assessment(extra[1], 2021, status=Status.DRAFT, scores=12)
    outsider = confirmed(w.outsider_commune, 2021, "weak")
    decision(outsider, w.province_user)
    confirmed(extra[2], 2021, "fair", tsvm=True)
    make_assessment(extra[3], 2021, status=Status.SUBMITTED, scores=14)
    confirmed(w.commune, 2020, "fair")
    decision(confirmed(w.outsider_commune, 2020, "weak"), w.province_user)
    return Sample(*extra, outsider)
