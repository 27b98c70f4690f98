import pytest
from django.http import Http404

from communes.models import Commune
from communes.permissions import (
    communes_in_scope,
    filter_by_scope,
    get_commune_or_404,
    get_district_or_404,
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
    assert communes_in_scope(world.province_user).count() == 3


def test_filter_by_scope_follows_a_relation_to_the_commune(world):
    # Users point at communes through "commune": the same helper filters any related model.
    from communes.models import User

    visible = filter_by_scope(world.reviewer, User.objects.filter(commune__isnull=False), "commune")
    assert set(visible) == {world.commune_user, world.sibling_user}
    assert set(filter_by_scope(world.commune_user, Commune.objects.all(), "")) == {world.commune}
