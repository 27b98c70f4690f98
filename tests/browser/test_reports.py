"""Province staff open the dashboard, start the annual PDF, watch its progress and download it."""

import subprocess
from pathlib import Path

from reports.models import JobStatus, ReportJob
from reports.services import jobs
from tests.browser.conftest import SCREENSHOTS, login, screenshot


def test_province_staff_build_the_annual_pdf_from_the_dashboard(
    browser_page, live_server, world, sample, monkeypatch, tmp_path
):
    page = browser_page
    login(page, live_server, world.province_user.username)
    page.click("nav >> text=Tổng quan")
    page.wait_for_load_state("networkidle")
    assert page.locator("h1.page-title").inner_text() == "Tổng quan kết quả xếp loại năm 2021"
    assert "Chưa đạt · tạm tính" in page.locator(".target-card").first.inner_text()
    assert page.locator(".chart svg").count() >= 3
    page.click("summary:has-text('Bảng số liệu')")
    assert page.locator("details[open] table").first.is_visible()
    screenshot(page, "reports-province-dashboard")

    # Hold the job in the queue (as if a worker were busy) to watch the page follow its progress.
    monkeypatch.setattr(jobs, "_enqueue", lambda job: None)
    page.click("text=Tạo báo cáo PDF, Excel")
    page.wait_for_load_state("networkidle")
    assert page.locator("select[name=kind]").input_value() == "province_annual_pdf"
    page.click("form button:has-text('Tạo báo cáo')")
    page.wait_for_selector("#job-progress .progress")
    job = ReportJob.objects.get()
    ReportJob.objects.filter(pk=job.pk).update(status=JobStatus.RUNNING, progress=40, message="Đang dựng tệp PDF")
    page.wait_for_selector("#job-progress:has-text('40%')", timeout=8000)
    screenshot(page, "reports-job-running")
    jobs.report_job_run(job_id=job.pk)
    download_button = page.wait_for_selector("a:has-text('Tải về')", timeout=8000)
    assert page.locator("#job-progress[hx-trigger]").count() == 0  # polling stopped
    screenshot(page, "reports-job-done")
    with page.expect_download() as info:
        download_button.click()
    path = tmp_path / "bao-cao.pdf"
    info.value.save_as(path)
    assert path.read_bytes()[:4] == b"%PDF"
    _render_first_pages(path)

    page.goto(f"{live_server.url}/bao-cao/tep/")
    assert "Đã xong" in page.locator("tbody").inner_text()
    screenshot(page, "reports-job-list")


def _render_first_pages(path: Path) -> None:
    """The PDF's first pages as PNG next to the screenshots, for a person to look at."""
    SCREENSHOTS.mkdir(exist_ok=True)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "3", str(path), str(SCREENSHOTS / "reports-annual-pdf")],
        check=True,
    )
    assert (SCREENSHOTS / "reports-annual-pdf-1.png").exists()


def test_a_reviewer_sees_the_district_dashboard_with_the_review_queue_first(browser_page, live_server, world, sample):
    page = browser_page
    login(page, live_server, world.reviewer.username)
    page.click("nav >> text=Tổng quan")
    page.wait_for_load_state("networkidle")
    headings = page.locator("main h2").all_inner_texts()
    assert headings[0] == "Hàng chờ thẩm định"
    assert "Xã Pa Thơm" not in page.locator("main").inner_text()  # another district's commune
    screenshot(page, "reports-district-dashboard")
    page.goto(f"{live_server.url}/xa/{world.sibling.code}/")
    assert "Tổng 300/400 < 340 nên chưa đạt Tốt" in page.locator("main").inner_text()
    screenshot(page, "reports-commune-panel")
