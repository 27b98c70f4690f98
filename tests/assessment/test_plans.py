"""Improvement plans: the target rule, editing, submitting, who sees what."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.followups import target_problem
from assessment.models import AssessmentYear, ImprovementPlan, Status
from assessment.selectors.followups import past_scores
from assessment.services.errors import AssessmentError, StaleEditError
from assessment.services.plans import PlanItemData, improvement_plan_save, improvement_plan_submit
from communes.models import Commune, year_day
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import province_staff

TWENTY = Decimal("20")


# --- the target rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    "target, last, explanation, refused",
    [
        ("15", "15", "", False),
        ("14.75", "15", "", True),
        ("14.75", "15", "Xã mới sáp nhập thôn, khối lượng việc tăng", False),
        ("12", None, "", False),
        (None, "18", "", False),
    ],
)
def test_a_target_below_last_year_needs_an_explanation(target, last, explanation, refused):
    problem = target_problem(
        number=8,
        target=None if target is None else Decimal(target),
        last_score=None if last is None else Decimal(last),
        explanation=explanation,
        max_points=TWENTY,
    )
    assert (problem is not None) == refused
    if refused:
        assert problem.startswith("Tiêu thức 8: điểm phấn đấu 14,75 thấp hơn điểm năm trước 15")


@pytest.mark.parametrize("target", ["20.25", "-0.25", "13.1"])
def test_a_target_out_of_range_is_refused_naming_the_criterion(target):
    assert "Tiêu thức 3" in target_problem(
        number=3, target=Decimal(target), last_score=None, explanation="", max_points=TWENTY
    )


# --- services ------------------------------------------------------------------------------------


@pytest.fixture
def plan_world(world):
    make_year(2020)
    plan_year = make_year(2021)
    make_assessment(world.commune, 2020, status=Status.FINALIZED, scores={n: 16 for n in range(1, 21)} | {5: 18})
    return plan_year


def full_items(plan_year, overrides: dict | None = None) -> dict[int, PlanItemData]:
    items = {
        c.pk: PlanItemData(
            target_score=Decimal("18"),
            tasks="Rà soát hồ sơ",
            responsible_name="Lò Văn Pánh",
            targets="100% hồ sơ đúng hạn",
            solution="Họp giao ban hằng tháng",
        )
        for c in plan_year.criteria_set.criteria.all()
    }
    return items | (overrides or {})


def test_commune_staff_save_and_submit_a_plan(world, plan_world):
    plan = improvement_plan_save(
        commune=world.commune,
        year=plan_world,
        actor=world.commune_user,
        items=full_items(plan_world),
        expected_version=0,
    )
    assert plan.items.count() == 20 and plan.version == 1
    plan = improvement_plan_submit(plan=plan, actor=world.commune_user, expected_version=1)
    assert plan.status == ImprovementPlan.Status.SUBMITTED and plan.submitted_by == world.commune_user


def test_it_refuses_a_target_below_last_years_score_naming_the_criterion(world, plan_world):
    five = plan_world.criteria_set.criteria.get(number=5)
    items = full_items(plan_world, {five.pk: PlanItemData(target_score=Decimal("17"), tasks="x", responsible_name="y")})
    with pytest.raises(AssessmentError, match="Tiêu thức 5: điểm phấn đấu 17 thấp hơn điểm năm trước 18"):
        improvement_plan_save(
            commune=world.commune, year=plan_world, actor=world.commune_user, items=items, expected_version=0
        )
    assert not ImprovementPlan.objects.exists()


def test_a_stale_plan_page_is_refused(world, plan_world):
    improvement_plan_save(
        commune=world.commune,
        year=plan_world,
        actor=world.commune_user,
        items=full_items(plan_world),
        expected_version=0,
    )
    with pytest.raises(StaleEditError):
        improvement_plan_save(
            commune=world.commune,
            year=plan_world,
            actor=world.commune_user,
            items=full_items(plan_world),
            expected_version=0,
        )


def test_a_plan_cannot_be_submitted_with_criteria_missing_a_target(world, plan_world):
    one = plan_world.criteria_set.criteria.get(number=1)
    items = full_items(plan_world, {one.pk: PlanItemData()})
    plan = improvement_plan_save(
        commune=world.commune, year=plan_world, actor=world.commune_user, items=items, expected_version=0
    )
    with pytest.raises(AssessmentError, match="Tiêu thức 1: chưa có điểm phấn đấu, nhiệm vụ, người phụ trách"):
        improvement_plan_submit(plan=plan, actor=world.commune_user, expected_version=plan.version)
    plan.refresh_from_db()
    assert plan.status == ImprovementPlan.Status.DRAFT


@pytest.mark.parametrize("role", ["sibling_user", "reviewer", "province_user"])
def test_only_the_communes_own_staff_write_its_plan(world, plan_world, role):
    with pytest.raises(AssessmentError):
        improvement_plan_save(
            commune=world.commune,
            year=plan_world,
            actor=getattr(world, role),
            items=full_items(plan_world),
            expected_version=0,
        )


def test_a_submitted_or_locked_plan_is_not_edited(world, plan_world):
    plan = improvement_plan_save(
        commune=world.commune,
        year=plan_world,
        actor=world.commune_user,
        items=full_items(plan_world),
        expected_version=0,
    )
    improvement_plan_submit(plan=plan, actor=world.commune_user, expected_version=plan.version)
    with pytest.raises(AssessmentError, match="đã gửi"):
        improvement_plan_save(
            commune=world.commune,
            year=plan_world,
            actor=world.commune_user,
            items=full_items(plan_world),
            expected_version=2,
        )
    plan_world.is_locked = True
    plan_world.save()
    with pytest.raises(AssessmentError, match="khóa sổ"):
        improvement_plan_save(
            commune=world.commune,
            year=plan_world,
            actor=world.commune_user,
            items=full_items(plan_world),
            expected_version=2,
        )


# --- pages ---------------------------------------------------------------------------------------


def edit_url(commune, year=2021, name="plan-edit") -> str:
    return reverse(f"assessment:{name}", kwargs={"year": year, "code": commune.code})


def post_data(plan_year, version=0, **overrides) -> dict:
    data = {"version": version}
    for c in plan_year.criteria_set.criteria.all():
        data |= {
            f"target_{c.pk}": "18",
            f"tasks_{c.pk}": "Rà soát",
            f"responsible_name_{c.pk}": "Lò Văn Pánh",
            f"targets_{c.pk}": "",
            f"solution_{c.pk}": "",
            f"explanation_{c.pk}": "",
        }
    return data | overrides


def test_the_plan_page_shows_the_last_three_years_and_why_a_plan_is_required(client, world, plan_world):
    client.force_login(world.commune_user)
    content = client.get(edit_url(world.commune)).content.decode()
    assert all(str(y) in content for y in (2018, 2019, 2020))
    assert "Xã phải xây dựng kế hoạch vì kết quả năm 2020" in content
    assert "Xếp loại Khá (từ Khá trở xuống)" in content
    assert '<td class="text-end past-score">18</td>' in content


def test_saving_a_target_below_last_year_on_the_page_keeps_the_input_and_names_the_criterion(client, world, plan_world):
    five = plan_world.criteria_set.criteria.get(number=5)
    client.force_login(world.commune_user)
    response = client.post(edit_url(world.commune), post_data(plan_world, **{f"target_{five.pk}": "17,5"}))
    assert response.status_code == 400
    content = response.content.decode()
    assert "Tiêu thức 5: điểm phấn đấu 17,5 thấp hơn điểm năm trước 18" in content
    assert 'value="17,5"' in content
    assert not ImprovementPlan.objects.exists()


def test_save_and_submit_from_the_page(client, world, plan_world):
    client.force_login(world.commune_user)
    response = client.post(edit_url(world.commune, name="plan-submit"), post_data(plan_world), follow=True)
    assert "Đã gửi kế hoạch." in response.content.decode()
    plan = ImprovementPlan.objects.get()
    assert plan.status == ImprovementPlan.Status.SUBMITTED
    assert "Lưu kế hoạch" not in client.get(edit_url(world.commune)).content.decode()


def test_the_district_sees_its_communes_plans_but_cannot_edit_them(client, world, plan_world):
    client.force_login(world.commune_user)
    client.post(edit_url(world.commune), post_data(plan_world))
    client.force_login(world.reviewer)
    page = client.get(edit_url(world.commune))
    assert page.status_code == 200 and "Lò Văn Pánh" in page.content.decode()
    assert client.post(edit_url(world.commune), post_data(plan_world, version=1)).status_code == 403
    listing = client.get(reverse("assessment:plan-list"), {"nam": 2021}).content.decode()
    assert "Xã Mường Nhé" in listing and "Xã Sín Thầu" in listing and "Đang soạn" in listing


def test_other_communes_and_districts_cannot_see_a_plan(client, world, plan_world):
    for user in (world.sibling_user, world.other_reviewer):
        client.force_login(user)
        assert client.get(edit_url(world.commune)).status_code == 404
    client.force_login(world.sibling_user)
    assert client.post(edit_url(world.commune, name="plan-submit"), post_data(plan_world)).status_code == 404


def test_the_plan_list_marks_required_plans_not_yet_sent(client, world, plan_world):
    client.force_login(world.reviewer)
    response = client.get(reverse("assessment:plan-list"), {"nam": 2021})
    assert response.context["required"][world.commune.pk][0] == "Xếp loại Khá (từ Khá trở xuống)"
    assert world.sibling.pk not in response.context["required"]
    assert "Bắt buộc" in response.content.decode()


def test_the_plan_list_of_the_province_takes_a_bounded_number_of_queries(
    client, dienbien, django_assert_max_num_queries
):
    communes = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2020)))
    bulk_year(make_year(2020), communes, statuses=[Status.FINALIZED])
    make_year(2021)
    client.force_login(province_staff(dienbien))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assessment:plan-list"), {"nam": 2021})
    assert len(response.context["page"].object_list) == 50


# --- across the merger of 01/07/2025 -------------------------------------------------------------


def test_several_predecessors_scores_become_their_equal_weight_average_each_named():
    from assessment.followups import PastScore, predecessors_score

    assert predecessors_score(
        [("Phường Noong Bua", Decimal("18")), ("Xã Thanh Xương", Decimal("16")), ("Phường Nam Thanh", None)]
    ) == PastScore(Decimal("17.00"), (("Phường Noong Bua", Decimal("18")), ("Xã Thanh Xương", Decimal("16"))))
    assert predecessors_score([("A", Decimal("15")), ("B", Decimal("16")), ("C", Decimal("16"))]).value == Decimal(
        "15.67"
    )
    assert predecessors_score([("A", None)]).value is None


def _unit(code: str, year: int) -> Commune:
    return Commune.objects.valid_on(year_day(year)).get(code=code)


@pytest.fixture
def merged_plan(dienbien):
    """Phường Mường Thanh's plan for 2025: its predecessors' results of 2023 and 2024."""
    for year in (2022, 2023, 2024):
        make_year(year)
    plan_year = make_year(2025, has_district_level=False)
    make_assessment(_unit("3334", 2024), 2024, status=Status.FINALIZED, scores={n: 16 for n in range(1, 21)})
    make_assessment(_unit("3124", 2024), 2024, status=Status.FINALIZED, scores={n: 18 for n in range(1, 21)})
    make_assessment(_unit("3124", 2023), 2023, status=Status.FINALIZED, scores={n: 19 for n in range(1, 21)})
    make_assessment(_unit("3139", 2024), 2024, status=Status.SUBMITTED, scores=10)  # not confirmed: not used
    from tests.factories import commune_staff

    return {"year": plan_year, "commune": _unit("3334", 2025), "user": commune_staff(_unit("3334", 2025))}


def test_the_plan_of_a_merged_commune_shows_its_predecessors_last_three_years_each_named(client, merged_plan):
    client.force_login(merged_plan["user"])
    response = client.get(edit_url(merged_plan["commune"], 2025))
    content = " ".join(response.content.decode().split())
    assert 'Phường Noong Bua 18; Xã Thanh Xương 16<div class="fw-semibold">Trung bình 17</div>' in content
    assert 'Phường Noong Bua 19<div class="fw-semibold">Trung bình 19</div>' in content  # 2023
    assert "trung bình cộng điểm của các đơn vị đó, mỗi đơn vị tính như nhau" in content  # the rule, stated
    assert "Năm 2022, 2023, 2024: xã chưa hình thành" in content
    years, past = response.context["years"], response.context["past"]
    assert years == [2022, 2023, 2024] and 2022 not in past[5]


def test_a_merged_communes_target_is_checked_against_its_predecessors_average(merged_plan):
    year, commune, user = merged_plan["year"], merged_plan["commune"], merged_plan["user"]
    five = year.criteria_set.criteria.get(number=5)
    low = full_items(year, {five.pk: PlanItemData(target_score=Decimal("16.75"), tasks="x", responsible_name="y")})
    with pytest.raises(AssessmentError, match="Tiêu thức 5: điểm phấn đấu 16,75 thấp hơn điểm năm trước 17"):
        improvement_plan_save(commune=commune, year=year, actor=user, items=low, expected_version=0)
    at_average = full_items(year, {five.pk: PlanItemData(target_score=Decimal("17"), tasks="x", responsible_name="y")})
    assert improvement_plan_save(commune=commune, year=year, actor=user, items=at_average, expected_version=0)


def test_a_merged_commune_must_file_a_plan_for_its_predecessors_results_each_named(client, merged_plan):
    client.force_login(merged_plan["user"])
    content = " ".join(client.get(edit_url(merged_plan["commune"], 2025)).content.decode().split())
    assert "Xã phải xây dựng kế hoạch vì kết quả năm 2024" in content
    assert "Phường Noong Bua: Không được công nhận Trong sạch, vững mạnh" in content
    assert "Xã Thanh Xương: Không được công nhận Trong sạch, vững mạnh" in content
    assert "bất kỳ đơn vị nào trước sáp nhập thuộc diện phải lập" in content


def test_the_plan_list_of_2025_shows_the_45_new_communes_with_their_predecessors_reasons(
    client, merged_plan, dienbien, django_assert_max_num_queries
):
    taken = {"3334", "3124", "3139"}
    bulk_year(
        AssessmentYear.objects.get(year=2024),
        [c for c in Commune.objects.valid_on(year_day(2024)) if c.code not in taken],
        statuses=[Status.FINALIZED],
    )
    client.force_login(province_staff(dienbien))
    with django_assert_max_num_queries(21):  # 20, and the session's two-factor device
        response = client.get(reverse("assessment:plan-list"), {"nam": 2025})
    assert response.context["page"].paginator.count == 45
    reasons = response.context["required"][merged_plan["commune"].pk]
    assert "Phường Noong Bua: Không được công nhận Trong sạch, vững mạnh" in reasons
    content = response.content.decode()
    assert 'name="huyen"' not in content
    assert "bất kỳ đơn vị nào trước sáp nhập" in content


def test_the_old_communes_keep_their_own_plan_history(merged_plan):
    thanh_xuong = _unit("3334", 2024)
    years, past = past_scores(thanh_xuong, 2025)
    assert past[1][2024].value == Decimal("16") and past[1][2024].parts == ()
    assert 2023 not in past[1]  # Noong Bua's 2023 is not Thanh Xương's


def test_the_staff_of_a_merged_commune_see_why_it_must_file_a_plan_and_its_predecessors_plans(client, merged_plan):
    client.force_login(merged_plan["user"])
    response = client.get(reverse("assessment:plan-list"), {"nam": 2025})
    assert [c.name for c in response.context["page"].object_list] == ["Phường Mường Thanh"]
    assert (
        "Xã Thanh Xương: Không được công nhận Trong sạch, vững mạnh"
        in response.context["required"][merged_plan["commune"].pk]
    )
    before = client.get(reverse("assessment:plan-list"), {"nam": 2024})
    assert sorted(c.name for c in before.context["page"].object_list) == [
        "Phường Nam Thanh",
        "Phường Noong Bua",
        "Xã Thanh Xương",
    ]
    assert client.get(edit_url(_unit("3124", 2024), 2024)).status_code == 200


def test_a_province_reviewer_sees_the_predecessors_reasons_of_the_communes_assigned(client, merged_plan, dienbien):
    from communes.models import Role
    from tests.factories import UserFactory

    reviewer = UserFactory(role=Role.PROVINCE_REVIEWER, province=dienbien)
    reviewer.review_communes.add(merged_plan["commune"])
    client.force_login(reviewer)
    response = client.get(reverse("assessment:plan-list"), {"nam": 2025})
    assert [c.name for c in response.context["page"].object_list] == ["Phường Mường Thanh"]
    assert (
        "Phường Noong Bua: Không được công nhận Trong sạch, vững mạnh"
        in response.context["required"][merged_plan["commune"].pk]
    )


def test_save_and_submit_keeps_what_was_typed_when_sending_is_refused(world, plan_world):
    from assessment.services.plans import improvement_plan_save_and_submit

    one = plan_world.criteria_set.criteria.get(number=1)
    # Criterion 1 has a target and an explanation but no tasks yet: it cannot be sent.
    items = full_items(plan_world, {one.pk: PlanItemData(target_score=Decimal("18"), explanation="Giữ nguyên")})
    with pytest.raises(AssessmentError, match="Chưa thể gửi kế hoạch"):
        improvement_plan_save_and_submit(
            commune=world.commune, year=plan_world, actor=world.commune_user, items=items, expected_version=0
        )
    plan = ImprovementPlan.objects.get(commune=world.commune, year=plan_world)
    assert plan.status == ImprovementPlan.Status.DRAFT
    assert plan.items.get(criterion=one).explanation == "Giữ nguyên"


def test_submitting_without_the_pages_version_is_refused(world, plan_world):
    plan = improvement_plan_save(
        commune=world.commune,
        year=plan_world,
        actor=world.commune_user,
        items=full_items(plan_world),
        expected_version=0,
    )
    with pytest.raises(AssessmentError):
        improvement_plan_submit(plan=plan, actor=world.commune_user, expected_version=None)
    plan.refresh_from_db()
    assert plan.status == ImprovementPlan.Status.DRAFT
