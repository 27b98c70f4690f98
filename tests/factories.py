import factory

from communes.models import Commune, District, Province, Role, User


class ProvinceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Province
        django_get_or_create = ["code"]

    code = "11"
    name = "Tỉnh Điện Biên"


class DistrictFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = District

    code = factory.Sequence(lambda n: str(900 + n))
    name = factory.Sequence(lambda n: f"Huyện Thử {n}")
    kind = District.Kind.RURAL
    province = factory.SubFactory(ProvinceFactory)


class CommuneFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Commune

    code = factory.Sequence(lambda n: str(90000 + n))
    name = factory.Sequence(lambda n: f"Xã Thử {n}")
    kind = Commune.Kind.COMMUNE
    district = factory.SubFactory(DistrictFactory)
    province = factory.SelfAttribute("district.province")


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    username = factory.Sequence(lambda n: f"user{n}")
    first_name = "Văn A"
    last_name = "Nguyễn"
    password = factory.PostGenerationMethodCall("set_password", "Mat-khau-thu-2021")

    @factory.post_generation
    def _save(obj, create, extracted, **kwargs):
        if create:
            obj.save()


def commune_staff(commune: Commune, **kwargs) -> User:
    return UserFactory(
        role=Role.COMMUNE_STAFF, commune=commune, district=commune.district, province=commune.province, **kwargs
    )


def district_reviewer(district: District, **kwargs) -> User:
    return UserFactory(role=Role.DISTRICT_REVIEWER, district=district, province=district.province, **kwargs)


def province_staff(province: Province, **kwargs) -> User:
    return UserFactory(role=Role.PROVINCE_STAFF, province=province, **kwargs)


def province_reviewer(province: Province, communes: list[Commune] | None = None, **kwargs) -> User:
    """A Sở Nội vụ reviewer answering for ``communes`` (none: every commune of the province)."""
    user = UserFactory(role=Role.PROVINCE_REVIEWER, province=province, **kwargs)
    if communes:
        user.review_communes.set(communes)
    return user


def new_commune(province: Province, predecessors: list[Commune] = (), **kwargs) -> Commune:
    """A commune of the map of 1 July 2025 (no district), merged from ``predecessors`` (first is main)."""
    from datetime import date

    from communes.models import Succession

    commune = CommuneFactory(district=None, province=province, valid_from=date(2025, 7, 1), **kwargs)
    for old in predecessors:
        if old.valid_to is None:
            Commune.objects.filter(pk=old.pk).update(valid_to=date(2025, 6, 30))
        Succession.objects.create(predecessor=old, successor=commune, is_main=True)
    return commune
