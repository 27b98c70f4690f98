"""A year in an address is four digits: one no calendar has is a wrong address (404), never a 500."""

import pytest
from django.urls import reverse

from tests.reports.api_helpers import fresh_throttle, issue


@pytest.mark.parametrize("year", ["0", "00", "10000", "99999"])
@pytest.mark.parametrize(
    "path",
    [
        "/danh-gia/{year}/{code}/xep-loai-can-bo/",
        "/danh-gia/{year}/{code}/cham-diem/",
        "/xa/{code}/ho-so/{year}/nhiem-vu/",
    ],
)
def test_a_year_no_calendar_has_is_a_404(client, world, path, year):
    client.force_login(world.province_user)
    assert client.get(path.format(year=year, code=world.commune.code)).status_code == 404


def test_addresses_with_a_real_year_still_resolve(world):
    assert reverse("assessment:score-edit", args=[2021, world.commune.code]).startswith("/danh-gia/2021/")


@pytest.mark.parametrize("year", ["0", "10000"])
def test_the_api_refuses_such_a_year_with_a_400(client, world, year):
    fresh_throttle()
    _client, header = issue(world.province)
    response = client.get(reverse("api:commune-list"), {"year": year}, **header)
    assert response.status_code == 400
    assert "year" in response.json()
