"""Past years from the Department's workbook: the dry run shows every problem, nothing is saved until
the whole file is clean and confirmed, and the saved year carries who imported which file."""

import hashlib
import io
import zipfile
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    CriterionScore,
    HistoryImport,
    ProvinceDecision,
    Status,
)
from assessment.selectors.history import history_units
from assessment.services.history_import import (
    HistoryFileRefused,
    classes_for_total,
    history_import_save,
    history_sample_rows,
    plan_history_import,
    rules_of,
)
from assessment.services.history_template import FIRST_ROW, SHEET_TITLE, history_template_build
from tests.assessment.factories import default_criteria_set, make_assessment, make_year
from tests.factories import province_staff

UPLOAD = "assessment:history-upload"


def row(code="", name="", scores=18, total=None, klass="Tốt", tsvm="Không", kind="", number="", day="", reason=""):
    """One line in the template's column order; ``scores`` is one number for all 20, a list, or None."""
    cells = [None] * 20 if scores is None else (scores if isinstance(scores, list) else [scores] * 20)
    if total is None and scores is not None:
        total = sum(Decimal(str(c)) for c in cells)
    return [code, name, *cells, total, klass, tsvm, kind, number, day, reason]


def workbook(rows, year=2020) -> bytes:
    return history_template_build(criteria_set=default_criteria_set(), year=year, rows=rows)


def edited(content: bytes, **cells) -> bytes:
    """The workbook with some cells of the results sheet overwritten (e.g. C5="=SUM(1,2)")."""
    wb = load_workbook(io.BytesIO(content))
    for ref, value in cells.items():
        wb[SHEET_TITLE][ref] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def upload(client, content: bytes, year=2020, name="ket-qua-2020.xlsx"):
    return client.post(reverse(UPLOAD), {"year": str(year), "file": SimpleUploadedFile(name, content)})


def confirm(client, response):
    context = response.context
    return client.post(reverse("assessment:history-confirm"), {"token": context["token"], "sha256": context["sha256"]})


def nothing_saved() -> None:
    assert not Assessment.objects.filter(year__year=2020).exists()
    assert not HistoryImport.objects.exists()
    assert not AssessmentEvent.objects.filter(kind=AssessmentEvent.Kind.IMPORT).exists()


@pytest.fixture
def staff_client(client, world):
    client.force_login(world.province_user)
    return client


def test_a_clean_file_is_shown_first_then_stored_as_finalized_history_and_the_year_locked(staff_client, world):
    content = workbook(
        [
            row(world.commune.code, "", scores=18),  # by code
            row("", "xa sin thau", scores=15, klass="Khá"),  # by name, no diacritics, lower case
            row(
                "", "THANH XƯƠNG", scores=12, klass="Trung bình", kind="Nhắc nhở", number="12/QĐ-UBND", day="20/01/2021"
            ),
        ]
    )
    response = upload(staff_client, content)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Tệp sạch: 3 xã" in page and "Xác nhận nhập 3 xã" in page
    assert "cổng không tự sửa xếp loại" in page
    nothing_saved()

    done = confirm(staff_client, response)
    assert done.status_code == 302 and done.url == reverse("assessment:year-list")
    year = AssessmentYear.objects.get(year=2020)
    assert year.is_locked and year.locked_by == world.province_user and year.has_district_level
    saved = {a.commune_id: a for a in Assessment.objects.filter(year=year)}
    assert {a.status for a in saved.values()} == {Status.FINALIZED}
    mine = saved[world.commune.pk]
    assert (mine.final_total, mine.final_class, mine.tsvm) == (Decimal("360"), "good", False)
    assert set(mine.scores.values_list("final_score", flat=True)) == {Decimal("18")}
    decision = ProvinceDecision.objects.get(assessment__commune=world.outsider_commune)
    assert (decision.kind, decision.number, decision.date.isoformat()) == ("reminder", "12/QĐ-UBND", "2021-01-20")
    record = HistoryImport.objects.get()
    assert record.sha256 == hashlib.sha256(content).hexdigest() and record.file_name == "ket-qua-2020.xlsx"
    assert record.imported_by == world.province_user and record.rows == 3
    event = mine.events.get(kind=AssessmentEvent.Kind.IMPORT)
    assert (
        event.actor == world.province_user and record.sha256 in event.comment and "ket-qua-2020.xlsx" in event.comment
    )
    follow = staff_client.get(done.url)
    assert "Đã nhập kết quả năm 2020 của 3 xã" in follow.content.decode()


