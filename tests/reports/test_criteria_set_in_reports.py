"""A year's reports state the criteria set's status in their legal basis, and a lock made while the
set was provisional (who, when), read back from the PDF (pdftotext) and the workbook's summary."""

import io
from datetime import date

from django.utils import timezone
from openpyxl import load_workbook

from assessment.services.criteria import criteria_set_record_decision
from assessment.services.workflow import assessment_year_lock
from reports.models import ReportKind
from reports.services import jobs
from tests.assessment.factories import default_criteria_set, make_year
from tests.reports.readers import pdf_text


def _build(world, kind: str, district=None) -> bytes:  # noqa: ANN001
    actor = world.reviewer if district else world.province_user
    job = jobs.report_job_start(actor=actor, kind=kind, year=2021, province=world.province, district=district)
    assert job.status == "succeeded", job.error
    with job.file.open("rb") as handle:
        return handle.read()


def _summary_text(content: bytes) -> str:
    sheet = load_workbook(io.BytesIO(content), read_only=True)["Tổng hợp"]
    return " ".join(str(v) for row in sheet.iter_rows(values_only=True) for v in row if v not in (None, ""))


def _who(world) -> str:  # noqa: ANN001
    return world.province_user.get_full_name() or world.province_user.username


def test_a_year_locked_anyway_says_so_with_who_and_when_in_the_pdf_and_the_workbook(world, sample):
    year = assessment_year_lock(year=make_year(2021), actor=world.province_user, lock_anyway=True)
    when = timezone.localtime(year.locked_at).strftime("%d/%m/%Y")
    note = "Năm 2021 được khóa sổ lúc"
    basis = "Bộ tiêu thức tạm thời: Sở Nội vụ chưa ghi số, ngày quyết định ban hành."
    for text in (
        pdf_text(_build(world, ReportKind.PROVINCE_ANNUAL_PDF)),
        pdf_text(_build(world, ReportKind.DISTRICT_ANNUAL_PDF, world.district)),
        _summary_text(_build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)),
    ):
        assert basis in text
        assert note in text and when in text
        assert f"dù bộ tiêu thức còn tạm thời (người khóa: {_who(world)})." in text


def test_a_set_with_its_decision_is_cited_and_no_lock_note_is_printed(world, sample):
    criteria_set_record_decision(
        criteria_set=default_criteria_set(),
        number="34/2011/QĐ-UBND",
        decision_date=date(2011, 11, 7),
        actor=world.province_user,
    )
    assessment_year_lock(year=make_year(2021), actor=world.province_user)
    for text in (
        pdf_text(_build(world, ReportKind.PROVINCE_ANNUAL_PDF)),
        _summary_text(_build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)),
    ):
        assert "Bộ tiêu thức theo Quyết định số 34/2011/QĐ-UBND ngày 07/11/2011." in text
        assert "khóa sổ lúc" not in text and "tạm thời" not in text
