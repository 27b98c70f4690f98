"""The web API: token-only, read-only, scoped like the pages, throttled per client."""

import pytest
from django.urls import reverse

from assessment.models import Assessment
from communes.permissions import communes_in_scope
from reports.api.throttling import ApiClientRateThrottle
from reports.models import ApiClient
from reports.services.api_clients import token_hash
from tests.assessment.factories import make_assessment, make_year
from tests.reports.api_helpers import fresh_throttle, issue


@pytest.fixture(autouse=True)
def _throttle_from_zero():
    fresh_throttle()


@pytest.fixture
def results(world):
    """2021 assessments of a commune of each district of both provinces."""
    make_year(2021)
    return {
        name: make_assessment(getattr(world, name), 2021, scores=15)
        for name in ("commune", "sibling", "outsider_commune", "foreign_commune", "foreign_other_commune")
    }


def _ids(response) -> set[int]:
    assert response.status_code == 200, response.content
    return {row["id"] for row in response.json()["results"]}


def test_anonymous_gets_401_with_the_scheme_to_use(client, world):
    response = client.get(reverse("api:assessment-list"))
    assert response.status_code == 401
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_portal_users_session_is_not_a_token(client, world):
    client.force_login(world.province_user)
    assert client.get(reverse("api:assessment-list")).status_code == 401


def test_a_wrong_token_and_an_inactive_clients_token_are_refused(client, world, results):
    assert client.get(reverse("api:assessment-list"), HTTP_AUTHORIZATION="Bearer not-a-token").status_code == 401
    _client, header = issue(world.province, active=False)
    assert client.get(reverse("api:assessment-list"), **header).status_code == 401
    ApiClient.objects.update(is_active=True)
    assert client.get(reverse("api:assessment-list"), **header).status_code == 200


def test_the_token_is_stored_only_as_its_hash_and_use_is_recorded(client, world):
    api_client, header = issue(world.province)
    token = header["HTTP_AUTHORIZATION"].split()[1]
    stored = ApiClient.objects.get(pk=api_client.pk)
    assert stored.token_hash == token_hash(token) and token not in stored.token_hash
    assert stored.token_prefix == token[:8] and len(token) >= 40
    assert stored.last_used_at is None
    client.get(reverse("api:year-list"), **header)
    assert ApiClient.objects.get(pk=api_client.pk).last_used_at is not None


def test_a_commune_token_sees_only_its_commune_and_gets_404_for_another(client, world, results):
    _client, header = issue(world.province, [world.commune])
    assert _ids(client.get(reverse("api:assessment-list"), **header)) == {results["commune"].pk}
    own = client.get(reverse("api:assessment-detail", args=[results["commune"].pk]), **header)
    assert own.status_code == 200 and own.json()["commune"]["code"] == world.commune.code
    assert len(own.json()["scores"]) == 20
    for other in ("sibling", "outsider_commune", "foreign_commune"):
        assert client.get(reverse("api:assessment-detail", args=[results[other].pk]), **header).status_code == 404
    communes = client.get(reverse("api:commune-list"), **header)
    assert _ids(communes) == {world.commune.pk}
    assert client.get(reverse("api:commune-detail", args=[world.sibling.pk]), **header).status_code == 404


def test_a_province_token_sees_nothing_of_the_other_province(client, world, results):
    _client, header = issue(world.province)
    mine = {results[n].pk for n in ("commune", "sibling", "outsider_commune")}
    assert _ids(client.get(reverse("api:assessment-list"), **header)) == mine
    foreign = results["foreign_commune"].pk
    assert client.get(reverse("api:assessment-detail", args=[foreign]), **header).status_code == 404
    communes = _ids(client.get(reverse("api:commune-list"), **header))
    assert world.foreign_commune.pk not in communes and world.commune.pk in communes
    districts = _ids(client.get(reverse("api:district-list"), **header))
    assert districts == {world.district.pk, world.other_district.pk}
    assert client.get(reverse("api:district-detail", args=[world.foreign_district.pk]), **header).status_code == 404
    ratios = client.get(reverse("api:official-ratios"), {"year": 2021}, **header).json()["results"]
    assert {row["commune"]["id"] for row in ratios} == {world.commune.pk, world.sibling.pk, world.outsider_commune.pk}
    summary = client.get(reverse("api:year-summary", args=[2021]), **header).json()
    assert summary["total"]["communes"] == 3 and summary["total"]["assessed"] == 3


def test_the_foreign_provinces_token_sees_only_its_own(client, world, results):
    _client, header = issue(world.foreign_province)
    expected = {results["foreign_commune"].pk, results["foreign_other_commune"].pk}
    assert _ids(client.get(reverse("api:assessment-list"), **header)) == expected
    assert client.get(reverse("api:assessment-detail", args=[results["commune"].pk]), **header).status_code == 404


