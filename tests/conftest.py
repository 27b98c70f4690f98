"""Shared fixtures: two small provinces with two districts each, and one user per role and scope.

Like healthchecks' owner / teammate / outsider: every view gets tested with a user of the
right unit, with a user of a neighbouring unit and with a user of the other province, so a
missing province filter fails a test.
"""

import os
from dataclasses import dataclass

import pytest
from django.conf import settings
from django.db import connection

from communes.models import Commune, District, Province, User
from tests.factories import (
    CommuneFactory,
    DistrictFactory,
    ProvinceFactory,
    commune_staff,
    district_reviewer,
    new_commune,
    province_reviewer,
    province_staff,
)


def pytest_report_header(config) -> list[str]:
    """Name the database the tests use (a throw-away one, never the demo's file) and the broker."""
    db = settings.DATABASES["default"]
    engine = db["ENGINE"].rsplit(".", 1)[-1]
    test_name = db.get("TEST", {}).get("NAME")
    if not test_name:
        test_name = "in memory" if engine == "sqlite3" else f"test_{db.get('NAME')}"
    broker = os.environ.get("CELERY_BROKER_URL") or "none (jobs in-process)"
    return [f"test database: {engine} {test_name}", f"celery broker: {broker}"]


@dataclass
class World:
    province: Province
    district: District
    other_district: District
    commune: Commune
    sibling: Commune
    outsider_commune: Commune
    commune_user: User
    sibling_user: User
    outsider_user: User
    reviewer: User
    other_reviewer: User
    province_reviewer: User
    province_user: User
    # The other province (Lai Châu), with the same shape and a user of each role.
    foreign_province: Province
    foreign_district: District
    foreign_commune: Commune
    foreign_other_commune: Commune  # in the foreign province's second district
    foreign_commune_user: User
    foreign_reviewer: User  # district reviewer of foreign_district
    foreign_province_reviewer: User
    foreign_province_user: User


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A request in English leaves English active in the thread: the next test starts in Vietnamese."""
    yield
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(autouse=True)
def _force_login_passes_two_factor(monkeypatch):
    """``client.force_login(user)`` opens a session past the second factor too (communes.security):
    the user gets a confirmed device and the session is marked verified by it, as django-otp does
    after a right code. Tests of the two-factor step itself sign in through the login form."""
    from django.test import Client
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_static.models import StaticDevice

    original = Client.force_login

    def force_login(self, user, backend=None):
        original(self, user, backend)
        device, _ = StaticDevice.objects.get_or_create(user=user, name="tests", defaults={"confirmed": True})
        session = self.session
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
        session.save()

    monkeypatch.setattr(Client, "force_login", force_login)


@pytest.fixture
def world(db) -> World:
    province = ProvinceFactory()
    district = DistrictFactory(name="Huyện Mường Nhé")
    other = DistrictFactory(name="Huyện Điện Biên")
    commune = CommuneFactory(district=district, name="Xã Mường Nhé")
    sibling = CommuneFactory(district=district, name="Xã Sín Thầu")
    outsider = CommuneFactory(district=other, name="Xã Thanh Xương")
    foreign_province = ProvinceFactory(code="12", name="Tỉnh Lai Châu")
    foreign_district = DistrictFactory(province=foreign_province, name="Huyện Mường Tè")
    foreign_other_district = DistrictFactory(province=foreign_province, name="Huyện Phong Thổ")
    foreign_commune = CommuneFactory(district=foreign_district, name="Xã Ka Lăng")
    foreign_other_commune = CommuneFactory(district=foreign_other_district, name="Xã Dào San")
    return World(
        province=province,
        district=district,
        other_district=other,
        commune=commune,
        sibling=sibling,
        outsider_commune=outsider,
        commune_user=commune_staff(commune),
        sibling_user=commune_staff(sibling),
        outsider_user=commune_staff(outsider),
        reviewer=district_reviewer(district),
        other_reviewer=district_reviewer(other),
        province_reviewer=province_reviewer(province),
        province_user=province_staff(province),
        foreign_province=foreign_province,
        foreign_district=foreign_district,
        foreign_commune=foreign_commune,
        foreign_other_commune=foreign_other_commune,
        foreign_commune_user=commune_staff(foreign_commune),
        foreign_reviewer=district_reviewer(foreign_district),
        foreign_province_reviewer=province_reviewer(foreign_province),
        foreign_province_user=province_staff(foreign_province),
    )


@dataclass
class NewWorld:
    """The map of 1 July 2025 over ``world``: no district; two new communes, each merged from old ones,
    two province reviewers sharing them, one answering for all, and the same roles in another province."""

    old: World
    province: Province
    commune: Commune  # merged from world.commune and world.sibling
    other_commune: Commune  # merged from world.outsider_commune
    commune_user: User
    other_commune_user: User
    reviewer: User  # assigned to ``commune`` only
    other_reviewer: User  # assigned to ``other_commune`` only
    any_reviewer: User  # no list: answers for every commune of the province
    province_user: User
    foreign_commune: Commune
    foreign_reviewer: User
    foreign_province_user: User


@pytest.fixture
def new_world(world) -> NewWorld:
    province = world.province
    commune = new_commune(province, [world.commune, world.sibling], name="Xã Mường Nhé", code=world.commune.code)
    other = new_commune(province, [world.outsider_commune], name="Phường Mường Thanh")
    foreign_province = world.foreign_province
    foreign = new_commune(foreign_province, [world.foreign_commune, world.foreign_other_commune], name="Xã Mường Tè")
    return NewWorld(
        old=world,
        province=province,
        commune=commune,
        other_commune=other,
        commune_user=commune_staff(commune),
        other_commune_user=commune_staff(other),
        reviewer=province_reviewer(province, [commune]),
        other_reviewer=province_reviewer(province, [other]),
        any_reviewer=province_reviewer(province),
        province_user=world.province_user,
        foreign_commune=foreign,
        foreign_reviewer=world.foreign_province_reviewer,
        foreign_province_user=world.foreign_province_user,
    )


@pytest.fixture
def dienbien(db) -> Province:
    """Điện Biên's real 10 districts and 129 communes from the GSO list."""
    from communes.services import divisions_import

    divisions_import(province_codes=["11"])
    return Province.objects.get(code="11")


@pytest.fixture
def is_postgres() -> bool:
    return connection.vendor == "postgresql"
