"""The year archive: one ZIP of a locked year with a manifest of checksums, built as a report job
with progress, and checked against its manifest (service, command, page)."""

import hashlib
import io
import json
import tracemalloc
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone

from assessment.models import AssessmentYear
from reports import forms as report_forms
from reports.models import JobStatus, ReportJob, ReportKind
from reports.services import archive as archive_services
from reports.services import jobs
from reports.services.archive import LISTING, MANIFEST, archive_verify, safe_name, slug
from tests.assessment.factories import make_evidence
from tests.reports.factories import confirmed
from tests.reports.test_no_district_year import new_map  # noqa: F401, F811 - 2026's 45 communes, as a fixture

KIND = ReportKind.YEAR_ARCHIVE_ZIP


@pytest.fixture
def locked(world, sample):
    """2021 locked, an evidence file with an awkward name, and the other province's results too."""
    AssessmentYear.objects.filter(year=2021).update(is_locked=True, locked_at=timezone.now())
    score = world.commune.assessments.get(year__year=2021).scores.get(criterion__number=3)
    make_evidence(score, world.commune_user, name="Biên bản họp/../tháng 3 (bản ký).PDF", content=b"%PDF-1.4 bien ban")
    foreign = confirmed(world.foreign_commune, 2021, "good")
    make_evidence(foreign.scores.get(criterion__number=1), world.foreign_commune_user, name="lai-chau.pdf")
    return world


def _build(client, user, year: int = 2021):
    client.force_login(user)
    return client.post(reverse("reports:job-list"), {"kind": KIND, "year": year})


def _archive_bytes(client, job: ReportJob) -> bytes:
    return b"".join(client.get(reverse("reports:job-download", args=[job.pk])).streaming_content)


@pytest.fixture
def archive(client, locked, tmp_path) -> Path:
    """The archive built by province staff and downloaded, as a file."""
    _build(client, locked.province_user)
    job = ReportJob.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    path = tmp_path / job.filename
    path.write_bytes(_archive_bytes(client, job))
    return path


def _rewrite(source: Path, target: Path, *, drop: str = "", change: str = "", add: str = "") -> Path:
    """A copy of the archive with one member dropped, altered or added (the manifest kept as it was)."""
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            if info.filename == drop:
                continue
            data = old.read(info)
            new.writestr(info.filename, data + b" " if info.filename == change else data)
        if add:
            new.writestr(add, b"added later")
    return target


def _manifest(path: Path) -> dict:
    with zipfile.ZipFile(path) as zf:
        return json.loads(zf.read(MANIFEST))


def test_the_manifest_lists_every_file_with_a_checksum_that_matches(archive, locked):
    w = locked
    manifest = _manifest(archive)
    with zipfile.ZipFile(archive) as zf:
        assert all(info.compress_type == zipfile.ZIP_DEFLATED for info in zf.infolist())
        members = {name for name in zf.namelist()} - {MANIFEST, LISTING}
        for row in manifest["files"]:
            data = zf.read(row["path"])
            assert (len(data), hashlib.sha256(data).hexdigest()) == (row["size"], row["sha256"])
        listing = zf.read(LISTING).decode()
    paths = {row["path"] for row in manifest["files"]}
    assert paths == members
    assert (manifest["year"], manifest["province"]["name"]) == (2021, w.province.name)
    assert manifest["built_by"]["username"] == w.province_user.username and manifest["built_at"]
    kinds = [row["kind"] for row in manifest["files"]]
    assert kinds.count("annual_pdf") == kinds.count("province_workbook") == 1
    # The 7 communes of the sample with an assessment in 2021 each have their score sheet.
    assert kinds.count("score_sheet") == 7
    folder = f"{w.district.code}-huyen-muong-nhe"
    assert f"phieu-cham/{folder}/{w.commune.code}-xa-muong-nhe.xlsx" in paths
    evidence = [row for row in manifest["files"] if row["kind"] == "evidence"]
    assert [row["path"] for row in evidence] == [
        f"minh-chung/{folder}/{w.commune.code}-xa-muong-nhe/tieu-chi-03/thang-3-ban-ky.pdf"
    ]
    assert evidence[0]["original_name"] == "Biên bản họp/../tháng 3 (bản ký).PDF"
    with zipfile.ZipFile(archive) as zf:
        assert zf.read(evidence[0]["path"]) == b"%PDF-1.4 bien ban"
        assert zf.read(next(p for p in paths if p.endswith(".pdf") and p.startswith("bao-cao/")))[:4] == b"%PDF"
    assert "NĂM 2021" in listing and evidence[0]["sha256"] in listing
    assert archive_verify(archive) == []