def test_a_totals_only_file_stores_the_total_and_no_criterion_scores(staff_client, world):
    content = workbook([row(world.commune.code, scores=None, total=300, klass="Khá")])
    response = upload(staff_client, content)
    assert (
        "1 dòng chỉ có tổng điểm" in " ".join(response.content.decode().split())
        or response.context["plan"].totals_only == 1
    )
    assert response.context["plan"].clean
    confirm(staff_client, response)
    saved = Assessment.objects.get(year__year=2020, commune=world.commune)
    assert (saved.final_total, saved.final_class) == (Decimal("300"), "fair")
    assert saved.scores.count() == 20 and not saved.scores.filter(final_score__isnull=False).exists()


def test_an_unmatched_name_shows_the_nearest_names_and_a_choice_makes_the_file_clean(staff_client, world):
    content = workbook([row("", "Xã Mường Nhẹ Mới", scores=18)])
    response = upload(staff_client, content)
    plan = response.context["plan"]
    assert not plan.clean and len(plan.unmatched) == 1
    names = [u.name for u in plan.unmatched[0].candidates]
    assert names[0] == "Xã Mường Nhé" and len(names) == 3
    page = response.content.decode()
    assert "Tên gần nhất" in page and "Xác nhận nhập" not in page
    nothing_saved()
    chosen = staff_client.post(
        reverse("assessment:history-choose"),
        {"token": response.context["token"], "sha256": response.context["sha256"], "choice-5": world.commune.code},
    )
    assert chosen.context["plan"].clean and chosen.context["plan"].rows[0].commune == world.commune
    confirm(staff_client, chosen)
    assert Assessment.objects.get(year__year=2020).commune == world.commune


def test_a_class_that_disagrees_with_the_scores_is_flagged_and_nothing_can_be_saved(staff_client, world):
    content = workbook([row(world.commune.code, scores=15, klass="Tốt")])  # 300: Khá by the thresholds
    response = upload(staff_client, content)
    plan = response.context["plan"]
    assert not plan.clean and len(plan.disagreeing) == 1
    page = response.content.decode()
    assert "xếp loại là Khá" in page and "Xác nhận nhập" not in page
    assert confirm(staff_client, response).status_code == 302
    nothing_saved()


def test_a_total_alone_accepts_only_the_classes_it_allows(world):
    rules = rules_of(default_criteria_set(), list(default_criteria_set().criteria.all()))
    assert classes_for_total(Decimal("350"), rules) == ("average", "good")  # a criterion might be under 10
    assert classes_for_total(Decimal("395"), rules) == ("good", "good")  # even the lowest is 15 or more
    assert classes_for_total(Decimal("150"), rules) == ("weak", "weak")


def test_tsvm_yes_without_the_conditions_is_flagged(staff_client, world):
    content = workbook(
        [row(world.commune.code, scores=18, tsvm="Có", kind="Phê bình", number="1/QĐ", day="02/02/2021")]
    )
    response = upload(staff_client, content)
    assert not response.context["plan"].clean
    assert "TSVM" in response.context["plan"].rows[0].disagreement


def test_a_duplicate_commune_is_shown_on_both_rows(staff_client, world):
    content = workbook([row(world.commune.code, scores=18), row("", "Mường Nhé", scores=18)])
    response = upload(staff_client, content)
    plan = response.context["plan"]
    assert [r.duplicate_of for r in plan.duplicates] == [[6], [5]]
    assert "Trùng xã với dòng 6" in response.content.decode()
    nothing_saved()


def test_bad_cells_are_listed_by_row_and_column_in_vietnamese(staff_client, world):
    content = workbook(
        [row(world.commune.code, scores=[21] + [18] * 19, total=None, kind="Nhắc nhở", day="31/02/2021")]
    )
    response = upload(staff_client, content)
    problems = [str(p) for p in response.context["plan"].problems]
    assert any(p.startswith("Dòng 5, cột C (TT1): điểm phải từ 0 đến 20") for p in problems)
    assert any("cột AA (Số quyết định)" in p and "cần số quyết định" in p for p in problems)
    assert any("cột AB" in p and "không có ngày 31" in p for p in problems)
    nothing_saved()


