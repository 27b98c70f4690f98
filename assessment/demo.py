"""Demo assessments for ``seed_demo``: 2019-2024 finalized on the 129 old communes (locked, reviewed
by the district reviewers), 2025 finalized and 2026 in every state on the 45 new communes (reviewed
by the province reviewers; those years have no district level).

The numbers come from ``demo_plan`` (plain data, deterministic). Rows are written directly with
``bulk_create`` rather than through the workflow services, so the whole province seeds in seconds;
every stored class still comes from the same ``classify()`` the pages use. Running it again only
adds what is missing: commune-years that have no assessment yet (and their plans and history).
"""

from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, datetime

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from assessment import demo_duties, demo_items, demo_plan, demo_responsibility
from assessment.classification import ThresholdRule
from assessment.demo_plan import AssessmentPlan, ImprovementPlanPlan, Rules, Unit
from assessment.models import (
    Assessment,
    AssessmentEvent,
    AssessmentYear,
    Classification,
    CriteriaSet,
    Criterion,
    CriterionScore,
    ImprovementPlan,
    ImprovementPlanItem,
    ProvinceDecision,
    Status,
)
from assessment.services.criteria import criteria_set_install_default
from assessment.services.targets import targets_seed_demo, targets_seed_on_open
from communes.models import OLD_MAP_LAST_DAY, Commune, Role, Succession, User, year_day

# Self-assessment 15/11, review 30/11, province confirmation 20/12 of each year.
DEADLINES = ((11, 15), (11, 30), (12, 20))
# The years of the old map are closed: each locked once its decisions were out.
LOCKED_AT = {
    2019: datetime(2020, 2, 10, 9, 0),
    2020: datetime(2021, 2, 8, 9, 0),
    2021: datetime(2022, 2, 14, 9, 0),
    2022: datetime(2023, 2, 13, 9, 0),
    2023: datetime(2024, 2, 19, 9, 0),
    2024: datetime(2025, 3, 3, 9, 0),
}
YEARS = (*demo_plan.FINALIZED_YEARS, demo_plan.CURRENT_YEAR)


@dataclass
class Actors:
    """The demo users who act for a commune, its reviewer and the province (None where none exists).

    A commune with a district is reviewed by its district's reviewer; one without (the new map) by the
    province reviewer assigned to it, else one assigned to no commune in particular, else province staff.
    """

    communes: dict[int, User]
    districts: dict[int, User]
    reviewers: list[tuple[User, set[int]]]
    province: User | None

    @classmethod
    def load(cls) -> "Actors":
        users = list(
            User.objects.filter(role__in=[Role.COMMUNE_STAFF, Role.DISTRICT_REVIEWER, Role.PROVINCE_REVIEWER])
            .prefetch_related("review_communes")
            .order_by("-pk")
        )
        province = (
            User.objects.filter(role=Role.PROVINCE_STAFF).order_by("pk").first()
            or User.objects.filter(is_superuser=True).order_by("pk").first()
        )
        reviewers = [
            (u, {c.pk for c in u.review_communes.all()}) for u in reversed(users) if u.role == Role.PROVINCE_REVIEWER
        ]
        return cls(
            {u.commune_id: u for u in users if u.role == Role.COMMUNE_STAFF},
            {u.district_id: u for u in users if u.role == Role.DISTRICT_REVIEWER},
            reviewers,
            province,
        )

    def acting(self, who: str, commune: Commune) -> User | None:
        if who == "reviewer":
            return self.districts.get(commune.district_id) if commune.district_id else self._reviewer(commune)
        return {"commune": self.communes.get(commune.pk), "province": self.province}[who]

    def _reviewer(self, commune: Commune) -> User | None:
        assigned = [u for u, ids in self.reviewers if commune.pk in ids] or [u for u, ids in self.reviewers if not ids]
        return assigned[0] if assigned else self.province


