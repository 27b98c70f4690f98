"""Every upload refuses oversized, zip-bombed and mistyped files with a message that says why,
quickly, and stores nothing: the evidence files, the score sheet import and the officials import."""

import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.models import Evidence
from personnel.excel import HEADERS
from tests.assessment.factories import EXE_BYTES, PDF_BYTES, make_world_assessment
from tests.security import xlsx_samples

ROOT = Path(__file__).resolve().parents[2]
PDF_HEADER = PDF_BYTES[:64]


def _upload(name: str, content: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content)


# --- evidence files ---------------------------------------------------------------------------------


@pytest.fixture
def evidence_page(client, world):
    make_world_assessment(world, scores=18)
    client.force_login(world.commune_user)
    return reverse("assessment:evidence-upload", args=[2021, world.commune.code, 1])


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("bien-ban.pdf", PDF_HEADER + b"0" * (10 * 1024 * 1024 + 1), "vượt quá giới hạn 10 MB"),
        ("bien-ban.pdf", EXE_BYTES, "nội dung không phải PDF"),
        ("chuong-trinh.exe", EXE_BYTES, "chỉ nhận PDF"),
    ],
    ids=["oversized", "program-renamed-pdf", "program"],
)
def test_an_evidence_file_that_is_too_big_or_not_what_it_claims_is_refused(
    client, evidence_page, name, content, message
):
    response = client.post(evidence_page, {"file": _upload(name, content)}, follow=True)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Evidence.objects.exists()


def test_an_evidence_spreadsheet_is_never_unpacked_on_the_server(client, evidence_page):
    """Evidence is stored and served, not read: a zip bomb named .xlsx costs the server nothing."""
    started = time.perf_counter()
    response = client.post(evidence_page, {"file": _upload("bang-tinh.xlsx", xlsx_samples.zip_bomb())}, follow=True)
    assert response.status_code == 200
    assert time.perf_counter() - started < 2


# --- the score sheet (.xlsx) import -------------------------------------------------------------------


@pytest.fixture
def sheet_upload(client, world):
    make_world_assessment(world, scores=18)
    client.force_login(world.commune_user)
    return reverse("assessment:excel-upload", args=[2021, world.commune.code])


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"0" * (5 * 1024 * 1024 + 1), "Tệp lớn hơn 5 MB"),
        (xlsx_samples.zip_bomb(), "Tệp giải nén ra quá lớn"),
        (xlsx_samples.lying_zip_bomb(), "Không đọc được tệp"),
        (PDF_BYTES, "Tệp không phải bảng tính Excel"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "Excel 97-2003"),
    ],
    ids=["oversized", "zip-bomb", "zip-bomb-lying-about-its-size", "pdf-renamed-xlsx", "old-xls"],
)
def test_the_score_sheet_import_refuses_hostile_files_quickly_and_saves_nothing(
    client, world, sheet_upload, content, message
):
    before = list(world.assessment.scores.values_list("self_score", "version"))
    started = time.perf_counter()
    response = client.post(sheet_upload, {"file": _upload("bang-tu-cham.xlsx", content)})
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert message in response.content.decode()
    assert list(world.assessment.scores.values_list("self_score", "version")) == before


DENSE_PROBE = """
import sys, django
django.setup()
from django.core.files.uploadedfile import SimpleUploadedFile
from assessment.services.excel_import import open_workbook, ExcelImportError
try:
    open_workbook(SimpleUploadedFile("bang-tu-cham.xlsx", sys.stdin.buffer.read()))
except ExcelImportError as error:
    print("refused:", error)
print("done")
"""


def test_a_small_sheet_that_unpacks_to_a_huge_table_is_refused_within_seconds():
    content = xlsx_samples.xlsx(xlsx_samples.dense_sheet(38))  # under every size limit: about 0.2 MB
    assert len(content) < 1024 * 1024
    try:
        done = subprocess.run(
            [sys.executable, "-c", DENSE_PROBE],
            input=content,
            cwd=ROOT,
            capture_output=True,
            text=False,
            timeout=10,
            env={"DJANGO_SETTINGS_MODULE": "config.settings_test", "PATH": "/usr/bin"},
        )
    except subprocess.TimeoutExpired:
        pytest.fail("still parsing the sheet after 10 s")
    # Opened or refused, within seconds (the import then refuses it: it is not the portal's sheet).
    assert done.returncode == 0 and b"done" in done.stdout, done.stderr[-1000:].decode(errors="replace")


# --- the officials import -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"PK\x03\x04" + b"0" * (1024 * 1024 + 1), "Tệp quá lớn (tối đa 1 MB)"),
        (xlsx_samples.zip_bomb(), "Tệp quá lớn khi giải nén"),
        (xlsx_samples.lying_zip_bomb(), "Không đọc được tệp Excel"),
        (PDF_BYTES, "Tệp không phải Excel (.xlsx)"),
    ],
    ids=["oversized", "zip-bomb", "zip-bomb-lying-about-its-size", "pdf-renamed-xlsx"],
)
def test_the_officials_import_refuses_hostile_files_quickly(client, world, content, message):
    client.force_login(world.commune_user)
    started = time.perf_counter()
    response = client.post(
        reverse("personnel:import-upload", args=[world.commune.code]), {"file": _upload("can-bo.xlsx", content)}
    )
    assert time.perf_counter() - started < 5
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not world.commune.officials.exists()


def _officials_upload(client, world, content: bytes):
    client.force_login(world.commune_user)
    started = time.perf_counter()
    response = client.post(
        reverse("personnel:import-upload", args=[world.commune.code]), {"file": _upload("can-bo.xlsx", content)}
    )
    return response, time.perf_counter() - started


def test_a_small_officials_file_that_unpacks_to_a_huge_sheet_is_refused_within_seconds(client, world):
    content = xlsx_samples.xlsx(xlsx_samples.padded_sheet(HEADERS, megabytes=6))  # the right headers, empty rows
    assert len(content) < 100 * 1024
    response, elapsed = _officials_upload(client, world, content)
    assert elapsed < 3
    assert "Tệp quá lớn khi giải nén" in response.content.decode()
    assert not world.commune.officials.exists()


@pytest.mark.parametrize(
    "sheet",
    [
        xlsx_samples.padded_sheet(HEADERS, megabytes=4),
        xlsx_samples.padded_sheet(HEADERS, last_row=1048576),
    ],
    ids=["4-mb-of-empty-rows", "one-cell-on-excels-last-row"],
)
def test_an_officials_sheet_running_far_past_any_list_is_refused_within_seconds(client, world, sheet):
    response, elapsed = _officials_upload(client, world, xlsx_samples.xlsx(sheet))
    assert elapsed < 3
    assert "Trang tính kéo dài quá dòng 10000" in response.content.decode()
    assert not world.commune.officials.exists()