def test_a_year_already_holding_results_is_refused_and_says_what_to_do(staff_client, world):
    make_assessment(world.sibling, 2020, status=Status.SUBMITTED, scores=18)
    response = upload(staff_client, workbook([row(world.commune.code, scores=18)]))
    page = response.content.decode()
    assert "Năm 2020 đã có kết quả trên cổng (1 xã" in page and "mở lại" in page
    assert not Assessment.objects.filter(year__year=2020, commune=world.commune).exists()


def test_a_year_opened_with_drafts_only_takes_the_file(staff_client, world):
    draft = make_assessment(world.commune, make_year(2020), scores=None)
    response = upload(staff_client, workbook([row(world.commune.code, scores=18)]))
    confirm(staff_client, response)
    draft.refresh_from_db()
    assert draft.status == Status.FINALIZED and draft.scores.filter(final_score=Decimal("18")).count() == 20
    assert CriterionScore.objects.filter(assessment=draft).count() == 20


def test_a_locked_year_is_refused(staff_client, world):
    make_year(2020, locked=True)
    assert "đã khóa sổ" in upload(staff_client, workbook([row(world.commune.code)])).content.decode()


def test_a_formula_cell_is_refused(staff_client, world):
    content = edited(workbook([row(world.commune.code, scores=18)]), C5="=10+8")
    response = upload(staff_client, content)
    assert any("không dùng công thức" in str(p) for p in response.context["plan"].problems)
    assert not response.context["plan"].clean
    nothing_saved()


def test_an_oversized_file_is_refused(staff_client, world):
    content = workbook([row(world.commune.code)]) + b"\0" * (5 * 1024 * 1024)
    assert "Tệp lớn hơn 5 MB" in upload(staff_client, content).content.decode()
    nothing_saved()


def test_a_zip_bomb_and_a_non_excel_file_are_refused(staff_client, world):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("xl/workbook.xml", "<a/>" + " " * (9 * 1024 * 1024))
    assert "giải nén ra quá lớn" in upload(staff_client, buffer.getvalue()).content.decode()
    assert "không phải bảng tính Excel" in upload(staff_client, b"ma;ten\n1;2\n").content.decode()
    nothing_saved()


def test_a_wrong_template_file_is_refused(staff_client, world):
    content = edited(workbook([row(world.commune.code)]), C4="Điểm TT1")
    page = upload(staff_client, content).content.decode()
    assert "Tệp không theo mẫu của cổng" in page and "C4" in page
    nothing_saved()


def test_a_file_for_another_year_is_refused(staff_client, world):
    page = upload(staff_client, workbook([row(world.commune.code)], year=2019), year=2020).content.decode()
    assert "ghi năm “2019”" in page


def test_another_provinces_communes_are_never_matched(staff_client, world):
    content = workbook([row(world.foreign_commune.code, scores=18), row("", "Xã Ka Lăng", scores=18)])
    plan = upload(staff_client, content).context["plan"]
    assert len(plan.unmatched) == 2
    assert all(u.province_id == world.province.pk for r in plan.rows for u in r.candidates)


def test_a_forged_or_stale_token_saves_nothing(staff_client, world):
    response = upload(staff_client, workbook([row(world.commune.code)]))
    forged = staff_client.post(
        reverse("assessment:history-confirm"), {"token": "x" * 22, "sha256": response.context["sha256"]}
    )
    assert forged.status_code == 302
    nothing_saved()


def test_the_template_has_lists_for_class_and_tsvm_and_an_instructions_sheet(staff_client, world):
    response = staff_client.get(reverse("assessment:history-template"), {"nam": "2020"})
    wb = load_workbook(io.BytesIO(response.content))
    ws = wb[SHEET_TITLE]
    lists = [v.formula1 for v in ws.data_validations.dataValidation]
    assert '"Tốt,Khá,Trung bình,Yếu"' in lists and '"Có,Không"' in lists
    assert "Hướng dẫn" in wb.sheetnames and ws["B2"].value == 2020
    assert ws.cell(row=FIRST_ROW, column=2).value.startswith("Xã Ví Dụ")


def test_the_sample_file_imports_cleanly(staff_client, world):
    make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=18)  # the first year with results
    response = staff_client.get(reverse("assessment:history-sample"))
    assert response["Content-Disposition"] == 'attachment; filename="ket-qua-2020-mau-co-du-lieu.xlsx"'
    plan = upload(staff_client, response.content, year=2020).context["plan"]
    assert plan.clean and len(plan.rows) == 3 and plan.totals_only == 1


