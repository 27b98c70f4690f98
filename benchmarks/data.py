"""The benchmark's synthetic data as plain rows: deterministic, so every run loads the same country.

Scores are multiples of 0.25 around a per-commune level; below-maximum scores carry a note; classes
come from the same ``classify()`` the pages use. Nothing here touches the database.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.utils import timezone

from assessment.classification import ThresholdRule, classify

# The map with districts (63 provinces, 10,051 communes, reviewed by district reviewers) ...
YEARS = (2019, 2020, 2021)
CURRENT_YEAR = 2021
# ... and the map of 1 July 2025 (34 provinces, 3,321 communes, no district; province reviewers).
NEW_YEARS = (2025, 2026)
NEW_CURRENT_YEAR = 2026
STEP = Decimal("0.25")
MAX = Decimal("20")
# The current year's workflow states, by commune index modulo 10.
CURRENT_STATES = [
    "draft",
    "draft",
    "returned",
    "submitted",
    "submitted",
    "district_approved",
    "finalized",
    "finalized",
    "finalized",
    "finalized",
]
FAMILY = ["Nguyễn", "Lò", "Quàng", "Lường", "Cà", "Giàng", "Vàng", "Sùng", "Trần", "Lê", "Phạm", "Hoàng"]
MIDDLE = ["Văn", "Thị", "A", "Thị Thu", "Minh", "Đức", "Thanh"]
GIVEN = ["An", "Bình", "Chiến", "Dung", "Hùng", "Lan", "Mai", "Nam", "Pháo", "Sinh", "Tú", "Xuân"]


@dataclass(frozen=True)
class Rules:
    thresholds: list[ThresholdRule]
    max_total: Decimal
    tsvm_min_class: str
    tsvm_min_each: Decimal


def aware(day: date, hour: int = 9) -> datetime:
    return timezone.make_aware(datetime(day.year, day.month, day.day, hour))


def status_for(index: int, year: int) -> str:
    return CURRENT_STATES[index % 10] if year in (CURRENT_YEAR, NEW_CURRENT_YEAR) else "finalized"


def score_values(rng: random.Random, level: float, count: int) -> list[Decimal]:
    """``count`` self scores around ``level``, in steps of 0.25 between 0 and 20."""
    values = []
    for _ in range(count):
        raw = min(20.0, max(0.0, rng.gauss(level, 2.0)))
        values.append((Decimal(round(raw * 4)) * STEP).quantize(Decimal("0.01")))
    return values


def district_values(rng: random.Random, selfs: list[Decimal]) -> list[Decimal]:
    """The district mostly agrees, sometimes takes a quarter or half point off."""
    return [max(Decimal("0"), s - rng.choice([Decimal("0")] * 6 + [STEP, STEP * 2])) for s in selfs]


@dataclass
class AssessmentRows:
    assessment: dict
    scores: list[dict]
    events: list[dict]
    decision: dict | None


def assessment_rows(
    *, rng: random.Random, index: int, year, commune_id: int, criteria: list, rules: Rules, actors: dict
) -> AssessmentRows:
    """One commune's year: the assessment, its 20 scores, its workflow history and any decision."""
    status = status_for(index, year.year)
    selfs = score_values(rng, rng.uniform(14.0, 19.5), len(criteria))
    reviewed = status in ("district_approved", "finalized")
    finals = district_values(rng, selfs) if reviewed else [None] * len(selfs)
    scores = [_score(criterion, s, f, actors, reviewed) for criterion, s, f in zip(criteria, selfs, finals)]
    decision = _decision(rng, year, actors) if status == "finalized" and rng.random() < 0.04 else None
    assessment = _assessment(year, commune_id, status, finals, rules, decision is not None)
    events = _events(year, status, actors)
    return AssessmentRows(assessment, scores, events, decision)


def _score(criterion, self_score: Decimal, final: Decimal | None, actors: dict, reviewed: bool) -> dict:
    return {
        "criterion_id": criterion.pk,
        "self_score": self_score,
        "note": "" if self_score == criterion.max_points else f"Giải trình tiêu thức {criterion.number}: còn hạn chế",
        "district_score": final,
        "final_score": final,
        "district_comment": "",
        "version": 3 if reviewed else 2,
        "updated_by_id": actors["reviewer"] if reviewed else actors["commune"],
    }


def _assessment(year, commune_id: int, status: str, finals: list, rules: Rules, violation: bool) -> dict:
    day = date(year.year, 11, 10)
    row = {
        "year_id": year.pk,
        "commune_id": commune_id,
        "status": status,
        "version": 4,
        "tsvm": False,
        "final_class": "",
        "final_total": None,
        "submitted_at": aware(day) if status not in ("draft",) else None,
        "approved_at": aware(day + timedelta(days=15)) if status in ("district_approved", "finalized") else None,
        "finalized_at": aware(day + timedelta(days=35)) if status == "finalized" else None,
    }
    if status in ("district_approved", "finalized"):
        row["final_total"] = sum(finals, Decimal("0"))
    if status == "finalized":
        result = classify(
            dict(enumerate(finals, 1)),
            rules.thresholds,
            max_total=rules.max_total,
            tsvm_min_class=rules.tsvm_min_class,
            tsvm_min_each=rules.tsvm_min_each,
            has_violation=violation,
        )
        row["final_class"], row["tsvm"] = result.classification, result.tsvm_eligible
    return row


