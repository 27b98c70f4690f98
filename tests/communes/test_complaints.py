"""Citizens' reception and petitions (plan 703 II.8): shares, checks, the page and the Excel import."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from communes.profile.models import CitizenReception, GovernanceYear
from communes.profile.rules import ReceptionFacts, reception_errors, reception_ratios, share

FIGURES = {
    "sessions_total": 24,
    "sessions_by_chair": 12,
    "citizens_received": 60,
    "complaints_received": 4,
    "denunciations_received": 1,
    "petitions_received": 15,
    "resolved": 16,
    "resolved_on_time": 15,
    "outstanding": 3,
    "passed_upward": 1,
}


def facts(commune_id: int = 1, **changes) -> ReceptionFacts:
    return ReceptionFacts(commune_id, **(FIGURES | changes))


def test_a_share_with_nothing_to_divide_by_is_undefined_not_100_percent():
    assert share(0, 0) is None
    assert share(0, 5) == Decimal("0.0")
    assert share(2, 3) == Decimal("66.7")


def test_a_commune_that_received_no_petition_has_no_resolved_share_and_no_verdict():
    report = reception_ratios([facts(**dict.fromkeys(list(FIGURES)[3:], 0))], 1)
    assert (report["resolved"].percent, report["resolved"].met) == (None, None)
    assert (report["on_time"].percent, report["on_time"].met) == (None, None)
    # It has no backlog and passed nothing upward: those are counted over communes, not petitions.
    assert (report["no_backlog"].numerator, report["no_backlog"].denominator) == (1, 1)


def test_no_commune_reporting_gives_no_share_at_all():
    report = reception_ratios([], 7)
    assert all(r.percent is None and r.met is None for r in report)
    assert report.extra["not_reported"] == 7


def test_shares_sum_the_petitions_of_every_reporting_commune():
    report = reception_ratios([facts(1), facts(2, outstanding=0, passed_upward=0, resolved=20, resolved_on_time=20)], 3)
    assert (report["resolved"].numerator, report["resolved"].denominator) == (36, 40)
    assert (report["on_time"].numerator, report["on_time"].denominator) == (35, 36)
    assert (report["no_backlog"].numerator, report["nothing_passed_up"].numerator) == (1, 1)
    assert report["resolved"].met is False and report.extra["not_reported"] == 1


@pytest.mark.parametrize(
    ("changes", "field", "words"),
    [
        ({"sessions_by_chair": 25}, "sessions_by_chair", "Số buổi Chủ tịch UBND tiếp công dân (25)"),
        ({"resolved_on_time": 17}, "resolved_on_time", "Số đơn giải quyết đúng hạn (17)"),
        ({"resolved": 17}, "resolved", "cộng lại (21) không được lớn hơn tổng số đơn nhận được (20)"),
        ({"sessions_total": 0, "sessions_by_chair": 0}, "sessions_total", "số buổi tiếp công dân phải lớn hơn 0"),
    ],
)
def test_inconsistent_figures_are_refused_with_words_that_name_the_field(changes, field, words):
    errors = reception_errors(FIGURES | changes)
    assert list(errors) == [field] and words in errors[field]


def test_consistent_figures_pass():
    assert reception_errors(FIGURES) == {}


def test_commune_staff_enter_the_figures_and_the_page_shows_the_shares(client, world):
    client.force_login(world.commune_user)
    url = reverse("communes:reception-edit", args=[world.commune.code, 2021])
    response = client.post(url, FIGURES, follow=True)
    record = CitizenReception.objects.get(commune=world.commune, year=2021)
    assert (record.resolved, record.updated_by) == (16, world.commune_user)
    text = response.content.decode()
    assert "Đã lưu tiếp công dân, giải quyết đơn thư năm 2021." in text
    assert "80,0%" in text and "(16/20)" in text  # resolved of received


def test_the_form_refuses_more_resolved_than_received_and_saves_nothing(client, world):
    client.force_login(world.commune_user)
    url = reverse("communes:reception-edit", args=[world.commune.code, 2021])
    response = client.post(url, FIGURES | {"resolved": 30, "resolved_on_time": 10})
    assert response.status_code == 200
    assert "không được lớn hơn tổng số đơn nhận được (20)" in response.content.decode()
    assert not CitizenReception.objects.exists()


def test_a_zero_denominator_shows_a_dash_on_the_page(client, world):
    CitizenReception.objects.create(commune=world.commune, year=2021, **dict.fromkeys(FIGURES, 0))
    client.force_login(world.reviewer)
    text = client.get(reverse("communes:duties-detail", args=[world.commune.code, 2021])).content.decode()
    section = text[text.index("reception-title") : text.index("governance-title")]
    assert "—" in section and "100,0%" not in section and "Chưa có số liệu" in section


# --- the workbook ------------------------------------------------------------------------------------


def _template(client, world, year: int = 2021) -> io.BytesIO:
    client.force_login(world.commune_user)
    response = client.get(reverse("communes:duties-template", args=[world.commune.code, year]))
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    return io.BytesIO(response.content)


def _fill(content: io.BytesIO, values: dict[int, object]) -> SimpleUploadedFile:
    """Set column C of the given rows (the template's own row numbers)."""
    workbook = load_workbook(content)
    sheet = workbook["Nhiệm vụ"]
    for row, value in values.items():
        sheet.cell(row=row, column=3, value=value)
    out = io.BytesIO()
    workbook.save(out)
    return SimpleUploadedFile("nhiem-vu.xlsx", out.getvalue())


# Rows 5-14: the ten figures in FIGURES' order; 15-26: the months; 27-32: the rules.
FILLED = (
    {5 + i: v for i, v in enumerate(FIGURES.values())}
    | {15 + m: "Có" for m in range(12)}
    | {27 + i: "Có" for i in range(6)}
)


def test_a_filled_template_saves_the_figures_months_and_rules(client, world):
    upload = _fill(_template(client, world), FILLED)
    url = reverse("communes:duties-import", args=[world.commune.code, 2021])
    response = client.post(url, {"file": upload}, follow=True)
    assert "Đã nhập số liệu năm 2021 từ tệp Excel." in response.content.decode()
    assert CitizenReception.objects.get(commune=world.commune, year=2021).outstanding == 3
    governance = GovernanceYear.objects.get(commune=world.commune, year=2021)
    assert governance.months == list(range(1, 13)) and governance.coordination_rules_followed


def test_one_bad_row_saves_nothing_and_names_the_row_and_column(client, world):
    upload = _fill(_template(client, world), FILLED | {11: 30, 8: "bốn"})
    url = reverse("communes:duties-import", args=[world.commune.code, 2021])
    response = client.post(url, {"file": upload})
    text = response.content.decode()
    assert "Chưa lưu gì: tệp có 1 lỗi." in text
    assert "Dòng 8, cột C (Đơn khiếu nại nhận được): “bốn” không phải số nguyên không âm." in text
    assert not CitizenReception.objects.exists() and not GovernanceYear.objects.exists()


def test_figures_that_do_not_add_up_are_told_on_their_row_and_nothing_is_saved(client, world):
    upload = _fill(_template(client, world), FILLED | {11: 30})
    response = client.post(reverse("communes:duties-import", args=[world.commune.code, 2021]), {"file": upload})
    text = response.content.decode()
    assert "Dòng 11, cột C (Số đơn đã giải quyết)" in text and "không được lớn hơn tổng số đơn nhận được" in text
    assert not CitizenReception.objects.exists()


def test_a_rule_followed_but_not_issued_is_refused_on_its_row(client, world):
    upload = _fill(_template(client, world), FILLED | {27: "Không"})
    response = client.post(reverse("communes:duties-import", args=[world.commune.code, 2021]), {"file": upload})
    assert "Dòng 28, cột C (Thực hiện tốt Quy chế làm việc của HĐND)" in response.content.decode()
    assert not GovernanceYear.objects.exists()


def test_another_years_template_is_refused(client, world):
    upload = _fill(_template(client, world, 2020), FILLED)
    response = client.post(reverse("communes:duties-import", args=[world.commune.code, 2021]), {"file": upload})
    assert "không phải của xã và năm đang nhập" in response.content.decode()
    assert not CitizenReception.objects.exists()


def test_a_file_that_is_not_a_workbook_is_refused(client, world):
    client.force_login(world.commune_user)
    upload = SimpleUploadedFile("a.xlsx", b"not a workbook")
    response = client.post(reverse("communes:duties-import", args=[world.commune.code, 2021]), {"file": upload})
    assert "Tệp không phải bảng tính Excel (.xlsx)" in response.content.decode()


def test_the_template_carries_what_was_saved(client, world):
    CitizenReception.objects.create(commune=world.commune, year=2021, **FIGURES)
    sheet = load_workbook(_template(client, world))["Nhiệm vụ"]
    assert [sheet.cell(row=r, column=3).value for r in range(5, 15)] == list(FIGURES.values())


def _seen_in(page: str) -> str:
    import re

    return re.search(r'name="seen" value="([^"]*)"', page).group(1)


@pytest.mark.parametrize("url_name", ["communes:reception-edit", "communes:office-edit"])
def test_two_clerks_never_overwrite_each_other_silently(client, world, url_name):
    """The second clerk's form, opened before the first saved, is refused naming who saved and
    when; what they typed stays on the page, and "Lưu" again (having looked) overwrites."""
    from django.test import Client

    from communes.profile.models import OfficeRecord
    from tests.communes.test_profile import OFFICE
    from tests.factories import commune_staff

    model, figures, field = {
        "communes:reception-edit": (CitizenReception, FIGURES, "resolved"),
        "communes:office-edit": (OfficeRecord, OFFICE, "floor_area_m2"),
    }[url_name]
    url = reverse(url_name, args=[world.commune.code, 2021])
    first, second = client, Client()
    first.force_login(world.commune_user)
    second.force_login(commune_staff(world.commune, username="xa.thu2", first_name="Lò Văn Hải", last_name=""))
    seen_first = _seen_in(first.get(url).content.decode())
    seen_second = _seen_in(second.get(url).content.decode())
    assert seen_first == seen_second == "-"
    assert first.post(url, figures | {"seen": seen_first}).status_code == 302
    typed = figures | {field: int(figures[field]) - 1, "seen": seen_second}
    refused = second.post(url, typed)
    page = refused.content.decode()
    assert refused.status_code == 200
    saved = model.objects.get(commune=world.commune, year=2021)
    assert saved.updated_by == world.commune_user and getattr(saved, field) == int(figures[field])
    assert "vừa lưu bản ghi này lúc" in page and f'value="{typed[field]}"' in page
    again = second.post(url, typed | {"seen": _seen_in(page)})
    assert again.status_code == 302
    assert getattr(model.objects.get(commune=world.commune, year=2021), field) == typed[field]


def test_a_form_sent_twice_is_not_taken_for_someone_elses_save(client, world):
    url = reverse("communes:reception-edit", args=[world.commune.code, 2021])
    client.force_login(world.commune_user)
    seen = _seen_in(client.get(url).content.decode())
    assert client.post(url, FIGURES | {"seen": seen}).status_code == 302
    assert client.post(url, FIGURES | {"seen": seen}).status_code == 302  # the retry of a slow link
