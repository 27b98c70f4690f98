"""Demo officials' ratings and follow-up actions for every demo year, run at the end of assessment's
seed (after the criterion assignments). Deterministic and idempotent: only what is missing is added.

Ratings: each cadre and civil servant who worked in an assessed commune that year gets the ceiling
of his or her criteria (plan 703 II.3) or one level below; about one in thirty goes one level above
the ceiling, with a reason, so the province's list has something to show. Officials with no scored
criterion (the chairs among them) follow the commune's class. Follow-ups: about three in four of
those the year's results call for are recorded as done (decision or minutes, date, who)."""

import zlib
from collections import defaultdict
from datetime import date

from assessment.models import Assessment, AssessmentYear, FollowUpAction, FollowUpKind, OfficialRating, Status
from assessment.ratings import LEVEL_RANK, RatingLevel
from assessment.responsibility import ASSIGNABLE
from assessment.selectors.followup_actions import _kind_querysets
from assessment.selectors.ratings import ceilings
from communes.models import NEW_MAP_FIRST_DAY, Commune, Role, User
from personnel.models import Official, OfficialStatus, Transfer

BY_RANK = {rank: level for level, rank in LEVEL_RANK.items()}
BY_CLASS = {
    "good": RatingLevel.EXCELLENT,
    "fair": RatingLevel.GOOD,
    "average": RatingLevel.DONE,
    "weak": RatingLevel.DONE,
}
ACTORS = {
    FollowUpKind.TRANSFER_CHAIR: ("QĐ-UBND", "Ban Thường vụ {above}"),
    FollowUpKind.REVIEW_LEADERSHIP: ("BB-UBND", "UBND {commune}"),
    FollowUpKind.REVIEW_CHAIRS: ("BB-ĐU", "Đảng ủy {commune}"),
    FollowUpKind.IMPROVEMENT_PLAN: ("KH-UBND", "UBND {commune}"),
}


def _draw(*parts: object) -> int:
    return zlib.crc32("|".join(map(str, parts)).encode()) % 100


def seed() -> list[str]:
    """Ratings and follow-up actions for every year with assessments, where missing."""
    recorder = User.objects.filter(role=Role.PROVINCE_STAFF).order_by("pk").first()
    years = list(AssessmentYear.objects.order_by("year"))
    before, now = _staff_on_each_map()
    ratings = sum(_ratings(year, before if year.has_district_level else now, recorder) for year in years)
    actions = sum(_actions(year, recorder) for year in years) if recorder else 0
    if not (ratings or actions):
        return ["officials' ratings and follow-up actions: already seeded"]
    return [f"officials' ratings: {ratings} added; follow-up actions: {actions} added"]


def _staff_on_each_map() -> tuple[dict[int, list[Official]], dict[int, list[Official]]]:
    officials = list(
        Official.objects.filter(category__in=ASSIGNABLE, status=OfficialStatus.SERVING)
        .prefetch_related("positions")
        .order_by("category", "full_name")
    )
    carried = dict(
        Transfer.objects.filter(effective_date=NEW_MAP_FIRST_DAY).values_list("official_id", "from_commune_id")
    )
    old, new = defaultdict(list), defaultdict(list)
    for official in officials:
        new[official.commune_id].append(official)
        old[carried.get(official.pk, official.commune_id)].append(official)
    return old, new


def _ratings(year: AssessmentYear, staff: dict[int, list[Official]], recorder: User | None) -> int:
    classes = dict(Assessment.objects.filter(year=year).values_list("commune_id", "final_class"))
    communes = [c for c in classes if staff.get(c)]
    if not communes:
        return 0
    done = set(OfficialRating.objects.filter(year=year).values_list("official_id", flat=True))
    limits = ceilings(year, communes)
    new = []
    for commune_id in communes:
        for official in staff[commune_id]:
            if official.pk in done:
                continue
            done.add(official.pk)
            ceiling = limits.get((commune_id, official.pk), ([], None))[1]
            new.append(_rating(year, commune_id, official, ceiling, classes[commune_id], recorder))
    OfficialRating.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _rating(
    year: AssessmentYear,
    commune_id: int,
    official: Official,
    ceiling: str | None,
    final_class: str,
    recorder: User | None,
) -> OfficialRating:
    draw = _draw("rating", year.year, official.pk)
    reason = ""
    if ceiling is None:
        level = BY_CLASS.get(final_class, RatingLevel.GOOD)
        if draw < 30 and level != RatingLevel.DONE:
            level = BY_RANK[LEVEL_RANK[level] - 1]
    else:
        rank = LEVEL_RANK[ceiling]
        if draw < 3 and rank < 3:
            rank, reason = (
                rank + 1,
                "Hoàn thành xuất sắc nhiệm vụ đột xuất được giao (phòng chống thiên tai, dịch bệnh).",
            )
        elif draw < 35 and rank > 0:
            rank -= 1
        level = BY_RANK[rank]
    return OfficialRating(
        year=year,
        commune_id=commune_id,
        official=official,
        level=level,
        ceiling=ceiling or "",
        reason=reason,
        recorded_by=recorder,
    )


def _actions(year: AssessmentYear, recorder: User) -> int:
    communes = Commune.objects.all()
    done = set(FollowUpAction.objects.filter(assessment__year=year).values_list("assessment_id", "kind"))
    confirmed = year.assessments.filter(status=Status.FINALIZED).exists()
    new = []
    for kind, queryset in _kind_querysets(year, communes).items():
        for assessment in queryset.select_related("commune__district", "commune__province"):
            if (assessment.pk, kind) in done or not confirmed or _draw("action", year.year, assessment.pk, kind) >= 75:
                continue
            new.append(_action(year, assessment, kind, recorder))
    FollowUpAction.objects.bulk_create(new, batch_size=1000)
    return len(new)


def _action(year: AssessmentYear, assessment: Assessment, kind: str, recorder: User) -> FollowUpAction:
    suffix, who = ACTORS[kind]
    commune = assessment.commune
    above = commune.district.name if commune.district else commune.province.name
    day = date(year.year + 1, 1 + _draw("month", assessment.pk, kind) % 5, 1 + _draw("day", assessment.pk) % 28)
    return FollowUpAction(
        assessment=assessment,
        kind=kind,
        number=f"{10 + _draw('number', assessment.pk, kind)}/{suffix}",
        date=day,
        actor_name=who.format(above=above, commune=commune.name),
        note="Đã thực hiện theo Kế hoạch 703/KH-UBND.",
        recorded_by=recorder,
    )