_STEPS = [
    ("draft", "submitted", "commune", 10),
    ("submitted", "district_approved", "reviewer", 25),
    ("district_approved", "finalized", "province", 45),
]
_REACHED = {"draft": 0, "returned": 1, "submitted": 1, "district_approved": 2, "finalized": 3}


def _events(year, status: str, actors: dict) -> list[dict]:
    events = [
        {
            "kind": "transition",
            "from_status": a,
            "to_status": b,
            "actor_id": actors[who],
            "at": aware(date(year.year, 11, 1) + timedelta(days=offset)),
        }
        for a, b, who, offset in _STEPS[: _REACHED[status]]
    ]
    if status == "returned":
        events.append(
            {
                "kind": "transition",
                "from_status": "submitted",
                "to_status": "returned",
                "actor_id": actors["reviewer"],
                "at": aware(date(year.year, 11, 20)),
                "comment": "Đề nghị xã bổ sung minh chứng tiêu thức 3",
            }
        )
    return events


def _decision(rng: random.Random, year, actors: dict) -> dict:
    kind = rng.choice(["criticism", "reminder"])
    return {
        "kind": kind,
        "number": f"{rng.randint(100, 999)}/QĐ-UBND",
        "date": date(year.year, 12, 28),
        "reason": "Chậm nộp báo cáo tự đánh giá",
        "recorded_by_id": actors["province"],
        "recorded_at": aware(date(year.year, 12, 28)),
    }


def roster_rows(
    rng: random.Random, commune_id: int, positions: list, ethnicities: list[int], since: date | None = None
) -> list[tuple[dict, int]]:
    """A commune's officials, one per position: (official row, position id); in a commune that started
    on ``since``, they start there that day."""
    rows = []
    for position in positions:
        name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        rows.append(
            (
                {
                    "commune_id": commune_id,
                    "full_name": name,
                    "gender": rng.choice(["male", "female"]),
                    "date_of_birth": date(rng.randint(1965, 1998), rng.randint(1, 12), rng.randint(1, 28)),
                    "ethnicity_id": rng.choice(ethnicities),
                    "party_member": rng.random() < 0.7,
                    "category": position.category,
                    "status": "serving",
                    "start_date": since or date(rng.randint(2005, 2020), 1, 1),
                    "general_education": 3 if rng.random() < 0.9 else 2,
                    "professional_level": rng.choice([0, 2, 3, 4, 4]),
                    "political_theory": rng.choice([0, 1, 2, 2]),
                    "state_management": rng.choice([0, 1, 1, 2]),
                    "it_level": rng.choice([0, 1, 1, 2]),
                    "foreign_language": rng.choice([0, 0, 1, 2]),
                },
                position.pk,
            )
        )
    return rows


def office_row(rng: random.Random, commune_id: int, year: int) -> dict:
    standard = Decimal(rng.choice([300, 350, 400]))
    return {
        "commune_id": commune_id,
        "year": year,
        "building_solid": rng.random() < 0.8,
        "floor_area_m2": (standard * Decimal(rng.uniform(0.6, 1.2))).quantize(Decimal("0.1")),
        "standard_area_m2": standard,
        "computers": rng.randint(5, 25),
        "has_internet_computers": True,
        "has_printer": rng.random() < 0.95,
        "has_photocopier": rng.random() < 0.6,
        "has_telephone": True,
    }


def procedure_row(rng: random.Random, commune_id: int, year: int) -> dict:
    applicable = rng.randint(90, 130)
    received = rng.randint(200, 2000)
    late = rng.randint(0, received // 50)
    return {
        "commune_id": commune_id,
        "year": year,
        "period": "year",
        "applicable": applicable,
        "posted": applicable - rng.randint(0, 3),
        "received": received,
        "on_time": received - late,
        "late": late,
        "one_stop_status": "proper",
        "uses_iso_9001": rng.random() < 0.5,
        "uses_e_office": rng.random() < 0.8,
    }


def dialogue_row(rng: random.Random, commune_id: int, year: int) -> dict | None:
    """Most communes hold their citizen dialogue conference in December; a few have not reported."""
    if rng.random() < 0.03:
        return None
    raised = rng.randint(5, 40)
    return {
        "commune_id": commune_id,
        "year": year,
        "held_on": date(year, 12, rng.randint(1, 28)),
        "chaired_by": "Chủ tịch UBND xã",
        "participants": rng.randint(60, 250),
        "issues_raised": raised,
        "issues_answered": raised - rng.randint(0, 3 if raised > 3 else 0),
        "summary": "",
    }


def plan_row(rng: random.Random, commune_id: int, year, actor: int | None) -> dict | None:  # noqa: ANN001
    """An improvement plan aimed at a year: most sent to the reviewers, some drafts, some missing."""
    draw = rng.random()
    if draw < 0.1:
        return None
    sent = draw >= 0.15
    return {
        "commune_id": commune_id,
        "year_id": year.pk,
        "status": "submitted" if sent else "draft",
        "version": 2,
        "submitted_at": aware(date(year.year, 3, 30)) if sent else None,
        "submitted_by_id": actor if sent else None,
    }
