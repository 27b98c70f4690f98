"""Officials' yearly ratings and the ceiling of plan 703 II.3 (17 / 13 / 9 points)."""

from decimal import Decimal

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from assessment.evaluation import suggested_evaluation
from assessment.models import AssessmentYear, OfficialRating, ProvinceDecision, Status
from assessment.ratings import LEVEL_RANK, RatingLevel, above_ceiling, rating_ceiling
from assessment.selectors.ratings import commune_year_rows, rating_rows, ratings_above_ceiling
from assessment.services.errors import AssessmentError
from assessment.services.ratings import RatingEntry, RatingsRefused, official_ratings_save
from tests.assessment.duties_data import answer_for
from tests.assessment.factories import make_assessment, make_year
from tests.personnel.factories import cadre, servant

E, G, D, N = RatingLevel.EXCELLENT, RatingLevel.GOOD, RatingLevel.DONE, RatingLevel.NOT_DONE


@pytest.mark.parametrize(
    ("score", "ceiling"),
    [("20", E), ("17", E), ("16.75", G), ("13", G), ("12.75", D), ("9", D), ("8.75", N), ("0", N)],
)
def test_the_ceiling_at_each_boundary_of_17_13_9(score, ceiling):
    assert rating_ceiling([suggested_evaluation(Decimal(score))]) == ceiling


def test_several_criteria_give_the_lowest_ceiling_and_unscored_ones_do_not_cap():
    assert rating_ceiling([suggested_evaluation(Decimal("18")), suggested_evaluation(Decimal("12.75"))]) == D
    assert rating_ceiling([suggested_evaluation(Decimal("18")), suggested_evaluation(None)]) == E
    assert rating_ceiling([suggested_evaluation(None)]) is None
    assert rating_ceiling([]) is None
    assert not above_ceiling(E, None)


@pytest.fixture
def rated(world):
    year = make_year(2021)
    assessment = make_assessment(world.commune, year, status=Status.FINALIZED, scores=20)
    world.year, world.assessment = year, assessment
    world.clerk = servant(world.commune, full_name="Lò Thị Pọm")
    world.chair = cadre(world.commune, full_name="Quàng Văn Chủ", positions=["chu-tich-ubnd"])
    return world


def _save(w, level, reason="", official=None):
    official = official or w.clerk
    return official_ratings_save(
        year=w.year, commune=w.commune, entries={official.pk: RatingEntry(level, reason)}, user=w.commune_user
    )


@pytest.mark.parametrize(
    ("score", "allowed", "refused"),
    [("17", E, None), ("16.75", G, E), ("13", G, E), ("12.75", D, G), ("9", D, G), ("8.75", N, D)],
)
def test_the_service_refuses_a_level_above_the_ceiling_without_a_reason(rated, score, allowed, refused):
    answer_for(rated.clerk, rated.assessment, {11: score})
    _save(rated, allowed)
    assert OfficialRating.objects.get(official=rated.clerk).level == allowed
    if refused:
        with pytest.raises(RatingsRefused) as error:
            _save(rated, refused)
        assert rated.clerk.pk in error.value.problems
        assert OfficialRating.objects.get(official=rated.clerk).level == allowed


def test_a_level_above_the_ceiling_with_a_reason_is_kept_and_listed_for_the_province(rated):
    answer_for(rated.clerk, rated.assessment, {11: "12"})
    _save(rated, E, "Hoàn thành xuất sắc nhiệm vụ đột xuất phòng chống lũ")
    rating = OfficialRating.objects.get(official=rated.clerk)
    assert (rating.level, rating.ceiling) == (E, D)
    rows = ratings_above_ceiling(rated.province_user, rated.year)
    assert [r.rating.official for r in rows] == [rated.clerk]
    assert ratings_above_ceiling(rated.outsider_user, rated.year) == []