@dataclass
class Maps:
    """The province's communes on the old map (end of 2024) and the new one (end of 2025), by code."""

    old: dict[str, Commune]
    new: dict[str, Commune]
    predecessors: dict[int, list[str]]

    @classmethod
    def load(cls) -> "Maps":
        communes = list(
            Commune.objects.filter(province__code=str(settings.PORTAL_PROVINCE_CODE))
            .select_related("district")
            .order_by("code")
        )
        pairs = Succession.objects.filter(successor__in=communes).values_list("successor_id", "predecessor__code")
        predecessors: dict[int, list[str]] = {}
        for successor_id, code in pairs.order_by("predecessor__code"):
            predecessors.setdefault(successor_id, []).append(code)
        last_old, first_new = year_day(demo_plan.LAST_DISTRICT_YEAR), year_day(demo_plan.LAST_DISTRICT_YEAR + 1)
        return cls(
            {c.code: c for c in communes if c.is_valid_on(last_old)},
            {c.code: c for c in communes if c.is_valid_on(first_new)},
            predecessors,
        )

    def of(self, year: int) -> dict[str, Commune]:
        return self.old if year <= demo_plan.LAST_DISTRICT_YEAR else self.new

    def units(self) -> tuple[list[Unit], list[Unit]]:
        old = [Unit(c.code, c.district.code if c.district else "") for c in self.old.values()]
        new = [
            Unit(c.code, "", tuple(p for p in self.predecessors.get(c.pk, []) if p in self.old))
            for c in self.new.values()
        ]
        return old, [u for u in new if u.predecessors]


def seed() -> list[str]:
    """Create the demo years and their assessments where missing; return lines to print."""
    maps = Maps.load()
    if not maps.old:
        return ["no communes: run the communes seed first"]
    criteria_set = criteria_set_install_default()
    criteria = {c.number: c for c in criteria_set.criteria.all()}
    actors = Actors.load()
    plan = demo_plan.build(*maps.units(), _rules(criteria_set, criteria))
    lines = []
    with transaction.atomic():
        items_set = demo_items.criteria_set(criteria_set)  # 2026: the demo set with component items
        items_criteria = {c.number: c for c in items_set.criteria.all()}
        for number in [y for y in YEARS if y in plan.years]:
            year = _year(number, items_set if number == demo_items.YEAR else criteria_set, actors)
            # A year keeps the set it was opened with (a demo database seeded before the items set existed).
            year_criteria = {criteria_set.pk: criteria, items_set.pk: items_criteria}.get(year.criteria_set_id) or {
                c.number: c for c in year.criteria_set.criteria.all()
            }
            _targets(year)
            created = _write_year(year, plan.years[number], maps.of(number), year_criteria, actors)
            demo_items.split_scores(year)
            lines.append(_summary(year, created))
            if number in plan.improvement_plans:
                lines.append(
                    _write_improvement_plans(
                        year,
                        plan.improvement_plans[number],
                        {p.code for p in created},
                        maps.of(number),
                        year_criteria,
                        actors,
                    )
                )
    return lines + demo_responsibility.seed() + demo_duties.seed()  # who answers for each criterion; ratings


def _targets(year: AssessmentYear) -> None:
    """Plan 703's targets for 2021; shares marked as demo values for the years on the new map."""
    if year.has_district_level:
        targets_seed_on_open(year)
    else:
        targets_seed_demo(year=year)


def _rules(criteria_set: CriteriaSet, criteria: dict[int, Criterion]) -> Rules:
    thresholds = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]
    return Rules(
        {n: c.max_points for n, c in criteria.items()},
        thresholds,
        criteria_set.tsvm_min_class,
        criteria_set.tsvm_min_each,
    )


def _aware(moment: datetime | None) -> datetime | None:
    return timezone.make_aware(moment) if moment else None


