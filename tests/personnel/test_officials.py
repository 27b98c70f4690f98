"""Keeping a commune's roster: adding, editing, moving officials, and who may do it."""

from datetime import date

import pytest
from django.urls import reverse

from personnel.models import Category, Official, Position, Transfer
from personnel.selectors import transfer_destinations
from tests.factories import CommuneFactory, commune_staff
from tests.personnel.factories import VillageFactory, cadre, servant


def form_data(world, **overrides) -> dict:
    data = {
        "full_name": "Lò Văn Thắng",
        "gender": "male",
        "date_of_birth": "05/09/1980",
        "ethnicity": 3,
        "party_member": "on",
        "category": Category.CADRE,
        "positions": [Position.objects.get(code="bi-thu-dang-uy").pk, Position.objects.get(code="chu-tich-hdnd").pk],
        "start_date": "01/07/2021",
        "status": "serving",
        "general_education": 3,
        "professional_level": 4,
        "political_theory": 2,
        "state_management": 1,
        "it_level": 1,
        "foreign_language": 0,
    }
    from personnel.models import Ethnicity

    data["ethnicity"] = Ethnicity.objects.get(name="Thái").pk
    return {**data, **overrides}


def test_commune_staff_add_an_official_holding_two_positions_at_once(client, world):
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:official-create", args=[world.commune.code]), form_data(world), follow=True
    )
    official = Official.objects.get(full_name="Lò Văn Thắng")
    assert official.commune == world.commune
    assert official.start_date == date(2021, 7, 1)
    content = response.content.decode()
    assert "Bí thư Đảng ủy kiêm Chủ tịch HĐND" in " ".join(content.split())
    assert "Đạt chuẩn" in content


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"category": Category.VILLAGE, "positions": []}, "Người hoạt động ở thôn, bản phải gắn với một thôn, bản."),
        ({"status": "left"}, "Nhập ngày nghỉ hoặc chuyển công tác."),
        ({"date_of_birth": "05/09/2010"}, "chưa đủ 16 tuổi"),
        ({"date_of_birth": "31/02/1980"}, "Ngày 31/02/1980 không có thật: tháng 2 năm 1980 không có ngày 31."),
        ({"date_of_birth": "5-9-1980"}, "Nhập ngày theo dạng ngày/tháng/năm, ví dụ 15/11/2021."),
    ],
)
def test_the_form_explains_what_is_wrong_in_vietnamese(client, world, overrides, message):
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:official-create", args=[world.commune.code]), form_data(world, **overrides)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Official.objects.exists()


def test_a_village_worker_is_kept_with_a_village_of_the_same_commune(client, world):
    village = VillageFactory(commune=world.commune)
    foreign = VillageFactory(commune=world.sibling)
    client.force_login(world.commune_user)
    url = reverse("personnel:official-create", args=[world.commune.code])
    truong = [Position.objects.get(code="truong-thon").pk]
    refused = client.post(url, form_data(world, category=Category.VILLAGE, positions=truong, village=foreign.pk))
    assert refused.status_code == 200 and not Official.objects.exists()
    client.post(url, form_data(world, category=Category.VILLAGE, positions=truong, village=village.pk))
    assert Official.objects.get().village == village


def test_the_list_says_what_each_official_is_missing(client, world):
    cadre(world.commune, full_name="Sùng A Páo", political_theory=1)
    servant(world.commune, full_name="Lường Thị Hoa")
    client.force_login(world.reviewer)
    url = reverse("personnel:official-list", args=[world.commune.code])
    content = client.get(url).content.decode()
    assert "Thiếu: LLCT trung cấp" in content
    short = client.get(url, {"compliance": "short"}).content.decode()
    assert "Sùng A Páo" in short and "Lường Thị Hoa" not in short


def test_the_list_hides_officials_who_left_unless_asked(client, world):
    cadre(world.commune, full_name="Quàng Văn Nghỉ", status="left", end_date=date(2020, 1, 1))
    client.force_login(world.commune_user)
    url = reverse("personnel:official-list", args=[world.commune.code])
    assert "Quàng Văn Nghỉ" not in client.get(url).content.decode()
    assert "Quàng Văn Nghỉ" in client.get(url, {"status": ""}).content.decode()


def test_another_communes_staff_cannot_see_or_change_an_official(client, world):
    official = servant(world.commune)
    for user in (world.sibling_user, world.outsider_user, world.other_reviewer):
        client.force_login(user)
        assert client.get(reverse("personnel:official-detail", args=[official.pk])).status_code == 404
    client.force_login(world.sibling_user)
    response = client.post(reverse("personnel:official-edit", args=[official.pk]), form_data(world))
    assert response.status_code == 404
    official.refresh_from_db()
    assert official.full_name != "Lò Văn Thắng"


