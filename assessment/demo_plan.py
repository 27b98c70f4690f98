"""The demo's numbers as plain data: each commune's class per year, its scores, its place in the
current year's workflow, its history, decisions and improvement plan. No database here.

Two maps: 2019-2024 on the 129 old communes (all finalized), 2025 (finalized) and 2026 (the year in
progress, every workflow state) on the 45 communes formed on 1 July 2025. Every old commune has a
persistent quality (plus a district effect) so years correlate; a new commune inherits the mean of
its predecessors' qualities, so its results continue theirs. Each year ranks the communes and cuts
the ranking into bands shaped like plan 703's 2020 baseline (about 35 Tốt, 80 Khá, 10 Trung bình, a
few Yếu, some 60 TSVM of 129). A band fixes the range of the total and the largest shortfall on one
criterion; the class is then computed by the real ``classify()``. Randomness comes from
``random.Random`` seeded per commune and year, so any subset of communes gets the same numbers
whatever else exists.
"""

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_FLOOR, Decimal

from assessment import demo_texts as texts
from assessment.classification import ClassificationResult, ThresholdRule, classify
from assessment.models.assessment import Status

QUARTER = Decimal("0.25")
SEED = 703
OLD_MAP_YEARS = (2019, 2020, 2021, 2022, 2023, 2024)  # finalized, on the 129 old communes
NEW_MAP_FINALIZED = (2025,)  # finalized, on the 45 new communes
FINALIZED_YEARS = OLD_MAP_YEARS + NEW_MAP_FINALIZED
CURRENT_YEAR = 2026  # in progress on the new map
LAST_DISTRICT_YEAR = 2024  # from 2025 province reviewers appraise
CHRONIC_YEARS = (2019, 2020)
PLAN_YEARS = (2021, CURRENT_YEAR)  # years whose improvement plans (from the year before) are seeded
BANDS = ("good", "fair15", "fair", "average", "weak")
# Communes per band (best first): 129 old communes to 2024, 45 new ones from 2025 (counts are scaled).
BAND_COUNTS = {
    2019: (26, 20, 58, 18, 7),
    2020: (35, 25, 55, 11, 3),
    2021: (40, 27, 54, 7, 1),
    2022: (42, 28, 52, 6, 1),
    2023: (44, 29, 50, 5, 1),
    2024: (46, 30, 47, 4, 2),
    2025: (15, 10, 17, 2, 1),
    2026: (17, 10, 15, 2, 1),
}
# Band -> (lowest total, highest total, largest shortfall on one criterion), for 20 criteria x 20.
BAND_SHAPE = {
    "good": (341, 376, 5),
    "fair15": (303, 338, 5),
    "fair": (282, 336, 10),
    "average": (205, 276, 14),
    "weak": (155, 196, 18),
}
# Fields weak across the province (bigger share of the shortfall): e-government, administrative
# reform, poverty reduction, staff quality, land; defence and security are usually strong.
WEAKNESS = {20: 3.0, 12: 2.4, 7: 1.8, 17: 1.5, 4: 1.3, 6: 1.2, 1: 0.7, 15: 0.6, 14: 0.5}
DISTRICT_EFFECT = {
    "94": 0.9,
    "95": 0.6,
    "99": 0.2,
    "102": 0.1,
    "100": 0.1,
    "97": -0.2,
    "98": -0.2,
    "101": -0.3,
    "96": -0.5,
    "103": -0.6,
}
# The current year's workflow (December 2026): the province reviewers have a queue.
STATE_WEIGHTS = {
    Status.FINALIZED: 15,
    Status.DISTRICT_APPROVED: 20,
    Status.SUBMITTED: 35,
    Status.RETURNED: 10,
    Status.DRAFT: 20,
}
MIN_PER_STATE = 2
# The demo users' communes (the same codes name an old and a new commune): kept out of random picks.
DEMO_CODES = {"3334", "3160"}
FIXED_STATES = {"3334": Status.DRAFT, "3160": Status.RETURNED}  # Phường Mường Thanh, Xã Mường Nhé (new)
FIXED_BANDS = {("3334", 2020): "fair", ("3334", 2019): "fair"}
DRAFT_SCORED = {"3334": 17}  # criteria already scored by the demo commune that is still in draft
CHRONIC_COUNT = 2  # communes criticised both in 2019 and 2020
DECISIONS = {
    2019: (("98/QĐ-UBND", date(2020, 1, 20)), ("99/QĐ-UBND", date(2020, 1, 20))),
    2020: (("125/QĐ-UBND", date(2021, 1, 25)), ("126/QĐ-UBND", date(2021, 1, 25))),
    2021: (("142/QĐ-UBND", date(2022, 1, 24)), ("143/QĐ-UBND", date(2022, 1, 24))),
    2022: (("118/QĐ-UBND", date(2023, 1, 30)), ("119/QĐ-UBND", date(2023, 1, 30))),
    2023: (("131/QĐ-UBND", date(2024, 1, 29)), ("132/QĐ-UBND", date(2024, 1, 29))),
    2024: (("156/QĐ-UBND", date(2025, 2, 10)), ("157/QĐ-UBND", date(2025, 2, 10))),
    2025: (("210/QĐ-UBND", date(2026, 1, 26)), ("211/QĐ-UBND", date(2026, 1, 26))),
}
REMINDED_AVERAGE = 3  # of 129: the lowest "Trung bình" communes get a reminder (scaled)


