"""Monthly meetings with village heads and the working rules (plan 703 I.3, II.1)."""

from django.urls import reverse

from communes.profile.models import GovernanceYear
from communes.profile.rules import (
    GovernanceFacts,
    governance_errors,
    governance_ratios,
    mask_months,
    months_label,
    months_mask,
)

ALL_RULES = dict.fromkeys(
    [
        "council_rules_issued",
        "council_rules_followed",
        "committee_rules_issued",
        "committee_rules_followed",
        "coordination_rules_issued",
        "coordination_rules_followed",
    ],
    True,
)


def test_months_are_shown_as_a_count_of_twelve():
    assert months_label(months_mask(range(1, 13))) == "12/12 tháng"
    assert months_label(months_mask([1, 2, 12])) == "3/12 tháng"
    assert months_label(0) == "0/12 tháng"
    assert mask_months(months_mask([12, 3, 3])) == [3, 12]


def test_a_rule_followed_must_have_been_issued():
    errors = governance_errors(ALL_RULES | {"committee_rules_issued": False})
    assert (
        list(errors) == ["committee_rules_followed"] and "Chưa ban hành quy chế" in errors["committee_rules_followed"]
    )
    assert governance_errors(ALL_RULES) == {}


def facts(commune_id: int, months: int, **rules) -> GovernanceFacts:
    return GovernanceFacts(commune_id, months_mask(range(1, months + 1)), **(ALL_RULES | rules))


def test_the_100_percent_targets_count_communes_with_every_month_and_each_rule_followed():
    report = governance_ratios([facts(1, 12), facts(2, 11), facts(3, 12, coordination_rules_followed=False)], 4)
    assert (report["meetings"].numerator, report["meetings"].denominator, report["meetings"].met) == (2, 3, False)
    assert (report["council"].numerator, report["coordination"].numerator) == (3, 2)
    assert report.extra == {"reported": 3, "communes": 4, "not_reported": 1, "meeting_months": 35}


def test_no_commune_reporting_gives_no_verdict():
    assert all(r.met is None and r.percent is None for r in governance_ratios([], 0))


def test_commune_staff_tick_the_months_and_the_page_says_n_of_12(client, world):
    client.force_login(world.commune_user)
    data = {"months": ["1", "2", "3", "5"], "council_rules_issued": "on", "council_rules_followed": "on"}
    response = client.post(reverse("communes:governance-edit", args=[world.commune.code, 2021]), data, follow=True)
    record = GovernanceYear.objects.get(commune=world.commune, year=2021)
    assert record.months == [1, 2, 3, 5] and record.council_rules_followed and not record.committee_rules_issued
    text = response.content.decode()
    assert "4/12 tháng" in text and "Chưa ban hành" in text


def test_the_form_refuses_a_rule_followed_but_not_issued(client, world):
    client.force_login(world.commune_user)
    data = {"months": ["1"], "coordination_rules_followed": "on"}
    response = client.post(reverse("communes:governance-edit", args=[world.commune.code, 2021]), data)
    assert "Chưa ban hành quy chế thì không thể đánh dấu" in response.content.decode()
    assert not GovernanceYear.objects.exists()


def test_the_form_shows_the_months_saved(client, world):
    GovernanceYear.objects.create(commune=world.commune, year=2021, meeting_months=months_mask([4, 7]))
    client.force_login(world.commune_user)
    form = client.get(reverse("communes:governance-edit", args=[world.commune.code, 2021])).context["form"]
    assert form.initial["months"] == [4, 7]
