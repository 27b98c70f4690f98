"""Reads for the officials' ratings: who a commune rates for a year, each one's ceiling (plan 703
II.3, ``assessment.ratings``), the ratings above their ceiling, and the leaders' ratings beside the
commune's class. Each function costs a fixed number of queries whatever the number of communes."""

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Count, Q, QuerySet

from assessment.eligibility import EligibilityInput, commendation_refusals
from assessment.evaluation import suggested_evaluation
from assessment.models import (
    Assessment,
    AssessmentYear,
    Classification,
    CriterionAssignment,
    CriterionScore,
    OfficialRating,
    ProvinceDecision,
    Status,
)
from assessment.ratings import LEADER_POSITIONS, RatingLevel, above_ceiling, chair_flagged, rating_ceiling
from assessment.responsibility import ASSIGNABLE
from communes.models import Commune, User, year_day
from communes.permissions import filter_by_scope
from personnel.models import Official, OfficialStatus, Transfer


@dataclass
class RatingRow:
    official: Official
    criteria: list[tuple[int, Decimal | None]]  # (criterion number, final score) the official answers for
    ceiling: str | None
    rating: OfficialRating | None = None

    @property
    def ceiling_label(self) -> str:
        return str(RatingLevel(self.ceiling).label) if self.ceiling else ""

    @property
    def above(self) -> bool:
        return self.rating is not None and above_ceiling(self.rating.level, self.ceiling)


def ceilings(year: AssessmentYear, commune_ids: Iterable[int]) -> dict[tuple[int, int], tuple[list, str | None]]:
    """(commune id, official id) -> (their criteria with final scores, the ceiling), in two queries."""
    commune_ids = list(commune_ids)
    assigned = CriterionAssignment.objects.filter(year=year, commune_id__in=commune_ids).values_list(
        "commune_id", "official_id", "criterion_id", "criterion__number", "criterion__max_points"
    )
    scores = dict(
        (((c, k), s))
        for c, k, s in CriterionScore.objects.filter(
            assessment__year=year, assessment__commune_id__in=commune_ids
        ).values_list("assessment__commune_id", "criterion_id", "final_score")
    )
    found: dict[tuple[int, int], list] = defaultdict(list)
    for commune_id, official_id, criterion_id, number, max_points in assigned:
        found[(commune_id, official_id)].append((number, scores.get((commune_id, criterion_id)), max_points))
    return {
        key: (
            sorted((n, s) for n, s, _m in rows),
            rating_ceiling(suggested_evaluation(s, m) for _n, s, m in rows),
        )
        for key, rows in found.items()
    }


def officials_of_year(year: AssessmentYear, commune: Commune) -> list[Official]:
    """Whom ``commune`` rates for ``year``: its serving cadres and civil servants, those who left it
    after the year ended (a transfer, the carry-over of 01/07/2025), and whoever answered for one of
    its criteria or was rated by it that year."""
    later = Transfer.objects.filter(from_commune=commune, effective_date__gt=year_day(year.year)).values("official_id")
    linked = Q(criterion_assignments__year=year, criterion_assignments__commune=commune) | Q(
        ratings__year=year, ratings__commune=commune
    )
    serving = Q(commune=commune, status=OfficialStatus.SERVING)
    return list(
        Official.objects.filter(category__in=ASSIGNABLE)
        .filter(serving | Q(pk__in=later) | linked)
        .distinct()
        .prefetch_related("positions")
        .order_by("category", "full_name")
    )


def rating_rows(year: AssessmentYear, commune: Commune) -> list[RatingRow]:
    """Every official the commune rates for ``year`` with criteria, ceiling and saved rating."""
    officials = officials_of_year(year, commune)
    limits = ceilings(year, [commune.pk])
    ratings = {r.official_id: r for r in OfficialRating.objects.filter(year=year, commune=commune)}
    return [RatingRow(o, *limits.get((commune.pk, o.pk), ([], None)), rating=ratings.get(o.pk)) for o in officials]


@dataclass
class AboveRow:
    rating: OfficialRating
    ceiling: str | None

    @property
    def ceiling_label(self) -> str:
        return str(RatingLevel(self.ceiling).label) if self.ceiling else ""


def ratings_above_ceiling(user: User, year: AssessmentYear) -> list[AboveRow]:
    """The year's ratings in scope above the ceiling their criteria now give, with the reason written
    (an empty reason: the scores fell after the rating was saved)."""
    ratings = list(
        filter_by_scope(user, OfficialRating.objects.filter(year=year), with_history=True)
        .exclude(level=RatingLevel.NOT_DONE)
        .select_related("official", "commune__district", "recorded_by")
        .order_by("commune__district__code", "commune__code", "official__full_name")
    )
    limits = ceilings(year, {r.commune_id for r in ratings})
    rows = [AboveRow(r, limits.get((r.commune_id, r.official_id), ([], None))[1]) for r in ratings]
    return [row for row in rows if above_ceiling(row.rating.level, row.ceiling)]


