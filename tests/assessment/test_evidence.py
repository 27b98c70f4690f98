"""Evidence files: the type is judged from the content, the size is capped, downloads check scope."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from assessment.filetypes import MAX_BYTES, EvidenceFileError, check_evidence_file
from assessment.models import Evidence, Status
from tests.assessment.factories import (
    EXE_BYTES,
    JPEG_BYTES,
    PDF_BYTES,
    PNG_BYTES,
    TEXT_BYTES,
    make_assessment,
    make_evidence,
    office_bytes,
    ole_bytes,
)

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.mark.parametrize(
    ("name", "content", "mime"),
    [
        ("bien-ban.pdf", PDF_BYTES, "application/pdf"),
        ("anh.JPG", JPEG_BYTES, "image/jpeg"),
        ("anh.jpeg", JPEG_BYTES, "image/jpeg"),
        ("so-do.png", PNG_BYTES, "image/png"),
        (
            "bao-cao.docx",
            office_bytes("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        ("so-lieu.xlsx", office_bytes("xlsx"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
        ("cu.doc", ole_bytes("WordDocument"), "application/msword"),
        ("cu.xls", ole_bytes("Workbook"), "application/vnd.ms-excel"),
    ],
)
def test_it_accepts_pdf_images_word_and_excel_judged_by_content(name, content, mime):
    assert check_evidence_file(name, len(content), io.BytesIO(content)) == mime


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("hoa-don.pdf", EXE_BYTES),  # a program renamed .pdf
        ("bien-ban.pdf", TEXT_BYTES),  # a text file renamed .pdf
        ("anh.png", JPEG_BYTES),  # a JPEG named .png
        ("bao-cao.docx", office_bytes("xlsx")),  # a workbook named .docx
        ("bao-cao.docx", b"PK\x03\x04not really a zip"),
        ("so-lieu.xls", ole_bytes("WordDocument")),
        ("cai-dat.doc", ole_bytes("SummaryInformation")),  # an OLE2 file that is not a Word document
    ],
)
def test_it_refuses_a_disguised_file(name, content):
    with pytest.raises(EvidenceFileError, match="nội dung không phải"):
        check_evidence_file(name, len(content), io.BytesIO(content))


def test_it_refuses_other_kinds_and_oversized_files():
    with pytest.raises(EvidenceFileError, match="chỉ nhận PDF"):
        check_evidence_file("virus.exe", len(EXE_BYTES), io.BytesIO(EXE_BYTES))
    with pytest.raises(EvidenceFileError, match="vượt quá giới hạn 10 MB"):
        check_evidence_file("lon.pdf", MAX_BYTES + 1, io.BytesIO(PDF_BYTES))
    with pytest.raises(EvidenceFileError, match="rỗng"):
        check_evidence_file("rong.pdf", 0, io.BytesIO(b""))


@pytest.fixture
def assessment(world):
    return make_assessment(world.commune, 2021)


def upload_url(assessment, number: int = 3) -> str:
    return reverse("assessment:evidence-upload", args=[assessment.year.year, assessment.commune.code, number])


def test_commune_staff_upload_a_pdf_and_it_is_listed_and_logged(client, world, assessment):
    client.force_login(world.commune_user)
    upload = SimpleUploadedFile("Biên bản họp.pdf", PDF_BYTES, content_type="application/pdf")
    response = client.post(upload_url(assessment), {"file": upload}, **HTMX)
    content = response.content.decode()
    assert "Đã tải lên “Biên bản họp.pdf”." in content and 'id="c3-evidence"' in content
    evidence = Evidence.objects.get()
    assert evidence.content_type == "application/pdf" and evidence.score.criterion.number == 3
    assert assessment.events.get(kind="evidence").new_value == "Biên bản họp.pdf"


def test_a_disguised_pdf_upload_is_refused_with_a_clear_message(client, world, assessment):
    client.force_login(world.commune_user)
    upload = SimpleUploadedFile("hoa-don.pdf", EXE_BYTES, content_type="application/pdf")
    response = client.post(upload_url(assessment), {"file": upload}, follow=True)
    assert (
        "Tệp “hoa-don.pdf” có đuôi .pdf nhưng nội dung không phải PDF: tệp có thể đã bị đổi đuôi."
        in response.content.decode()
    )
    assert not Evidence.objects.exists()


def test_an_oversized_upload_is_refused(client, world, assessment):
    client.force_login(world.commune_user)
    big = SimpleUploadedFile("lon.pdf", PDF_BYTES + b"0" * MAX_BYTES, content_type="application/pdf")
    response = client.post(upload_url(assessment), {"file": big}, **HTMX)
    assert "vượt quá giới hạn 10 MB" in response.content.decode()
    assert not Evidence.objects.exists()


def test_no_upload_after_submission(client, world):
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=20)
    client.force_login(world.commune_user)
    upload = SimpleUploadedFile("bien-ban.pdf", PDF_BYTES)
    response = client.post(upload_url(assessment), {"file": upload}, follow=True)
    assert "xã không sửa được điểm" in response.content.decode()
    assert not Evidence.objects.exists()


@pytest.fixture
def evidence(world, assessment):
    return make_evidence(assessment.scores.get(criterion__number=2), world.commune_user, name="Báo cáo quý.pdf")


@pytest.mark.parametrize("role", ["commune_user", "reviewer", "province_user"])
def test_evidence_is_served_as_an_attachment_to_users_in_scope(client, world, evidence, role):
    client.force_login(getattr(world, role))
    response = client.get(reverse("assessment:evidence-download", args=[evidence.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert "B%C3%A1o%20c%C3%A1o%20qu%C3%BD.pdf" in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == PDF_BYTES


@pytest.mark.parametrize("role", ["sibling_user", "outsider_user", "other_reviewer"])
def test_evidence_is_not_found_for_users_outside_the_communes_scope(client, world, evidence, role):
    client.force_login(getattr(world, role))
    assert client.get(reverse("assessment:evidence-download", args=[evidence.pk])).status_code == 404


def test_commune_staff_delete_evidence_while_editing_and_it_is_logged(client, world, evidence, assessment):
    client.force_login(world.commune_user)
    response = client.post(reverse("assessment:evidence-delete", args=[evidence.pk]), **HTMX)
    assert "Đã xóa “Báo cáo quý.pdf”." in response.content.decode()
    assert not Evidence.objects.exists()
    assert assessment.events.get(kind="evidence").old_value == "Báo cáo quý.pdf"


def test_another_commune_cannot_delete_evidence(client, world, evidence):
    client.force_login(world.sibling_user)
    assert client.post(reverse("assessment:evidence-delete", args=[evidence.pk])).status_code == 404
    assert Evidence.objects.filter(pk=evidence.pk).exists()
