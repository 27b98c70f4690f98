"""Reports of a year without districts (2026, Điện Biên's 45 communes): per commune and per reviewer
group, never an empty "huyện" column, sheet or label; the district reports refused; reminders of the
review deadline go to the province reviewers."""

import html
import io
import re
from dataclasses import dataclass
from datetime import date

import pytest
from django.template.loader import render_to_string
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import AssessmentYear, Status
from assessment.services.targets import targets_seed_demo
from communes.models import Commune, District, Province, User, year_day
from reports.models import DeadlineKind, JobStatus, ReportJob, ReportKind
from reports.services import jobs, pdf
from reports.services.reminders import deadline_reminders_send
from tests.assessment.factories import make_assessment, make_year
from tests.assessment.factories_review import bulk_year
from tests.factories import ProvinceFactory, district_reviewer, province_reviewer, province_staff
from tests.reports.readers import sheet_table

# As a year with districts: the reviewer groups come with the communes, read once.
PROVINCE_QUERIES = 27


@dataclass
class NewMap:
    province: Province
    communes: list[Commune]  # the 45 of 2026, in code order
    year: AssessmentYear
    staff: User
    first: User  # assigned communes[0:10]
    second: User  # assigned communes[10:20]; communes[20:] are unassigned


def _year_without_districts(communes: list[Commune]) -> AssessmentYear:
    year = make_year(
        2026, has_district_level=False, self_deadline=date(2026, 11, 15), review_deadline=date(2026, 12, 5)
    )
    targets_seed_demo(year=2026)
    bulk_year(year, communes)
    return year


@pytest.fixture
def new_map(dienbien) -> NewMap:
    communes = list(Commune.objects.filter(province=dienbien).valid_on(year_day(2026)).order_by("code"))
    year = _year_without_districts(communes)
    first = province_reviewer(dienbien, communes[:10], first_name="Thị Hoa", last_name="Lò")
    second = province_reviewer(dienbien, communes[10:20], first_name="Văn Minh", last_name="Quàng")
    return NewMap(dienbien, communes, year, province_staff(dienbien), first, second)


def _main_text(response) -> str:  # noqa: ANN001
    main = response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", main)).split())


# --- the province dashboard -----------------------------------------------------------------------


def test_the_dashboard_of_2026_counts_the_45_communes_by_reviewer_group_and_2021_the_129_by_district(client, new_map):
    old = list(Commune.objects.filter(province=new_map.province).valid_on(year_day(2021)))
    bulk_year(make_year(2021), old)
    client.force_login(new_map.staff)
    board = client.get(reverse("reports:province-dashboard"), {"nam": 2026}).context["board"]
    assert board.total.communes == 45 and board.group == "reviewer"
    assert [(r.unit.name, r.classes.communes) for r in board.rows] == [
        ("Lò Thị Hoa", 10),
        ("Quàng Văn Minh", 10),
        ("Chưa phân công", 25),
    ]
    assert len(board.averages.by_group) == 3  # reviewer group x criterion
    old_board = client.get(reverse("reports:province-dashboard"), {"nam": 2021}).context["board"]
    assert old_board.total.communes == 129 and len(old_board.rows) == 10


def test_the_dashboard_of_a_year_without_districts_names_no_district(client, new_map):
    client.force_login(new_map.staff)
    text = _main_text(client.get(reverse("reports:province-dashboard"), {"nam": 2026}))
    assert "Kết quả theo nhóm thẩm định" in text and "Điểm bình quân theo nhóm thẩm định và tiêu thức" in text
    assert "Lò Thị Hoa" in text and "Chưa phân công" in text
    assert "huyện" not in text.lower()


def _large_new_province(size: int) -> tuple[Province, list[Commune]]:
    province = ProvinceFactory(code="79", name="Thành phố Thử")
    Commune.objects.bulk_create(
        [
            Commune(
                code=f"8{n:04d}",
                name=f"Phường Thử {n}",
                search_name=f"phuong thu {n}",
                kind=Commune.Kind.WARD,
                province=province,
                valid_from=date(2025, 7, 1),
            )
            for n in range(size)
        ]
    )
    return province, list(Commune.objects.filter(province=province).order_by("code"))


