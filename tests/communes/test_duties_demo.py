"""seed_demo's duties: every commune of each map has reception figures, meetings and rules for every
year the profile seeds, the figures pass the pages' own checks, coaching visits exist each year, and
seeding again adds nothing."""

from django.forms.models import model_to_dict
from django.utils import timezone

from communes import demo as communes_demo
from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune
from communes.profile.demo import NEW_MAP_YEARS, OLD_MAP_YEARS
from communes.profile.demo_duties import seed_duties
from communes.profile.models import CitizenReception, CoachingVisit, GovernanceYear
from communes.profile.rules import governance_errors, mask_months, reception_errors


def test_the_demo_fills_every_duty_for_every_year_and_seeding_again_adds_nothing(db):
    communes_demo.seed()
    today = timezone.localdate()
    old = Commune.objects.valid_on(OLD_MAP_LAST_DAY).count()
    new = Commune.objects.valid_on(NEW_MAP_FIRST_DAY).count()
    for year in [y for y in (2019, *OLD_MAP_YEARS, *NEW_MAP_YEARS) if y <= today.year]:
        expected = old if year < 2025 else new
        assert CitizenReception.objects.filter(year=year).count() == expected, year
        assert GovernanceYear.objects.filter(year=year).count() == expected, year
        assert CoachingVisit.objects.filter(start_date__year=year).count() > expected // 5, year
    for record in CitizenReception.objects.all():
        assert reception_errors(model_to_dict(record)) == {}, record
    for record in GovernanceYear.objects.all():
        assert governance_errors(model_to_dict(record)) == {}, record
        assert record.year < today.year or max(mask_months(record.meeting_months), default=0) <= today.month
    # Some communes have a backlog or passed petitions upward, so the dashboard's list is not empty.
    assert CitizenReception.objects.filter(outstanding__gt=0).exists()
    assert CitizenReception.objects.filter(passed_upward__gt=0).exists()
    counts = (CitizenReception.objects.count(), GovernanceYear.objects.count(), CoachingVisit.objects.count())
    assert seed_duties() == ["duties: 0 reception reports, 0 meeting and rules records, 0 coaching visits added"]
    assert (CitizenReception.objects.count(), GovernanceYear.objects.count(), CoachingVisit.objects.count()) == counts
