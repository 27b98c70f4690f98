"""Province staff archive a locked year, download the ZIP and check it on "Kiểm tra tệp lưu trữ"."""

import zipfile

from django.utils import timezone

from assessment.models import AssessmentYear
from reports.models import JobStatus, ReportJob
from tests.assessment.factories import make_evidence
from tests.browser.conftest import login, screenshot


def test_province_staff_archive_a_locked_year_and_check_the_file(browser_page, live_server, world, sample, tmp_path):
    AssessmentYear.objects.filter(year=2021).update(is_locked=True, locked_at=timezone.now())
    score = world.commune.assessments.get(year__year=2021).scores.get(criterion__number=2)
    make_evidence(score, world.commune_user, name="Biên bản họp dân.pdf")
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.goto(f"{live_server.url}/bao-cao/tep/?loai=year_archive_zip&nam=2021")
    assert page.locator("select[name=kind]").input_value() == "year_archive_zip"
    page.click("form button:has-text('Tạo báo cáo')")
    download_button = page.wait_for_selector("a[data-testid=download]", timeout=30000)
    job = ReportJob.objects.get()
    assert job.status == JobStatus.SUCCEEDED and "Lưu trữ năm" in page.locator("h1").inner_text()
    assert page.locator("[data-testid=archive-note]").is_visible()
    screenshot(page, "reports-archive-done")
    with page.expect_download() as info:
        download_button.click()
    archive = tmp_path / info.value.suggested_filename
    info.value.save_as(archive)
    assert archive.name == "luu-tru-danh-gia-chinh-quyen-co-so-2021.zip"

    page.click("a:has-text('Kiểm tra tệp lưu trữ')")
    page.wait_for_load_state("networkidle")
    screenshot(page, "reports-archive-check")
    page.set_input_files("input[name=file]", str(archive))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    assert "Khớp với danh mục" in page.locator("[data-testid=archive-ok]").inner_text()
    screenshot(page, "reports-archive-check-ok")

    tampered = tmp_path / "luu-tru-da-sua.zip"
    with zipfile.ZipFile(archive) as old, zipfile.ZipFile(tampered, "w", zipfile.ZIP_DEFLATED) as new:
        names = [n for n in old.namelist() if n.endswith(".xlsx") and n.startswith("phieu-cham/")]
        for info_ in old.infolist():
            if info_.filename == names[1]:
                continue
            data = old.read(info_)
            new.writestr(info_.filename, data + b"x" if info_.filename == names[0] else data)
        new.writestr("phieu-cham/them-vao.xlsx", b"extra")
    page.set_input_files("input[name=file]", str(tampered))
    page.click("main form button[type=submit]")
    page.wait_for_load_state("networkidle")
    problems = page.locator("[data-testid=archive-problems]").inner_text()
    assert "3 chỗ không khớp" in problems and "thiếu tệp" in problems and "tệp thừa" in problems
    screenshot(page, "reports-archive-check-problems")