@dataclass(frozen=True)
class Unit:
    code: str  # unique within one map
    district_code: str = ""  # "" on the new map
    predecessors: tuple[str, ...] = ()  # codes on the old map, for a new commune


@dataclass(frozen=True)
class Rules:
    """The criteria set as classify() needs it: criterion number -> maximum, and thresholds."""

    maxima: dict[int, Decimal]
    thresholds: Sequence[ThresholdRule]
    tsvm_min_class: str
    tsvm_min_each: Decimal

    def classify(self, scores: dict[int, Decimal], has_violation: bool) -> ClassificationResult:
        return classify(
            scores,
            self.thresholds,
            max_total=sum(self.maxima.values(), Decimal("0")),
            tsvm_min_class=self.tsvm_min_class,
            tsvm_min_each=self.tsvm_min_each,
            has_violation=has_violation,
        )


@dataclass
class ScorePlan:
    number: int
    self_score: Decimal | None = None
    district_score: Decimal | None = None
    final_score: Decimal | None = None
    note: str = ""
    district_comment: str = ""


@dataclass(frozen=True)
class EventPlan:
    at: datetime
    actor: str  # "commune", "reviewer" (the district's, or the province's from 2025) or "province"
    kind: str  # AssessmentEvent.Kind value
    from_status: str = ""
    to_status: str = ""
    number: int | None = None
    field: str = ""
    old_value: str = ""
    new_value: str = ""
    comment: str = ""


@dataclass(frozen=True)
class DecisionPlan:
    kind: str  # ProvinceDecision.Kind value
    number: str
    date: date
    reason: str


@dataclass
class AssessmentPlan:
    code: str
    year: int
    status: str
    band: str
    scores: list[ScorePlan]
    submitted_at: datetime | None = None
    approved_at: datetime | None = None
    finalized_at: datetime | None = None
    decision: DecisionPlan | None = None
    result: ClassificationResult | None = None  # from the final scores, once the district approved
    events: list[EventPlan] = field(default_factory=list)

    @property
    def final_scores(self) -> dict[int, Decimal]:
        return {s.number: s.final_score for s in self.scores}


@dataclass(frozen=True)
class PlanItemPlan:
    number: int
    target_score: Decimal | None
    targets: str = ""
    tasks: str = ""
    responsible_name: str = ""
    solution: str = ""


@dataclass(frozen=True)
class ImprovementPlanPlan:
    code: str
    submitted: bool
    submitted_at: datetime | None
    items: list[PlanItemPlan]


