"""Coaching on site (plan 703 II.3): days per quarter, the page, the form and the Excel import."""

import io
from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from communes.profile.models import CoachingVisit
from communes.profile.rules import coaching_days_by_quarter, coaching_quarters, quarter_days


def test_a_visit_within_one_quarter_counts_its_calendar_days_there():
    assert quarter_days(date(2021, 2, 1), date(2021, 2, 10), 2021) == {1: 10}


def test_a_visit_spanning_two_quarters_is_split_by_the_days_in_each():
    # 25-31 March is 7 days of the first quarter, 1-10 April 10 days of the second.
    assert quarter_days(date(2021, 3, 25), date(2021, 4, 10), 2021) == {1: 7, 2: 10}


def test_a_visit_across_new_year_counts_only_the_days_of_the_year_asked():
    assert quarter_days(date(2021, 12, 28), date(2022, 1, 3), 2021) == {4: 4}
    assert quarter_days(date(2021, 12, 28), date(2022, 1, 3), 2022) == {1: 3}


def test_days_are_summed_across_visits_in_each_quarter():
    visits = [
        (date(2021, 3, 25), date(2021, 4, 10)),  # Q1 7, Q2 10
        (date(2021, 1, 4), date(2021, 1, 11)),  # Q1 8
        (date(2021, 6, 28), date(2021, 7, 2)),  # Q2 3, Q3 2
    ]
    assert coaching_days_by_quarter(visits, 2021) == {1: 15, 2: 13, 3: 2, 4: 0}


def test_each_quarter_is_judged_against_15_days_once_it_is_over_or_reached():
    days = {1: 15, 2: 13, 3: 2, 4: 20}
    rows = coaching_quarters(days, 2021, today=date(2021, 8, 1))
    assert [(q.quarter, q.days, q.met) for q in rows] == [(1, 15, True), (2, 13, False), (3, 2, None), (4, 20, True)]


def test_a_reviewer_records_a_visit_and_the_page_shows_its_days_by_quarter(client, world):
    client.force_login(world.reviewer)
    data = {
        "level": "district",
        "coach": "Lò Văn Thắng",
        "coach_unit": "Phòng Nội vụ huyện Mường Nhé",
        "start_date": "25/03/2021",
        "end_date": "10/04/2021",
        "topics": "Một cửa",
    }
    response = client.post(reverse("communes:coaching-create", args=[world.commune.code]), data, follow=True)
    visit = CoachingVisit.objects.get(commune=world.commune)
    assert (visit.days, visit.recorded_by) == (17, world.reviewer)
    text = response.content.decode()
    assert "7/15 ngày" in text and "10/15 ngày" in text and "25/03/2021" in text


def test_a_visit_ending_before_it_starts_is_refused(client, world):
    client.force_login(world.province_user)
    data = {"level": "province", "coach": "A", "start_date": "10/04/2021", "end_date": "01/04/2021", "topics": "x"}
    response = client.post(reverse("communes:coaching-create", args=[world.commune.code]), data)
    assert "Ngày kết thúc không được trước ngày bắt đầu." in response.content.decode()
    assert not CoachingVisit.objects.exists()


def test_a_reviewer_of_another_district_may_not_record_a_visit(client, world):
    client.force_login(world.other_reviewer)
    assert client.get(reverse("communes:coaching-create", args=[world.commune.code])).status_code == 404


