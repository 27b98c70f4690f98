"""Targets read as they are stated: each names its unit, "achieved" compares like with like, count
charts are scaled to the counts, and a share over a unit whose results are not all confirmed says
how many are ("1/21 đã công nhận"), not a share of the few confirmed ("Tốt 100 %")."""

import html
import re
from decimal import Decimal

from django.urls import reverse

from assessment.models import Status
from reports import charts
from reports.targets import Comparison, PlanTarget, Unit, evaluate_targets
from tests.assessment.factories import make_assessment, make_year
from tests.factories import CommuneFactory
from tests.reports.factories import confirmed


def _text(response) -> str:  # noqa: ANN001
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


COUNT = PlanTarget("tsvm", "Trong sạch, vững mạnh", Comparison.AT_LEAST, Decimal(65), Unit.COUNT)
SHARE = PlanTarget("good", "Tốt", Comparison.AT_LEAST, Decimal(70), Unit.SHARE)


def test_a_count_target_names_communes_and_compares_a_count_with_a_count():
    assert str(COUNT) == "≥ 65 xã"
    [met] = evaluate_targets({"tsvm": 65}, finalized=129, communes=129, targets=[COUNT])
    [short] = evaluate_targets({"tsvm": 64}, finalized=129, communes=129, targets=[COUNT])
    assert (met.met, met.actual_text) == (True, "65 xã")
    # 64 of 129 communes is short of 65 communes, whatever share of the province it is
    assert (short.met, short.actual_text, short.gap) == (False, "64 xã", 1)


def test_a_share_target_names_per_cent_and_compares_a_share_with_a_share():
    assert str(SHARE) == "≥ 70 %"
    [met] = evaluate_targets({"good": 32}, finalized=45, communes=45, targets=[SHARE])  # 71.1 %
    [short] = evaluate_targets({"good": 31}, finalized=45, communes=45, targets=[SHARE])  # 68.9 %
    assert (met.met, met.actual_text) == (True, "71,1 %")
    assert (short.met, short.actual_text, short.gap) == (False, "68,9 %", 1)


def _axis_labels(svg: str) -> list[int]:
    axis = svg[svg.index('class="axis y') :]
    axis = axis[: axis.index('class="axis x') if 'class="axis x' in axis else len(axis)]
    return [int(float(v)) for v in re.findall(r"<text[^>]*>(\d+(?:\.\d+)?)(?: %)?</text>", axis)]


def test_a_chart_of_count_targets_is_scaled_to_the_counts_not_to_0_100():
    targets = [
        COUNT,
        PlanTarget("fair", "Khá", Comparison.AT_LEAST, Decimal(85), Unit.COUNT),
        PlanTarget("weak", "Yếu", Comparison.AT_MOST, Decimal(0), Unit.COUNT),
    ]
    results = evaluate_targets({"tsvm": 12, "fair": 40, "weak": 1}, finalized=129, communes=129, targets=targets)
    labels = _axis_labels(charts.targets_chart(results, "Chỉ tiêu"))
    assert labels and max(labels) == 90  # the largest figure is 85 communes


def test_a_chart_of_share_targets_runs_from_0_to_100_per_cent():
    results = evaluate_targets({"good": 20}, finalized=45, communes=45, targets=[SHARE])
    assert max(_axis_labels(charts.targets_chart(results, "Chỉ tiêu"))) == 100


def test_a_district_with_1_of_21_communes_confirmed_says_so_instead_of_a_share(client, world):
    make_year(2021)
    communes = [world.commune, world.sibling]
    communes += [CommuneFactory(district=world.district) for _ in range(21 - len(communes))]
    assert world.district.communes.count() == 21
    confirmed(world.commune, 2021, "good")
    for commune in communes[1:]:
        make_assessment(commune, 2021, status=Status.SUBMITTED, scores=18)
    client.force_login(world.reviewer)
    text = _text(client.get(reverse("reports:district-dashboard", args=[world.district.code]), {"nam": 2021}))
    shares = text[text.index("Tỷ lệ xếp loại") :]
    assert "1/21 đã công nhận" in shares
    assert "100,0%" not in shares and "100,0 %" not in shares