def rng_for(*parts: object) -> random.Random:
    """A generator seeded by the parts (str seeds are hashed with SHA-512: stable across runs)."""
    return random.Random(":".join(str(p) for p in (SEED, *parts)))


def quarter(value: float) -> Decimal:
    return (Decimal(str(value)) / QUARTER).to_integral_value(ROUND_FLOOR) * QUARTER


# --- which band each commune falls in, per year ------------------------------------------------


def qualities(units: Sequence[Unit]) -> dict[str, float]:
    """Each commune's persistent quality: its own level plus its district's."""
    return {u.code: rng_for("quality", u.code).gauss(0, 1) + DISTRICT_EFFECT.get(u.district_code, 0.0) for u in units}


def successor_qualities(units: Sequence[Unit], old: dict[str, float]) -> dict[str, float]:
    """A new commune's quality: the mean of its predecessors', plus a little of its own."""
    return {
        u.code: sum(old[p] for p in u.predecessors) / len(u.predecessors)
        + rng_for("quality", CURRENT_YEAR, u.code).gauss(0, 0.3)
        for u in units
    }


def chronic_codes(quality: dict[str, float]) -> set[str]:
    """The weakest communes, kept at the bottom in 2019 and 2020 so they are criticised twice."""
    candidates = [c for c in sorted(quality, key=lambda c: (quality[c], c)) if c not in DEMO_CODES]
    return set(candidates[:CHRONIC_COUNT])


def repeat_across_merger(units: Sequence[Unit], previous: list[AssessmentPlan]) -> set[str]:
    """One new commune whose predecessor was criticised in the last old-map year: it is kept at the
    bottom of the first new-map year, so it is criticised two years running across the merger."""
    criticised = {p.code for p in previous if p.decision and p.decision.kind == "criticism"}
    found = [u.code for u in units if criticised & set(u.predecessors) and u.code not in DEMO_CODES]
    return set(found[:1])


def year_bands(year: int, quality: dict[str, float], bottom: set[str] = frozenset()) -> dict[str, str]:
    """Rank the communes for ``year`` (quality plus the year's luck; ``bottom`` last) and cut into bands."""

    def latent(code: str) -> float:
        if code in bottom:
            return -100.0
        return quality[code] + rng_for("luck", year, code).gauss(0, 0.45)

    ranked = sorted(quality, key=lambda c: (-latent(c), c))
    bands = {}
    for code, band in zip(ranked, _band_sequence(year, len(ranked)), strict=True):
        bands[code] = FIXED_BANDS.get((code, year), band)
    return bands


def _band_sequence(year: int, n: int) -> list[str]:
    counts = BAND_COUNTS[year]
    total = sum(counts)
    cuts = [round(n * sum(counts[: i + 1]) / total) for i in range(len(counts))]
    return [BANDS[next(i for i, cut in enumerate(cuts) if position < cut)] for position in range(n)]


# --- scores ----------------------------------------------------------------------------------------


def band_scores(band: str, maxima: dict[int, Decimal], rng: random.Random) -> dict[int, Decimal]:
    """Final scores in 0.25 steps whose total and weakest criterion fit ``band``."""
    low, high, cap = BAND_SHAPE[band]
    shortfall = sum(maxima.values(), Decimal("0")) - quarter(rng.uniform(low, high))
    weights = {n: WEAKNESS.get(n, 1.0) * rng.uniform(0.4, 1.6) for n in maxima}
    fixed: dict[int, Decimal] = {}
    if band == "fair":  # Khá but not TSVM: at least one criterion under 15
        weakest = rng.choices(list(weights), weights=list(weights.values()))[0]
        fixed[weakest] = quarter(rng.uniform(5.5, 9.5))
        del weights[weakest]
    rest = _quantize(
        _spread(float(shortfall - sum(fixed.values())), weights, cap), shortfall - sum(fixed.values()), Decimal(cap)
    )
    deficits = {**fixed, **rest}
    return {n: max(Decimal("0"), maxima[n] - deficits[n]) for n in sorted(maxima)}


