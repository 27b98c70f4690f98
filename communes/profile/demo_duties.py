"""Demo data for the plan's other duties: citizens' reception and petitions, the meetings with
village heads and the working rules (every commune, every year the profile seeds), and coaching
visits (about a third of the communes each year, some spanning two quarters).

Deterministic and idempotent like ``communes.profile.demo``: each kind is created only for the
communes that have none for that year.
"""

from datetime import date, timedelta

from django.utils import timezone

from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune
from communes.profile.demo import NEW_MAP_YEARS, OLD_MAP_YEARS, _missing, person_name, rng_for
from communes.profile.models import ALL_MONTHS, CitizenReception, CoachingLevel, CoachingVisit, GovernanceYear
from communes.profile.rules import months_mask

# The assessment demo starts in 2019, a year before the rest of the profile: its duties too.
OLD_YEARS = (2019, *OLD_MAP_YEARS)

TOPICS = [
    "Quy trình tiếp nhận, giải quyết hồ sơ tại Bộ phận Một cửa",
    "Soạn thảo văn bản hành chính theo Nghị định 30/2020/NĐ-CP",
    "Quản lý hộ tịch, chứng thực",
    "Lập dự toán, quyết toán ngân sách xã",
    "Quản lý đất đai, giải quyết tranh chấp đất đai ở cơ sở",
    "Tiếp công dân, giải quyết đơn thư khiếu nại, tố cáo",
]


def _reception(commune: Commune, year: int) -> CitizenReception:
    rng = rng_for(commune, f"reception{year}")
    complaints, denunciations, petitions = rng.randint(0, 6), rng.choice([0, 0, 0, 1, 2]), rng.randint(3, 30)
    received = complaints + denunciations + petitions
    passed = 1 if received and rng.random() < 0.08 else 0
    outstanding = min(rng.choice([0] * 7 + [1, 2, 3]), received - passed)
    resolved = received - passed - outstanding
    sessions = rng.randint(12, 48)
    return CitizenReception(
        commune=commune,
        year=year,
        sessions_total=sessions,
        sessions_by_chair=rng.randint(4, min(sessions, 24)),
        citizens_received=rng.randint(sessions, sessions * 4),
        complaints_received=complaints,
        denunciations_received=denunciations,
        petitions_received=petitions,
        resolved=resolved,
        resolved_on_time=max(resolved - rng.choice([0] * 6 + [1, 2]), 0),
        outstanding=outstanding,
        passed_upward=passed,
    )


def _governance(commune: Commune, year: int, today: date) -> GovernanceYear:
    rng = rng_for(commune, f"governance{year}")
    last_month = 12 if year < today.year else today.month
    months = [m for m in range(1, last_month + 1) if rng.random() < 0.95]
    rules = {}
    for name, share in (("council", 0.97), ("committee", 0.98), ("coordination", 0.9)):
        issued = rng.random() < share
        rules[f"{name}_rules_issued"] = issued
        rules[f"{name}_rules_followed"] = issued and rng.random() < 0.92
    mask = months_mask(months) & ALL_MONTHS
    return GovernanceYear(commune=commune, year=year, meeting_months=mask, **rules)


def _visits(commune: Commune, year: int, today: date) -> list[CoachingVisit]:
    rng = rng_for(commune, f"coaching{year}")
    if rng.random() > 0.35:
        return []
    level = CoachingLevel.DISTRICT if date(year, 12, 31) <= OLD_MAP_LAST_DAY else CoachingLevel.PROVINCE
    unit = (
        f"Phòng Nội vụ {commune.district.name}" if level == CoachingLevel.DISTRICT and commune.district else "Sở Nội vụ"
    )
    visits = []
    for _quarter in range(rng.randint(1, 4)):
        start = date(year, 1, 5) + timedelta(days=rng.randint(0, 330))
        end = start + timedelta(days=rng.choice([4, 7, 9, 14, 16, 20]))
        if end.year != year or start > today:
            continue
        coach, _group = person_name(rng, rng.random() < 0.4)
        visits.append(
            CoachingVisit(
                commune=commune,
                level=level,
                coach=coach,
                coach_unit=unit,
                start_date=start,
                end_date=min(end, today),
                topics=rng.choice(TOPICS),
            )
        )
    return visits


def seed_duties(today: date | None = None) -> list[str]:
    """Reception, meetings and rules, coaching visits for every year the profile seeds (idempotent)."""
    today = today or timezone.localdate()
    communes = list(Commune.objects.select_related("district").order_by("code"))
    old = [c for c in communes if c.is_valid_on(OLD_MAP_LAST_DAY)]
    new = [c for c in communes if c.is_valid_on(NEW_MAP_FIRST_DAY)]
    created = {"reception": 0, "governance": 0, "coaching": 0}
    for year, units in [(y, old) for y in OLD_YEARS] + [(y, new) for y in NEW_MAP_YEARS]:
        if year > today.year:
            continue
        missing = _missing(CitizenReception, units, year=year)
        created["reception"] += len(CitizenReception.objects.bulk_create([_reception(c, year) for c in missing]))
        missing = _missing(GovernanceYear, units, year=year)
        created["governance"] += len(GovernanceYear.objects.bulk_create([_governance(c, year, today) for c in missing]))
        coached = set(
            CoachingVisit.objects.filter(commune__in=units, start_date__year=year).values_list("commune_id", flat=True)
        )
        visits = [v for c in units if c.pk not in coached for v in _visits(c, year, today)]
        created["coaching"] += len(CoachingVisit.objects.bulk_create(visits))
    return [
        f"duties: {created['reception']} reception reports, {created['governance']} meeting and rules records, "
        f"{created['coaching']} coaching visits added"
    ]
