"""Officials for tests. Positions, ethnic groups and the default standards come from the
personnel migrations, as in production."""

from datetime import date

import factory

from communes.models import Village
from personnel.models import Category, Ethnicity, Gender, Official, Position, Standard
from personnel.reference_data import install


def reference_data() -> None:
    """The migration's ethnic groups, positions and standards, again after a flush (live-server tests)."""
    if not Position.objects.exists():
        install()


def position(code: str) -> Position:
    reference_data()
    return Position.objects.get(code=code)


class VillageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Village

    name = factory.Sequence(lambda n: f"Bản Thử {n}")
    kind = Village.Kind.HAMLET


class OfficialFactory(factory.django.DjangoModelFactory):
    """A civil servant who meets the default standards unless told otherwise."""

    class Meta:
        model = Official
        skip_postgeneration_save = True

    full_name = factory.Sequence(lambda n: f"Lò Văn Thử {n}")
    gender = Gender.MALE
    date_of_birth = date(1985, 5, 17)
    ethnicity = factory.LazyFunction(lambda: reference_data() or Ethnicity.objects.get(name="Thái"))
    party_member = True
    category = Category.CIVIL_SERVANT
    start_date = date(2015, 1, 1)
    general_education = 3
    professional_level = 4
    political_theory = 2
    state_management = 1
    it_level = 1

    @factory.post_generation
    def positions(obj, create, extracted, **kwargs):
        if not create:
            return
        codes = (
            extracted
            or {
                Category.CADRE: ["chu-tich-mttq"],
                Category.CIVIL_SERVANT: ["tu-phap-ho-tich"],
                Category.PART_TIME: ["van-thu-thu-quy"],
                Category.VILLAGE: ["truong-thon"],
            }[obj.category]
        )
        obj.positions.set([position(c) for c in codes])


def cadre(commune, **kwargs) -> Official:
    return OfficialFactory(commune=commune, category=Category.CADRE, **kwargs)


def servant(commune, **kwargs) -> Official:
    return OfficialFactory(commune=commune, category=Category.CIVIL_SERVANT, **kwargs)


def only_standard(code: str, **minimums) -> Standard:
    """Replace a position's standards by one row from 2019 with ``minimums``."""
    Standard.objects.filter(position__code=code).delete()
    return Standard.objects.create(
        position=position(code), valid_from=date(2019, 1, 1), legal_basis="Thử", is_provisional=False, **minimums
    )