@pytest.mark.parametrize("size", ["dienbien", "large"])
def test_the_dashboard_of_a_year_without_districts_takes_the_same_queries_for_45_or_300_communes(
    client, db, size, request, django_assert_max_num_queries
):
    if size == "dienbien":
        province = request.getfixturevalue("dienbien")
        communes = list(Commune.objects.filter(province=province).valid_on(year_day(2026)).order_by("code"))
    else:
        province, communes = _large_new_province(300)
    _year_without_districts(communes)
    for index in range(4):
        province_reviewer(province, communes[index::5])
    client.force_login(province_staff(province))
    with django_assert_max_num_queries(PROVINCE_QUERIES):
        response = client.get(reverse("reports:province-dashboard"))
    assert response.context["board"].total.communes == len(communes) == (45 if size == "dienbien" else 300)
    assert len(response.context["board"].rows) == 5


def test_a_district_dashboard_shows_only_the_years_with_districts(client, new_map):
    district = District.objects.filter(province=new_map.province).order_by("code").first()
    make_year(2021)
    client.force_login(district_reviewer(district))
    url = reverse("reports:district-dashboard", args=[district.code])
    response = client.get(url)
    assert response.context["year"].year == 2021 and response.context["years"] == [2021]
    assert client.get(url, {"nam": 2026}).status_code == 404


# --- the workbook and the annual PDF --------------------------------------------------------------


def _build(actor: User, kind: str, year: int = 2026) -> bytes:
    job = jobs.report_job_start(actor=actor, kind=kind, year=year, province=actor.province, district=None)
    assert job.status == JobStatus.SUCCEEDED, job.error
    with job.file.open("rb") as handle:
        return handle.read()


def test_the_workbook_of_2026_has_a_sheet_per_reviewer_group_and_no_district(new_map):
    content = _build(new_map.staff, ReportKind.PROVINCE_WORKBOOK_XLSX)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    assert workbook.sheetnames[:6] == [
        "Tổng hợp",
        "Chỉ tiêu",
        "Xã - tiêu thức",
        "Lò Thị Hoa",
        "Quàng Văn Minh",
        "Chưa phân công",
    ]
    header, rows = sheet_table(content, "Xã - tiêu thức")
    assert list(header[1:4]) == ["Nhóm thẩm định", "Mã xã", "Tên xã"]
    assert len([r for r in rows if r[0] != "FOOTER"]) == 45
    assert {r[3] for r in rows} == {c.name for c in new_map.communes}
    for title in ("Lò Thị Hoa", "Quàng Văn Minh", "Chưa phân công"):
        own = [r for r in sheet_table(content, title)[1] if r[0] != "FOOTER"]
        assert len(own) == {"Chưa phân công": 25}.get(title, 10)  # no empty sheet
    for sheet in workbook.worksheets:
        cells = [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]
        assert not [c for c in cells if "huyện" in c.lower()], sheet.title


def test_the_annual_pdf_of_2026_lists_communes_by_reviewer_group_without_a_district_column(new_map, monkeypatch):
    pages: list[str] = []

    def capture(template: str, context: dict) -> bytes:
        pages.append(render_to_string(template, context))
        return b"%PDF-1.7\n"

    monkeypatch.setattr(pdf, "render_pdf", capture)
    _build(new_map.staff, ReportKind.PROVINCE_ANNUAL_PDF)
    text = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", pages[0])).split())
    assert "Toàn tỉnh có 45 đơn vị hành chính cấp xã" in text
    assert "Kết quả theo nhóm thẩm định" in text and "Danh sách xếp loại theo nhóm thẩm định" in text
    assert "1. Lò Thị Hoa" in text and "3. Chưa phân công" in text
    assert "huyện" not in text.lower()


# --- the district reports -------------------------------------------------------------------------


def test_the_district_reports_are_refused_for_a_year_without_districts(client, new_map):
    district = District.objects.filter(province=new_map.province).first()
    client.force_login(new_map.staff)
    response = client.post(
        reverse("reports:job-list"), {"kind": ReportKind.DISTRICT_ANNUAL_PDF, "year": 2026, "district": district.pk}
    )
    assert response.status_code == 200
    assert "Năm 2026 không còn cấp huyện" in response.content.decode()
    assert not ReportJob.objects.exists()
    with pytest.raises(jobs.ReportError, match="không còn cấp huyện"):
        jobs.report_job_create(
            actor=new_map.staff,
            kind=ReportKind.DISTRICT_HALF_YEAR_PDF,
            year=2026,
            province=new_map.province,
            district=district,
        )


