"""The dashboards as users see them: numbers, badges, scope, and a bounded number of queries."""

import html
import re

import pytest
from django.urls import reverse

from communes.models import District, year_day
from tests.factories import ProvinceFactory, district_reviewer, province_staff
from tests.reports.factories import assess_all, small_province

# The same bound for 10 communes and 129: nothing is queried per commune or per district.
# The communes are read once for the counts, the ratios and the duty panels (reports.dashboards).
PROVINCE_QUERIES = 27
DISTRICT_QUERIES = 25


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def test_province_staff_see_the_counts_next_to_the_plans_targets(client, world, sample):
    client.force_login(world.province_user)
    response = client.get(reverse("reports:province-dashboard"), {"nam": 2021})
    assert response.status_code == 200
    board = response.context["board"]
    assert [(r.target.key, r.count, r.met) for r in board.targets] == [
        ("tsvm", 2, False),
        ("good", 1, False),
        ("fair", 2, False),
        ("average", 1, True),
        ("weak", 1, False),
    ]
    text = _text(response)
    assert "Trong sạch, vững mạnh 2 xã Chỉ tiêu ≥ 65 xã Chưa đạt · tạm tính" in text
    assert "Trung bình 1 xã Chỉ tiêu < 6 xã Đạt · tạm tính" in text
    assert "Tỉnh đã công nhận kết quả 5/7 xã." in text


def test_the_province_dashboard_draws_its_charts_inline_with_a_table_behind_each(client, world, sample):
    client.force_login(world.province_user)
    page = client.get(reverse("reports:province-dashboard")).content.decode()
    assert page.count("<svg") >= 3
    assert page.count('<details class="data-table"') >= 3
    assert "<script" not in page.split("<main", 1)[1].split("</main>", 1)[0]
    assert "http://" not in re.sub(r'xmlns(:\w+)?="http://[^"]+"', "", page)


def test_the_matrix_colours_weak_fields_by_band(client, world, sample):
    client.force_login(world.province_user)
    page = client.get(reverse("reports:province-dashboard")).content.decode()
    # w.other_district averages 12 on every criterion (9 and 15): the "low" band.
    matrix = page.split('id="matrix-title"', 1)[1]
    row = matrix.split(world.other_district.name, 1)[1].split("</tr>", 1)[0]
    assert row.count('class="band-low"') == 20
    assert "Dưới 9" in page  # the legend


def test_the_year_chooser_shows_another_year(client, world, sample):
    client.force_login(world.province_user)
    response = client.get(reverse("reports:province-dashboard"), {"nam": 2020})
    assert response.context["board"].total.as_dict() == {"good": 0, "fair": 1, "average": 0, "weak": 1, "tsvm": 0}
    assert client.get(reverse("reports:province-dashboard"), {"nam": 1999}).status_code == 404


def test_without_any_year_the_dashboard_says_what_to_do(client, world):
    client.force_login(world.province_user)
    assert "Mở năm đánh giá" in client.get(reverse("reports:province-dashboard")).content.decode()


def test_the_district_dashboard_shows_its_review_queue_first_and_shares_not_targets(client, world, sample):
    client.force_login(world.reviewer)
    response = client.get(reverse("reports:district-dashboard", args=[world.district.code]))
    text = _text(response)
    assert text.index("Hàng chờ thẩm định") < text.index("Tỷ lệ xếp loại")
    assert "Xã Chà Cang" in text.split("Tỷ lệ xếp loại")[0]  # the late draft is in the queue
    # 3 of the 4 communes confirmed: no share of the confirmed ones passes for the district's
    assert "3/4 đã công nhận" in text and "33,3%" not in text and "33.3%" not in text
    assert "Chỉ tiêu ≥ 65" not in text
    assert response.context["queue_url"] == reverse("assessment:review-queue", args=[world.district.code]) + "?nam=2021"


def test_a_reviewer_gets_404_for_another_districts_dashboard(client, world, sample):
    client.force_login(world.other_reviewer)
    assert client.get(reverse("reports:district-dashboard", args=[world.district.code])).status_code == 404
    assert client.get(reverse("reports:district-dashboard", args=["does-not-exist"])).status_code == 404


def test_a_reviewer_may_not_open_the_province_dashboard(client, world, sample):
    client.force_login(world.reviewer)
    assert client.get(reverse("reports:province-dashboard")).status_code == 403


@pytest.mark.parametrize("size", ["ten", "whole"])
def test_the_province_dashboard_takes_the_same_number_of_queries_for_10_or_129_communes(
    client, db, size, django_assert_max_num_queries, request
):
    if size == "whole":
        province = request.getfixturevalue("dienbien")
        communes = list(province.communes.valid_on(year_day(2021)))
    else:
        province = ProvinceFactory(code="99", name="Tỉnh Thử")
        communes = small_province(province)
    assert len(communes) == (129 if size == "whole" else 10)
    assess_all(communes)
    client.force_login(province_staff(province))
    with django_assert_max_num_queries(PROVINCE_QUERIES):
        response = client.get(reverse("reports:province-dashboard"))
    assert response.context["board"].total.communes == len(communes)


@pytest.mark.parametrize("size", ["two", "largest"])
def test_the_district_dashboard_takes_the_same_number_of_queries_for_2_or_21_communes(
    client, db, size, django_assert_max_num_queries, request
):
    if size == "largest":
        province = request.getfixturevalue("dienbien")
        assess_all(list(province.communes.valid_on(year_day(2021))))
        district = max(District.objects.filter(province=province), key=lambda d: d.communes.count())
    else:
        province = ProvinceFactory(code="99", name="Tỉnh Thử")
        assess_all(small_province(province, 1, 2))
        district = District.objects.get(province=province)
    client.force_login(district_reviewer(district))
    with django_assert_max_num_queries(DISTRICT_QUERIES):
        response = client.get(reverse("reports:district-dashboard", args=[district.code]))
    assert len(response.context["board"].rows) == district.communes.count()


def test_the_district_page_and_its_dashboard_label_the_staff_figures_with_the_same_day(client, world):
    from django.utils import timezone

    from tests.assessment.factories import make_year

    this_year = timezone.localdate().year
    make_year(this_year, has_district_level=True)
    label = f"Đội ngũ tính đến ngày {timezone.localdate():%d/%m/%Y}"
    client.force_login(world.reviewer)
    page = _text(client.get(reverse("communes:district-detail", args=[world.district.code])))
    board = _text(client.get(reverse("reports:district-dashboard", args=[world.district.code]), {"nam": this_year}))
    assert label in page and label in board
