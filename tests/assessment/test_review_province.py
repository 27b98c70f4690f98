"""The province review queue of a year without districts: province reviewers see the communes
assigned to them, province staff see all of them by reviewer group; no page names a district."""

import html
import re
from datetime import date

import pytest
from django.urls import reverse

from assessment.models import Assessment, Status
from communes.models import Commune, Province, Role, year_day
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import CommuneFactory, ProvinceFactory, UserFactory, district_reviewer, province_staff

QUEUE = "assessment:review-queue-province"
QUEUE_QUERIES = 16


def province_reviewer(province: Province, communes=(), **kwargs):  # noqa: ANN001, ANN201
    user = UserFactory(role=Role.PROVINCE_REVIEWER, province=province, **kwargs)
    user.review_communes.set(communes)
    return user


def new_commune(province: Province, name: str) -> Commune:
    return CommuneFactory(district=None, province=province, name=name, valid_from=date(2025, 7, 1))


def _main_text(response) -> str:  # noqa: ANN001
    page = response.content.decode()
    main = page.split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


@pytest.fixture
def merged(world):  # noqa: ANN001, ANN201
    """2026 without districts: three new communes, two reviewers (one commune each), one unassigned."""
    province = world.province
    communes = [new_commune(province, name) for name in ("Phường Mường Thanh", "Xã Mường Nhé Mới", "Xã Na Son")]
    year = make_year(2026, has_district_level=False)
    for commune, status in zip(communes, [Status.SUBMITTED, Status.RETURNED, Status.SUBMITTED], strict=True):
        make_assessment(commune, year, status=status, scores=16)
    first = province_reviewer(province, [communes[0]], first_name="Thị Hoa", last_name="Lò")
    second = province_reviewer(province, [communes[1]], first_name="Văn Minh", last_name="Quàng")
    return communes, first, second


def _names(response) -> list[str]:  # noqa: ANN001
    return [row.assessment.commune.name for row in response.context["page"].object_list]


def test_a_province_reviewer_sees_only_the_communes_assigned_to_them(client, merged):
    communes, first, _second = merged
    client.force_login(first)
    response = client.get(reverse(QUEUE))
    assert response.status_code == 200
    assert _names(response) == ["Phường Mường Thanh"]
    assert response.context["counts"]["waiting"] == 1
    assert "Xã Na Son" not in response.content.decode()


def test_a_province_reviewer_without_a_list_sees_every_commune_of_the_province(client, world, merged):
    client.force_login(province_reviewer(world.province))
    assert sorted(_names(client.get(reverse(QUEUE)))) == ["Phường Mường Thanh", "Xã Mường Nhé Mới", "Xã Na Son"]


def test_province_staff_see_every_commune_and_filter_by_reviewer_group(client, world, merged):
    communes, first, second = merged
    client.force_login(world.province_user)
    url = reverse(QUEUE)
    everything = client.get(url)
    assert len(_names(everything)) == 3
    assert [g.name for g in everything.context["groups"]] == ["Lò Thị Hoa", "Quàng Văn Minh", "Chưa phân công"]
    text = _main_text(everything)
    assert "Nhóm thẩm định" in text and "Chưa phân công" in text
    assert _names(client.get(url, {"nhom": second.pk})) == ["Xã Mường Nhé Mới"]
    assert _names(client.get(url, {"nhom": "chua-phan-cong"})) == ["Xã Na Son"]
    waiting = client.get(url, {"nhom": first.pk, "loc": "waiting"})
    assert _names(waiting) == ["Phường Mường Thanh"]


def test_a_reviewer_sees_no_reviewer_group_filter(client, merged):
    _communes, first, _second = merged
    client.force_login(first)
    response = client.get(reverse(QUEUE), {"nhom": "chua-phan-cong"})
    assert "groups" not in response.context
    assert _names(response) == ["Phường Mường Thanh"]  # the parameter is ignored, not a way around the list


def test_a_year_without_districts_shows_no_district_anywhere_in_the_queue(client, world, merged):
    client.force_login(world.province_user)
    text = _main_text(client.get(reverse(QUEUE)))
    assert "Phường Mường Thanh" in text
    assert "huyện" not in text.lower()


def test_the_queue_opens_the_latest_year_without_districts_and_district_reviewers_keep_theirs(client, world, merged):
    make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=16)
    client.force_login(world.province_user)
    response = client.get(reverse(QUEUE))
    assert response.context["year"].year == 2026 and response.context["years"] == [2026]
    assert client.get(reverse(QUEUE), {"nam": 2021}).status_code == 404
    client.force_login(world.reviewer)
    district_queue = reverse("assessment:review-queue", kwargs={"code": world.district.code})
    response = client.get(district_queue)
    assert response.context["year"].year == 2021 and _names(response) == ["Xã Mường Nhé"]
    assert client.get(district_queue, {"nam": 2026}).status_code == 404
    assert client.get(reverse(QUEUE)).status_code == 403


def test_after_approving_a_commune_without_district_the_reviewer_is_back_on_the_province_queue(client, merged):
    communes, first, _second = merged
    assessment = Assessment.objects.get(commune=communes[0], year__year=2026)
    data = {"version": assessment.version, "comment": ""}
    for score in assessment.scores.all():
        data[f"score_{score.criterion_id}"] = "16"
        data[f"comment_{score.criterion_id}"] = ""
    client.force_login(first)
    url = reverse("assessment:review-approve", kwargs={"year": 2026, "code": communes[0].code})
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE) + "?nam=2026"
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED


# --- bounded queries ----------------------------------------------------------------------------


def _large_province(size: int) -> Province:
    province = ProvinceFactory(code="79", name="Thành phố Thử")
    Commune.objects.bulk_create(
        [
            Commune(
                code=f"8{n:04d}",
                name=f"Xã Lớn {n}",
                search_name=f"xa lon {n}",
                kind=Commune.Kind.COMMUNE,
                province=province,
                valid_from=date(2025, 7, 1),
            )
            for n in range(size)
        ]
    )
    return province


@pytest.mark.parametrize("size", ["dienbien", "large"])
def test_the_province_queue_takes_the_same_number_of_queries_for_45_or_300_communes(
    client, db, size, request, django_assert_max_num_queries
):
    if size == "dienbien":
        province = request.getfixturevalue("dienbien")
    else:
        province = _large_province(300)
    communes = list(Commune.objects.filter(province=province).valid_on(year_day(2026)).order_by("code"))
    assert len(communes) == (45 if size == "dienbien" else 300)
    year = make_year(2026, has_district_level=False)
    bulk_year(year, communes, statuses=[Status.SUBMITTED, Status.RETURNED, Status.DISTRICT_APPROVED])
    for index in range(3):
        province_reviewer(province, communes[index::4])
    staff = province_staff(province)
    client.force_login(staff)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(reverse(QUEUE))
    assert response.context["counts"]["all"] == len(communes)
    assert len(response.context["groups"]) == 4
    reviewer = province_reviewer(province, communes[:40])
    client.force_login(reviewer)
    with django_assert_max_num_queries(QUEUE_QUERIES):
        response = client.get(reverse(QUEUE))
    assert response.context["counts"]["all"] == 40


def test_a_district_reviewer_is_refused_the_province_queue(client, world):
    make_year(2026, has_district_level=False)
    client.force_login(district_reviewer(world.district))
    assert client.get(reverse(QUEUE)).status_code == 403
