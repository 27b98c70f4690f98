"""The API's figures are the dashboard's, and each list page costs the same few queries for any size."""

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone
from openapi_spec_validator import validate

from assessment.models import Assessment, AssessmentYear, Status
from communes.models import year_day
from communes.permissions import communes_in_scope
from reports import dashboards
from tests.factories import ProvinceFactory, province_staff
from tests.reports.api_helpers import fresh_throttle, issue
from tests.reports.factories import assess_all, decision, small_province

# Authentication (client, its communes), the count and the page, the prefetches; the year where asked.
LIST_QUERIES = {
    "api:assessment-list": 6,
    "api:commune-list": 6,
    "api:district-list": 5,
    "api:official-ratios": 7,
    "api:followup-list": 5,
    "api:chair-reviews": 8,
    "api:year-summary": 16,
}


@pytest.fixture(autouse=True)
def _throttle_from_zero():
    fresh_throttle()


def test_the_schema_is_valid_openapi_and_public(client, db):
    response = client.get(reverse("api:schema"), {"format": "json"})
    assert response.status_code == 200
    schema = response.json()
    validate(schema)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/assessments/{id}/" in schema["paths"]
    assert not any(m in ops for ops in schema["paths"].values() for m in ("post", "put", "patch", "delete"))
    assert schema["components"]["securitySchemes"]["bearerAuth"]["scheme"] == "bearer"


def _board(world):
    year = AssessmentYear.objects.get(year=2021)
    return dashboards.province_dashboard(
        province=world.province,
        year=year,
        today=timezone.localdate(),
        communes=communes_in_scope(world.province_user).filter(province=world.province),
    )


def _counts(counts) -> dict:
    return {
        k: getattr(counts, k) for k in ("communes", "assessed", "finalized", "good", "fair", "average", "weak", "tsvm")
    }


def test_the_years_numbers_equal_the_province_dashboards(client, world, sample):
    board = _board(world)
    _client, header = issue(world.province)
    summary = client.get(reverse("api:year-summary", args=[2021]), **header).json()
    assert summary["total"] == _counts(board.total)
    assert _counts(board.total) == {
        "communes": 7, "assessed": 7, "finalized": 5, "good": 1, "fair": 2, "average": 1, "weak": 1, "tsvm": 2
    }  # fmt: skip
    assert {g["unit"]["id"]: g["classes"] for g in summary["groups"]} == {
        row.unit.pk: _counts(row.classes) for row in board.rows
    }
    assert summary["progress"]["by_status"] == board.progress.by_status
    averages = {a["number"]: a["average"] for a in summary["criterion_averages"]}
    assert {n: Decimal(v) for n, v in averages.items() if v is not None} == board.averages.overall
    officials = {r["key"]: (r["numerator"], r["denominator"]) for r in summary["officials_ratios"]}
    assert officials == {r.key: (r.numerator, r.denominator) for r in board.ratios.officials}
    assert summary["followups"]["criticised"] == board.followups.criticised.count == 1
    assert summary["followups"]["criticised_two_years"] == board.followups.twice_criticised.count == 1
    listed = client.get(reverse("api:assessment-list"), {"year": 2021, "page_size": 200}, **header).json()
    confirmed = [r for r in listed["results"] if r["status"] == "finalized"]
    assert len(confirmed) == board.total.finalized
    assert sum(r["final_class"] == "good" for r in confirmed) == board.total.good


def _url(name: str) -> str:
    if name == "api:year-summary":
        return reverse(name, args=[2021])
    if name == "api:followup-list":
        return reverse(name, args=["criticised"])
    return reverse(name)


@pytest.mark.parametrize("name", sorted(LIST_QUERIES))
@pytest.mark.parametrize("size", ["ten", "whole"])
def test_a_list_page_takes_the_same_queries_for_10_or_129_communes(
    client, db, size, name, django_assert_max_num_queries, request
):
    if size == "whole":
        province = request.getfixturevalue("dienbien")
        communes = list(province.communes.valid_on(year_day(2021)))
    else:
        province = ProvinceFactory(code="99", name="Tỉnh Thử")
        communes = small_province(province)
    assess_all(communes)
    staff = province_staff(province)
    for assessment in Assessment.objects.filter(commune__in=communes[::4], status=Status.FINALIZED):
        decision(assessment, staff)  # criticised: on the follow-up lists and the chairs to review
    _client, header = issue(province)
    client.get(reverse("api:year-list"), **header)  # "last used" is written once a minute, not counted here
    with django_assert_max_num_queries(LIST_QUERIES[name]):
        response = client.get(_url(name), {"year": 2021, "page_size": 200}, **header)
    assert response.status_code == 200
    body = response.json()
    if "count" in body:
        assert body["count"] > 0
