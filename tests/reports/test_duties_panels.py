"""The plan's other duties on the province dashboard, in the annual PDF and in the workbook:
counts agree with SQL, the communes that need coaching, zero denominators, bounded queries."""

import html
import re
from datetime import date

import pytest
from django.db import connection
from django.urls import reverse

from communes.models import Commune, year_day
from communes.profile.models import CitizenReception, CoachingVisit, GovernanceYear, ProcedureStats
from communes.profile.rules import ReformFacts, months_mask, reform_ratios
from personnel.models import Discipline, PublicApology, Training, Transfer
from reports import duties_civic
from reports.models import ReportKind
from reports.services import jobs
from tests.assessment.factories import make_year
from tests.factories import ProvinceFactory, new_commune, province_staff
from tests.personnel.factories import servant
from tests.reports.factories import assess_all, confirmed, decision, small_province
from tests.reports.readers import pdf_text, sheet_table
from tests.reports.test_dashboard_pages import PROVINCE_QUERIES
from tests.reports.test_no_district_year import new_map  # noqa: F401, F811 - a fixture

FIGURES = {
    "sessions_total": 10,
    "sessions_by_chair": 4,
    "citizens_received": 30,
    "complaints_received": 2,
    "denunciations_received": 1,
    "petitions_received": 7,
    "resolved": 8,
    "resolved_on_time": 7,
    "outstanding": 2,
    "passed_upward": 0,
}
# The duties add up to two queries with their data: the coaching visits, a long backlog list's total.
DUTY_QUERIES = PROVINCE_QUERIES + 2


def _text(response) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def _sql_count(sql: str, params: list) -> int:
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchone()[0]


def test_reform_shares_of_no_commune_are_undefined_not_100_percent():
    report = reform_ratios([], 0)
    assert all(r.percent is None and r.met is None for r in report)


def test_reform_shares_count_communes_applying_iso_using_e_documents_with_a_proper_desk():
    report = reform_ratios(
        [
            ReformFacts(1, True, True, "proper"),
            ReformFacts(2, False, True, "limited"),
            ReformFacts(3, True, False, "proper"),
        ],
        4,
    )
    assert [(r.key, r.numerator, r.denominator, r.met) for r in report] == [
        ("iso", 2, 3, False),
        ("e_office", 2, 3, False),
        ("one_stop", 2, 3, False),
    ]
    assert report.extra["not_reported"] == 1


@pytest.fixture
def duties(world, sample):
    """2022 on top of the sample's 2021 results: figures, records and coaching for some communes."""
    w = world
    make_year(2022)
    CitizenReception.objects.create(commune=w.commune, year=2022, **FIGURES)
    CitizenReception.objects.create(
        commune=w.outsider_commune, year=2022, **FIGURES | {"passed_upward": 1, "outstanding": 0, "resolved": 9}
    )
    GovernanceYear.objects.create(
        commune=w.commune, year=2022, meeting_months=months_mask(range(1, 13)), council_rules_issued=True
    )
    ProcedureStats.objects.create(
        commune=w.sibling, year=2022, period="year", applicable=1, posted=1, received=0, on_time=0, late=0,
        uses_iso_9001=True,
    )  # fmt: skip
    official = servant(w.commune)
    for day in (date(2022, 3, 1), date(2022, 9, 9), date(2021, 5, 5)):
        Discipline.objects.create(official=official, commune=w.commune, decided_on=day, form="reprimand", reason="x")
    PublicApology.objects.create(
        official=official, commune=w.outsider_commune, held_on=date(2022, 4, 1), violation="x",
        apologised_to="x", committee_leader="x", attendees="x",
    )  # fmt: skip
    Transfer.objects.create(
        official=official, from_commune=w.commune, to_commune=w.sibling, effective_date=date(2022, 7, 1)
    )
    # Xã Nà Hỳ (Trung bình 2021): 7 + 10 days across the first two quarters.
    CoachingVisit.objects.create(
        commune=sample.extra_a, level="district", coach="A", start_date=date(2022, 3, 25),
        end_date=date(2022, 4, 10), topics="x",
    )  # fmt: skip
    return w


def test_the_communes_rated_average_or_weak_or_criticised_the_year_before_need_coaching(duties, sample):
    communes = duties.province.communes.all()
    reasons = duties_civic.needs_coaching(communes, 2022)
    assert set(reasons) == {sample.extra_a.pk, duties.outsider_commune.pk}
    assert reasons[duties.outsider_commune.pk] == ["Xếp loại Yếu năm 2021", "Bị phê bình năm 2021"]
    assert duties_civic.needs_coaching(communes, 2021) == {
        duties.outsider_commune.pk: ["Xếp loại Yếu năm 2020", "Bị phê bình năm 2020"]
    }


