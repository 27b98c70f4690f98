"""seed_demo fills officials' ratings for every year it seeds and follow-up actions for every year
with confirmed results, consistently with the ceiling rule, and a second run adds nothing."""

from django.core.management import call_command
from django.db.models import Count

from assessment import demo_duties
from assessment.models import AssessmentYear, FollowUpAction, OfficialRating
from assessment.ratings import above_ceiling
from assessment.selectors.followup_actions import followup_counts
from communes.models import Commune


def test_every_demo_year_has_ratings_and_the_confirmed_ones_follow_up_actions(db):
    call_command("seed_demo")
    rated = dict(OfficialRating.objects.values_list("year__year").annotate(n=Count("pk")))
    years = list(AssessmentYear.objects.order_by("year"))
    assert all(rated.get(y.year) for y in years), rated
    for rating in OfficialRating.objects.exclude(ceiling=""):
        assert rating.reason or not above_ceiling(rating.level, rating.ceiling)
    assert OfficialRating.objects.exclude(reason="").exists()
    for year in years:
        counts = followup_counts(year, Commune.objects.all())
        if year.assessments.filter(status="finalized").exists():
            assert sum(c.done for c in counts) and sum(c.open for c in counts), year
    before = (OfficialRating.objects.count(), FollowUpAction.objects.count())
    assert demo_duties.seed() == ["officials' ratings and follow-up actions: already seeded"]
    assert (OfficialRating.objects.count(), FollowUpAction.objects.count()) == before
