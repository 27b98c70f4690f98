"""Component items in a real browser: the commune scores a criterion item by item (the criterion's
score follows their sum) and the reviewer sees each item's evidence beside its score."""

from decimal import Decimal

from assessment.models import CriterionScore, ItemScore, Status
from tests.assessment.factories import make_assessment, make_evidence
from tests.assessment.factories_items import add_items, item_of
from tests.browser.conftest import login, screenshot


def test_commune_staff_score_a_criterion_item_by_item(browser_page, live_server, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessment(world.commune, 2021, scores={n: 20 for n in range(1, 21) if n != 3})
    add_items(assessment.year.criteria_set, [3])
    item = item_of(assessment.year.criteria_set, 3, 1)
    second = item_of(assessment.year.criteria_set, 3, 2)
    page = browser_page
    login(page, live_server, world.commune_user.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/cham-diem/")
    page.wait_for_load_state("networkidle")
    assert "3.1. Ban hành kế hoạch thực hiện" in page.locator("#c3-row").inner_text()

    page.fill(f"#c3-i{item.pk}-value", "8")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#c3-i{item.pk}-status >> text=/Đã lưu lúc \\d\\d:\\d\\d/")
    assert page.locator("#c3-sum").inner_text() == "8"

    page.fill(f"#c3-i{second.pk}-value", "6,5")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#c3-i{second.pk}-status >> text=cần ghi giải trình")
    assert "Tiêu thức 3, nội dung 3.2" in page.locator(f"#c3-i{second.pk}-status").inner_text()
    page.fill(f"#c3-i{second.pk}-note", "Hội nghị tổ chức muộn")
    page.keyboard.press("Tab")
    page.wait_for_selector(f"#c3-i{second.pk}-status >> text=/Đã lưu lúc/")
    assert page.locator("#c3-sum").inner_text() == "14,5"
    assert page.locator("[data-testid=total]").inner_text().startswith("394,5")
    page.locator("#c3-row").scroll_into_view_if_needed()
    screenshot(page, "items-score-edit")
    assert CriterionScore.objects.get(assessment=assessment, criterion__number=3).self_score == Decimal("14.5")


def test_the_reviewer_sees_each_items_evidence_beside_its_score(browser_page, live_server, world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    assessment = make_assessment(world.commune, 2021, status=Status.SUBMITTED, scores=20)
    criteria_set = assessment.year.criteria_set
    add_items(criteria_set, [1, 3])
    for number in (1, 3):
        score = CriterionScore.objects.get(assessment=assessment, criterion__number=number)
        for order, value in ((1, "8"), (2, "6.5"), (3, "5")):
            item = item_of(criteria_set, number, order)
            ItemScore.objects.create(score=score, item=item, self_score=Decimal(value), note="Còn hạn chế")
            for requirement in item.requirements.filter(is_required=True):
                evidence = make_evidence(score, world.commune_user, name=f"minh-chung-{number}-{order}.pdf")
                evidence.requirement = requirement
                evidence.save()
        score.self_score = Decimal("19.5")
        score.save()
    page = browser_page
    login(page, live_server, world.reviewer.username)
    page.goto(f"{live_server.url}/danh-gia/2021/{world.commune.code}/tham-dinh/")
    page.wait_for_load_state("networkidle")
    row = page.locator("#tieu-thuc-3")
    assert "minh-chung-3-1.pdf" in row.inner_text() and "Ảnh hội nghị" in row.inner_text()
    page.fill(f"#id_item_{item_of(criteria_set, 3, 2).pk}", "7")
    row.scroll_into_view_if_needed()
    screenshot(page, "items-review")
