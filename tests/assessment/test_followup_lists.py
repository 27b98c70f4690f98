"""The dashboards' follow-up lists (counted by the database) name the same communes as the
follow-ups page (each commune's year loaded and judged by ``assessment.followups``)."""

from datetime import date

from django.db import transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment.models import AssessmentYear, ImprovementPlan, ProvinceDecision, Status
from assessment.selectors import followups as lists
from communes.models import Commune
from reports import dashboards
from tests.assessment.factories import FOLLOWUP_SCORES, followup_assessment, make_assessment, make_year
from tests.factories import CommuneFactory

Kind = ProvinceDecision.Kind
SCORES = FOLLOWUP_SCORES

commune_years = st.fixed_dictionaries(
    {
        "status": st.sampled_from([None, Status.DRAFT, Status.SUBMITTED, Status.FINALIZED]),
        "scores": st.sampled_from(sorted(SCORES)),
        "tsvm": st.booleans(),
        "decisions": st.sets(st.sampled_from([Kind.CRITICISM, Kind.REMINDER]), max_size=2),
    }
)
communes_strategy = st.lists(
    st.fixed_dictionaries(
        {
            "before": commune_years,
            "now": commune_years,
            "plan": st.sampled_from([None, ImprovementPlan.Status.DRAFT, ImprovementPlan.Status.SUBMITTED]),
        }
    ),
    min_size=1,
    max_size=6,
)


class Rollback(Exception):
    pass


def _year_of(commune: Commune, year: AssessmentYear, spec: dict, user) -> None:  # noqa: ANN001
    if spec["status"] is not None:
        followup_assessment(commune, year, spec, user)


def _names(items) -> list[str]:  # noqa: ANN001
    return [item.commune.name for item in items]


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(communes_strategy)
def test_the_dashboard_lists_name_the_same_communes_as_the_follow_ups_page(world, specs):
    before, now = make_year(2020), make_year(2021)
    try:
        with transaction.atomic():
            for n, spec in enumerate(specs):
                commune = CommuneFactory(district=world.district if n % 2 else world.other_district, name=f"Xã thử {n}")
                _year_of(commune, before, spec["before"], world.province_user)
                _year_of(commune, now, spec["now"], world.province_user)
                if spec["plan"]:
                    ImprovementPlan.objects.create(commune=commune, year=now, status=spec["plan"])
            communes = Commune.objects.filter(province=world.province)
            page_now = lists.followups(world.province_user, now)
            page_before = lists.followups(world.province_user, before)

            board = dashboards.province_dashboard(
                province=world.province, year=now, today=date(2022, 1, 10), communes=communes, list_limit=None
            ).followups

            assert _names(board.criticised) == _names(r for r in page_now.rows if r.result.criticised)
            assert _names(board.reminded) == _names(r for r in page_now.rows if r.result.reminded)
            assert _names(board.twice_criticised) == _names(page_now.twice_criticised)
            assert _names(board.missing_plans) == _names(page_before.missing_plans)
            assert _names(lists.needing_plan(before, communes)) == _names(page_before.need_plan)
            raise Rollback
    except Rollback:
        pass


def test_a_dashboard_names_a_few_communes_and_counts_the_rest(world):
    year = make_year(2021)
    for n in range(5):
        commune = CommuneFactory(district=world.district, name=f"Xã phê bình {n}")
        assessment = make_assessment(commune, year, status=Status.FINALIZED, scores=18)
        ProvinceDecision.objects.create(
            assessment=assessment,
            kind=Kind.CRITICISM,
            number=f"{n}/QĐ",
            date=date(2022, 1, 15),
            reason="Vi phạm",
            recorded_by=world.province_user,
        )
    board = dashboards.province_dashboard(
        province=world.province,
        year=year,
        today=date(2022, 1, 10),
        communes=Commune.objects.filter(province=world.province),
        list_limit=3,
    )
    criticised = board.followups.criticised
    assert (len(criticised.items), criticised.count, criticised.more) == (3, 5, 2)
    assert _names(criticised) == ["Xã phê bình 0", "Xã phê bình 1", "Xã phê bình 2"]


def test_the_province_dashboard_shows_fifteen_communes_and_says_how_many_more(client, world):
    year = make_year(2021)
    for n in range(17):
        commune = CommuneFactory(district=world.district, name=f"Xã nhắc nhở {n:02d}")
        assessment = make_assessment(commune, year, status=Status.FINALIZED, scores=18)
        ProvinceDecision.objects.create(
            assessment=assessment,
            kind=Kind.REMINDER,
            number=f"{n}/QĐ",
            date=date(2022, 1, 15),
            reason="Chậm nộp",
            recorded_by=world.province_user,
        )
    client.force_login(world.province_user)
    content = client.get(reverse("reports:province-dashboard"), {"nam": 2021}).content.decode()
    assert "Xã nhắc nhở 14" in content and "Xã nhắc nhở 15" not in content
    assert "và 2 xã khác" in content
    assert reverse("assessment:followups") + "?nam=2021" in content
