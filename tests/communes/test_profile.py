"""The commune profile pages: who edits what, the checks on figures, the district overview."""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from communes.models import Commune
from communes.profile.models import CommuneProfile, DialogueConference, OfficeRecord, ProcedureStats, Village
from communes.profile.selectors import (
    communes_missing_dialogue,
    new_rural_commune_ids,
    office_ratios,
    office_ratios_by_district,
    procedure_ratios,
)

OFFICE = {
    "building_solid": "on",
    "floor_area_m2": "420",
    "standard_area_m2": "400",
    "year_built": "2012",
    "computers": "12",
    "has_internet_computers": "on",
    "has_printer": "on",
    "has_photocopier": "on",
    "has_telephone": "on",
}
PROCEDURES = {
    "applicable": "120",
    "posted": "118",
    "received": "430",
    "on_time": "425",
    "late": "2",
    "one_stop_status": "proper",
    "uses_e_office": "on",
}


def test_commune_staff_record_the_office_and_the_page_shows_it_against_the_standard(client, world):
    client.force_login(world.commune_user)
    response = client.post(reverse("communes:office-edit", args=[world.commune.code, 2021]), OFFICE, follow=True)
    record = OfficeRecord.objects.get(commune=world.commune, year=2021)
    assert (record.floor_area_m2, record.updated_by) == (Decimal("420"), world.commune_user)
    content = response.content.decode()
    assert "Đã lưu trụ sở và trang thiết bị năm 2021." in content
    office = content[content.index("Trụ sở và trang thiết bị") : content.index("Hội nghị đối thoại")]
    assert "420" in office and office.count(">Đạt<") == 3 and ">Chưa đạt<" not in office


def test_saving_the_office_again_replaces_that_years_record(client, world):
    client.force_login(world.commune_user)
    url = reverse("communes:office-edit", args=[world.commune.code, 2021])
    client.post(url, OFFICE)
    client.post(url, {**OFFICE, "floor_area_m2": "300"})
    assert OfficeRecord.objects.get(commune=world.commune, year=2021).floor_area_m2 == Decimal("300")
    assert OfficeRecord.objects.count() == 1


@pytest.mark.parametrize(
    "url_name, data, message",
    [
        (
            "communes:procedure-edit",
            {**PROCEDURES, "posted": "121"},
            "Số TTHC đã niêm yết không được lớn hơn số TTHC áp dụng.",
        ),
        (
            "communes:procedure-edit",
            {**PROCEDURES, "late": "6"},
            "Số hồ sơ đúng hạn cộng quá hạn không được lớn hơn số hồ sơ tiếp nhận.",
        ),
        ("communes:office-edit", {**OFFICE, "year_built": "2023"}, "Năm xây dựng không được sau năm báo cáo."),
    ],
)
def test_inconsistent_figures_are_refused_with_a_vietnamese_message(client, world, url_name, data, message):
    client.force_login(world.commune_user)
    args = [world.commune.code, 2021] + (["year"] if url_name == "communes:procedure-edit" else [])
    response = client.post(reverse(url_name, args=args), data)
    assert message in response.content.decode()
    assert not ProcedureStats.objects.exists() and not OfficeRecord.objects.exists()


def test_procedure_figures_are_kept_per_period(client, world):
    client.force_login(world.commune_user)
    client.post(reverse("communes:procedure-edit", args=[world.commune.code, 2021, "h1"]), PROCEDURES)
    client.post(
        reverse("communes:procedure-edit", args=[world.commune.code, 2021, "year"]),
        {**PROCEDURES, "received": "900", "on_time": "898"},
    )
    assert sorted(ProcedureStats.objects.values_list("period", "received")) == [("h1", 430), ("year", 900)]
    content = client.get(reverse("communes:profile-detail", args=[world.commune.code]), {"nam": 2021}).content.decode()
    assert "118/120" in content


def test_an_unknown_period_or_a_future_year_is_not_found(client, world):
    client.force_login(world.commune_user)
    assert client.get(reverse("communes:procedure-edit", args=[world.commune.code, 2021, "q3"])).status_code == 404
    future = date.today().year + 1
    assert client.get(reverse("communes:office-edit", args=[world.commune.code, future])).status_code == 404


def test_the_dialogue_conference_must_fall_in_its_year_and_answers_cannot_exceed_questions(client, world):
    client.force_login(world.commune_user)
    url = reverse("communes:dialogue-edit", args=[world.commune.code, 2021])
    data = {"held_on": "15/12/2020", "participants": "120", "issues_raised": "20", "issues_answered": "21"}
    content = client.post(url, data).content.decode()
    assert "Ngày tổ chức phải trong năm 2021." in content
    assert "Số ý kiến được trả lời không được lớn hơn số ý kiến nêu ra." in content
    client.post(url, {**data, "held_on": "15/12/2021", "issues_answered": "18"})
    assert DialogueConference.objects.get().held_on == date(2021, 12, 15)