def test_the_other_provinces_communes_are_not_in_the_archive(archive, locked):
    text = json.dumps(_manifest(archive), ensure_ascii=False)
    with zipfile.ZipFile(archive) as zf:
        names = " ".join(zf.namelist())
    assert locked.foreign_commune.code not in names and "ka-lang" not in names and "lai-chau" not in names
    assert "Xã Ka Lăng" not in text and locked.commune.name in text


def test_a_tampered_file_is_found(archive, tmp_path):
    sheet = next(row["path"] for row in _manifest(archive)["files"] if row["kind"] == "score_sheet")
    problems = archive_verify(_rewrite(archive, tmp_path / "sua.zip", change=sheet))
    assert problems == [f"{sheet}: nội dung đã thay đổi (mã SHA-256 không khớp với danh mục)."]


def test_a_missing_and_an_extra_file_are_found(archive, tmp_path):
    evidence = next(row["path"] for row in _manifest(archive)["files"] if row["kind"] == "evidence")
    problems = archive_verify(_rewrite(archive, tmp_path / "thieu.zip", drop=evidence, add="ghi-chu.docx"))
    assert sorted(problems) == [
        "ghi-chu.docx: tệp thừa (không có trong danh mục).",
        f"{evidence}: thiếu tệp (có trong danh mục nhưng không có trong tệp nén).",
    ]


def test_an_archive_without_a_readable_manifest_is_told_so(archive, tmp_path):
    assert archive_verify(_rewrite(archive, tmp_path / "a.zip", drop=MANIFEST)) == [
        "Tệp nén không có danh mục (manifest.json): đây không phải bản lưu trữ của cổng."
    ]
    broken = _rewrite(archive, tmp_path / "b.zip", change=MANIFEST)
    with zipfile.ZipFile(archive) as zf, zipfile.ZipFile(broken, "w") as out:
        out.writestr(MANIFEST, zf.read(MANIFEST)[:-10])
    assert archive_verify(broken) == ["Không đọc được danh mục (manifest.json) của tệp lưu trữ."]
    assert archive_verify(io.BytesIO(b"not a zip")) == ["Tệp không phải tệp nén ZIP hoặc đã bị hỏng."]


def test_the_command_checks_an_archive(archive, tmp_path, capsys):
    call_command("verify_archive", str(archive))
    assert "Khớp với danh mục: " in capsys.readouterr().out
    tampered = _rewrite(archive, tmp_path / "x.zip", add="them.txt")
    with pytest.raises(CommandError, match="1 chỗ không khớp"):
        call_command("verify_archive", str(tampered))
    assert "them.txt: tệp thừa" in capsys.readouterr().err


def test_the_job_reports_progress_commune_by_commune(client, locked, monkeypatch):
    seen: list[tuple[int, str]] = []
    real = jobs._progress

    def recording(job_id):
        report = real(job_id)

        def both(percent, message):
            seen.append((percent, message))
            report(percent, message)

        return both

    monkeypatch.setattr(jobs, "_progress", recording)
    _build(client, locked.province_user)
    job = ReportJob.objects.get()
    assert (job.status, job.progress) == (JobStatus.SUCCEEDED, 100)
    percents = [p for p, _m in seen]
    assert percents == sorted(percents) and len(set(percents)) >= 8
    assert any(f"{locked.commune.name} (" in message for _p, message in seen)
    assert (
        job.size == len(_archive_bytes(client, job)) and job.filename == "luu-tru-danh-gia-chinh-quyen-co-so-2021.zip"
    )