def _spread(total: float, weights: dict[int, float], cap: float) -> dict[int, float]:
    """Share ``total`` in proportion to ``weights`` with no share above ``cap`` (water filling)."""
    shares, left, open_ = {}, total, dict(weights)
    while open_:
        scale = left / sum(open_.values())
        over = [n for n, w in open_.items() if w * scale > cap]
        if not over:
            shares.update({n: w * scale for n, w in open_.items()})
            break
        for n in over:
            shares[n], left = float(cap), left - cap
            del open_[n]
    return shares


def _quantize(raw: dict[int, float], total: Decimal, cap: Decimal) -> dict[int, Decimal]:
    """Round shares down to 0.25 steps, then hand the missing quarters to the largest remainders."""
    stepped = {n: min(cap, quarter(v)) for n, v in raw.items()}
    missing = int((total - sum(stepped.values(), Decimal("0"))) / QUARTER)
    order = sorted(raw, key=lambda n: (float(stepped[n]) - raw[n], n))
    while missing > 0:
        progressed = False
        for n in order:
            if missing and stepped[n] + QUARTER <= cap:
                stepped[n] += QUARTER
                missing -= 1
                progressed = True
        if not progressed:
            break
    return stepped


def say(year: int, text: str) -> str:
    """A demo text as written in ``year``: without a district level the province appraises."""
    return text if year <= LAST_DISTRICT_YEAR else texts.without_district(text)


def self_note(year: int, number: int, score: Decimal | None, maximum: Decimal) -> str:
    """The commune's explanation for a score below the maximum ("" at the maximum or unscored)."""
    if score is None or score >= maximum:
        return ""
    minor, serious = texts.SELF_NOTES.get(number, ("Còn một số hạn chế.", "Còn nhiều hạn chế."))
    return say(year, minor if maximum - score <= 3 else serious)


def reviewed_scores(
    year: int, final: dict[int, Decimal], maxima: dict[int, Decimal], rng: random.Random
) -> list[ScorePlan]:
    """Scores the reviewer has appraised: the commune scored itself a little higher on a few
    criteria, and the reviewer lowered those with a comment."""
    lowerable = [n for n, s in final.items() if s <= maxima[n] - Decimal("0.5")]
    lowered = set(rng.sample(lowerable, min(len(lowerable), rng.choices([0, 1, 2, 3], [40, 35, 18, 7])[0])))
    rows = []
    for n, score in final.items():
        own = min(maxima[n], score + quarter(rng.uniform(0.5, 2.5))) if n in lowered else score
        comment = say(year, rng.choice(texts.DISTRICT_LOWERED)).format(delta=_pts(own - score)) if own != score else ""
        rows.append(ScorePlan(n, own, score, score, self_note(year, n, own, maxima[n]), comment))
    return rows


def self_scores(
    year: int, final: dict[int, Decimal], maxima: dict[int, Decimal], scored: int | None = None
) -> list[ScorePlan]:
    """Scores the commune entered itself (the first ``scored`` criteria only, when given)."""
    numbers = sorted(final)
    chosen = set(numbers if scored is None else numbers[:scored])
    return [
        ScorePlan(
            n, final[n] if n in chosen else None, note=self_note(year, n, final[n] if n in chosen else None, maxima[n])
        )
        for n in numbers
    ]


def _pts(value: Decimal) -> str:
    text = format(value.normalize(), "f")
    return text.replace(".", ",")


# --- dates and history ------------------------------------------------------------------------------


def _moment(rng: random.Random, year: int, month: int, first: int, last: int) -> datetime:
    day = rng.randint(first, last)
    return datetime(year, month, day, rng.randint(7, 16), rng.choice([0, 10, 15, 25, 30, 40, 45, 50]))


