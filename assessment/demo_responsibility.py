"""Demo assignments of officials to criteria (plan 703 II.3), run at the end of assessment's seed.

Each commune's criteria go to the official whose position matches the criterion's responsible
position (as a commune would do it); criteria with no matching position stay unassigned. The
improvement plans name the same officials. Idempotent: only missing assignments are added.
"""

from collections import defaultdict

from assessment.models import AssessmentYear, CriterionAssignment, ImprovementPlanItem
from assessment.responsibility import ASSIGNABLE, suggested_official
from communes.models import NEW_MAP_FIRST_DAY
from personnel.models import Official, OfficialStatus, Transfer


def _staff_on_each_map() -> tuple[dict[int, list[Official]], dict[int, list[Official]]]:
    """Serving officials by commune on the old map (before the carry-over of 1 July 2025) and now."""
    officials = list(
        Official.objects.filter(category__in=ASSIGNABLE, status=OfficialStatus.SERVING)
        .prefetch_related("positions")
        .order_by("category", "full_name")
    )
    carried = dict(
        Transfer.objects.filter(effective_date=NEW_MAP_FIRST_DAY).values_list("official_id", "from_commune_id")
    )
    before, now = defaultdict(list), defaultdict(list)
    for official in officials:
        now[official.commune_id].append(official)
        before[carried.get(official.pk, official.commune_id)].append(official)
    return before, now


def seed() -> list[str]:
    """Assign officials to the criteria of every demo year where none is assigned yet."""
    before, now = _staff_on_each_map()
    done = set(CriterionAssignment.objects.values_list("year_id", "commune_id", "criterion_id"))
    new, suggested = [], {}
    for year in AssessmentYear.objects.select_related("criteria_set"):
        criteria = list(year.criteria_set.criteria.all())
        staff_map = before if year.has_district_level else now
        for commune_id, staff in staff_map.items():
            for criterion in criteria:
                key = (id(staff_map), commune_id, criterion.pk)  # the same suggestion every year of a map
                if key not in suggested:
                    suggested[key] = suggested_official(criterion, staff)
                official = suggested[key]
                if official and (year.pk, commune_id, criterion.pk) not in done:
                    new.append(
                        CriterionAssignment(year=year, commune_id=commune_id, criterion=criterion, official=official)
                    )
    CriterionAssignment.objects.bulk_create(new, batch_size=2000)
    linked = _name_in_plans()
    if not (new or linked):
        return ["criterion assignments: already seeded"]
    return [f"criterion assignments: {len(new)} added, {linked} improvement plan items linked to their official"]


def _name_in_plans() -> int:
    items = list(ImprovementPlanItem.objects.filter(responsible_official__isnull=True).select_related("plan"))
    years = {item.plan.year_id for item in items}
    assigned = {
        (a.year_id, a.commune_id, a.criterion_id): a.official
        for a in CriterionAssignment.objects.filter(year__in=years).select_related("official")
    }
    linked = []
    for item in items:
        official = assigned.get((item.plan.year_id, item.plan.commune_id, item.criterion_id))
        if official:
            item.responsible_official, item.responsible_name = official, official.full_name
            linked.append(item)
    ImprovementPlanItem.objects.bulk_update(linked, ["responsible_official", "responsible_name"], batch_size=1000)
    return len(linked)
