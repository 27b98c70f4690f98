"""Dashboard numbers against the hand-counted ``sample`` (see tests/reports/conftest.py)."""

from datetime import date
from decimal import Decimal

from assessment.models import AssessmentYear
from communes.models import Commune
from reports import dashboards, selectors
from reports.selectors import MISSING

TODAY = date(2022, 1, 10)


def _province_board(w) -> dashboards.Dashboard:
    year = AssessmentYear.objects.get(year=2021)
    return dashboards.province_dashboard(
        province=w.province, year=year, today=TODAY, communes=Commune.objects.filter(province=w.province)
    )


def test_the_province_counts_each_confirmed_class_and_tsvm(world, sample):
    total = _province_board(world).total
    assert (total.communes, total.finalized, total.pending) == (7, 5, 2)
    assert total.as_dict() == {"good": 1, "fair": 2, "average": 1, "weak": 1, "tsvm": 2}


def test_each_district_has_its_own_counts_and_shares(world, sample):
    rows = {r.unit: r.classes for r in _province_board(world).rows}
    mine, other = rows[world.district], rows[world.other_district]
    assert (mine.communes, mine.finalized, mine.good, mine.fair, mine.average, mine.tsvm) == (4, 3, 1, 1, 1, 1)
    assert (other.communes, other.finalized, other.fair, other.weak, other.tsvm) == (3, 2, 1, 1, 1)
    assert mine.share("good") == Decimal("33.3")
    assert other.share("tsvm") == Decimal("50.0")


def test_targets_are_met_or_not_by_the_provinces_counts(world, sample):
    verdicts = {r.target.key: (r.count, r.met, r.provisional) for r in _province_board(world).targets}
    assert verdicts == {
        "tsvm": (2, False, True),
        "good": (1, False, True),
        "fair": (2, False, True),
        "average": (1, True, True),
        "weak": (1, False, True),
    }


def test_workflow_progress_counts_states_and_lateness_against_the_years_deadlines(world, sample):
    year = AssessmentYear.objects.get(year=2021)  # self 15/11/2021, review 05/12/2021
    communes = Commune.objects.filter(province=world.province)
    sizes = selectors.commune_counts(communes, "district")

    def late_on(day: date) -> int:
        return selectors.progress_total(selectors.workflow_progress(year, communes, "district", sizes, day)).late

    progress = selectors.progress_total(selectors.workflow_progress(year, communes, "district", sizes, TODAY))
    assert {k: v for k, v in progress.by_status.items() if v} == {"finalized": 5, "draft": 1, "submitted": 1}
    assert progress.by_status[MISSING] == 0
    assert (late_on(date(2021, 11, 1)), late_on(date(2021, 11, 20)), late_on(date(2021, 12, 6))) == (0, 1, 2)


def test_a_commune_without_an_assessment_counts_as_missing_and_late(world, sample):
    from tests.factories import CommuneFactory

    CommuneFactory(district=world.district, name="Xã Mới")
    year = AssessmentYear.objects.get(year=2021)
    communes = Commune.objects.filter(province=world.province)
    groups = selectors.workflow_progress(
        year, communes, "district", selectors.commune_counts(communes, "district"), TODAY
    )
    assert groups[world.district.pk].by_status[MISSING] == 1
    assert groups[world.district.pk].late == 2  # the draft and the missing one


def test_criterion_averages_per_district_and_overall_use_final_scores(world, sample):
    averages = _province_board(world).averages
    assert averages.by_group[world.district.pk][1] == Decimal("14.67")  # (18 + 15 + 11) / 3
    assert averages.by_group[world.other_district.pk][1] == Decimal("12.00")  # (9 + 15) / 2
    assert averages.overall[1] == Decimal("13.60")  # (18 + 15 + 11 + 9 + 15) / 5
    assert len(averages.criteria) == 20


def test_trends_count_each_years_confirmed_classes(world, sample):
    trends = dict(_province_board(world).trends)
    assert sorted(trends) == [2019, 2020, 2021]
    assert trends[2019].finalized == 0
    assert trends[2020].as_dict() == {"good": 0, "fair": 1, "average": 0, "weak": 1, "tsvm": 0}
    assert trends[2021].finalized == 5


def test_follow_ups_name_the_commune_criticised_two_years_running(world, sample):
    followups = _province_board(world).followups
    assert [a.commune for a in followups.twice_criticised] == [world.outsider_commune]
    assert [a.commune for a in followups.criticised] == [world.outsider_commune]


def test_the_district_dashboard_counts_only_its_communes_and_compares_with_the_province(world, sample):
    year = AssessmentYear.objects.get(year=2021)
    board = dashboards.district_dashboard(district=world.district, year=year, today=TODAY)
    assert board.total.as_dict() == {"good": 1, "fair": 1, "average": 1, "weak": 0, "tsvm": 1}
    assert [r.unit.name for r in board.rows] == ["Xã Mường Nhé", "Xã Sín Thầu", "Xã Nà Hỳ", "Xã Chà Cang"]
    assert board.targets is None
    assert board.overall_row[0] == Decimal("14.67")
    assert board.province_row[0] == Decimal("13.60")
    assert board.followups.twice_criticised.count == 0
