"""Demo assessments for ``seed_demo``: 2019 and 2020 finalized (2019 locked), 2021 in every state.

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

from assessment import demo_plan, demo_responsibility
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
from communes.models import Commune, Role, User

# Self-assessment 15/11, district review 30/11, province confirmation 20/12 of each year.
DEADLINES = ((11, 15), (11, 30), (12, 20))
LOCKED_AT = {2019: datetime(2020, 2, 10, 9, 0)}
YEARS = (*demo_plan.FINALIZED_YEARS, demo_plan.CURRENT_YEAR)


@dataclass
class Actors:
    """The demo users who act for a commune, a district and the province (None where none exists)."""

    communes: dict[int, User]
    districts: dict[int, User]
    province: User | None

    @classmethod
    def load(cls) -> "Actors":
        users = list(User.objects.filter(role__in=[Role.COMMUNE_STAFF, Role.DISTRICT_REVIEWER]).order_by("-pk"))
        province = (User.objects.filter(role=Role.PROVINCE_STAFF).order_by("pk").first()
                    or User.objects.filter(is_superuser=True).order_by("pk").first())
        return cls({u.commune_id: u for u in users if u.role == Role.COMMUNE_STAFF},
                   {u.district_id: u for u in users if u.role == Role.DISTRICT_REVIEWER}, province)

    def acting(self, who: str, commune: Commune) -> User | None:
        return {"commune": self.communes.get(commune.pk), "district": self.districts.get(commune.district_id),
                "province": self.province}[who]


def seed() -> list[str]:
    """Create the three demo years and their assessments where missing; return lines to print."""
    communes = {c.code: c for c in Commune.objects.filter(province__code=str(settings.PORTAL_PROVINCE_CODE))
                .select_related("district").order_by("code")}
    if not communes:
        return ["no communes: run the communes seed first"]
    criteria_set = criteria_set_install_default()
    criteria = {c.number: c for c in criteria_set.criteria.all()}
    actors = Actors.load()
    plan = demo_plan.build([Unit(c.code, c.district.code) for c in communes.values()], _rules(criteria_set, criteria))
    lines = []
    with transaction.atomic():
        for number in YEARS:
            year = _year(number, criteria_set, actors)
            created = _write_year(year, plan.years[number], communes, criteria, actors)
            lines.append(_summary(year, created))
            if number == demo_plan.CURRENT_YEAR:
                lines.append(_write_improvement_plans(year, plan.improvement_plans, {p.code for p in created},
                                                      communes, criteria, actors))
    return lines + demo_responsibility.seed()  # who answers for each criterion (personnel's officials)


def _rules(criteria_set: CriteriaSet, criteria: dict[int, Criterion]) -> Rules:
    thresholds = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]
    return Rules({n: c.max_points for n, c in criteria.items()}, thresholds, criteria_set.tsvm_min_class,
                 criteria_set.tsvm_min_each)


def _aware(moment: datetime | None) -> datetime | None:
    return timezone.make_aware(moment) if moment else None


def _year(number: int, criteria_set: CriteriaSet, actors: Actors) -> AssessmentYear:
    """The year with its deadlines; created once, never changed afterwards (the province may edit it)."""
    self_deadline, review_deadline, confirm_deadline = (date(number, m, d) for m, d in DEADLINES)
    locked_at = LOCKED_AT.get(number)
    year, _created = AssessmentYear.objects.get_or_create(year=number, defaults={
        "criteria_set": criteria_set, "self_deadline": self_deadline, "review_deadline": review_deadline,
        "confirm_deadline": confirm_deadline, "is_locked": locked_at is not None, "locked_at": _aware(locked_at),
        "locked_by": actors.province if locked_at else None})
    return year


def _write_year(year: AssessmentYear, plans: list[AssessmentPlan], communes: dict[str, Commune],
                criteria: dict[int, Criterion], actors: Actors) -> list[AssessmentPlan]:
    """Write the assessments (with scores, history and decisions) of communes that have none yet."""
    existing = set(Assessment.objects.filter(year=year).values_list("commune__code", flat=True))
    todo = [p for p in plans if p.code not in existing]
    assessments = Assessment.objects.bulk_create([_assessment(year, communes[p.code], p) for p in todo],
                                                 batch_size=500)
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
        year=year, commune=commune, status=plan.status, version=1 + len(plan.events),
        submitted_at=_aware(plan.submitted_at), approved_at=_aware(plan.approved_at),
        finalized_at=_aware(plan.finalized_at), final_total=plan.result.total if reviewed else None,
        final_class=plan.result.classification if finalized else "",
        tsvm=finalized and plan.result.tsvm_eligible,
    )


@contextmanager
def _keeping_timestamps() -> Iterator[None]:
    """Let bulk_create store the demo's 2019-2021 ``updated_at`` instead of today (auto_now)."""
    field = CriterionScore._meta.get_field("updated_at")
    field.auto_now = False
    try:
        yield
    finally:
        field.auto_now = True