def _year(number: int, criteria_set: CriteriaSet, actors: Actors) -> AssessmentYear:
    """The year with its deadlines; created once, never changed afterwards (the province may edit it).
    A year assessed on the map without districts (from 2025) has no district level."""
    self_deadline, review_deadline, confirm_deadline = (date(number, m, d) for m, d in DEADLINES)
    locked_at = LOCKED_AT.get(number)
    year, _created = AssessmentYear.objects.get_or_create(
        year=number,
        defaults={
            "criteria_set": criteria_set,
            "has_district_level": year_day(number) <= OLD_MAP_LAST_DAY,
            "self_deadline": self_deadline,
            "review_deadline": review_deadline,
            "confirm_deadline": confirm_deadline,
            "is_locked": locked_at is not None,
            "locked_at": _aware(locked_at),
            "locked_by": actors.province if locked_at else None,
        },
    )
    return year


def _write_year(
    year: AssessmentYear,
    plans: list[AssessmentPlan],
    communes: dict[str, Commune],
    criteria: dict[int, Criterion],
    actors: Actors,
) -> list[AssessmentPlan]:
    """Write the assessments (with scores, history and decisions) of communes that have none yet."""
    existing = set(Assessment.objects.filter(year=year).values_list("commune__code", flat=True))
    todo = [p for p in plans if p.code not in existing]
    assessments = Assessment.objects.bulk_create([_assessment(year, communes[p.code], p) for p in todo], batch_size=500)
    scores, events, decisions = [], [], []
    for assessment, plan in zip(assessments, todo, strict=True):
        scores += _scores(assessment, plan, criteria, actors)
        events += _events(assessment, plan, criteria, actors)
        if plan.decision:
            decisions.append(_decision(assessment, plan, actors))
    with _keeping_timestamps():
        CriterionScore.objects.bulk_create(scores, batch_size=2000)
    AssessmentEvent.objects.bulk_create(events, batch_size=2000)
    ProvinceDecision.objects.bulk_create(decisions)
    return todo


def _assessment(year: AssessmentYear, commune: Commune, plan: AssessmentPlan) -> Assessment:
    reviewed = plan.status in (Status.DISTRICT_APPROVED, Status.FINALIZED)
    finalized = plan.status == Status.FINALIZED
    return Assessment(
        year=year,
        commune=commune,
        status=plan.status,
        version=1 + len(plan.events),
        submitted_at=_aware(plan.submitted_at),
        approved_at=_aware(plan.approved_at),
        finalized_at=_aware(plan.finalized_at),
        final_total=plan.result.total if reviewed else None,
        final_class=plan.result.classification if finalized else "",
        tsvm=finalized and plan.result.tsvm_eligible,
    )


@contextmanager
def _keeping_timestamps() -> Iterator[None]:
    """Let bulk_create store the demo's own ``updated_at`` (in the assessment's year) instead of today."""
    field = CriterionScore._meta.get_field("updated_at")
    field.auto_now = False
    try:
        yield
    finally:
        field.auto_now = True


def _score_times(plan: AssessmentPlan) -> dict[int, datetime]:
    """When each criterion's score was last saved: the reviewer's approval, else the commune's entry."""
    entered = {e.number: e.at for e in plan.events if e.field == "self_score"}
    opened = datetime(plan.year, 10, 5, 8, 0)
    return {
        s.number: plan.approved_at
        if s.district_score is not None and plan.approved_at
        else entered.get(s.number) or plan.submitted_at or opened
        for s in plan.scores
    }


def _scores(
    assessment: Assessment, plan: AssessmentPlan, criteria: dict[int, Criterion], actors: Actors
) -> list[CriterionScore]:
    commune_user = actors.acting("commune", assessment.commune)
    reviewer = actors.acting("reviewer", assessment.commune)
    times = _score_times(plan)
    return [
        CriterionScore(
            assessment=assessment,
            criterion=criteria[s.number],
            self_score=s.self_score,
            note=s.note,
            district_score=s.district_score,
            district_comment=s.district_comment,
            final_score=s.final_score,
            version=1 + (s.self_score is not None) + (s.district_score is not None),
            updated_at=_aware(times[s.number]),
            updated_by=reviewer
            if s.district_score is not None
            else (commune_user if s.self_score is not None else None),
        )
        for s in plan.scores
    ]