def test_editing_keeps_a_history_of_who_changed_what(client, world):
    official = servant(world.commune, political_theory=1)
    client.force_login(world.commune_user)
    data = form_data(
        world,
        category=Category.CIVIL_SERVANT,
        full_name=official.full_name,
        positions=[Position.objects.get(code="tu-phap-ho-tich").pk],
        political_theory=2,
    )
    client.post(reverse("personnel:official-edit", args=[official.pk]), data)
    content = client.get(reverse("personnel:official-detail", args=[official.pk])).content.decode()
    history = content[content.index("Lịch sử thay đổi") :]
    assert "Lý luận chính trị" in history and world.commune_user.get_full_name() in history
    assert official.history.first().history_user == world.commune_user


def test_a_transfer_moves_the_official_and_keeps_the_history(client, world):
    official = servant(world.commune, full_name="Giàng A Sử")
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:official-transfer", args=[official.pk]),
        {
            "to_commune": world.sibling.pk,
            "kind": "rotation",
            "effective_date": "01/03/2022",
            "decision_number": "123/QĐ-UBND",
        },
        follow=True,
    )
    assert "Đã điều động, luân chuyển đi" in response.content.decode()
    official.refresh_from_db()
    assert official.commune == world.sibling
    move = Transfer.objects.get()
    assert (move.from_commune, move.effective_date, move.recorded_by) == (
        world.commune,
        date(2022, 3, 1),
        world.commune_user,
    )
    assert client.get(reverse("personnel:official-detail", args=[official.pk])).status_code == 404
    client.force_login(world.sibling_user)
    content = client.get(reverse("personnel:official-detail", args=[official.pk])).content.decode()
    assert "Xã Mường Nhé → Xã Sín Thầu" in content


def test_a_transfer_before_the_last_one_is_refused(client, world):
    official = servant(world.commune)
    Transfer.objects.create(
        official=official, from_commune=world.sibling, to_commune=world.commune, effective_date=date(2022, 1, 1)
    )
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:official-transfer", args=[official.pk]),
        {"to_commune": world.sibling.pk, "kind": "transfer", "effective_date": "01/06/2021"},
    )
    assert "không được trước lần điều động gần nhất (01/01/2022)" in response.content.decode()
    official.refresh_from_db()
    assert official.commune == world.commune


def transfer_choices(response) -> list[str]:
    return [label for value, label in response.context["form"].fields["to_commune"].choices if value]


def test_a_commune_user_is_offered_only_the_other_communes_of_their_district(client, world):
    official = servant(world.commune)
    CommuneFactory(district=world.district, name="Xã Chung Chải")
    client.force_login(world.commune_user)
    response = client.get(reverse("personnel:official-transfer", args=[official.pk]))
    assert transfer_choices(response) == ["Xã Sín Thầu (Huyện Mường Nhé)", "Xã Chung Chải (Huyện Mường Nhé)"]
    content = response.content.decode()
    assert "Chỉ chọn được các xã cùng thuộc Huyện Mường Nhé." in content
    assert world.outsider_commune.name not in content


def test_a_forged_transfer_to_a_commune_of_another_district_is_refused_and_changes_nothing(client, world):
    official = servant(world.commune)
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:official-transfer", args=[official.pk]),
        {"to_commune": world.outsider_commune.pk, "kind": "transfer", "effective_date": "01/03/2022"},
    )
    assert response.status_code == 200
    assert (
        "Không điều động, luân chuyển được đến xã này: hãy chọn một xã trong danh sách. "
        "Chỉ chọn được các xã cùng thuộc Huyện Mường Nhé."
    ) in response.content.decode()
    official.refresh_from_db()
    assert official.commune == world.commune
    assert not Transfer.objects.exists()


def test_without_a_district_level_a_commune_moves_people_among_the_communes_that_have_none(client, world):
    merged = CommuneFactory(district=None, province=world.province, name="Xã Mường Nhé mới")
    CommuneFactory(district=None, province=world.province, name="Xã Sín Thầu mới")
    official = servant(merged)
    client.force_login(commune_staff(merged))
    response = client.get(reverse("personnel:official-transfer", args=[official.pk]))
    assert transfer_choices(response) == ["Xã Sín Thầu mới"]


@pytest.mark.parametrize(
    ("role", "offered"),
    [
        ("reviewer", ["sibling"]),
        ("province_user", ["sibling", "outsider_commune"]),
        ("sibling_user", []),
    ],
)
def test_the_destinations_of_other_users_follow_their_own_scope(world, role, offered):
    official = servant(world.commune)
    destinations = transfer_destinations(getattr(world, role), official)
    assert list(destinations) == [getattr(world, name) for name in offered]


