"""After the results, in a real browser: the province reads the follow-ups, the commune writes and
sends its improvement plan, the district sees it arrive."""

from datetime import date

import pytest

from assessment.models import ImprovementPlan, Status
from assessment.services.workflow import province_decision_record
from tests.assessment.factories import make_assessment, make_year
from tests.browser.conftest import login, screenshot

pytestmark = pytest.mark.browser


def sign_in_as(page, live_server, user) -> None:
    page.context.clear_cookies()
    login(page, live_server, user.username)


def test_follow_ups_lead_to_a_plan_the_district_receives(browser_page, live_server, world):
    page = browser_page
    make_year(2020)
    make_year(2021)
    last = make_assessment(world.commune, 2020, status=Status.FINALIZED, scores={n: 17 for n in range(1, 21)} | {4: 12})
    province_decision_record(
        assessment=last,
        expected_version=last.version,
        actor=world.province_user,
        kind="reminder",
        number="15/QĐ-UBND",
        date=date(2021, 1, 20),
        reason="Chậm nộp báo cáo",
    )
    clean = make_assessment(world.sibling, 2020, status=Status.FINALIZED, scores=19)
    clean.tsvm = True
    clean.save()

    # The province sees who must file a plan and the reminded commune's leadership to review.
    sign_in_as(page, live_server, world.province_user)
    page.goto(f"{live_server.url}/danh-gia/theo-doi/?nam=2020")
    plans = page.locator("#ke-hoach").inner_text()
    assert "Xã Mường Nhé" in plans and "Chưa nộp kế hoạch" in plans and "Tiêu thức 4 dưới 15 điểm" in plans
    assert "Xem xét kiểm điểm trách nhiệm của lãnh đạo UBND xã" in page.locator("#chu-tich").inner_text()
    screenshot(page, "followups-01-province")

    # The commune writes its plan: a target below last year's score is refused until explained.
    sign_in_as(page, live_server, world.commune_user)
    page.get_by_role("link", name="Kế hoạch nâng cao").first.click()
    page.get_by_role("link", name="Lập kế hoạch").click()
    assert "Xã phải xây dựng kế hoạch vì kết quả năm 2020" in page.locator("main").inner_text()
    for number in range(1, 21):
        row = page.locator(f"#tieu-thuc-{number}")
        row.locator("input[name^=target_]").fill("18" if number != 7 else "16")
        row.locator("textarea[name^=tasks_]").fill("Rà soát, bổ sung hồ sơ hằng quý")
        row.locator("input[name^=responsible_name_]").fill("Lò Văn Pánh")
    screenshot(page, "plan-01-edit")
    page.get_by_role("button", name="Lưu kế hoạch").click()
    page.wait_for_load_state("networkidle")
    assert "Tiêu thức 7: điểm phấn đấu 16 thấp hơn điểm năm trước 17" in page.locator("main").inner_text()
    screenshot(page, "plan-02-refused")
    page.locator("#tieu-thuc-7 textarea[name^=explanation_]").fill("Năm 2021 xã nhận thêm hai bản sáp nhập.")
    page.get_by_role("button", name="Lưu và gửi kế hoạch").click()
    page.wait_for_load_state("networkidle")
    assert "Đã gửi kế hoạch." in page.locator("main").inner_text()
    assert ImprovementPlan.objects.get(commune=world.commune).status == ImprovementPlan.Status.SUBMITTED

    # The district sees the plan sent, and the sibling's plan not required.
    sign_in_as(page, live_server, world.reviewer)
    page.goto(f"{live_server.url}/danh-gia/ke-hoach/?nam=2021")
    row = page.locator(f"tr[data-commune='{world.commune.code}']").inner_text()
    assert "Đã gửi" in row and "Bắt buộc" in row
    assert "Khuyến khích" in page.locator(f"tr[data-commune='{world.sibling.code}']").inner_text()
    screenshot(page, "plan-03-district-list")