def test_a_missing_dialogue_is_flagged_after_december(client, world):
    DialogueConference.objects.create(
        commune=world.sibling,
        year=2021,
        held_on=date(2021, 12, 10),
        participants=90,
        issues_raised=10,
        issues_answered=10,
    )
    communes = Commune.objects.filter(district=world.district)
    assert list(communes_missing_dialogue(communes, 2021, date(2021, 12, 31))) == []
    assert list(communes_missing_dialogue(communes, 2021, date(2022, 1, 1))) == [world.commune]
    OfficeRecord.objects.create(commune=world.commune, year=2021, floor_area_m2=1, standard_area_m2=1)
    client.force_login(world.reviewer)
    content = client.get(reverse("communes:district-detail", args=[world.district.code])).content.decode()
    assert "1 xã chưa tổ chức hội nghị đối thoại:" in content and "Xã Mường Nhé" in content
    content = client.get(reverse("communes:profile-detail", args=[world.commune.code])).content.decode()
    assert "Chưa tổ chức hội nghị đối thoại năm 2021: quá hạn tháng 12." in content


def test_office_and_procedure_ratios_for_a_district_match_the_hand_count(world):
    OfficeRecord.objects.create(
        commune=world.commune,
        year=2021,
        building_solid=True,
        floor_area_m2=400,
        standard_area_m2=400,
        has_internet_computers=True,
        has_printer=True,
        has_photocopier=True,
        has_telephone=True,
    )
    OfficeRecord.objects.create(
        commune=world.sibling,
        year=2021,
        building_solid=False,
        floor_area_m2=300,
        standard_area_m2=400,
        has_internet_computers=True,
        has_printer=True,
    )
    OfficeRecord.objects.create(
        commune=world.outsider_commune, year=2021, building_solid=True, floor_area_m2=500, standard_area_m2=400
    )
    ProcedureStats.objects.create(
        commune=world.commune, year=2021, period="year", applicable=100, posted=100, received=50, on_time=50, late=0
    )
    ProcedureStats.objects.create(
        commune=world.sibling, year=2021, period="year", applicable=100, posted=90, received=50, on_time=45, late=5
    )
    district = Commune.objects.filter(district=world.district)
    office = office_ratios(district, 2021)
    assert [(r.numerator, r.denominator) for r in office] == [(1, 2), (1, 2), (1, 2)]
    procedures = procedure_ratios(district, 2021)
    assert [(r.numerator, r.denominator) for r in procedures] == [(190, 200), (95, 100)]
    province = Commune.objects.filter(province=world.province)
    by_district = office_ratios_by_district(province, 2021)
    assert [(r.numerator, r.denominator) for r in by_district[world.other_district.pk]] == [(1, 1), (1, 1), (0, 1)]
    assert world.foreign_district.pk not in by_district
    assert office_ratios(province, 2022).extra["not_reported"] == 3


def test_the_new_rural_status_sets_the_95_percent_target_from_its_year(client, world):
    client.force_login(world.commune_user)
    url = reverse("communes:profile-edit", args=[world.commune.code])
    assert "Nhập năm xã được công nhận." in client.post(url, {"new_rural_status": "achieved"}).content.decode()
    client.post(url, {"new_rural_status": "achieved", "new_rural_year": "2020"})
    communes = Commune.objects.all()
    assert new_rural_commune_ids(communes, date(2019, 12, 31)) == set()
    assert new_rural_commune_ids(communes, date(2020, 1, 1)) == {world.commune.pk}
    assert CommuneProfile.objects.get().new_rural_status == "achieved"


def test_villages_are_listed_with_their_head_and_party_secretary(client, world):
    client.force_login(world.commune_user)
    client.post(
        reverse("communes:village-create", args=[world.commune.code]),
        {"kind": "hamlet", "name": "Huổi Lếch", "head_name": "Giàng A Sử", "party_secretary_name": "Giàng A Sử"},
    )
    duplicate = client.post(
        reverse("communes:village-create", args=[world.commune.code]), {"kind": "hamlet", "name": "huổi lếch"}
    )
    assert "Xã đã có thôn, bản tên này." in duplicate.content.decode()
    client.force_login(world.reviewer)
    content = client.get(reverse("communes:village-list", args=[world.commune.code])).content.decode()
    assert "Bản Huổi Lếch" in content and "Giàng A Sử" in content and "kiêm nhiệm" in content


def test_a_village_with_workers_cannot_be_deleted(client, world):
    from tests.personnel.factories import OfficialFactory

    village = Village.objects.create(commune=world.commune, name="Co Mận")
    OfficialFactory(commune=world.commune, category="village", village=village)
    client.force_login(world.commune_user)
    response = client.post(reverse("communes:village-delete", args=[world.commune.code, village.pk]), follow=True)
    assert "Không xóa được: thôn, bản này còn người hoạt động." in response.content.decode()
    assert Village.objects.filter(pk=village.pk).exists()


def test_another_communes_staff_cannot_change_this_communes_profile(client, world):
    village = Village.objects.create(commune=world.commune, name="Co Mận")
    client.force_login(world.sibling_user)
    assert client.post(reverse("communes:office-edit", args=[world.commune.code, 2021]), OFFICE).status_code == 404
    assert client.post(reverse("communes:village-delete", args=[world.commune.code, village.pk])).status_code == 404
    # Their own commune's URL with this commune's village: still not found.
    assert (
        client.post(
            reverse("communes:village-edit", args=[world.sibling.code, village.pk]),
            {"kind": "hamlet", "name": "Đổi tên"},
        ).status_code
        == 404
    )
    assert not OfficeRecord.objects.exists()
    village.refresh_from_db()
    assert village.name == "Co Mận"