def test_a_merged_commune_needs_coaching_for_its_predecessors_results(world):
    decision(confirmed(world.outsider_commune, 2024, "weak"), world.province_user)
    confirmed(world.commune, 2024, "good")
    successor = new_commune(world.province, [world.outsider_commune, world.commune], name="Phường Mường Thanh")
    reasons = duties_civic.needs_coaching(Commune.objects.filter(pk=successor.pk), 2025)
    assert reasons == {
        successor.pk: ["Xếp loại Yếu năm 2024 (Xã Thanh Xương)", "Bị phê bình năm 2024 (Xã Thanh Xương)"]
    }


def test_the_dashboards_counts_equal_a_count_in_sql(client, duties):
    client.force_login(duties.province_user)
    board = client.get(reverse("reports:province-dashboard"), {"nam": 2022}).context["board"]
    civic = board.civic
    disciplines = _sql_count(
        "SELECT COUNT(*) FROM personnel_discipline d JOIN communes_commune c ON c.id = d.commune_id "
        "WHERE c.province_id = %s AND d.decided_on BETWEEN %s AND %s",
        [duties.province.pk, date(2022, 1, 1), date(2022, 12, 31)],
    )
    outstanding = _sql_count("SELECT SUM(outstanding) FROM communes_citizenreception WHERE year = %s", [2022])
    backlog_free = _sql_count(
        "SELECT COUNT(*) FROM communes_citizenreception WHERE year = %s AND outstanding = 0", [2022]
    )
    assert (civic.records.disciplines, disciplines) == (2, 2)
    assert civic.records.apologies == 1 and (civic.records.transfers_in, civic.records.transfers_out) == (1, 1)
    assert civic.reception.total.extra["outstanding"] == outstanding == 2
    assert civic.reception.total["no_backlog"].numerator == backlog_free == 1
    assert civic.reception.total["nothing_passed_up"].numerator == 1
    by_district = civic.records_by_key[duties.district.pk]
    assert (by_district.disciplines, by_district.transfers_in) == (2, 1)
    assert civic.governance.total["meetings"].numerator == 1 and civic.reform.total["iso"].numerator == 1


def test_the_dashboard_shows_each_commune_to_coach_with_its_days_per_quarter(client, duties, sample):
    client.force_login(duties.province_user)
    text = _text(client.get(reverse("reports:province-dashboard"), {"nam": 2022}))
    coaching = text[text.index("Hướng dẫn tại các xã cần củng cố năm 2022") :]
    assert "Xã Nà Hỳ" in coaching and "Xếp loại Trung bình năm 2021" in coaching
    assert "7/15 Chưa đạt 10/15 Chưa đạt" in coaching
    assert "Xã Thanh Xương" in coaching and "Xã Mường Nhé" not in coaching.split("2 xã cần củng cố")[0]
    assert "Xã còn đơn tồn đọng hoặc chuyển lên cấp trên 2" in text


def test_a_year_without_figures_shows_dashes_and_no_verdict(client, world, sample):
    client.force_login(world.province_user)
    text = _text(client.get(reverse("reports:province-dashboard"), {"nam": 2021}))
    panel = text[text.index("Tiếp dân, giao ban, quy chế, cải cách hành chính năm 2021") :]
    assert "Đơn thư được giải quyết Chưa có dữ liệu — · Kế hoạch 100%" in panel
    assert "7/7 xã chưa khai báo số liệu." in panel


def _build(world, kind: str, year: int) -> bytes:
    job = jobs.report_job_start(actor=world.province_user, kind=kind, year=year, province=world.province, district=None)
    assert job.status == "succeeded", job.error
    with job.file.open("rb") as handle:
        return handle.read()


def test_the_annual_pdf_reads_back_the_duties_section(duties):
    text = pdf_text(_build(duties, ReportKind.PROVINCE_ANNUAL_PDF, 2022))
    assert "VI. CÁC NHIỆM VỤ KHÁC THEO KẾ HOẠCH 703" in text.upper()
    assert "2/7 xã báo cáo: 20 buổi tiếp công dân" in text
    assert "Xã Mường Nhé (tồn đọng 2, chuyển lên 0); Xã Thanh Xương (tồn đọng 0, chuyển lên 1)." in text
    assert "2 xã cần củng cố" in text and "Xã Nà Hỳ 7/15 10/15 0/15 0/15" in text
    assert "Áp dụng TCVN ISO 9001:2015 1/1 100,0%" in text


