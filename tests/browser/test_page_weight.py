"""A commune office on a slow link: the first visit (empty cache) costs under 250 KB compressed,
every later page under 60 KB. The figures are printed (``pytest -s``) for the closing note."""

import pytest
from django.urls import reverse

from assessment.models import Status
from tests.assessment.factories import make_assessment, make_world_assessment
from tests.browser.conftest import login

FIRST_VISIT = 250 * 1024
LATER_PAGE = 60 * 1024


def _report(label: str, rows: list[dict]) -> int:
    total = sum(r["bytes"] for r in rows)
    print(f"\n{label}: {total / 1024:.1f} KB compressed over {len(rows)} responses")
    for row in sorted(rows, key=lambda r: -r["bytes"])[:8]:
        print(f"  {row['bytes'] / 1024:7.1f} KB  {row['status']}  {row['url'].split('//', 1)[-1].split('/', 1)[-1]}")
    return total


def _later_page(world, role: str) -> str:
    make_world_assessment(world, scores=18)
    make_assessment(world.sibling, 2021, status=Status.SUBMITTED, scores=17)
    return {
        "commune_user": reverse("assessment:score-edit", args=[2021, world.commune.code]),
        "reviewer": reverse("assessment:review-queue", kwargs={"code": world.district.code}),
        "province_user": reverse("reports:province-dashboard"),
    }[role]


@pytest.mark.parametrize("role", ["commune_user", "reviewer", "province_user"])
def test_the_first_visit_and_a_later_page_fit_a_slow_link(browser_page, transfer_meter, live_server, world, role):
    later = _later_page(world, role)
    page = browser_page
    transfer_meter.start()
    login(page, live_server, getattr(world, role).username)
    first = _report(f"{role}: first visit (login page, then the landing page)", transfer_meter.measure())

    transfer_meter.start()
    page.goto(f"{live_server.url}{later}")
    page.wait_for_load_state("networkidle")
    rows = transfer_meter.measure()
    assert any(r["url"].endswith(later) and r["status"] == 200 for r in rows), "the later page did not load"
    second = _report(f"{role}: later page {later}", rows)

    assert first < FIRST_VISIT, f"first visit {first / 1024:.0f} KB"
    assert second < LATER_PAGE, f"later page {second / 1024:.0f} KB"