def rating_counts(year: AssessmentYear, communes: QuerySet[Commune]) -> dict[str, int]:
    """How many officials of ``communes`` were rated at each level in ``year``, and under
    ``"with_reason"`` how many of them with a reason for going above the ceiling (one query)."""
    rows = (
        OfficialRating.objects.filter(year=year, commune__in=communes)
        .order_by()
        .values_list("level")
        .annotate(n=Count("pk"), reasons=Count("pk", filter=~Q(reason="")))
    )
    counted, reasons = Counter(), 0
    for level, n, with_reason in rows:
        counted[level], reasons = n, reasons + with_reason
    return {**{level: counted.get(level, 0) for level in RatingLevel.values}, "with_reason": reasons}


# --- the leaders beside the commune's class ----------------------------------------------------


@dataclass
class LeaderRating:
    official: Official
    positions: list[str]  # position names
    level: str = ""
    flagged: bool = False  # committee chair of a criticised commune (plan II.3)

    @property
    def level_label(self) -> str:
        return str(RatingLevel(self.level).label) if self.level else ""


@dataclass
class CommuneYearRow:
    commune: Commune
    assessment: Assessment | None
    criticised: bool = False
    reminded: bool = False
    violations: int = 0
    leaders: list[LeaderRating] = field(default_factory=list)

    @property
    def final_class(self) -> str:
        a = self.assessment
        return a.final_class if a is not None and a.status == Status.FINALIZED else ""

    @property
    def final_class_label(self) -> str:
        return Classification(self.final_class).label if self.final_class else ""

    @property
    def refusals(self) -> list[str]:
        """Why the commune is not eligible for commendation this year (``assessment.eligibility``)."""
        return commendation_refusals(
            EligibilityInput(self.final_class, self.criticised, self.reminded, self.violations)
        )


def leader_ratings(year: AssessmentYear, communes: list[Commune], criticised: set[int]) -> dict[int, list]:
    """Commune id -> the ratings of its People's Council and Committee chairs and vice-chairs for
    ``year`` (unrated ones still serving there shown without a level)."""
    leaders = Q(positions__code__in=LEADER_POSITIONS)
    ratings = (
        OfficialRating.objects.filter(year=year, commune__in=communes)
        .filter(official__in=Official.objects.filter(leaders))
        .select_related("official")
        .prefetch_related("official__positions")
    )
    found: dict[int, dict[int, LeaderRating]] = defaultdict(dict)
    for r in ratings:
        found[r.commune_id][r.official_id] = _leader(r.official, r.level, r.commune_id in criticised)
    serving = (
        Official.objects.filter(leaders, commune__in=communes, status=OfficialStatus.SERVING)
        .distinct()
        .prefetch_related("positions")
    )
    for o in serving:
        found[o.commune_id].setdefault(o.pk, _leader(o, "", o.commune_id in criticised))
    return {c: sorted(rows.values(), key=lambda x: x.official.full_name) for c, rows in found.items()}


def _leader(official: Official, level: str, criticised: bool) -> LeaderRating:
    positions = list(official.positions.all())
    shown = [p.name for p in positions if p.code in LEADER_POSITIONS]
    return LeaderRating(official, shown, level, chair_flagged([p.code for p in positions], criticised))


def commune_year_rows(user: User, year: AssessmentYear, district_id: int | None = None) -> list[CommuneYearRow]:
    """The communes in scope standing at the end of ``year``: class, decisions, violations (for
    commendation eligibility) and the leaders' ratings, in six queries."""
    from assessment.selectors.eligibility import violation_counts

    communes = filter_by_scope(user, Commune.objects.valid_on(year_day(year.year)), "")
    if district_id is not None:
        communes = communes.filter(district_id=district_id)
    communes = list(communes.select_related("district").order_by("district__code", "code"))
    assessments = {a.commune_id: a for a in Assessment.objects.filter(year=year, commune__in=communes)}
    kinds: dict[int, set[str]] = defaultdict(set)
    for commune_id, kind in ProvinceDecision.objects.filter(
        assessment__year=year, assessment__commune__in=communes
    ).values_list("assessment__commune_id", "kind"):
        kinds[commune_id].add(kind)
    criticised = {c for c, k in kinds.items() if ProvinceDecision.Kind.CRITICISM in k}
    violations = violation_counts(year, [c.pk for c in communes])
    leaders = leader_ratings(year, communes, criticised)
    return [
        CommuneYearRow(
            c,
            assessments.get(c.pk),
            c.pk in criticised,
            ProvinceDecision.Kind.REMINDER in kinds.get(c.pk, set()),
            violations.get(c.pk, 0),
            leaders.get(c.pk, []),
        )
        for c in communes
    ]
