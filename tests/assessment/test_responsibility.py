"""Who answers for each criterion, and the evaluation the criterion's final score suggests (plan II.3).

Built by the personnel work (issue 4): the assignment lives in assessment, the official's page in
personnel shows it through personnel.hooks.
"""

import pytest
from django.urls import reverse

from assessment.models import CriterionAssignment, ImprovementPlan, ImprovementPlanItem, Status
from tests.assessment.factories import make_assessment, make_year
from tests.personnel.factories import cadre, servant

# Criterion 11 (justice) and 12..16: scores straddling the 17 / 13 / 9 thresholds.
SCORES = {11: "17", 12: "16.75", 13: "13", 14: "12.75", 16: "9", 18: "8.75"}


@pytest.fixture
def scored(world):
    year = make_year(2021)
    make_assessment(world.commune, year, status=Status.FINALIZED, scores={n: SCORES.get(n, "20") for n in range(1, 21)})
    world.year = year
    world.justice = servant(world.commune, full_name="Lò Thị Pọm", positions=["tu-phap-ho-tich"])
    world.office = servant(world.commune, full_name="Quàng Văn Inh", positions=["van-phong-thong-ke"])
    world.criteria = {c.number: c for c in year.criteria_set.criteria.all()}
    return world


def url(w) -> str:
    return reverse("assessment:criterion-assignments", args=[w.year.year, w.commune.code])


def post_assignments(client, w, mapping: dict[int, object]):
    data = {f"criterion_{w.criteria[n].pk}": (o.pk if o else "") for n, o in mapping.items()}
    return client.post(url(w), data, follow=True)


def test_the_page_suggests_officials_by_position_until_the_commune_saves(client, scored):
    client.force_login(scored.commune_user)
    content = client.get(url(scored)).content.decode()
    assert "Gợi ý theo chức danh, chưa lưu" in content
    assert not CriterionAssignment.objects.exists()
    form = client.get(url(scored)).context["form"]
    assert form.initial[f"criterion_{scored.criteria[11].pk}"] == scored.justice.pk


def test_assigning_officials_shows_their_scores_and_suggested_evaluations_on_their_page(client, scored):
    client.force_login(scored.commune_user)
    response = post_assignments(
        client,
        scored,
        {
            11: scored.justice,
            13: scored.justice,
            12: scored.office,
            14: scored.office,
            16: scored.office,
            18: scored.office,
        },
    )
    assert "Đã lưu phân công" in response.content.decode()
    assert CriterionAssignment.objects.filter(official=scored.justice).count() == 2
    page = client.get(reverse("personnel:official-detail", args=[scored.justice.pk])).content.decode()
    assert "Hoàn thành xuất sắc nhiệm vụ" in page  # criterion 11: 17 points
    assert "Hoàn thành tốt nhiệm vụ" in page  # criterion 13: 13 points
    assert url(scored) in page  # the official's page links to the assignment page by URL name
    office = client.get(reverse("personnel:official-detail", args=[scored.office.pk])).content.decode()
    for text in (
        "Hoàn thành tốt nhiệm vụ",
        "Hoàn thành nhiệm vụ nhưng còn hạn chế về năng lực",
        "Không hoàn thành nhiệm vụ",
    ):
        assert text in office  # 16.75, 12.75 and 9, 8.75 points


def test_the_improvement_plan_names_the_assigned_official_with_a_link(client, scored):
    plan = ImprovementPlan.objects.create(commune=scored.commune, year=scored.year)
    item = ImprovementPlanItem.objects.create(plan=plan, criterion=scored.criteria[11], responsible_name="ai đó")
    client.force_login(scored.commune_user)
    post_assignments(client, scored, {11: scored.justice})
    item.refresh_from_db()
    assert (item.responsible_official, item.responsible_name) == (scored.justice, "Lò Thị Pọm")
    plan_page = reverse("assessment:plan-edit", kwargs={"year": 2021, "code": scored.commune.code})
    page = client.get(plan_page).content.decode()
    assert reverse("personnel:official-detail", args=[scored.justice.pk]) in page


def test_an_official_of_another_commune_cannot_be_assigned(client, scored):
    stranger = servant(scored.sibling, positions=["tu-phap-ho-tich"])
    client.force_login(scored.commune_user)
    response = post_assignments(client, scored, {11: stranger})
    assert response.status_code == 200
    assert not CriterionAssignment.objects.exists()


def test_clearing_a_choice_removes_the_assignment(client, scored):
    client.force_login(scored.commune_user)
    post_assignments(client, scored, {11: scored.justice})
    post_assignments(client, scored, {11: None})
    assert not CriterionAssignment.objects.exists()


def test_a_locked_year_is_read_only(client, scored):
    scored.year.is_locked = True
    scored.year.save()
    client.force_login(scored.commune_user)
    response = post_assignments(client, scored, {11: scored.justice})
    assert "đã khóa sổ" in response.content.decode()
    assert not CriterionAssignment.objects.exists()


def test_reviewers_read_the_assignments_but_cannot_change_them(client, scored):
    cadre(scored.commune)
    client.force_login(scored.reviewer)
    assert client.get(url(scored)).status_code == 200
    assert post_assignments(client, scored, {11: scored.justice}).status_code == 403
    client.force_login(scored.sibling_user)
    assert client.get(url(scored)).status_code == 404