def test_a_district_reviewer_is_offered_only_the_years_with_districts(client, new_map):
    make_year(2021)
    district = District.objects.filter(province=new_map.province).first()
    client.force_login(district_reviewer(district))
    form = client.get(reverse("reports:job-list")).context["form"]
    assert form.fields["year"].choices == [(2021, 2021)]


# --- reminders ------------------------------------------------------------------------------------


def test_the_review_reminder_goes_to_the_province_reviewers_of_the_waiting_communes(new_map):
    waiting = {a.commune_id for a in new_map.year.assessments.filter(status=Status.SUBMITTED)}
    assert waiting & {c.pk for c in new_map.communes[:10]} and waiting & {c.pk for c in new_map.communes[20:]}
    idle = province_reviewer(new_map.province, [c for c in new_map.communes[10:20] if c.pk not in waiting])
    everyone = province_reviewer(new_map.province)  # no list: answers for the unassigned communes
    district = District.objects.filter(province=new_map.province).first()
    old_reviewer = district_reviewer(district)
    sent = deadline_reminders_send(today=date(2026, 12, 3))
    reminded = {n.user for n in sent if n.key.startswith(f"deadline:{DeadlineKind.REVIEW}:")}
    assert new_map.first in reminded and everyone in reminded
    assert idle not in reminded and old_reviewer not in reminded and new_map.staff not in reminded
    notice = next(n for n in sent if n.user == new_map.first)
    assert "Hạn thẩm định năm 2026: 05/12/2026" in notice.body and "huyện" not in notice.body
    assert notice.title == "Nhắc hạn: Hạn thẩm định năm 2026"


def test_a_reviewer_whose_communes_wait_for_nothing_is_not_reminded(new_map):
    new_map.year.assessments.filter(commune__in=new_map.communes[:10], status=Status.SUBMITTED).update(
        status=Status.RETURNED
    )
    sent = deadline_reminders_send(today=date(2026, 12, 3))
    assert new_map.first not in {n.user for n in sent}


def test_no_district_report_is_reminded_for_a_year_without_districts(new_map):
    district = District.objects.filter(province=new_map.province).first()
    district_reviewer(district)
    sent = deadline_reminders_send(today=date(2026, 6, 16))
    assert not [
        n for n in sent if n.key.split(":")[1] in (DeadlineKind.DISTRICT_HALF_YEAR, DeadlineKind.DISTRICT_ANNUAL)
    ]


# --- the commune panel ----------------------------------------------------------------------------


def test_a_new_communes_results_compare_with_the_province_only(client, new_map):
    commune = new_map.communes[0]
    make_assessment(commune, make_year(2025, has_district_level=False), status=Status.FINALIZED, scores=16)
    client.force_login(new_map.staff)
    response = client.get(reverse("communes:commune-detail", args=[commune.code]), {"nam": 2026})
    text = _main_text(response)
    assert "Bảng điểm so với bình quân tỉnh" in text
    assert "Bình quân huyện" not in text and "Huyện" not in text.split("Bảng điểm so với")[1].split("Tiêu thức")[1][:80]


# --- province reviewers -----------------------------------------------------------------------------


def test_a_province_reviewer_with_a_list_reads_the_dashboard_of_their_communes_and_no_province_file(client, new_map):
    report_job = ReportJob.objects.create(
        kind=ReportKind.PROVINCE_ANNUAL_PDF, year=2026, province=new_map.province, created_by=new_map.staff
    )
    client.force_login(new_map.first)
    board = client.get(reverse("reports:province-dashboard")).context["board"]
    assert board.total.communes == 10 and [r.unit.name for r in board.rows] == ["Lò Thị Hoa"]
    response = client.get(reverse("reports:job-list"))
    assert response.context["form"].fields["kind"].choices == []
    assert "hãy đề nghị Sở Nội vụ tạo và gửi báo cáo" in response.content.decode()
    assert client.get(reverse("reports:job-detail", args=[report_job.pk])).status_code == 404


def test_a_province_reviewer_without_a_list_reads_the_whole_province(client, new_map):
    client.force_login(province_reviewer(new_map.province))
    assert client.get(reverse("reports:province-dashboard")).context["board"].total.communes == 45