def _submit_events(plan: AssessmentPlan, rng: random.Random, round_trip: bool) -> list[EventPlan]:
    """Submission, and when ``round_trip`` a return with comments and the resubmission."""
    first = _moment(rng, plan.year, 11, 1, 16)
    events = [EventPlan(first, "commune", "transition", Status.DRAFT, Status.SUBMITTED)]
    if round_trip:
        returned_at, again = first + timedelta(days=2, hours=3), first + timedelta(days=4, hours=5)
        numbers = sorted(rng.sample(sorted(s.number for s in plan.scores), 2))
        summary = texts.return_summary(numbers)
        events += [
            EventPlan(returned_at, "reviewer", "transition", Status.SUBMITTED, Status.RETURNED, comment=summary),
            EventPlan(again, "commune", "transition", Status.RETURNED, Status.SUBMITTED),
        ]
    plan.submitted_at = events[-1].at
    return events


def _approve_events(plan: AssessmentPlan, rng: random.Random) -> list[EventPlan]:
    at = max(plan.submitted_at + timedelta(days=1), _moment(rng, plan.year, 11, 18, 30))
    plan.approved_at = at
    changes = [
        EventPlan(
            at,
            "reviewer",
            "score",
            number=s.number,
            field="district_score",
            old_value=str(s.self_score),
            new_value=str(s.district_score),
            comment=s.district_comment,
        )
        for s in plan.scores
        if s.district_score != s.self_score
    ]
    return [*changes, EventPlan(at, "reviewer", "transition", Status.SUBMITTED, Status.DISTRICT_APPROVED)]


def _confirm_events(plan: AssessmentPlan, rng: random.Random) -> list[EventPlan]:
    at = _moment(rng, plan.year, 12, 8, 20)
    plan.finalized_at = at
    summary = f"Xếp loại {plan.result.label}"
    if plan.result.tsvm_eligible:
        summary += " · công nhận Trong sạch, vững mạnh"
    events = [EventPlan(at, "province", "transition", Status.DISTRICT_APPROVED, Status.FINALIZED, comment=summary)]
    if plan.decision:
        kind = "Phê bình" if plan.decision.kind == "criticism" else "Nhắc nhở"
        when = datetime.combine(plan.decision.date, datetime.min.time()).replace(hour=9)
        events.append(
            EventPlan(
                when, "province", "decision", new_value=f"{kind} {plan.decision.number}", comment=plan.decision.reason
            )
        )
    return events