def test_a_finished_course_raises_the_qualification_once_and_never_lowers_it(client, world):
    official = cadre(world.commune, political_theory=1, it_level=2)
    client.force_login(world.commune_user)
    url = reverse("personnel:training-create", args=[official.pk])
    client.post(url, {"course": "Trung cấp LLCT - HC", "raises": "political_theory:2", "start_date": "01/03/2021"})
    official.refresh_from_db()
    assert official.political_theory == 1  # not finished yet
    training = official.trainings.get()
    response = client.post(
        reverse("personnel:training-edit", args=[training.pk]),
        {
            "course": "Trung cấp LLCT - HC",
            "raises": "political_theory:2",
            "start_date": "01/03/2021",
            "end_date": "30/11/2021",
            "finished": "on",
        },
        follow=True,
    )
    official.refresh_from_db()
    assert official.political_theory == 2
    assert "Đã lưu khóa học và nâng trình độ của người học." in response.content.decode()
    client.post(
        url,
        {
            "course": "Tin học cơ bản",
            "raises": "it_level:1",
            "start_date": "01/03/2021",
            "end_date": "01/04/2021",
            "finished": "on",
        },
    )
    official.refresh_from_db()
    assert official.it_level == 2


def test_a_finished_course_needs_its_end_date(client, world):
    official = cadre(world.commune)
    client.force_login(world.commune_user)
    response = client.post(
        reverse("personnel:training-create", args=[official.pk]),
        {"course": "Đại học Luật", "raises": "professional_level:4", "start_date": "01/09/2018", "finished": "on"},
    )
    assert "Khóa học đã hoàn thành: nhập ngày kết thúc." in response.content.decode()


def test_discipline_and_a_public_apology_are_recorded_with_the_commune(client, world):
    official = servant(world.commune, full_name="Lò Thị Mai")
    client.force_login(world.commune_user)
    client.post(
        reverse("personnel:discipline-create", args=[official.pk]),
        {"decided_on": "15/09/2021", "form": "reprimand", "reason": "Giải quyết chậm hồ sơ."},
    )
    client.post(
        reverse("personnel:apology-create", args=[official.pk]),
        {
            "held_on": "20/09/2021",
            "violation": "Giải quyết chậm hồ sơ chứng thực.",
            "apologised_to": "Hộ ông Lò Văn Pọm",
            "committee_leader": "Phó Chủ tịch UBND xã",
            "attendees": "Đại diện Đảng ủy, Ban công tác Mặt trận, 5 hộ dân",
            "letter_written": "on",
        },
    )
    assert official.disciplines.get().commune == world.commune
    client.force_login(world.reviewer)
    content = client.get(reverse("personnel:apology-list", args=[world.commune.code])).content.decode()
    assert "Hộ ông Lò Văn Pọm" in content and "20/09/2021" in content
    client.force_login(world.sibling_user)
    assert client.get(reverse("personnel:apology-list", args=[world.commune.code])).status_code == 404


def test_the_commune_page_shows_the_officials_panel_and_the_district_page_its_ratios(client, world):
    cadre(world.commune, political_theory=1)
    servant(world.commune)
    client.force_login(world.commune_user)
    content = client.get(reverse("communes:commune-detail", args=[world.commune.code])).content.decode()
    assert "Cán bộ đạt tiêu chuẩn LLCT" in content and "1/2" in content
    client.force_login(world.reviewer)
    content = client.get(reverse("communes:district-detail", args=[world.district.code])).content.decode()
    assert "Cán bộ, công chức đạt chuẩn" in content
    assert reverse("personnel:district-ratios", args=[world.district.code]) in content


def test_district_ratios_list_each_commune_and_accept_a_date(client, world):
    servant(world.sibling, start_date=date(2022, 1, 1))
    client.force_login(world.reviewer)
    url = reverse("personnel:district-ratios", args=[world.district.code])
    assert 'text-muted">1/1<' in client.get(url).content.decode()
    before = client.get(url, {"ngay": "31/12/2021"}).content.decode()
    assert "Tính đến ngày 31/12/2021" in before and 'text-muted">1/1<' not in before


def test_a_transfer_into_a_commune_merged_away_before_the_effective_date_is_refused(client, world):
    world.sibling.valid_to = date(2025, 6, 30)
    world.sibling.save()
    official = servant(world.commune)
    client.force_login(world.commune_user)
    url = reverse("personnel:official-transfer", args=[official.pk])
    response = client.post(url, {"to_commune": world.sibling.pk, "kind": "transfer", "effective_date": "01/07/2025"})
    assert "Xã Sín Thầu không còn (hoặc chưa có) vào ngày 01/07/2025" in response.content.decode()
    assert not Transfer.objects.exists()
    client.post(url, {"to_commune": world.sibling.pk, "kind": "transfer", "effective_date": "30/06/2025"})
    assert Transfer.objects.get().to_commune == world.sibling