def test_lists_filter_by_year_and_unit(client, world, results):
    make_assessment(world.commune, make_year(2020), scores=12)
    _client, header = issue(world.province)
    url = reverse("api:assessment-list")
    by_year = client.get(url, {"year": 2020}, **header).json()["results"]
    assert [(r["year"], r["commune"]["id"]) for r in by_year] == [(2020, world.commune.pk)]
    by_district = _ids(client.get(url, {"year": 2021, "district": world.district.code}, **header))
    assert by_district == {results["commune"].pk, results["sibling"].pk}
    by_commune = _ids(client.get(url, {"commune": world.sibling.code}, **header))
    assert by_commune == {results["sibling"].pk}
    communes = _ids(client.get(reverse("api:commune-list"), {"district": world.other_district.code}, **header))
    assert communes == {world.outsider_commune.pk}


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_write_methods_are_refused(client, world, results, method):
    _client, header = issue(world.province)
    pk = results["commune"].pk
    for url in (reverse("api:assessment-list"), reverse("api:assessment-detail", args=[pk])):
        response = getattr(client, method)(url, {}, content_type="application/json", **header)
        assert response.status_code == 405, url
    assert Assessment.objects.filter(pk=pk).exists()


def test_throttling_answers_429_per_client(client, world, monkeypatch):
    monkeypatch.setattr(ApiClientRateThrottle, "THROTTLE_RATES", {"api_client": "3/minute"})
    _first, header = issue(world.province)
    _second, other = issue(world.province, name="Phần mềm chỉ số CCHC")
    url = reverse("api:year-list")
    assert [client.get(url, **header).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert client.get(url, **other).status_code == 200


def test_followup_lists_name_the_criticised_of_the_scope_only(client, world, sample):
    _client, header = issue(world.province)
    rows = client.get(reverse("api:followup-list", args=["criticised"]), {"year": 2021}, **header).json()["results"]
    assert [row["commune"]["id"] for row in rows] == [world.outsider_commune.pk]
    twice = client.get(reverse("api:followup-list", args=["criticised_two_years"]), {"year": 2021}, **header)
    assert [row["commune"]["id"] for row in twice.json()["results"]] == [world.outsider_commune.pk]
    _commune_client, commune_header = issue(world.province, [world.commune])
    rows = client.get(reverse("api:followup-list", args=["criticised"]), {"year": 2021}, **commune_header)
    assert rows.json()["results"] == []
    assert client.get(reverse("api:followup-list", args=["nothing"]), **header).status_code == 404
    chairs = client.get(reverse("api:chair-reviews"), {"year": 2021}, **header).json()["results"]
    assert [row["commune"]["id"] for row in chairs] == [world.outsider_commune.pk]
    assert any("Hai năm liền bị phê bình" in action for action in chairs[0]["actions"])
    assert client.get(reverse("api:chair-reviews"), {"year": 2021}, **commune_header).json()["results"] == []


def test_units_carry_validity_dates_and_successors(client, world, new_world):
    _client, header = issue(world.province)
    rows = {
        row["id"]: row
        for row in client.get(reverse("api:commune-list"), {"page_size": 200}, **header).json()["results"]
    }
    old = rows[world.commune.pk]
    assert old["valid_to"] == "2025-06-30"
    assert [s["successor"]["id"] for s in old["successors"]] == [new_world.commune.pk]
    new = rows[new_world.commune.pk]
    assert new["valid_from"] == "2025-07-01" and new["district"] is None
    assert set(new["predecessor_ids"]) == {world.commune.pk, world.sibling.pk}
    standing = client.get(reverse("api:commune-list"), {"year": 2026, "page_size": 200}, **header).json()["results"]
    assert world.commune.pk not in {row["id"] for row in standing}


def test_criteria_sets_carry_criteria_and_thresholds(client, world):
    make_year(2021)
    _client, header = issue(world.province)
    (criteria_set,) = client.get(reverse("api:criteria-set-list"), **header).json()["results"]
    assert len(criteria_set["criteria"]) == 20
    assert {t["classification"] for t in criteria_set["thresholds"]} >= {"good", "fair", "average"}
    years = client.get(reverse("api:year-list"), **header).json()["results"]
    assert years[0]["year"] == 2021 and years[0]["criteria_set"] == criteria_set["id"]


def test_a_client_and_a_user_of_the_same_units_see_the_same_communes(world, new_world):
    """One policy: a client's scope is read by the rule that reads a user's."""
    province_client, _header = issue(world.province)
    assert set(communes_in_scope(province_client.unit_scope())) == set(communes_in_scope(world.province_user))
    commune_client, _header = issue(world.province, [new_world.commune])
    mine = set(communes_in_scope(commune_client.unit_scope(), with_history=True))
    assert mine == {new_world.commune, world.commune, world.sibling}
    assert mine == set(communes_in_scope(new_world.commune_user, with_history=True))


def test_a_new_communes_token_reads_its_predecessors_earlier_years(client, world, new_world, results):
    _client, header = issue(world.province, [new_world.commune])
    listed = _ids(client.get(reverse("api:assessment-list"), {"year": 2021}, **header))
    assert listed == {results["commune"].pk, results["sibling"].pk}
    outsider = results["outsider_commune"].pk
    assert client.get(reverse("api:assessment-detail", args=[outsider]), **header).status_code == 404