def _filled(client, world, rows: list[list]) -> SimpleUploadedFile:
    client.force_login(world.reviewer)
    response = client.get(reverse("communes:coaching-template", args=[world.commune.code]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook["Hướng dẫn"]
    for offset, row in enumerate(rows):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=5 + offset, column=column, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("huong-dan.xlsx", out.getvalue())


GOOD_ROW = [1, "Cấp huyện", "Lò Văn Thắng", "Phòng Nội vụ", "04/01/2021", "11/01/2021", "Hộ tịch"]


def test_a_filled_coaching_template_saves_every_visit(client, world):
    upload = _filled(
        client, world, [GOOD_ROW, [2, "Cấp tỉnh", "Quàng Thị Xuân", "", date(2021, 5, 3), "07/05/2021", "Một cửa"]]
    )
    response = client.post(
        reverse("communes:coaching-import", args=[world.commune.code]), {"file": upload}, follow=True
    )
    assert "Đã nhập 2 đợt hướng dẫn từ tệp Excel." in response.content.decode()
    assert sorted(CoachingVisit.objects.values_list("level", "coach")) == [
        ("district", "Lò Văn Thắng"),
        ("province", "Quàng Thị Xuân"),
    ]


def test_one_bad_date_saves_no_visit_and_names_the_row_and_column(client, world):
    bad = [2, "Cấp huyện", "Lò Văn Thắng", "", "31/02/2021", "05/03/2021", "Hộ tịch"]
    upload = _filled(client, world, [GOOD_ROW, bad])
    response = client.post(reverse("communes:coaching-import", args=[world.commune.code]), {"file": upload})
    text = response.content.decode()
    assert "Chưa lưu gì: tệp có 1 lỗi." in text
    assert "Dòng 6, cột E (Từ ngày): Ngày 31/02/2021 không có thật" in text
    assert not CoachingVisit.objects.exists()


def test_an_unknown_level_is_told_on_its_column(client, world):
    upload = _filled(client, world, [[1, "Cấp xã", *GOOD_ROW[2:]]])
    response = client.post(reverse("communes:coaching-import", args=[world.commune.code]), {"file": upload})
    assert "Dòng 5, cột B (Cấp cử người)" in response.content.decode()
    assert not CoachingVisit.objects.exists()


def test_another_communes_coaching_template_is_refused(client, world):
    client.force_login(world.reviewer)
    other = client.get(reverse("communes:coaching-template", args=[world.sibling.code])).content
    upload = SimpleUploadedFile("x.xlsx", other)
    response = client.post(reverse("communes:coaching-import", args=[world.commune.code]), {"file": upload})
    assert "không phải của xã đang nhập" in response.content.decode()


def test_after_the_reform_a_visit_cannot_be_sent_by_a_district(client, world):
    client.force_login(world.province_user)
    data = {"level": "district", "coach": "A", "start_date": "20/06/2025", "end_date": "03/07/2025", "topics": "x"}
    response = client.post(reverse("communes:coaching-create", args=[world.commune.code]), data)
    assert "Từ 01/07/2025 không còn cấp huyện" in response.content.decode()
    assert not CoachingVisit.objects.exists()


def test_the_form_offers_the_level_of_whoever_records_it(client, world):
    for user, level in [(world.reviewer, "district"), (world.province_user, "province")]:
        client.force_login(user)
        form = client.get(reverse("communes:coaching-create", args=[world.commune.code])).context["form"]
        assert form.initial["level"] == level


def test_a_visit_is_deleted_only_by_who_recorded_it_or_by_province_staff(client, world):
    def visit(recorded_by):  # noqa: ANN001, ANN202
        return CoachingVisit.objects.create(
            commune=world.commune,
            level="province",
            coach="Sở Nội vụ",
            start_date=date(2021, 3, 1),
            end_date=date(2021, 3, 5),
            topics="Một cửa",
            recorded_by=recorded_by,
        )

    theirs = visit(world.province_user)
    client.force_login(world.reviewer)
    url = reverse("communes:coaching-delete", kwargs={"code": world.commune.code, "pk": theirs.pk})
    assert client.post(url).status_code == 403
    assert CoachingVisit.objects.filter(pk=theirs.pk).exists()
    mine = visit(world.reviewer)
    url = reverse("communes:coaching-delete", kwargs={"code": world.commune.code, "pk": mine.pk})
    assert client.post(url).status_code == 302
    client.force_login(world.province_user)
    url = reverse("communes:coaching-delete", kwargs={"code": world.commune.code, "pk": theirs.pk})
    assert client.post(url).status_code == 302
    assert not CoachingVisit.objects.exists()
