"""A dashboard's follow-up lists and counts, judged in Python from facts read once
(``assessment.selectors.followup_facts``), equal the querysets the follow-ups pages, the API and the
workbook count with (``decided``, ``criticised_two_years``, ``missing_plans``, ``followup_counts``),
on random worlds of two provinces across the merger of 1 July 2025."""

from datetime import date
from decimal import Decimal

from django.db import transaction
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from assessment import followups as rules
from assessment.models import AssessmentYear, FollowUpAction, FollowUpKind, ImprovementPlan, ProvinceDecision, Status
from assessment.selectors import followups as lists
from assessment.selectors.followup_actions import followup_counts
from assessment.selectors.followup_facts import followup_facts
from communes.models import Commune, Succession
from reports import dashboards, selectors
from reports.duties_ratings import commune_names
from tests.assessment.factories import FOLLOWUP_SCORES, followup_assessment, make_year
from tests.factories import CommuneFactory

Kind = ProvinceDecision.Kind
SCORES = FOLLOWUP_SCORES
PLAN = st.sampled_from([None, ImprovementPlan.Status.DRAFT, ImprovementPlan.Status.SUBMITTED])

assessments = st.none() | st.fixed_dictionaries(
    {
        "status": st.sampled_from([Status.DRAFT, Status.SUBMITTED, Status.FINALIZED]),
        "scores": st.sampled_from(sorted(SCORES)),
        "tsvm": st.booleans(),
        "decisions": st.sets(st.sampled_from(Kind.values), max_size=2),
        "actions": st.sets(st.sampled_from(FollowUpKind.values), max_size=2),
    }
)
old_communes = st.fixed_dictionaries(
    {
        "years": st.tuples(assessments, assessments, assessments),  # 2023, 2024, 2025 (when not merged)
        "plans": st.tuples(PLAN, PLAN, PLAN),  # for 2024, 2025, 2026
        "merged_into": st.sampled_from([None, 0, 1]),  # one of the province's two new communes
        "main": st.booleans(),  # whether that successor is its main one
    }
)
new_communes = st.fixed_dictionaries({"year": assessments, "plans": st.tuples(PLAN, PLAN)})  # 2025; for 2025, 2026
provinces = st.fixed_dictionaries(
    {"old": st.lists(old_communes, min_size=1, max_size=3), "new": st.tuples(new_communes, new_communes)}
)


class Rollback(Exception):
    pass


def _assessment(commune: Commune, year: AssessmentYear, spec: dict | None, user) -> None:  # noqa: ANN001
    if spec is None:
        return
    assessment = followup_assessment(commune, year, spec, user)
    for kind in sorted(spec["actions"]):
        FollowUpAction.objects.create(
            assessment=assessment,
            kind=kind,
            number="1/BB",
            date=date(year.year + 1, 3, 1),
            actor_name="UBND",
            recorded_by=user,
        )


def _plans(commune: Commune, years: list[AssessmentYear], specs: tuple) -> None:
    for year, status in zip(years, specs, strict=True):
        if status:
            ImprovementPlan.objects.create(commune=commune, year=year, status=status)


def _province(province, districts, spec: dict, years: dict[int, AssessmentYear], user) -> None:  # noqa: ANN001
    new = [
        CommuneFactory(district=None, province=province, valid_from=date(2025, 7, 1), name=f"Xã mới {province.code}{n}")
        for n in range(2)
    ]
    for n, old_spec in enumerate(spec["old"]):
        merged = old_spec["merged_into"] is not None
        commune = CommuneFactory(
            district=districts[n % 2], name=f"Xã cũ {province.code}{n}", valid_to=date(2025, 6, 30) if merged else None
        )
        for y, assessment in zip((2023, 2024, 2025), old_spec["years"], strict=True):
            if y < 2025 or not merged:
                _assessment(commune, years[y], assessment, user)
        _plans(commune, [years[2024], years[2025], years[2026]], old_spec["plans"])
        if merged:
            Succession.objects.create(
                predecessor=commune, successor=new[old_spec["merged_into"]], is_main=old_spec["main"]
            )
    for commune, new_spec in zip(new, spec["new"], strict=True):
        _assessment(commune, years[2025], new_spec["year"], user)
        _plans(commune, [years[2025], years[2026]], new_spec["plans"])


def _from_querysets(year: AssessmentYear, communes) -> tuple[dict[str, list[int]], list]:  # noqa: ANN001
    previous = AssessmentYear.objects.filter(year=year.year - 1).first()
    found = {
        "criticised": lists.decided(year, communes, Kind.CRITICISM),
        "reminded": lists.decided(year, communes, Kind.REMINDER),
        "twice_criticised": lists.criticised_two_years(year, communes),
        "missing_plans": lists.missing_plans(previous, communes) if previous else [],
    }
    return {key: [a.pk for a in rows] for key, rows in found.items()}, followup_counts(year, communes)


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.tuples(provinces, provinces), st.integers(min_value=1, max_value=3))
def test_the_dashboard_follow_ups_from_facts_equal_the_querysets(world, specs, limit):
    years = {y: make_year(y) for y in (2023, 2024, 2025, 2026)}
    try:
        with transaction.atomic():
            _province(world.province, [world.district, world.other_district], specs[0], years, world.province_user)
            foreign = [world.foreign_district, world.foreign_other_commune.district]
            _province(world.foreign_province, foreign, specs[1], years, world.foreign_province_user)
            scopes = [
                Commune.objects.filter(province=world.province),
                Commune.objects.filter(province=world.foreign_province),
                Commune.objects.all(),
            ]
            for y in (2023, 2024, 2025):
                year = AssessmentYear.objects.select_related("criteria_set").get(year=y)
                previous = AssessmentYear.objects.select_related("criteria_set").filter(year=y - 1).first()
                for scope in scopes:
                    communes = selectors.communes_of_year(scope, y)
                    expected, counts = _from_querysets(year, communes)
                    facts = followup_facts(year, previous, communes, commune_names(communes))
                    got = {key: [f.pk for f in shortlist] for key, shortlist in facts.shortlists(None).items()}
                    assert got == expected, (y, scope.query)
                    assert facts.counts() == counts, (y, scope.query)

            # The dashboard itself: its first ``limit`` names of each list, the totals and the counts.
            year = years[2024]
            board = dashboards.province_dashboard(
                province=world.province, year=year, today=date(2025, 3, 1), communes=scopes[0], list_limit=limit
            )
            expected, counts = _from_querysets(year, selectors.communes_of_year(scopes[0], 2024))
            for key, pks in expected.items():
                shortlist = getattr(board.followups, key)
                assert ([f.pk for f in shortlist], shortlist.count) == (pks[:limit], len(pks))
                assert all(f.commune.district is not None for f in shortlist)
            assert board.duties.followups == counts
            raise Rollback
    except Rollback:
        pass


@given(
    st.fixed_dictionaries(
        {
            "final_class": st.sampled_from(["", *rules.CLASS_RANK]),
            "tsvm": st.booleans(),
            "criticised": st.booleans(),
            "reminded": st.booleans(),
            "scores": st.dictionaries(
                st.integers(1, 20), st.none() | st.decimals(min_value=0, max_value=20, places=2), max_size=4
            ),
        }
    ),
    st.sampled_from([Decimal("15"), Decimal("12.5")]),
)
def test_a_plan_is_required_exactly_when_the_plan_names_a_reason(fields, min_each):
    result = rules.YearResult(**fields)
    assert rules.requires_plan(result, min_each=min_each) == bool(rules.plan_reasons(result, min_each=min_each))