def test_an_unlocked_year_is_refused_with_the_reason(client, world, sample):
    response = _build(client, world.province_user)
    assert response.status_code == 200
    assert "Năm 2021 chưa khóa sổ: bản lưu trữ chỉ lập cho năm đã khóa sổ" in response.content.decode()
    with pytest.raises(jobs.ReportError, match="chưa khóa sổ"):
        jobs.report_job_start(actor=world.province_user, kind=KIND, year=2021, province=world.province, district=None)
    assert not ReportJob.objects.exists()


def test_only_province_staff_may_archive(client, locked):
    for user in (locked.province_reviewer, locked.reviewer):
        client.force_login(user)
        page = client.get(reverse("reports:job-list")).content.decode()
        assert KIND not in page and "Kiểm tra tệp lưu trữ" not in page
        assert _build(client, user).context["form"].errors["kind"]
        with pytest.raises(jobs.ReportError, match="Chỉ cán bộ Sở Nội vụ"):
            jobs.report_job_start(actor=user, kind=KIND, year=2021, province=locked.province, district=None)
    assert not ReportJob.objects.exists()
    client.force_login(locked.province_user)
    assert KIND in client.get(reverse("reports:job-list")).content.decode()


def test_the_archive_job_page_says_what_it_holds(client, archive, locked):
    job = ReportJob.objects.get()
    page = client.get(reverse("reports:job-detail", args=[job.pk])).content.decode()
    assert "manifest.json" in page and reverse("reports:archive-check") in page and job.filename in page


def _check(client, user, name: str, content: bytes):
    client.force_login(user)
    return client.post(reverse("reports:archive-check"), {"file": SimpleUploadedFile(name, content)})


def test_the_check_page_says_an_intact_archive_matches(client, archive, locked):
    response = _check(client, locked.province_user, archive.name, archive.read_bytes())
    text = response.content.decode()
    assert response.status_code == 200 and "Khớp với danh mục" in text
    assert f"{len(_manifest(archive)['files'])} tệp của năm 2021" in text


def test_the_check_page_lists_the_problems(client, archive, locked, tmp_path):
    sheet = next(row["path"] for row in _manifest(archive)["files"] if row["kind"] == "score_sheet")
    tampered = _rewrite(archive, tmp_path / "t.zip", drop=sheet)
    text = _check(client, locked.province_user, "t.zip", tampered.read_bytes()).content.decode()
    assert "1 chỗ không khớp với danh mục" in text and f"{sheet}: thiếu tệp" in text
    assert "Khớp với danh mục<" not in text


def test_the_check_page_refuses_a_non_zip_an_oversized_file_and_a_zip_bomb(client, locked, monkeypatch):
    not_zip = _check(client, locked.province_user, "luu-tru.zip", b"%PDF-1.4 not a zip")
    assert not_zip.status_code == 400 and "Tệp không phải tệp nén ZIP" in not_zip.content.decode()

    bomb = io.BytesIO()
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf, zf.open("manifest.json", "w") as member:
        for _ in range(80):
            member.write(bytes(1024 * 1024))  # 80 MB of zeros, a few hundred KB once compressed
    text = _check(client, locked.province_user, "bom.zip", bomb.getvalue()).content.decode()
    assert "Tệp nén quá lớn khi giải nén" in text and "Khớp với danh mục<" not in text

    monkeypatch.setattr(report_forms, "ARCHIVE_UPLOAD_MAX_BYTES", 100)
    big = _check(client, locked.province_user, "lon.zip", bomb.getvalue())
    assert big.status_code == 400 and "Tệp quá lớn để kiểm tra trên trang" in big.content.decode()


def test_the_check_page_is_for_province_staff_only(client, locked):
    for user in (locked.province_reviewer, locked.reviewer, locked.commune_user):
        client.force_login(user)
        assert client.get(reverse("reports:archive-check")).status_code == 403


