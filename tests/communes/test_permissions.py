import pytest
from django.http import Http404

from communes.models import Commune
from communes.permissions import (
    communes_in_scope,
    filter_by_scope,
    get_commune_or_404,
    get_district_or_404,
    is_commune_staff_of,
    reviews_commune,
)


def test_commune_staff_find_their_own_commune(world):
    assert get_commune_or_404(world.commune_user, world.commune.code) == world.commune


@pytest.mark.parametrize("user_attr", ["commune_user", "outsider_user", "other_reviewer"])
def test_it_answers_404_for_a_commune_outside_the_users_scope(world, user_attr):
    user = getattr(world, user_attr)
    target = world.sibling if user_attr == "commune_user" else world.commune
    with pytest.raises(Http404):
        get_commune_or_404(user, target.code)


def test_a_reviewer_finds_every_commune_of_the_district_and_no_other(world):
    assert set(communes_in_scope(world.reviewer)) == {world.commune, world.sibling}
    with pytest.raises(Http404):
        get_commune_or_404(world.reviewer, world.outsider_commune.code)


def test_a_reviewer_cannot_open_another_district(world):
    assert get_district_or_404(world.reviewer, world.district.code) == world.district
    with pytest.raises(Http404):
        get_district_or_404(world.reviewer, world.other_district.code)
    with pytest.raises(Http404):
        get_district_or_404(world.commune_user, world.district.code)


def test_province_staff_see_every_commune_of_the_province(world):
    # The world's other province has two communes: a missing province filter would count 5.
    assert set(communes_in_scope(world.province_user)) == {world.commune, world.sibling, world.outsider_commune}
    assert set(communes_in_scope(world.foreign_province_user)) == {world.foreign_commune, world.foreign_other_commune}


def test_filter_by_scope_follows_a_relation_to_the_commune(world):
    # Users point at communes through "commune": the same helper filters any related model.
    from communes.models import User

    visible = filter_by_scope(world.reviewer, User.objects.filter(commune__isnull=False), "commune")
    assert set(visible) == {world.commune_user, world.sibling_user}
    assert set(filter_by_scope(world.commune_user, Commune.objects.all(), "")) == {world.commune}


# --- two provinces, two maps, the province reviewer ---------------------------------------------------


def test_province_staff_see_nothing_of_another_province(new_world):
    mine = set(communes_in_scope(new_world.province_user))
    assert new_world.foreign_commune not in mine
    assert {new_world.commune, new_world.other_commune} <= mine
    old = new_world.old
    assert set(communes_in_scope(new_world.foreign_province_user)) == {
        new_world.foreign_commune,
        old.foreign_commune,
        old.foreign_other_commune,
    }
    with pytest.raises(Http404):
        get_commune_or_404(new_world.province_user, new_world.foreign_commune.code)


def test_a_province_reviewer_sees_only_the_communes_assigned_to_them(new_world):
    assert set(communes_in_scope(new_world.reviewer)) == {new_world.commune}
    with pytest.raises(Http404):
        get_commune_or_404(new_world.reviewer, new_world.other_commune.code)
    # With no list they answer for the whole province, and only theirs.
    every = set(communes_in_scope(new_world.any_reviewer))
    assert {new_world.commune, new_world.other_commune} <= every
    assert new_world.foreign_commune not in every
    old = new_world.old
    assert set(communes_in_scope(new_world.foreign_reviewer)) == {
        new_world.foreign_commune,
        old.foreign_commune,
        old.foreign_other_commune,
    }


def test_the_review_relation_follows_the_year_and_the_assignment(new_world):
    old = new_world.old
    commune = new_world.commune
    assert reviews_commune(new_world.reviewer, commune, has_district_level=False)
    assert not reviews_commune(new_world.other_reviewer, commune, has_district_level=False)
    assert reviews_commune(new_world.any_reviewer, commune, has_district_level=False)
    assert reviews_commune(new_world.province_user, commune, has_district_level=False)
    assert not reviews_commune(new_world.foreign_reviewer, commune, has_district_level=False)
    assert not reviews_commune(new_world.foreign_province_user, commune, has_district_level=False)
    # In a year with districts only the district's reviewers review: province staff confirm instead.
    assert reviews_commune(old.reviewer, old.commune, has_district_level=True)
    assert not reviews_commune(old.other_reviewer, old.commune, has_district_level=True)
    assert not reviews_commune(old.province_user, old.commune, has_district_level=True)
    assert not reviews_commune(new_world.any_reviewer, old.commune, has_district_level=True)


def test_commune_staff_read_their_predecessors_history_but_write_only_their_commune(new_world):
    old = new_world.old
    user = new_world.commune_user
    assert set(communes_in_scope(user)) == {new_world.commune}
    assert set(communes_in_scope(user, with_history=True)) == {new_world.commune, old.commune, old.sibling}
    assert old.outsider_commune not in communes_in_scope(user, with_history=True)
    assert is_commune_staff_of(user, new_world.commune)
    assert not is_commune_staff_of(user, old.commune)


def test_a_reused_code_finds_the_unit_of_the_day_asked(new_world):
    from datetime import date

    old = new_world.old
    code = new_world.commune.code
    assert code == old.commune.code
    assert get_commune_or_404(new_world.province_user, code) == new_world.commune
    assert get_commune_or_404(new_world.province_user, code, date(2021, 12, 31)) == old.commune
    # A commune user asking for the old day of their reused code gets the old unit only on history pages.
    assert get_commune_or_404(new_world.commune_user, code, date(2021, 12, 31), with_history=True) == old.commune
    assert get_commune_or_404(new_world.commune_user, code, date(2021, 12, 31)) == new_world.commune


def test_an_old_link_to_a_unit_merged_away_still_finds_it(new_world):
    old = new_world.old
    assert get_commune_or_404(new_world.province_user, old.sibling.code) == old.sibling


def test_nobody_without_a_role_sees_anything(db):
    from tests.factories import UserFactory

    assert not communes_in_scope(UserFactory()).exists()
