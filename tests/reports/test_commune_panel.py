"""The results panel on the commune page."""

from django.urls import reverse

from assessment.models import Status
from tests.assessment.factories import make_assessment


def _panel(response) -> dict:
    return next(p["context"] for p in response.context["panels"] if p["template"] == "reports/panel_commune.html")


def test_the_panel_lists_each_years_class_and_total(client, world, sample):
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    panel = _panel(response)
    assert [(a.year.year, a.final_class, a.final_total) for a in panel["assessments"]] == [
        (2021, "good", 360),
        (2020, "fair", 300),
    ]
    assert "Kết quả qua các năm và so sánh" in response.content.decode()


def test_the_panel_compares_each_criterion_with_the_district_and_province(client, world, sample):
    client.force_login(world.reviewer)
    panel = _panel(client.get(reverse("communes:commune-detail", args=[world.sibling.code])))
    first = panel["rows"][0]
    assert (first.score, str(first.district), str(first.province)) == (15, "14.67", "13.60")
    assert first.below_district is False
    assert "<svg" in panel["chart"]


def test_a_fair_commune_is_told_what_keeps_it_from_good(client, world, sample):
    client.force_login(world.sibling_user)
    response = client.get(reverse("communes:commune-detail", args=[world.sibling.code]))
    panel = _panel(response)
    assert panel["next_class"].classification == "good"
    assert panel["next_class"].reasons == ["Tổng 300/400 < 340 nên chưa đạt Tốt"]
    assert "Tổng 300/400 &lt; 340 nên chưa đạt Tốt" in response.content.decode()


def test_a_commune_not_yet_approved_sees_what_to_expect(client, world):
    make_assessment(world.commune, 2021, status=Status.DRAFT, scores=12)
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:commune-detail", args=[world.commune.code]))
    assert _panel(response)["latest"] is None
    assert "Phần so sánh hiện khi huyện đã duyệt bản đánh giá của xã." in response.content.decode()
