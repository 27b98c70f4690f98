"""The officials' ratings, follow-up actions and commendation eligibility in the annual PDF (read
back with pdftotext) and in the province workbook."""

import io
from datetime import date

from openpyxl import load_workbook

from assessment.models import FollowUpAction, OfficialRating, ProvinceDecision
from reports.models import ReportKind
from reports.services import jobs
from tests.personnel.factories import cadre
from tests.reports.readers import pdf_text


def _build(world, kind: str) -> bytes:
    job = jobs.report_job_start(actor=world.province_user, kind=kind, year=2021, province=world.province, district=None)
    assert job.status == "succeeded", job.error
    with job.file.open("rb") as handle:
        return handle.read()


def _data(world, sample) -> None:
    from assessment.models import Assessment

    chair = cadre(world.commune, positions=["chu-tich-ubnd"])
    OfficialRating.objects.create(
        year_id=Assessment.objects.get(commune=world.commune, year__year=2021).year_id,
        commune=world.commune,
        official=chair,
        level="good",
        recorded_by=world.commune_user,
    )
    criticised = Assessment.objects.get(commune=world.sibling, year__year=2021)
    ProvinceDecision.objects.create(
        assessment=criticised,
        kind="criticism",
        number="9/QĐ",
        date=date(2022, 1, 5),
        reason="x",
        recorded_by=world.province_user,
    )
    reminded = Assessment.objects.get(commune=world.outsider_commune, year__year=2021)
    ProvinceDecision.objects.create(
        assessment=reminded,
        kind="reminder",
        number="10/QĐ",
        date=date(2022, 1, 5),
        reason="x",
        recorded_by=world.province_user,
    )
    FollowUpAction.objects.create(
        assessment=reminded,
        kind="review_leaders",
        number="5/BB",
        date=date(2022, 2, 1),
        actor_name="UBND huyện",
        recorded_by=world.province_user,
    )


def test_the_annual_pdf_has_the_three_sections_and_lists_the_open_follow_ups(world, sample):
    _data(world, sample)
    text = pdf_text(_build(world, ReportKind.PROVINCE_ANNUAL_PDF))
    assert "V. XẾP LOẠI CÁN BỘ, CÔNG CHỨC; KẾT QUẢ THỰC HIỆN VIỆC THEO DÕI; ĐIỀU KIỆN KHEN THƯỞNG" in text
    assert "Hoàn thành tốt nhiệm vụ 1" in text
    assert "Chưa thực hiện: Xem xét điều động Chủ tịch UBND xã (bị phê bình) (2):" in text
    assert "Xã Sín Thầu (Huyện Mường Nhé); Xã Thanh Xương (Huyện Điện Biên)." in text
    assert "Chưa thực hiện: Kiểm điểm trách nhiệm lãnh đạo UBND xã" not in text  # done
    assert "Không đủ điều kiện khen thưởng" in text and "Xã Sín Thầu (" in text


def test_the_workbook_has_the_ratings_follow_ups_and_eligibility_sheets(world, sample):
    _data(world, sample)
    workbook = load_workbook(io.BytesIO(_build(world, ReportKind.PROVINCE_WORKBOOK_XLSX)), read_only=True)
    ratings = [r for r in workbook["Xếp loại cán bộ"].iter_rows(values_only=True) if r and r[0]]
    assert ("Hoàn thành tốt nhiệm vụ", 1) in [tuple(r[:2]) for r in ratings]
    follow = {r[0]: r[1:4] for r in workbook["Việc theo dõi"].iter_rows(values_only=True) if r and r[0]}
    assert follow["Kiểm điểm trách nhiệm lãnh đạo UBND xã (bị nhắc nhở)"] == (1, 1, 0)
    rows = [r for r in workbook["Khen thưởng"].iter_rows(values_only=True) if len(r) > 4]
    eligibility = {r[1]: (r[3], r[4]) for r in rows}
    assert eligibility["Xã Sín Thầu"][0] == "Không đủ điều kiện" and "phê bình" in eligibility["Xã Sín Thầu"][1]