def _events(
    assessment: Assessment, plan: AssessmentPlan, criteria: dict[int, Criterion], actors: Actors
) -> list[AssessmentEvent]:
    return [
        AssessmentEvent(
            assessment=assessment,
            actor=actors.acting(e.actor, assessment.commune),
            at=_aware(e.at),
            kind=e.kind,
            from_status=e.from_status,
            to_status=e.to_status,
            criterion=criteria.get(e.number) if e.number else None,
            field=e.field,
            old_value=e.old_value,
            new_value=e.new_value,
            comment=e.comment,
        )
        for e in plan.events
    ]


def _decision(assessment: Assessment, plan: AssessmentPlan, actors: Actors) -> ProvinceDecision:
    decision = plan.decision
    return ProvinceDecision(
        assessment=assessment,
        kind=decision.kind,
        number=decision.number,
        date=decision.date,
        reason=decision.reason,
        recorded_by=actors.province,
        recorded_at=_aware(datetime.combine(decision.date, datetime.min.time()).replace(hour=9)),
    )


def _write_improvement_plans(
    year: AssessmentYear,
    plans: list[ImprovementPlanPlan],
    new_codes: set[str],
    communes: dict[str, Commune],
    criteria: dict[int, Criterion],
    actors: Actors,
) -> str:
    """The year's improvement plans, for communes whose assessment this run created."""
    have = set(ImprovementPlan.objects.filter(year=year).values_list("commune__code", flat=True))
    todo = [p for p in plans if p.code in new_codes and p.code not in have]
    if not todo:
        return f"{year.year}: improvement plans already seeded"
    rows = ImprovementPlan.objects.bulk_create(
        [
            ImprovementPlan(
                commune=communes[p.code],
                year=year,
                version=1,
                status=ImprovementPlan.Status.SUBMITTED if p.submitted else ImprovementPlan.Status.DRAFT,
                submitted_at=_aware(p.submitted_at),
                submitted_by=actors.acting("commune", communes[p.code]) if p.submitted else None,
            )
            for p in todo
        ]
    )
    ImprovementPlanItem.objects.bulk_create(
        [
            ImprovementPlanItem(
                plan=row,
                criterion=criteria[i.number],
                target_score=i.target_score,
                targets=i.targets,
                tasks=i.tasks,
                responsible_name=i.responsible_name,
                solution=i.solution,
            )
            for row, p in zip(rows, todo, strict=True)
            for i in p.items
        ],
        batch_size=2000,
    )
    sent = sum(p.submitted for p in todo)
    return f"{year.year}: {len(todo)} improvement plans ({sent} sent for review, {len(todo) - sent} drafts)"


def _summary(year: AssessmentYear, created: list[AssessmentPlan]) -> str:
    if not created:
        return f"{year.year}: already seeded"
    if all(p.status == Status.FINALIZED for p in created):
        classes = Counter(p.result.classification for p in created)
        text = ", ".join(f"{Classification(c).label} {classes[c]}" for c in Classification.values)
        tsvm = sum(p.result.tsvm_eligible for p in created)
        decisions = sum(p.decision is not None for p in created)
        text = f"{text}; TSVM {tsvm}; {decisions} criticisms/reminders"
    else:
        states = Counter(p.status for p in created)
        text = ", ".join(f"{Status(s).label} {states[s]}" for s in Status.values)
    locked = " · locked" if year.is_locked else ""
    reviewers = "district reviewers" if year.has_district_level else "province reviewers"
    return f"{year.year}: {len(created)} assessments ({text}) · reviewed by {reviewers}{locked}"