def _self_score_events(plan: AssessmentPlan, rng: random.Random, until: datetime) -> list[EventPlan]:
    """The commune's own score entries in the current year, spread over October and early November."""
    start = datetime(plan.year, 10, 5, 8, 0)
    span = max(1, int((until - start).total_seconds() // 60) - 60)
    return [
        EventPlan(
            start + timedelta(minutes=rng.randrange(span)),
            "commune",
            "score",
            number=s.number,
            field="self_score",
            old_value="",
            new_value=str(s.self_score),
        )
        for s in plan.scores
        if s.self_score is not None
    ]


# --- whole years ------------------------------------------------------------------------------------


def year_decisions(year: int, bands: dict[str, str]) -> dict[str, DecisionPlan]:
    """Criticise every Yếu commune; remind the lowest Trung bình ones and one Khá commune with a
    violation. ``bands`` is in rank order, best first."""
    (criticism_no, criticism_date), (reminder_no, reminder_date) = DECISIONS[year]
    rng = rng_for("decisions", year)
    weak = [c for c, b in bands.items() if b == "weak"]
    average = [c for c, b in bands.items() if b == "average"][-max(1, round(REMINDED_AVERAGE * len(bands) / 129)) :]
    fair = sorted(c for c, b in bands.items() if b == "fair" and c not in DEMO_CODES)
    reminded = average + rng.sample(fair, min(1, len(fair)))
    decisions = {
        c: DecisionPlan("criticism", criticism_no, criticism_date, rng.choice(texts.CRITICISM_REASONS)) for c in weak
    }
    decisions.update(
        {
            c: DecisionPlan("reminder", reminder_no, reminder_date, texts.REMINDER_REASONS[i % 3])
            for i, c in enumerate(reminded)
        }
    )
    return decisions


def finalized_year(year: int, units: Sequence[Unit], bands: dict[str, str], rules: Rules) -> list[AssessmentPlan]:
    """A closed year: every commune submitted, was appraised and confirmed, some after a return."""
    decisions = year_decisions(year, bands)
    plans = []
    for unit in units:
        rng = rng_for("scores", year, unit.code)
        final = band_scores(bands[unit.code], rules.maxima, rng)
        plan = AssessmentPlan(
            unit.code,
            year,
            Status.FINALIZED,
            bands[unit.code],
            reviewed_scores(year, final, rules.maxima, rng),
            decision=decisions.get(unit.code),
        )
        plan.result = rules.classify(plan.final_scores, has_violation=plan.decision is not None)
        plan.events = (
            _submit_events(plan, rng, round_trip=rng.random() < 0.15)
            + _approve_events(plan, rng)
            + _confirm_events(plan, rng)
        )
        plans.append(plan)
    return plans


def year_states(units: Sequence[Unit]) -> dict[str, str]:
    """Where each commune stands in the current year; every state occurs at least ``MIN_PER_STATE`` times."""
    states = {}
    for unit in units:
        drawn = rng_for("state", CURRENT_YEAR, unit.code).choices(list(STATE_WEIGHTS), list(STATE_WEIGHTS.values()))[0]
        states[unit.code] = FIXED_STATES.get(unit.code, drawn)
    spare = [u.code for u in units if u.code not in FIXED_STATES]
    for status in Status:
        while list(states.values()).count(status) < MIN_PER_STATE:
            counts = {s: list(states.values()).count(s) for s in Status}
            movable = next(c for c in spare if states[c] != status and counts[states[c]] > MIN_PER_STATE)
            states[movable] = status
    return states


def current_year(units: Sequence[Unit], bands: dict[str, str], rules: Rules) -> list[AssessmentPlan]:
    """The year in progress: communes in every state of the workflow."""
    states = year_states(units)
    return [_current_plan(unit.code, states[unit.code], bands[unit.code], rules) for unit in units]


def _current_plan(code: str, status: str, band: str, rules: Rules) -> AssessmentPlan:
    year = CURRENT_YEAR
    rng = rng_for("scores", year, code)
    final = band_scores(band, rules.maxima, rng)
    if status in (Status.DISTRICT_APPROVED, Status.FINALIZED):
        scores = reviewed_scores(year, final, rules.maxima, rng)
    else:
        scored = DRAFT_SCORED.get(code, rng.randint(0, 15)) if status == Status.DRAFT else None
        scores = self_scores(year, final, rules.maxima, scored)
    plan = AssessmentPlan(code, year, status, band, scores)
    if status == Status.DRAFT:
        plan.events = _self_score_events(plan, rng, datetime(year, 11, 20, 17))
        return plan
    plan.events = _submit_events(plan, rng, round_trip=status != Status.RETURNED and rng.random() < 0.2)
    plan.events += _self_score_events(plan, rng, plan.events[0].at)
    if status == Status.RETURNED:
        plan.events.append(_return_now(plan, rng))
    if status in (Status.DISTRICT_APPROVED, Status.FINALIZED):
        plan.result = rules.classify(plan.final_scores, has_violation=False)
        plan.events += _approve_events(plan, rng)
    if status == Status.FINALIZED:
        plan.events += _confirm_events(plan, rng)
    return plan


def _return_now(plan: AssessmentPlan, rng: random.Random) -> EventPlan:
    """The reviewer sends the assessment back with a comment on one or two criteria."""
    below = [s for s in plan.scores if s.note] or plan.scores
    chosen = sorted(rng.sample(below, min(len(below), rng.choice([1, 2]))), key=lambda s: s.number)
    for score in chosen:
        score.district_comment = say(plan.year, rng.choice(texts.DISTRICT_RETURN_COMMENTS))
    summary = texts.return_summary([s.number for s in chosen])
    return EventPlan(
        plan.submitted_at + timedelta(days=3, hours=2),
        "reviewer",
        "transition",
        Status.SUBMITTED,
        Status.RETURNED,
        comment=summary,
    )


def improvement_plans(
    year: int, previous: list[AssessmentPlan], maxima: dict[int, Decimal]
) -> list[ImprovementPlanPlan]:
    """``year``'s plans of communes whose previous year requires one (not Tốt with TSVM):
    most sent to the reviewer, some still drafts, some missing."""
    plans = []
    for result_plan in previous:
        result = result_plan.result
        if result.classification == "good" and result.tsvm_eligible:
            continue
        rng = rng_for("plan", year, result_plan.code)
        kind = (
            "draft"
            if result_plan.code in DRAFT_SCORED
            else rng.choices(["submitted", "draft", "missing"], [55, 20, 25])[0]
        )
        if kind != "missing":
            plans.append(_improvement_plan(year, result_plan, maxima, rng, submitted=kind == "submitted"))
    return plans


def _improvement_plan(
    year: int, previous: AssessmentPlan, maxima: dict[int, Decimal], rng: random.Random, submitted: bool
) -> ImprovementPlanPlan:
    filled = len(maxima) if submitted else rng.randint(5, 12)
    items = [
        _plan_item(year, n, previous.final_scores[n], maxima[n], rng) if i < filled else PlanItemPlan(n, None)
        for i, n in enumerate(sorted(maxima))
    ]
    when = datetime(year, 3, rng.randint(15, 31), rng.randint(8, 16), 30) if submitted else None
    return ImprovementPlanPlan(previous.code, submitted, when, items)


def _plan_item(year: int, number: int, last: Decimal, maximum: Decimal, rng: random.Random) -> PlanItemPlan:
    name = rng.choice(texts.OFFICIAL_NAMES)
    if last >= maximum - Decimal("1"):
        target = maximum if last >= maximum - QUARTER else last
        return PlanItemPlan(
            number, target, f"Giữ vững {_pts(target)} điểm.", texts.PLAN_KEEP, name, say(year, texts.PLAN_SOLUTIONS[0])
        )
    target = min(maximum, last + quarter(rng.uniform(0.75, 3.0 if last < 15 else 1.5)))
    return PlanItemPlan(
        number,
        target,
        f"Nâng điểm tiêu thức từ {_pts(last)} lên {_pts(target)} điểm.",
        say(year, texts.PLAN_TASKS.get(number, "")),
        name,
        say(year, rng.choice(texts.PLAN_SOLUTIONS)),
    )


@dataclass
class DemoPlan:
    years: dict[int, list[AssessmentPlan]]
    improvement_plans: dict[int, list[ImprovementPlanPlan]]


def build(old_units: Sequence[Unit], new_units: Sequence[Unit], rules: Rules) -> DemoPlan:
    """The whole demo: 2019-2024 finalized on ``old_units``, 2025 finalized and 2026 in progress on
    ``new_units`` (each naming its predecessors among ``old_units``), and the 2021 and 2026 plans."""
    quality = qualities(old_units)
    chronic = chronic_codes(quality)
    years = {
        year: finalized_year(
            year, old_units, year_bands(year, quality, chronic if year in CHRONIC_YEARS else set()), rules
        )
        for year in OLD_MAP_YEARS
    }
    if new_units:
        new_quality = successor_qualities(new_units, quality)
        repeat = repeat_across_merger(new_units, years[LAST_DISTRICT_YEAR])
        for year in NEW_MAP_FINALIZED:
            years[year] = finalized_year(year, new_units, year_bands(year, new_quality, repeat), rules)
        years[CURRENT_YEAR] = current_year(new_units, year_bands(CURRENT_YEAR, new_quality), rules)
    plans = {year: improvement_plans(year, years[year - 1], rules.maxima) for year in PLAN_YEARS if year in years}
    return DemoPlan(years, plans)