@pytest.mark.parametrize(
    ("name", "safe"),
    [
        ("../../etc/passwd", "passwd"),
        ("Biên bản.docx", "Bien-ban.docx"),
        ("C:\\Users\\a\\ảnh 1.JPG", "anh-1.jpg"),
        ("...", "tep"),
        ("", "tep"),
    ],
)
def test_original_names_are_made_safe(name, safe):
    assert safe_name(name) == safe


def test_evidence_is_copied_in_chunks_not_read_whole(locked, tmp_path):
    """Peak memory stays far below the size of a large evidence file (it is streamed into the ZIP)."""
    score = locked.commune.assessments.get(year__year=2021).scores.get(criterion__number=5)
    make_evidence(score, locked.commune_user, name="video.mp4", content=bytes(range(256)) * (64 * 1024))  # 16 MB
    assessment = score.assessment
    with zipfile.ZipFile(tmp_path / "m.zip", "w", zipfile.ZIP_DEFLATED) as zf:
        writer = archive_services._Writer(zf)
        tracemalloc.start()
        archive_services._add_evidence(writer, assessment, "minh-chung/x", {}, {"evidence_missing": []})
        _now, peak = tracemalloc.get_traced_memory()
        tracemalloc.stop()
    assert [row["size"] for row in writer.files if row["path"].endswith("video.mp4")] == [16 * 1024 * 1024]
    assert peak < 4 * 1024 * 1024


def test_an_evidence_file_gone_from_the_server_is_listed_not_fatal(client, locked, tmp_path):
    score = locked.commune.assessments.get(year__year=2021).scores.get(criterion__number=7)
    gone = make_evidence(score, locked.commune_user, name="mat-roi.pdf")
    Path(gone.file.path).unlink()
    _build(client, locked.province_user)
    job = ReportJob.objects.get()
    assert job.status == JobStatus.SUCCEEDED, job.error
    path = tmp_path / "a.zip"
    path.write_bytes(_archive_bytes(client, job))
    manifest = _manifest(path)
    assert [e["original_name"] for e in manifest["evidence_missing"]] == ["mat-roi.pdf"]
    assert not any(row["path"].endswith("mat-roi.pdf") for row in manifest["files"])
    with zipfile.ZipFile(path) as zf:
        assert "mat-roi.pdf" in zf.read(LISTING).decode()
    assert archive_verify(path) == []


def test_the_confirmation_list_of_a_locked_year_leads_to_its_archive(client, locked):
    client.force_login(locked.province_user)
    page = client.get(reverse("assessment:confirm-list"), {"nam": 2021}).content.decode()
    link = f"{reverse('reports:job-list')}?loai=year_archive_zip&amp;nam=2021"
    assert link in page and "Lưu trữ năm 2021" in page
    form = client.get(reverse("reports:job-list"), {"loai": KIND, "nam": 2021}).context["form"]
    assert (form["kind"].value(), form["year"].value()) == (KIND, 2021)


def test_a_year_without_districts_is_filed_by_reviewer_group(new_map, tmp_path):  # noqa: F811
    """2026 (45 communes, no district): one score sheet each, in the folder of its reviewer group."""
    AssessmentYear.objects.filter(year=2026).update(is_locked=True, locked_at=timezone.now())
    job = jobs.report_job_start(actor=new_map.staff, kind=KIND, year=2026, province=new_map.province, district=None)
    assert job.status == JobStatus.SUCCEEDED, job.error
    path = tmp_path / "2026.zip"
    path.write_bytes(job.file.read())
    sheets = [row["path"] for row in _manifest(path)["files"] if row["kind"] == "score_sheet"]
    folders = {p.split("/")[1] for p in sheets}
    first, second = slug(new_map.first.get_full_name()), slug(new_map.second.get_full_name())
    assert len(sheets) == 45 and folders == {first, second, "chua-phan-cong"}
    assert any(p.startswith(f"phieu-cham/{first}/{new_map.communes[0].code}-") for p in sheets)
    assert archive_verify(path) == []