def test_only_province_staff_may_import(client, world):
    client.force_login(world.reviewer)
    assert client.get(reverse(UPLOAD)).status_code == 403


@pytest.mark.parametrize(("year", "units"), [(2021, 129), (2025, 45)])
def test_a_whole_province_is_checked_and_saved_in_a_bounded_number_of_queries(
    dienbien, django_assert_max_num_queries, year, units
):
    staff = province_staff(dienbien)
    criteria_set = default_criteria_set()
    communes = history_units(dienbien, year)
    assert len(communes) == units
    content = history_template_build(
        criteria_set=criteria_set,
        year=year,
        rows=history_sample_rows(units=communes, criteria_set=criteria_set, year=year),
    )
    with django_assert_max_num_queries(8):
        plan = plan_history_import(province=dienbien, year=year, content=content)
    assert plan.clean and len(plan.rows) == units and not plan.missing
    # Per commune nothing: SQLite's limit of 999 variables splits the 2,580 score rows into ~25 inserts.
    with django_assert_max_num_queries(50):
        history_import_save(plan=plan, actor=staff, file_name="f.xlsx", sha256="0" * 64)
    assert Assessment.objects.filter(year__year=year, status=Status.FINALIZED).count() == units
    assert AssessmentYear.objects.get(year=year).has_district_level is (year < 2025)


def test_the_service_refuses_a_year_that_gained_results_after_the_dry_run(world):
    plan = plan_history_import(province=world.province, year=2020, content=workbook([row(world.commune.code)]))
    make_assessment(world.sibling, 2020, status=Status.FINALIZED, scores=18)
    with pytest.raises(HistoryFileRefused):
        history_import_save(plan=plan, actor=world.province_user, file_name="f.xlsx", sha256="0" * 64)
    assert not Assessment.objects.filter(year__year=2020, commune=world.commune).exists()


def test_an_administrator_without_a_province_is_refused(client, world, django_user_model):
    admin = django_user_model.objects.create_superuser("quantri", "qt@example.org", "x")
    client.force_login(admin)
    assert client.get(reverse(UPLOAD)).status_code == 403
    assert client.get(reverse("assessment:history-sample")).status_code == 403


def test_imported_results_show_on_the_communes_pages_and_the_years_report(staff_client, world):
    content = workbook([row(world.commune.code, scores=None, total=300, klass="Khá"), row(world.sibling.code)])
    confirm(staff_client, upload(staff_client, content))
    detail = staff_client.get(
        reverse("assessment:assessment-detail", kwargs={"year": 2020, "code": world.commune.code})
    )
    assert detail.status_code == 200 and "Khá" in detail.content.decode()
    assert staff_client.get(reverse("communes:commune-detail", kwargs={"code": world.commune.code})).status_code == 200
    assert staff_client.get("/bao-cao/", {"nam": "2020"}).status_code == 200
    history = staff_client.get(reverse("assessment:score-history", kwargs={"year": 2020, "code": world.commune.code}))
    assert history.status_code == 200 and "ket-qua-2020.xlsx" in history.content.decode()


def test_a_template_downloaded_in_english_reads_back_in_vietnamese(client, world):
    world.province_user.language = "en"
    world.province_user.save()
    client.force_login(world.province_user)
    template = client.get(reverse("assessment:history-template"), {"nam": "2020"})
    ws = load_workbook(io.BytesIO(template.content))[SHEET_TITLE]
    assert ws["W4"].value == "Tổng điểm"  # the Department's document stays in Vietnamese
    content = workbook([row(world.commune.code, scores=18, tsvm="Không")])
    response = upload(client, content)
    assert response.context["plan"].clean


def test_in_the_demo_province_staff_can_import_the_sample_for_the_year_before_the_first(client, dienbien):
    make_assessment(history_units(dienbien, 2019)[0], 2019, status=Status.FINALIZED, scores=18)
    client.force_login(province_staff(dienbien))
    assert "Tải tệp mẫu có dữ liệu (năm 2018)" in client.get(reverse(UPLOAD)).content.decode()
    sample = client.get(reverse("assessment:history-sample"))
    response = upload(client, sample.content, year=2018, name="ket-qua-2018-mau-co-du-lieu.xlsx")
    assert response.context["plan"].clean and len(response.context["plan"].rows) == 129
    confirm(client, response)
    assert Assessment.objects.filter(year__year=2018, status=Status.FINALIZED).count() == 129
    assert AssessmentYear.objects.get(year=2018).is_locked
