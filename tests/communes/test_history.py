"""A commune across the merger of 01/07/2025: its page names its predecessors or successors, and a new
commune's page shows its predecessors' results for the years before it stood, named, while those
results stay on the old units."""

import re
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.models import Assessment, Status
from communes.models import NEW_MAP_FIRST_DAY, Commune, year_day
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import commune_staff, province_staff

# 336 and 355 points out of 400.
THANH_XUONG = {n: 17 for n in range(1, 17)} | {n: 16 for n in range(17, 21)}
NOONG_BUA = {n: 18 for n in range(1, 16)} | {n: 17 for n in range(16, 21)}


def text(response) -> str:
    """The page's text as a reader sees it: tags dropped, white space collapsed."""
    return " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())


def old(code: str) -> Commune:
    return Commune.objects.valid_on(year_day(2024)).get(code=code)


def new(code: str) -> Commune:
    return Commune.objects.valid_on(NEW_MAP_FIRST_DAY).get(code=code)


@pytest.fixture
def merged(dienbien):
    """Phường Mường Thanh (new 3334) and its predecessors' 2024 results; its own 2025 result."""
    make_year(2024)
    make_year(2025, has_district_level=False)
    thanh_xuong = make_assessment(old("3334"), 2024, status=Status.FINALIZED, scores=THANH_XUONG)
    noong_bua = make_assessment(old("3124"), 2024, status=Status.FINALIZED, scores=NOONG_BUA)
    make_assessment(old("3139"), 2024, status=Status.SUBMITTED, scores=15)
    own = make_assessment(new("3334"), 2025, status=Status.FINALIZED, scores=18)
    return {"thanh_xuong": thanh_xuong, "noong_bua": noong_bua, "own": own, "staff": province_staff(dienbien)}


def test_a_new_commune_names_its_predecessors_with_links_to_their_pages_of_2024(client, merged):
    client.force_login(merged["staff"])
    response = client.get(reverse("communes:commune-detail", args=["3334"]))
    assert response.context["commune"] == new("3334")
    assert "Hình thành từ: Phường Noong Bua , Phường Nam Thanh , Xã Thanh Xương (từ 01/07/2025)" in text(response)
    content = response.content.decode()
    for code in ("3124", "3139", "3334"):
        assert f'href="/xa/{code}/?nam=2024"' in content


def test_an_old_commune_says_which_commune_it_was_merged_into_with_a_link(client, merged):
    client.force_login(merged["staff"])
    response = client.get(reverse("communes:commune-detail", args=["3124"]), {"nam": 2024})
    assert response.context["commune"].name == "Phường Noong Bua"
    assert "Đã sáp nhập vào Phường Mường Thanh từ 01/07/2025" in text(response)
    assert '<a href="/xa/3334/">Phường Mường Thanh</a>' in response.content.decode()
    assert "hiệu lực đến 30/06/2025" in text(response)


def test_a_new_commune_shows_its_predecessors_results_named_next_to_its_own(client, merged):
    client.force_login(merged["staff"])
    page = text(client.get(reverse("communes:commune-detail", args=["3334"])))
    tx, nb = merged["thanh_xuong"], merged["noong_bua"]
    assert tx.final_total == Decimal("336") and nb.final_total == Decimal("355")
    assert (
        f"2024: Phường Noong Bua 355 ({nb.get_final_class_display()}); "
        f"Phường Nam Thanh (Chờ thẩm định); Xã Thanh Xương 336 ({tx.get_final_class_display()})"
    ) in page
    assert "Năm 2025" in page  # its own result, from 2025 on
    assert page.index("Năm 2025") < page.index("Trước sáp nhập")


def test_the_predecessors_results_link_to_the_old_assessments(client, merged):
    client.force_login(merged["staff"])
    content = client.get(reverse("communes:commune-detail", args=["3334"])).content.decode()
    assert f'href="{reverse("assessment:assessment-detail", args=[2024, "3124"])}"' in content
    detail = client.get(reverse("assessment:assessment-detail", args=[2024, "3334"]))
    assert detail.status_code == 200 and detail.context["assessment"].commune.name == "Xã Thanh Xương"


def test_commune_staff_of_the_new_commune_see_their_predecessors_results(client, merged):
    client.force_login(commune_staff(new("3334")))
    page = text(client.get(reverse("communes:commune-detail", args=["3334"])))
    assert "Xã Thanh Xương 336" in page
    old_page = client.get(reverse("assessment:assessment-detail", args=[2024, "3124"]))
    assert old_page.status_code == 200


def test_old_results_stay_on_the_old_units_unchanged(client, merged):
    client.force_login(merged["staff"])
    client.get(reverse("communes:commune-detail", args=["3334"]))
    thanh_xuong = Assessment.objects.get(pk=merged["thanh_xuong"].pk)
    assert thanh_xuong.commune == old("3334") and thanh_xuong.final_total == Decimal("336")
    assert not Assessment.objects.filter(commune=new("3334"), year__year=2024).exists()
    assert list(Assessment.objects.filter(commune=new("3334")).values_list("year__year", flat=True)) == [2025]


def test_a_commune_without_predecessors_shows_no_section_before_the_merger(client, merged):
    client.force_login(merged["staff"])
    page = text(client.get(reverse("communes:commune-detail", args=["3124"]), {"nam": 2024}))
    assert "Trước sáp nhập" not in page and "Hình thành từ" not in page


def test_the_new_communes_page_takes_a_bounded_number_of_queries(client, dienbien, django_assert_max_num_queries):
    before = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2024)))
    bulk_year(make_year(2023), before, statuses=[Status.FINALIZED])
    bulk_year(make_year(2024), before, statuses=[Status.FINALIZED])
    bulk_year(make_year(2025, has_district_level=False), list(Commune.objects.valid_on(year_day(2025))))
    client.force_login(province_staff(dienbien))
    with django_assert_max_num_queries(31):  # 30, and the session's two-factor device
        response = client.get(reverse("communes:commune-detail", args=["3160"]))  # Xã Mường Nhé, from three
    assert [len(y.assessments) for y in _panel(response)["before_merger"]] == [3, 3]


def _panel(response) -> dict:
    return next(p["context"] for p in response.context["panels"] if p["template"] == "assessment/panel_commune.html")
