"""The duties pages take the same number of queries for a commune with one visit or many, and the
coaching import the same for one row or a hundred; a reviewer's scope holds for every write."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from communes.profile.models import CitizenReception, CoachingVisit, GovernanceYear
from tests.communes.test_complaints import FIGURES

PAGE_QUERIES = 12
IMPORT_QUERIES = 14


def _visits(commune, count: int) -> None:  # noqa: ANN001
    CoachingVisit.objects.bulk_create(
        CoachingVisit(
            commune=commune,
            level="district",
            coach=f"Cán bộ {n}",
            start_date=date(2021, 1, 1) + timedelta(days=3 * n),
            end_date=date(2021, 1, 2) + timedelta(days=3 * n),
            topics="Một cửa",
        )
        for n in range(count)
    )


@pytest.mark.parametrize("visits", [1, 100])
def test_the_duties_page_takes_the_same_queries_for_one_visit_or_a_hundred(
    client, world, visits, django_assert_max_num_queries
):
    CitizenReception.objects.create(commune=world.commune, year=2021, **FIGURES)
    GovernanceYear.objects.create(commune=world.commune, year=2021, meeting_months=4095)
    _visits(world.commune, visits)
    client.force_login(world.province_user)
    with django_assert_max_num_queries(PAGE_QUERIES):
        response = client.get(reverse("communes:duties-detail", args=[world.commune.code, 2021]))
    assert len(response.context["duties"].visits) == visits


@pytest.mark.parametrize("url_name", ["communes:reception-edit", "communes:governance-edit", "communes:duties-import"])
def test_each_commune_form_takes_a_fixed_number_of_queries(client, world, url_name, django_assert_max_num_queries):
    client.force_login(world.commune_user)
    with django_assert_max_num_queries(PAGE_QUERIES):
        assert client.get(reverse(url_name, args=[world.commune.code, 2021])).status_code == 200


@pytest.mark.parametrize("rows", [1, 100])
def test_the_coaching_import_takes_the_same_queries_for_one_row_or_a_hundred(
    client, world, rows, django_assert_max_num_queries
):
    client.force_login(world.province_user)
    template = client.get(reverse("communes:coaching-template", args=[world.commune.code])).content
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook["Hướng dẫn"]
    for n in range(rows):
        sheet.append([n + 1, "Cấp tỉnh", "Lò Văn Thắng", "Sở Nội vụ", "04/01/2021", "08/01/2021", "Hộ tịch"])
    out = io.BytesIO()
    workbook.save(out)
    upload = SimpleUploadedFile("h.xlsx", out.getvalue())
    with django_assert_max_num_queries(IMPORT_QUERIES):
        response = client.post(reverse("communes:coaching-import", args=[world.commune.code]), {"file": upload})
    assert response.status_code == 302 and CoachingVisit.objects.count() == rows


def test_a_reviewer_may_not_delete_a_visit_to_a_commune_outside_their_district(client, world):
    _visits(world.commune, 1)
    visit = CoachingVisit.objects.get()
    client.force_login(world.other_reviewer)
    response = client.post(reverse("communes:coaching-delete", args=[world.commune.code, visit.pk]))
    assert response.status_code == 404 and CoachingVisit.objects.exists()


def test_commune_staff_see_their_visits_but_may_not_record_one(client, world):
    _visits(world.commune, 1)
    client.force_login(world.commune_user)
    text = client.get(reverse("communes:duties-detail", args=[world.commune.code, 2021])).content.decode()
    assert "Cán bộ 0" in text and "Ghi nhận đợt hướng dẫn" not in text
    assert client.get(reverse("communes:coaching-create", args=[world.commune.code])).status_code == 403