def _score_times(plan: AssessmentPlan) -> dict[int, datetime]:
    """When each criterion's score was last saved: the district's approval, else the commune's entry."""
    entered = {e.number: e.at for e in plan.events if e.field == "self_score"}
    opened = datetime(plan.year, 10, 5, 8, 0)
    return {s.number: plan.approved_at if s.district_score is not None and plan.approved_at
            else entered.get(s.number) or plan.submitted_at or opened for s in plan.scores}


def _scores(assessment: Assessment, plan: AssessmentPlan, criteria: dict[int, Criterion],
            actors: Actors) -> list[CriterionScore]:
    commune_user = actors.acting("commune", assessment.commune)
    reviewer = actors.acting("district", assessment.commune)
    times = _score_times(plan)
    return [CriterionScore(
        assessment=assessment, criterion=criteria[s.number], self_score=s.self_score, note=s.note,
        district_score=s.district_score, district_comment=s.district_comment, final_score=s.final_score,
        version=1 + (s.self_score is not None) + (s.district_score is not None), updated_at=_aware(times[s.number]),
        updated_by=reviewer if s.district_score is not None else (commune_user if s.self_score is not None else None),
    ) for s in plan.scores]


def _events(assessment: Assessment, plan: AssessmentPlan, criteria: dict[int, Criterion],
            actors: Actors) -> list[AssessmentEvent]:
    return [AssessmentEvent(
        assessment=assessment, actor=actors.acting(e.actor, assessment.commune), at=_aware(e.at), kind=e.kind,
        from_status=e.from_status, to_status=e.to_status, criterion=criteria.get(e.number) if e.number else None,
        field=e.field, old_value=e.old_value, new_value=e.new_value, comment=e.comment,
    ) for e in plan.events]


def _decision(assessment: Assessment, plan: AssessmentPlan, actors: Actors) -> ProvinceDecision:
    decision = plan.decision
    return ProvinceDecision(assessment=assessment, kind=decision.kind, number=decision.number, date=decision.date,
                            reason=decision.reason, recorded_by=actors.province,
                            recorded_at=_aware(datetime.combine(decision.date, datetime.min.time()).replace(hour=9)))


def _write_improvement_plans(year: AssessmentYear, plans: list[ImprovementPlanPlan], new_codes: set[str],
                             communes: dict[str, Commune], criteria: dict[int, Criterion], actors: Actors) -> str:
    """The year's improvement plans, for communes whose assessment this run created."""
    have = set(ImprovementPlan.objects.filter(year=year).values_list("commune__code", flat=True))
    todo = [p for p in plans if p.code in new_codes and p.code not in have]
    if not todo:
        return f"{year.year}: improvement plans already seeded"
    rows = ImprovementPlan.objects.bulk_create([ImprovementPlan(
        commune=communes[p.code], year=year, version=1,
        status=ImprovementPlan.Status.SUBMITTED if p.submitted else ImprovementPlan.Status.DRAFT,
        submitted_at=_aware(p.submitted_at),
        submitted_by=actors.acting("commune", communes[p.code]) if p.submitted else None) for p in todo])
    ImprovementPlanItem.objects.bulk_create([
        ImprovementPlanItem(plan=row, criterion=criteria[i.number], target_score=i.target_score, targets=i.targets,
                            tasks=i.tasks, responsible_name=i.responsible_name, solution=i.solution)
        for row, p in zip(rows, todo, strict=True) for i in p.items], batch_size=2000)
    sent = sum(p.submitted for p in todo)
    return f"{year.year}: {len(todo)} improvement plans ({sent} sent to the district, {len(todo) - sent} drafts)"


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
    return f"{year.year}: {len(created)} assessments ({text}){locked}"

