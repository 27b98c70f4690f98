"""The officials' ratings, follow-up actions and commendation eligibility in a real browser: each new
page at 1366 and 390 px (axe-core and the phone fit run in ``screenshot``)."""

from datetime import date

import pytest

from assessment.models import FollowUpAction, OfficialRating, ProvinceDecision, Status
from tests.assessment.duties_data import answer_for
from tests.assessment.factories import make_assessment, make_year
from tests.browser.conftest import login, screenshot
from tests.personnel.factories import cadre, servant

pytestmark = pytest.mark.browser


def sign_in_as(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user.username)


@pytest.fixture
def duties(world):
    make_year(2020)
    make_year(2021)
    before = make_assessment(world.commune, 2020, status=Status.FINALIZED, scores=15)
    ProvinceDecision.objects.create(
        assessment=before,
        kind="criticism",
        number="3/QĐ-UBND",
        date=date(2021, 1, 20),
        reason="x",
        recorded_by=world.province_user,
    )
    assessment = make_assessment(world.commune, 2021, status=Status.FINALIZED, scores=14)
    ProvinceDecision.objects.create(
        assessment=assessment,
        kind="criticism",
        number="12/QĐ-UBND",
        date=date(2022, 1, 20),
        reason="Để xảy ra sai phạm trong quản lý đất đai",
        recorded_by=world.province_user,
    )
    make_assessment(world.sibling, 2021, status=Status.FINALIZED, scores=19)
    clerk = servant(world.commune, full_name="Lò Thị Pọm", positions=["tu-phap-ho-tich"])
    land = servant(world.commune, full_name="Quàng Văn Inh", positions=["dia-chinh-nong-nghiep"])
    chair = cadre(world.commune, full_name="Lường Văn Chủ", positions=["chu-tich-ubnd"])
    cadre(world.commune, full_name="Tòng Thị Phó", positions=["pho-chu-tich-ubnd"])
    answer_for(clerk, assessment, {11: "16.75", 12: "18"})
    answer_for(land, assessment, {5: "12.75"})
    OfficialRating.objects.create(year=assessment.year, commune=world.commune, official=chair, level="done")
    OfficialRating.objects.create(
        year=assessment.year,
        commune=world.commune,
        official=land,
        level="good",
        ceiling="done",
        reason="Hoàn thành xuất sắc việc giải phóng mặt bằng dự án đường tỉnh",
    )
    FollowUpAction.objects.create(
        assessment=assessment,
        kind="transfer_chair",
        number="45/QĐ-UBND",
        date=date(2022, 3, 2),
        actor_name="Ban Thường vụ Huyện ủy",
        recorded_by=world.province_user,
    )
    return world


def test_the_commune_rates_its_officials_and_the_province_reads_the_lists(browser_page, live_server, duties):
    page = browser_page
    sign_in_as(page, live_server, duties.commune_user)
    page.goto(f"{live_server.url}/danh-gia/2021/{duties.commune.code}/xep-loai-can-bo/")
    assert "Hoàn thành tốt nhiệm vụ" in page.locator("main").inner_text()
    screenshot(page, "duties-a-01-rating-edit")
    page.goto(f"{live_server.url}/danh-gia/2021/{duties.commune.code}/xep-loai-can-bo/nhap/")
    screenshot(page, "duties-a-02-rating-upload")

    sign_in_as(page, live_server, duties.province_user)
    page.goto(f"{live_server.url}/danh-gia/xep-loai-can-bo/vuot-muc/?nam=2021")
    assert "giải phóng mặt bằng" in page.locator("main").inner_text()
    screenshot(page, "duties-a-03-above-ceiling")
    page.goto(f"{live_server.url}/danh-gia/nam/ket-qua-va-lanh-dao/?nam=2021")
    text = page.locator("main").inner_text()
    assert "Không giới thiệu tái cử, ứng cử chức vụ cao hơn" in text and "Không đủ điều kiện" in text
    screenshot(page, "duties-a-04-commune-year-list")
    page.goto(f"{live_server.url}/danh-gia/theo-doi/ket-qua/?nam=2021")
    assert "45/QĐ-UBND" in page.locator("main").inner_text()
    screenshot(page, "duties-a-05-followup-actions")
    page.goto(f"{live_server.url}/danh-gia/2021/{duties.commune.code}/theo-doi/review_chairs/")
    screenshot(page, "duties-a-06-followup-action-form")
    page.goto(f"{live_server.url}/bao-cao/?nam=2021")
    page.locator("#duties-a-title").scroll_into_view_if_needed()
    screenshot(page, "duties-a-07-dashboard")