def test_the_workbook_has_a_sheet_per_duty_and_one_row_per_commune(duties):
    content = _build(duties, ReportKind.PROVINCE_WORKBOOK_XLSX, 2022)
    header, rows = sheet_table(content, "Kỷ luật, đào tạo")
    assert header[:3] == ["STT", "Đơn vị cấp huyện", "Kỷ luật"]
    assert rows[0][1:4] == ["Huyện Mường Nhé", 2, 0] and rows[-1][:4] == ["FOOTER", None, "Toàn tỉnh", 2]
    header, rows = sheet_table(content, "Nhiệm vụ theo xã")
    by_name = {row[3]: row for row in rows}
    assert len(by_name) == 7
    commune = by_name["Xã Mường Nhé"]
    assert commune[4:6] == [10, 4] and commune[header.index("Số tháng giao ban")] == 12
    assert by_name["Xã Nà Hỳ"][header.index("Ngày hướng dẫn quý 2")] == 10
    header, rows = sheet_table(content, "Tiếp công dân")
    assert rows[-2][:3] == ["FOOTER", None, "Toàn tỉnh"]


@pytest.mark.parametrize("size", ["ten", "whole"])
def test_the_duties_keep_the_province_dashboard_bounded_for_10_or_129_communes(
    client, db, size, django_assert_max_num_queries, request
):
    if size == "whole":
        province = request.getfixturevalue("dienbien")
        communes = list(province.communes.valid_on(year_day(2021)))
    else:
        province = ProvinceFactory(code="99", name="Tỉnh Thử")
        communes = small_province(province)
    assess_all(communes, 2021)
    make_year(2022)
    for commune in communes:
        CitizenReception.objects.create(commune=commune, year=2022, **FIGURES)
        GovernanceYear.objects.create(commune=commune, year=2022, meeting_months=months_mask([1, 2]))
        CoachingVisit.objects.create(
            commune=commune, level="district", coach="A", start_date=date(2022, 1, 3), end_date=date(2022, 1, 9),
            topics="x",
        )  # fmt: skip
    client.force_login(province_staff(province))
    with django_assert_max_num_queries(DUTY_QUERIES):
        response = client.get(reverse("reports:province-dashboard"), {"nam": 2022})
    assert len(response.context["board"].civic.coaching) == sum(
        1 for i in range(len(communes)) if i % 6 != 5 and i % 5 >= 3
    )


def test_a_year_without_districts_counts_the_duties_by_reviewer_group(client, new_map):  # noqa: F811
    first = new_map.communes[0]
    official = servant(first)
    Discipline.objects.create(official=official, commune=first, decided_on=date(2026, 2, 2), form="warning", reason="x")
    CitizenReception.objects.create(commune=first, year=2026, **FIGURES)
    client.force_login(new_map.staff)
    response = client.get(reverse("reports:province-dashboard"), {"nam": 2026})
    civic = response.context["board"].civic
    rows = {name: counts.disciplines for name, counts in civic.record_rows}
    assert rows == {"Lò Thị Hoa": 1, "Quàng Văn Minh": 0, "Chưa phân công": 0}
    assert civic.reception.by_key[new_map.first.pk]["no_backlog"].denominator == 1
    assert civic.reception.total.extra["not_reported"] == 44
    assert "huyện" not in _text(response).split("Tiếp dân, giao ban, quy chế")[1].lower()


def test_a_training_counts_where_the_official_served_when_it_started(world):
    official = servant(world.sibling)  # serves in the sibling since a transfer of 1 July 2022
    Transfer.objects.create(
        official=official, from_commune=world.commune, to_commune=world.sibling, effective_date=date(2022, 7, 1)
    )
    Training.objects.create(official=official, course="Hộ tịch", start_date=date(2022, 3, 1))
    Training.objects.create(official=official, course="Một cửa", start_date=date(2022, 9, 1))
    counts = duties_civic.record_counts(world.province.communes.all(), 2022)
    assert counts[world.commune.pk][1].trainings == 1 and counts[world.sibling.pk][1].trainings == 1


def test_the_carry_over_of_july_2025_is_not_counted_as_a_transfer(world):
    successor = new_commune(world.province, [world.commune], name="Phường Mường Thanh")
    official = servant(successor)
    Transfer.objects.create(
        official=official, from_commune=world.commune, to_commune=successor, effective_date=date(2025, 7, 1)
    )
    counts = duties_civic.record_counts(Commune.objects.filter(pk__in=[successor.pk, world.commune.pk]), 2025)
    assert counts[successor.pk][1].transfers_in == 0 and counts[world.commune.pk][1].transfers_out == 0