def test_a_score_lowered_after_the_rating_puts_it_on_the_list_without_a_reason(rated):
    answer_for(rated.clerk, rated.assessment, {11: "18"})
    _save(rated, E)
    assert ratings_above_ceiling(rated.province_user, rated.year) == []
    answer_for(rated.clerk, rated.assessment, {11: "10"})
    [row] = ratings_above_ceiling(rated.province_user, rated.year)
    assert row.rating.reason == "" and row.ceiling == D


def test_all_or_nothing_one_bad_row_saves_none(rated):
    answer_for(rated.clerk, rated.assessment, {11: "10"})
    entries = {rated.chair.pk: RatingEntry(E), rated.clerk.pk: RatingEntry(E)}
    with pytest.raises(RatingsRefused):
        official_ratings_save(year=rated.year, commune=rated.commune, entries=entries, user=rated.commune_user)
    assert not OfficialRating.objects.exists()


def test_a_locked_year_and_another_communes_staff_are_refused(rated):
    with pytest.raises(AssessmentError):
        official_ratings_save(
            year=rated.year, commune=rated.commune, entries={rated.clerk.pk: RatingEntry(G)}, user=rated.sibling_user
        )
    AssessmentYear.objects.filter(pk=rated.year.pk).update(is_locked=True)
    rated.year.refresh_from_db()
    with pytest.raises(AssessmentError):
        _save(rated, G)


def test_the_history_keeps_each_change(rated):
    _save(rated, G)
    _save(rated, E, "Lý do")
    assert OfficialRating.history.filter(official=rated.clerk).count() == 2


def test_the_chair_of_a_criticised_commune_is_flagged_beside_the_class(rated):
    _save(rated, G, official=rated.chair)
    [row] = [r for r in commune_year_rows(rated.province_user, rated.year) if r.commune == rated.commune]
    assert [(leader.official, leader.level, leader.flagged) for leader in row.leaders] == [(rated.chair, G, False)]
    ProvinceDecision.objects.create(
        assessment=rated.assessment,
        kind="criticism",
        number="1/QĐ",
        date="2022-01-10",
        reason="x",
        recorded_by=rated.province_user,
    )
    [row] = [r for r in commune_year_rows(rated.province_user, rated.year) if r.commune == rated.commune]
    assert row.leaders[0].flagged


def test_the_page_shows_the_ceiling_beside_each_official_and_refuses_without_a_reason(client, rated):
    answer_for(rated.clerk, rated.assessment, {11: "12.75", 12: "19"})
    client.force_login(rated.commune_user)
    url = reverse("assessment:rating-edit", args=[2021, rated.commune.code])
    page = client.get(url).content.decode()
    assert "Hoàn thành nhiệm vụ" in page and "Lò Thị Pọm" in page and "Quàng Văn Chủ" in page
    response = client.post(url, {f"level_{rated.clerk.pk}": E, f"reason_{rated.clerk.pk}": ""})
    assert response.status_code == 200 and "ghi lý do để lưu" in response.content.decode()
    assert not OfficialRating.objects.exists()
    response = client.post(url, {f"level_{rated.clerk.pk}": E, f"reason_{rated.clerk.pk}": "Lập thành tích"})
    assert response.status_code == 302
    assert OfficialRating.objects.get().reason == "Lập thành tích"


def test_the_chair_flag_shows_on_the_years_list(client, rated):
    _save(rated, G, official=rated.chair)
    ProvinceDecision.objects.create(
        assessment=rated.assessment,
        kind="criticism",
        number="1/QĐ",
        date="2022-01-10",
        reason="x",
        recorded_by=rated.province_user,
    )
    client.force_login(rated.province_user)
    page = client.get(reverse("assessment:commune-year-list") + "?nam=2021").content.decode()
    assert "Không giới thiệu tái cử, ứng cử chức vụ cao hơn" in page
    assert "Hoàn thành tốt nhiệm vụ" in page


# --- the property: whatever sequence of scores and ratings -----------------------------------

SCORES = st.sampled_from([None, "0", "8.75", "9", "12.75", "13", "16.75", "17", "20"])
STEP = st.one_of(
    st.tuples(st.just("score"), st.sampled_from([11, 12]), SCORES),
    st.tuples(st.just("rate"), st.sampled_from(RatingLevel.values), st.booleans()),
)


