"""The standards per position are data: everyone reads them, the province edits them."""

from datetime import date

from django.urls import reverse

from personnel.models import Position, Standard
from tests.personnel.factories import servant


def test_everyone_sees_the_standards_with_their_legal_basis_and_the_provisional_mark(client, world):
    client.force_login(world.commune_user)
    content = client.get(reverse("personnel:standard-list")).content.decode()
    assert "Thông tư 13/2019/TT-BNV" in content
    assert "Kế hoạch 703/KH-UBND ngày 17/3/2021 của UBND tỉnh Điện Biên, mục II.3" in content
    assert "Tạm thời" in content
    assert "Thêm tiêu chuẩn" not in content


def test_province_staff_raise_a_standard_and_officials_are_measured_against_it(client, world):
    official = servant(world.commune, professional_level=2, positions=["tu-phap-ho-tich"])
    standard = Standard.objects.get(position__code="tu-phap-ho-tich")
    client.force_login(world.province_user)
    response = client.post(
        reverse("personnel:standard-edit", args=[standard.pk]),
        {
            "position": standard.position_id,
            "valid_from": "25/12/2019",
            "legal_basis": "Quyết định của UBND tỉnh",
            "min_general_education": 3,
            "min_professional_level": 4,
            "min_it_level": 1,
        },
        follow=True,
    )
    assert "Đã lưu tiêu chuẩn của chức danh Tư pháp - hộ tịch." in response.content.decode()
    standard.refresh_from_db()
    assert (standard.min_professional_level, standard.is_provisional) == (4, False)
    assert standard.history.first().history_user == world.province_user  # who changed it is kept
    client.force_login(world.commune_user)
    page = client.get(reverse("personnel:official-detail", args=[official.pk])).content.decode()
    assert "Thiếu: Chuyên môn đại học" in page


def test_a_new_row_from_a_later_date_keeps_the_old_one_for_earlier_days(client, world):
    position = Position.objects.get(code="van-hoa-xa-hoi")
    client.force_login(world.province_user)
    data = {
        "position": position.pk,
        "valid_from": "01/01/2026",
        "legal_basis": "Nghị định 33/2023/NĐ-CP",
        "min_general_education": 3,
        "min_professional_level": 4,
    }
    client.post(reverse("personnel:standard-create"), data)
    assert list(position.standards.order_by("valid_from").values_list("valid_from", flat=True)) == [
        date(2019, 12, 25),
        date(2026, 1, 1),
    ]
    duplicate = client.post(reverse("personnel:standard-create"), data)
    assert "đã tồn tại" in duplicate.content.decode()


def test_a_standard_cannot_end_before_it_starts(client, world):
    standard = Standard.objects.get(position__code="van-hoa-xa-hoi")
    client.force_login(world.province_user)
    response = client.post(
        reverse("personnel:standard-edit", args=[standard.pk]),
        {
            "position": standard.position_id,
            "valid_from": "25/12/2019",
            "valid_to": "01/01/2019",
            "legal_basis": standard.legal_basis,
        },
    )
    assert "Ngày kết thúc phải sau ngày bắt đầu áp dụng." in response.content.decode()
