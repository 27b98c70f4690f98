"""Province confirmation pages: list, confirm (one and all), criticism/reminder, reopen, year lock."""

from urllib.parse import urlencode

import pytest
from django.urls import reverse

from assessment.models import Assessment, AssessmentEvent, AssessmentYear, ProvinceDecision, Status
from communes.models import Commune, District, year_day
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import province_reviewer, province_staff


def url(name: str, assessment) -> str:
    return reverse(f"assessment:{name}", kwargs={"year": assessment.year.year, "code": assessment.commune.code})


def test_the_list_shows_the_computed_class_its_reasons_and_tsvm_eligibility(client, world):
    make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=14)
    make_assessment(world.outsider_commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    client.force_login(world.province_user)
    content = client.get(reverse("assessment:confirm-list"), {"nam": 2021}).content.decode()
    assert "Xã Mường Nhé" in content and "Xã Thanh Xương" in content
    assert "Tổng 280/400 &lt; 340 nên chưa đạt Tốt" in content
    assert "Tiêu thức 1, 2, 3" in content  # why Mường Nhé is not eligible for TSVM
    assert "Đủ điều kiện" in content
    assert 'name="tsvm"' in content  # only the eligible commune gets the checkbox
    assert content.count('name="tsvm" value="on"') == 1
    assert "badge-provisional" not in content and "Tạm thời" not in content  # the set's status is not a result's


def test_the_list_of_one_district_leaves_out_the_others(client, world):
    make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=16)
    make_assessment(world.outsider_commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    client.force_login(world.province_user)
    query = {"nam": 2021, "huyen": world.district.code}
    content = client.get(reverse("assessment:confirm-list"), query).content.decode()
    assert "Xã Mường Nhé" in content and "Xã Thanh Xương" not in content


def test_the_provisional_badge_goes_once_the_set_is_confirmed(client, world):
    year = make_year(2021)
    year.criteria_set.is_provisional = False
    year.criteria_set.save()
    make_assessment(world.commune, year, status=Status.DISTRICT_APPROVED, scores=16)
    client.force_login(world.province_user)
    assert "badge-provisional" not in client.get(reverse("assessment:confirm-list")).content.decode()


def test_confirming_one_with_tsvm(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    client.force_login(world.province_user)
    response = client.post(url("confirm", assessment), {"tsvm": "on", "version": assessment.version})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert (assessment.status, assessment.final_class, assessment.tsvm) == (Status.FINALIZED, "good", True)


def test_confirming_tsvm_for_an_ineligible_commune_is_refused_with_the_reasons(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=14)
    client.force_login(world.province_user)
    response = client.post(url("confirm", assessment), {"tsvm": "on", "version": assessment.version}, follow=True)
    assert "Chưa đủ điều kiện công nhận Trong sạch, vững mạnh" in response.content.decode()
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED


def test_confirming_all_listed_recognises_tsvm_only_where_eligible(client, world):
    good = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    weak = make_assessment(world.sibling, 2021, status=Status.DISTRICT_APPROVED, scores=12)
    waiting = make_assessment(world.outsider_commune, 2021, status=Status.SUBMITTED, scores=19)
    client.force_login(world.province_user)
    ids = f"{good.pk}:{good.version},{weak.pk}:{weak.version},{waiting.pk}:{waiting.version}"
    response = client.post(
        reverse("assessment:confirm-bulk", kwargs={"year": 2021}), {"ids": ids, "tsvm": "on"}, follow=True
    )
    assert "Đã công nhận kết quả của 2 xã." in response.content.decode()
    for a in (good, weak, waiting):
        a.refresh_from_db()
    assert (good.status, good.tsvm) == (Status.FINALIZED, True)
    assert (weak.status, weak.tsvm, weak.final_class) == (Status.FINALIZED, False, "average")
    assert waiting.status == Status.SUBMITTED


def test_confirming_all_leaves_out_what_is_outside_the_page_list(client, world):
    listed = make_assessment(world.commune, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    other = make_assessment(world.sibling, 2021, status=Status.DISTRICT_APPROVED, scores=19)
    client.force_login(world.province_user)
    client.post(reverse("assessment:confirm-bulk", kwargs={"year": 2021}), {"ids": f"{listed.pk}:{listed.version}"})
    other.refresh_from_db()
    assert other.status == Status.DISTRICT_APPROVED


def test_recording_a_criticism_with_a_day_month_year_date(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=12)
    client.force_login(world.province_user)
    response = client.post(
        url("decision-create", assessment),
        {
            "kind": "criticism",
            "number": "45/QĐ-UBND",
            "date": "20/01/2022",
            "reason": "Xếp loại yếu hai năm",
            "version": assessment.version,
        },
    )
    assert response.status_code == 302
    decision = ProvinceDecision.objects.get()
    assert (decision.kind, decision.number, decision.date.isoformat()) == ("criticism", "45/QĐ-UBND", "2022-01-20")
    content = client.get(url("assessment-detail", assessment)).content.decode()
    assert "Quyết định số 45/QĐ-UBND ngày 20/01/2022" in content


@pytest.mark.parametrize("typed", ["2022-01-20", "32/01/2022", "hôm qua"])
def test_a_decision_date_must_be_day_month_year(client, world, typed):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=12)
    client.force_login(world.province_user)
    response = client.post(
        url("decision-create", assessment),
        {"kind": "reminder", "number": "1/QĐ", "date": typed, "reason": "Chậm", "version": assessment.version},
    )
    assert response.status_code == 400
    assert "dd/mm/yyyy" in response.content.decode()
    assert not ProvinceDecision.objects.exists()


def test_reopening_needs_a_reason(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    client.force_login(world.province_user)
    response = client.post(url("reopen", assessment), {"reason": "", "version": assessment.version})
    assert response.status_code == 400
    assert "Cần ghi rõ lý do mở lại." in response.content.decode()
    response = client.post(url("reopen", assessment), {"reason": "Có đơn khiếu nại", "version": assessment.version})
    assert response.status_code == 302
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED


def test_the_reopen_page_of_a_locked_year_offers_no_form_and_says_why(client, world):
    assessment = make_assessment(world.commune, make_year(2021, locked=True), status=Status.FINALIZED, scores=18)
    client.force_login(world.province_user)
    response = client.get(url("reopen", assessment))
    content = response.content.decode()
    assert response.status_code == 200
    assert "không mở lại được kết quả nào của năm này" in content
    assert 'name="reason"' not in content and "Quay lại kết quả" in content
    # A draft is not reopened either: the page says so instead of a form that could only be refused.
    draft = make_assessment(world.sibling, 2022, status=Status.DRAFT)
    content = client.get(url("reopen", draft)).content.decode()
    assert 'name="reason"' not in content


def test_a_reviewer_cannot_reopen_confirm_or_record(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)
    client.force_login(world.reviewer)
    assert client.post(url("reopen", assessment), {"reason": "x"}).status_code == 403
    assert client.post(url("decision-create", assessment), {}).status_code == 403
    assert client.get(reverse("assessment:confirm-list")).status_code == 403
    assessment.refresh_from_db()
    assert assessment.status == Status.FINALIZED


def test_locking_a_year_asks_for_confirmation_first(client, world):
    make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.province_user)
    lock = reverse("assessment:year-lock", kwargs={"year": 2021})
    page = client.get(lock).content.decode()
    assert "1 xã đang chờ huyện thẩm định" in page
    assert client.post(lock, {}).status_code == 400
    assert not AssessmentYear.objects.get(year=2021).is_locked
    assert client.post(lock, {"understood": "on", "lock_anyway": "on"}).status_code == 302
    assert AssessmentYear.objects.get(year=2021).is_locked


def test_after_the_lock_the_pages_change_nothing(client, world):
    assessment = make_assessment(
        world.commune, make_year(2021, locked=True), status=Status.DISTRICT_APPROVED, scores=19
    )
    client.force_login(world.province_user)
    client.post(url("confirm", assessment), {"tsvm": "on"})
    client.post(url("reopen", assessment), {"reason": "Sai"})
    client.post(
        url("decision-create", assessment), {"kind": "reminder", "number": "1", "date": "01/02/2022", "reason": "x"}
    )
    assessment.refresh_from_db()
    assert assessment.status == Status.DISTRICT_APPROVED
    assert not assessment.events.exists() and not ProvinceDecision.objects.exists()
    assert "Đã khóa sổ" in client.get(reverse("assessment:confirm-list")).content.decode()


@pytest.fixture
def province_year(dienbien):
    communes = list(Commune.objects.valid_on(year_day(2021)).filter(province=dienbien).order_by("code"))
    assert len(communes) == 129
    year = make_year(2021)
    bulk_year(year, communes, statuses=[Status.DISTRICT_APPROVED, Status.FINALIZED])
    return dienbien


@pytest.mark.parametrize("query", [{"tab": "waiting"}, {"tab": "finalized"}, {"tab": "waiting", "huyen": "100"}])
def test_the_confirm_list_takes_a_bounded_number_of_queries(
    client, province_year, django_assert_max_num_queries, query
):
    client.force_login(province_staff(province_year))
    with django_assert_max_num_queries(20):
        response = client.get(f"{reverse('assessment:confirm-list')}?{urlencode(query)}")
    assert response.status_code == 200
    waiting = Assessment.objects.filter(status=Status.DISTRICT_APPROVED)
    expected = waiting.filter(commune__district__code="100").count() if "huyen" in query else 50
    assert len(response.context["rows"]) == expected


@pytest.fixture
def province_2026(dienbien):
    """2026 on the map without districts: the 45 communes, shared by three province reviewers (the
    last nine communes assigned to nobody)."""
    communes = list(Commune.objects.valid_on(year_day(2026)).filter(province=dienbien).order_by("code"))
    assert len(communes) == 45
    for start in (0, 12, 24):
        province_reviewer(dienbien, communes[start : start + 12])
    bulk_year(
        make_year(2026, has_district_level=False), communes, statuses=[Status.DISTRICT_APPROVED, Status.FINALIZED]
    )
    return dienbien


@pytest.mark.parametrize("query", [{"tab": "waiting"}, {"tab": "finalized"}, {"nhom": "chua-phan-cong"}])
def test_the_confirm_list_of_2026_takes_a_bounded_number_of_queries(
    client, province_2026, django_assert_max_num_queries, query
):
    client.force_login(province_staff(province_2026))
    with django_assert_max_num_queries(20):
        response = client.get(reverse("assessment:confirm-list"), {"nam": 2026, **query})
    assert response.status_code == 200
    assert len(response.context["groups"]) == 4 and not response.context["districts"]
    expected = {"waiting": 23, "finalized": 22}.get(query.get("tab"), 5)  # unassigned: the last 9, 5 waiting
    assert len(response.context["rows"]) == expected


def test_confirming_all_of_a_district_of_21(client, province_year):
    client.force_login(province_staff(province_year))
    district = District.objects.get(code="100")
    response = client.get(reverse("assessment:confirm-list"), {"huyen": district.code})
    ids = response.context["bulk_form"].initial["ids"]
    waiting = Assessment.objects.filter(commune__district=district, status=Status.DISTRICT_APPROVED).count()
    assert waiting > 5
    client.post(reverse("assessment:confirm-bulk", kwargs={"year": 2021}), {"ids": ids, "tsvm": "on"})
    left = Assessment.objects.filter(commune__district=district, status=Status.DISTRICT_APPROVED).count()
    assert left == 0
    assert AssessmentEvent.objects.filter(kind=AssessmentEvent.Kind.TRANSITION).count() == waiting