class TestRatingNeverAboveTheCeilingUnseen(TestCase):
    """After any sequence of score changes and rating saves: a saved rating is never above the
    ceiling of its moment without a reason, and every rating above today's ceiling is on the
    province's list (with its reason, or marked as having none)."""

    @settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(st.lists(STEP, min_size=1, max_size=8))
    def test_property(self, steps):
        from tests.conftest import world as world_fixture

        w = world_fixture.__wrapped__(None)
        year = make_year(2021)
        assessment = make_assessment(w.commune, year, status=Status.FINALIZED, scores=20)
        clerk = servant(w.commune)
        answer_for(clerk, assessment, {11: "20", 12: "20"})
        for step in steps:
            if step[0] == "score":
                answer_for(clerk, assessment, {step[1]: step[2]})
                continue
            _kind, level, with_reason = step
            try:
                official_ratings_save(
                    year=year,
                    commune=w.commune,
                    entries={clerk.pk: RatingEntry(level, "Lý do" if with_reason else "")},
                    user=w.commune_user,
                )
            except RatingsRefused:
                pass
            rating = OfficialRating.objects.filter(official=clerk).first()
            if rating is not None:
                assert rating.reason or not rating.ceiling or LEVEL_RANK[rating.level] <= LEVEL_RANK[rating.ceiling]
        listed = {r.rating.pk for r in ratings_above_ceiling(w.province_user, year)}
        for row in rating_rows(year, w.commune):
            if row.above:
                assert row.rating.pk in listed


def _page_fields(client, url) -> dict[str, str]:
    """What the page's form would post as it is shown: every level, reason and seen mark."""
    import re

    page = client.get(url).content.decode()
    fields = dict(re.findall(r'<input type="hidden" name="(seen_\d+)" value="([^"]*)"', page))
    for select in re.findall(r'<select name="(level_\d+)"[^>]*>(.*?)</select>', page, re.S):
        name, options = select
        chosen = re.search(r'<option value="([^"]*)" selected', options)
        fields[name] = chosen.group(1) if chosen else ""
    for name in re.findall(r'name="(reason_\d+)"', page):
        fields.setdefault(name, "")
    return fields


def test_two_clerks_never_overwrite_each_other_silently(client, rated):
    from django.test import Client

    from communes.models import Role, User

    other = User.objects.create(username="xa.thuky2", role=Role.COMMUNE_STAFF, commune=rated.commune)
    first, second = client, Client()
    first.force_login(rated.commune_user)
    second.force_login(other)
    url = reverse("assessment:rating-edit", args=[2021, rated.commune.code])
    mine, theirs = _page_fields(first, url), _page_fields(second, url)  # both open the page
    # The first clerk rates the chair and saves.
    mine[f"level_{rated.chair.pk}"] = G
    assert first.post(url, mine).status_code == 302
    # The second clerk, on the older page, rates only the clerk: saved, and the chair's rating stays.
    theirs[f"level_{rated.clerk.pk}"] = G
    assert second.post(url, theirs).status_code == 302
    levels = dict(OfficialRating.objects.values_list("official_id", "level"))
    assert levels == {rated.chair.pk: G, rated.clerk.pk: G}
    # Changing the chair on that older page is refused, naming what was saved meanwhile; nothing changes.
    theirs[f"level_{rated.chair.pk}"] = D
    refused = second.post(url, theirs)
    assert refused.status_code == 200
    text = refused.content.decode()
    assert "Người khác vừa lưu xếp loại của người này" in text and "“Hoàn thành tốt nhiệm vụ”" in text
    assert OfficialRating.objects.get(official=rated.chair).level == G
    # The page now shows the saved rating's mark: a second try is the clerk's own choice, and saves.
    again = _page_fields(second, url)
    again[f"level_{rated.chair.pk}"] = D
    again[f"level_{rated.clerk.pk}"] = G
    assert second.post(url, again).status_code == 302
    assert OfficialRating.objects.get(official=rated.chair).level == D
