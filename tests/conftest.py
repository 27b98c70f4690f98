"""Shared fixtures: a small province with two districts, and one user per role and scope.

Like healthchecks' owner / teammate / outsider: every view gets tested with a user of the
right unit and with a user of a neighbouring unit.
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
    db = settings.DATABASES["default"]
    broker = os.environ.get("CELERY_BROKER_URL") or "none (jobs in-process)"
    return [f"database: {db['ENGINE'].rsplit('.', 1)[-1]} {db.get('NAME')}", f"celery broker: {broker}"]


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


@pytest.fixture
def world(db) -> World:
    province = ProvinceFactory()
    district = DistrictFactory(name="Huyện Mường Nhé")
    other = DistrictFactory(name="Huyện Điện Biên")
    commune = CommuneFactory(district=district, name="Xã Mường Nhé")
    sibling = CommuneFactory(district=district, name="Xã Sín Thầu")
    outsider = CommuneFactory(district=other, name="Xã Thanh Xương")
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
    foreign_province = ProvinceFactory(code="12", name="Tỉnh Lai Châu")
    foreign = new_commune(foreign_province, name="Xã Mường Tè")
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
        foreign_reviewer=province_reviewer(foreign_province),
        foreign_province_user=province_staff(foreign_province),
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
