"""The ratios' counts taken by the database (``selectors.tallies``) equal the plan's rules applied
official by official (``rules.tallies_of(counted_in(...))``): same people, same commune, same
standards, whatever the roster."""

from datetime import date

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from communes.models import Commune
from personnel import selectors
from personnel.models import Category, OfficialStatus, Standard, Transfer
from personnel.rules import tallies_of
from tests.factories import CommuneFactory
from tests.personnel.factories import OfficialFactory, position

DAYS = [date(2019, 6, 1), date(2020, 1, 1), date(2021, 12, 31), date(2022, 3, 1)]  # some are start, end or move days
POSITIONS = ["chu-tich-ubnd", "chu-tich-mttq", "tu-phap-ho-tich", "van-hoa-xa-hoi", "van-thu-thu-quy"]
dates = st.sampled_from([date(2018, 1, 1), date(2020, 1, 1), date(2021, 7, 1), date(2022, 3, 1)])

officials = st.lists(
    st.fixed_dictionaries(
        {
            "commune": st.integers(0, 3),  # 0-2 in the district counted, 3 elsewhere
            "category": st.sampled_from([Category.CADRE, Category.CIVIL_SERVANT, Category.PART_TIME]),
            "status": st.sampled_from([OfficialStatus.SERVING, OfficialStatus.LEFT]),
            "start": dates,
            "end": st.none() | dates,
            "positions": st.lists(st.sampled_from(POSITIONS), max_size=3, unique=True),
            "levels": st.tuples(
                st.integers(0, 3),
                st.integers(0, 6),
                st.integers(0, 3),
                st.integers(0, 2),
                st.integers(0, 3),
                st.integers(0, 3),
            ),
            "ethnic": st.booleans(),
            "moves": st.lists(st.tuples(st.integers(0, 3), st.integers(0, 3), dates), max_size=2),
        }
    ),
    min_size=1,
    max_size=8,
)
standards = st.lists(
    st.fixed_dictionaries(
        {
            "position": st.sampled_from(POSITIONS),
            "from": dates,
            "to": st.none() | dates,
            "minimums": st.tuples(
                st.none() | st.integers(1, 3), st.none() | st.integers(1, 4), st.none() | st.integers(1, 2)
            ),
            "ethnic": st.booleans(),
        }
    ),
    max_size=4,
    unique_by=lambda row: (row["position"], row["from"]),
)  # one row a day


class Rollback(Exception):
    pass


def _roster(world, people: list[dict], rows: list[dict]) -> list[Commune]:  # noqa: ANN001
    communes = [world.commune, world.sibling, CommuneFactory(district=world.district), world.outsider_commune]
    for row in rows:
        general, professional, political = row["minimums"]
        Standard.objects.create(
            position=position(row["position"]),
            valid_from=row["from"],
            valid_to=row["to"],
            legal_basis="Thử",
            min_general_education=general,
            min_professional_level=professional,
            min_political_theory=political,
            requires_ethnic_language=row["ethnic"],
        )
    for person in people:
        education, professional, political, management, it, language = person["levels"]
        official = OfficialFactory(
            commune=communes[person["commune"]],
            category=person["category"],
            status=person["status"],
            start_date=person["start"],
            end_date=person["end"],
            general_education=education,
            professional_level=professional,
            political_theory=political,
            state_management=management,
            it_level=it,
            foreign_language=language,
            ethnic_language_certificate=person["ethnic"],
            positions=person["positions"] or ["truong-thon"],
        )
        if not person["positions"]:
            official.positions.clear()
        for source, target, when in person["moves"]:
            Transfer.objects.create(
                official=official, from_commune=communes[source], to_commune=communes[target], effective_date=when
            )
    return communes


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(officials, standards, st.sampled_from(DAYS))
def test_the_database_counts_each_official_as_the_rules_do(world, people, rows, day):
    try:
        with transaction.atomic():
            communes = _roster(world, people, rows)
            counted = Commune.objects.filter(district=world.district)
            expected = tallies_of(selectors.counted_in(counted, day))
            assert selectors.tallies(counted, day) == expected
            assert selectors.tallies(communes[:2], day) == tallies_of(selectors.counted_in(communes[:2], day))
            raise Rollback
    except Rollback:
        pass


def test_a_transferred_official_counts_in_the_new_commune_from_the_effective_date(world):
    mover = OfficialFactory(commune=world.commune, category=Category.CIVIL_SERVANT)
    Transfer.objects.create(
        official=mover, from_commune=world.sibling, to_commune=world.commune, effective_date=date(2022, 3, 1)
    )
    before = selectors.tallies([world.commune, world.sibling], date(2022, 2, 28))
    after = selectors.tallies([world.commune, world.sibling], date(2022, 3, 1))
    assert list(before) == [(world.sibling.pk, Category.CIVIL_SERVANT)]
    assert list(after) == [(world.commune.pk, Category.CIVIL_SERVANT)]
    assert after[(world.commune.pk, Category.CIVIL_SERVANT)].officials == 1
