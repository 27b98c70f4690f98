"""The score sheet's Excel round trip with component items: a row per item under its criterion, the
items checked all or nothing, and sheets of sets without items read as before."""

import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from assessment.models import CriterionScore, ItemScore
from assessment.services.items import item_score_save
from tests.assessment.factories import make_assessment
from tests.assessment.factories_items import add_items, item_of

SHEET = "Tự chấm"
FIRST = 7


@pytest.fixture
def assessment(world):
    """Every criterion at 18 (with a note), criterion 3 made of three items, none of them scored."""
    assessment = make_assessment(world.commune, 2021, scores=18)
    add_items(assessment.year.criteria_set, [3])
    CriterionScore.objects.filter(assessment=assessment, criterion__number=3).update(self_score=None, note="")
    return assessment


def download(client, assessment):
    response = client.get(reverse("assessment:excel-download", args=[2021, assessment.commune.code]))
    assert response.status_code == 200
    return load_workbook(io.BytesIO(response.content))


def upload(client, assessment, workbook):
    buffer = io.BytesIO()
    workbook.save(buffer)
    file = SimpleUploadedFile("bang-diem.xlsx", buffer.getvalue())
    return client.post(reverse("assessment:excel-upload", args=[2021, assessment.commune.code]), {"file": file})


def rows_of(ws) -> list[list]:
    return [[c.value for c in row[:5]] for row in ws.iter_rows(min_row=FIRST, max_row=FIRST + 22)]


def test_the_sheet_has_a_row_per_item_under_its_criterion(client, world, assessment):
    client.force_login(world.commune_user)
    ws = download(client, assessment)[SHEET]
    rows = rows_of(ws)
    assert [r[0] for r in rows[:7]] == [1, 2, 3, "3.1", "3.2", "3.3", 4]
    assert rows[3][1] == "Ban hành kế hoạch thực hiện" and rows[3][2] == 8
    assert rows[2][3] == f"=SUM(D{FIRST + 3}:D{FIRST + 5})"  # the criterion's row sums its items
    assert ws[f"D{FIRST + 3}"].protection.locked is False and ws[f"D{FIRST + 2}"].protection.locked is True
    assert ws["D5"].value.startswith("=SUM(") and f"D{FIRST + 3}" not in ws["D5"].value


def test_the_round_trip_saves_the_items_and_their_sum(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = download(client, assessment)
    ws = workbook[SHEET]
    ws[f"D{FIRST + 3}"], ws[f"D{FIRST + 4}"], ws[f"E{FIRST + 4}"] = 8, 6.5, "Hội nghị muộn"
    ws[f"D{FIRST + 5}"] = 5
    ws[f"D{FIRST + 6}"], ws[f"E{FIRST + 6}"] = 17.5, "Thiếu một báo cáo"  # criterion 4, no items
    response = upload(client, assessment, workbook)
    assert response.status_code == 302, response.content.decode()[:2000]
    three = CriterionScore.objects.get(assessment=assessment, criterion__number=3)
    assert three.self_score == Decimal("19.5")
    saved = {s.item.order: (s.self_score, s.note) for s in ItemScore.objects.filter(score=three).select_related("item")}
    assert saved == {1: (Decimal("8"), ""), 2: (Decimal("6.5"), "Hội nghị muộn"), 3: (Decimal("5"), "")}
    assert CriterionScore.objects.get(assessment=assessment, criterion__number=4).self_score == Decimal("17.5")
    # Downloaded again, the sheet carries what was saved.
    rows = rows_of(download(client, assessment)[SHEET])
    assert rows[4][3:5] == [6.5, "Hội nghị muộn"]


def test_one_bad_item_saves_nothing_and_names_its_row(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = download(client, assessment)
    ws = workbook[SHEET]
    ws[f"D{FIRST + 3}"], ws[f"D{FIRST + 4}"] = 9, 7  # 3.1's maximum is 8
    ws[f"D{FIRST + 6}"], ws[f"E{FIRST + 6}"] = 17.5, "Thiếu"
    content = upload(client, assessment, workbook).content.decode()
    assert f"Dòng {FIRST + 3}, cột D" in content and "Chưa lưu gì" in content
    assert not ItemScore.objects.exists()
    assert CriterionScore.objects.get(assessment=assessment, criterion__number=4).self_score == Decimal("18")


def test_a_deleted_item_row_is_refused(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = download(client, assessment)
    workbook[SHEET].delete_rows(FIRST + 5)
    content = upload(client, assessment, workbook).content.decode()
    assert "Thiếu dòng của nội dung 3.3" in content and not ItemScore.objects.exists()


def test_an_item_changed_on_the_portal_after_download_is_not_overwritten(client, world, assessment):
    client.force_login(world.commune_user)
    workbook = download(client, assessment)
    item = item_of(assessment.year.criteria_set, 3, 1)
    item_score_save(
        assessment=assessment, item=item, actor=world.commune_user, value="7", note="Muộn", expected_version=1
    )
    workbook[SHEET][f"D{FIRST + 3}"] = 8
    content = upload(client, assessment, workbook).content.decode()
    assert "Chưa lưu gì" in content and "nội dung 3.1" in content
    assert ItemScore.objects.get(item=item).self_score == Decimal("7")


def test_a_sheet_of_a_set_without_items_imports_as_before(client, world):
    assessment = make_assessment(world.commune, 2021, scores=18)
    client.force_login(world.commune_user)
    workbook = download(client, assessment)
    ws = workbook[SHEET]
    assert [r[0] for r in rows_of(ws)][:20] == list(range(1, 21))
    ws[f"D{FIRST}"] = 20
    assert upload(client, assessment, workbook).status_code == 302
    assert CriterionScore.objects.get(assessment=assessment, criterion__number=1).self_score == Decimal("20")
