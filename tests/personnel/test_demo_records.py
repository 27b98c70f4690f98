"""seed_demo's disciplines, public apologies and trainings: some in every year of both maps, each
about an official who served in that commune, and seeding again adds nothing."""

from django.utils import timezone

from communes.demo import seed as seed_communes
from communes.profile.demo import NEW_MAP_YEARS, OLD_MAP_YEARS
from personnel.demo import seed as seed_personnel
from personnel.demo_records import seed_records
from personnel.models import Discipline, PublicApology, Training, Transfer


def test_every_year_has_records_of_officials_who_served_there_and_a_second_run_adds_nothing(dienbien):
    seed_communes()
    seed_personnel()
    today = timezone.localdate()
    for year in [y for y in (2019, *OLD_MAP_YEARS, *NEW_MAP_YEARS) if y <= today.year]:
        assert Discipline.objects.filter(decided_on__year=year).exists(), year
        assert Training.objects.filter(start_date__year=year).exists(), year
    assert PublicApology.objects.exists()
    carried = set(Transfer.objects.values_list("official_id", "from_commune_id"))
    for official_id, commune_id, official_commune in Discipline.objects.values_list(
        "official_id", "commune_id", "official__commune_id"
    ):
        assert official_commune == commune_id or (official_id, commune_id) in carried
    assert seed_records() == []
