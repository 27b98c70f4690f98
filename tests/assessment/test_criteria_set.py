"""The Decision 34/2011 set ships as data, provisional until province staff record its decision."""

from decimal import Decimal

import pytest
from django.urls import reverse

from assessment.data import decision_34_2011
from assessment.models import CriteriaSet, Criterion, Threshold
from assessment.services.criteria import criteria_set_install_default
from tests.assessment.factories import default_criteria_set, make_assessment
from tests.factories import UserFactory, province_staff


def test_the_migration_ships_20_criteria_of_20_points_and_provisional_thresholds(db):
    criteria_set = CriteriaSet.objects.get(legal_basis=decision_34_2011.LEGAL_BASIS)
    assert criteria_set.legal_basis == "Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011 của UBND tỉnh Điện Biên"
    assert criteria_set.year_from == 2011 and criteria_set.is_provisional
    criteria = list(criteria_set.criteria.order_by("number"))
    assert [c.number for c in criteria] == list(range(1, 21))
    assert {c.max_points for c in criteria} == {Decimal("20")} and criteria_set.max_total == Decimal("400")
    assert all(c.name and len(c.guidance) > 200 and c.responsible_position for c in criteria)
    assert {c.responsible_position for c in criteria} >= {
        "Chủ tịch HĐND",
        "Tài chính - Kế toán",
        "Tư pháp - Hộ tịch",
        "Trưởng Công an xã",
        "Chỉ huy trưởng Ban Chỉ huy Quân sự",
    }
    rules = {t.classification: (t.min_total, t.min_each) for t in criteria_set.thresholds.all()}
    assert rules == {"good": (340, 15), "fair": (280, 10), "average": (200, 0)}
    assert criteria_set.tsvm_min_class == "fair" and criteria_set.tsvm_min_each == 15


def test_installing_the_default_again_adds_only_what_is_missing_and_keeps_edits(db):
    criteria_set = criteria_set_install_default()
    Criterion.objects.filter(criteria_set=criteria_set, number=1).update(name="Tên do Sở sửa")
    Criterion.objects.filter(criteria_set=criteria_set, number=20).delete()
    Threshold.objects.filter(criteria_set=criteria_set, classification="good").update(min_total=350)
    assert criteria_set_install_default() == criteria_set
    assert CriteriaSet.objects.count() == 1 and criteria_set.criteria.count() == 20
    assert criteria_set.criteria.get(number=1).name == "Tên do Sở sửa"
    assert criteria_set.thresholds.get(classification="good").min_total == 350


def test_the_set_page_shows_criteria_thresholds_and_the_provisional_status_once(client, world):
    client.force_login(world.province_user)
    content = client.get(reverse("assessment:criteria-set-detail", args=[default_criteria_set().pk])).content.decode()
    assert content.count("Trạng thái: tạm thời") == 1 and "Ghi quyết định ban hành" in content
    assert "Ứng dụng công nghệ thông tin và xây dựng chính quyền điện tử" in content
    assert "340" in content and "280" in content and "Trong sạch, vững mạnh: xếp loại Khá trở lên" in content


def test_recording_the_decision_removes_the_provisional_status_everywhere(client, world):
    assessment = make_assessment(world.commune, 2021, scores=18)
    criteria_set = default_criteria_set()
    client.force_login(world.province_user)
    response = client.post(
        reverse("assessment:criteria-set-decision", args=[criteria_set.pk]),
        {"number": "34/2011/QĐ-UBND", "decision_date": "07/11/2011"},
        follow=True,
    )
    assert "không còn là bản tạm thời" in response.content.decode()
    criteria_set.refresh_from_db()
    assert criteria_set.is_provisional is False
    assert criteria_set.history.first().history_user == world.province_user
    page = client.get(reverse("assessment:score-edit", args=[2021, assessment.commune.code])).content.decode()
    assert "badge-provisional" not in page and "tạm thời" not in page.lower()
    assert "Ngưỡng xếp loại theo Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011." in page


def test_the_score_page_names_the_provisional_set_where_its_thresholds_are_used(client, world):
    assessment = make_assessment(world.commune, 2021, scores=18)
    client.force_login(world.commune_user)
    page = client.get(reverse("assessment:score-edit", args=[2021, assessment.commune.code])).content.decode()
    assert "Ngưỡng xếp loại theo bộ tiêu thức tạm thời: Sở Nội vụ chưa ghi số, ngày quyết định ban hành" in page
    assert page.count("bộ tiêu thức tạm thời") == 1 and "badge-provisional" not in page


@pytest.mark.parametrize("user_kind", ["superuser", "province_staff"])
def test_province_staff_with_admin_access_edit_the_set_with_its_criteria_and_thresholds(client, world, user_kind):
    user = (
        UserFactory(is_superuser=True, is_staff=True)
        if user_kind == "superuser"
        else province_staff(world.province, is_staff=True)
    )
    client.force_login(user)
    criteria_set = default_criteria_set()
    content = client.get(reverse("admin:assessment_criteriaset_change", args=[criteria_set.pk])).content.decode()
    assert "Tổ chức và hoạt động của Hội đồng nhân dân" in content and "Ngưỡng xếp loại" in content
    history = client.get(reverse("admin:assessment_criteriaset_history", args=[criteria_set.pk]))
    assert history.status_code == 200


def test_commune_staff_have_no_admin_access_to_the_set(client, world):
    client.force_login(world.commune_user)
    response = client.get(reverse("admin:assessment_criteriaset_changelist"))
    assert response.status_code == 302
