"""Load the country into the benchmark database: ``python -m benchmarks.load --size all``.

Units come from the kept GSO packages through ``communes.services.divisions_import`` (both maps: the
one with districts, valid until 30/06/2025, and the one of 01/07/2025 without districts, with each old
commune's successors); then users (commune staff, district reviewers, province reviewers each assigned
a share of a new province's communes, province staff), assessments with 20 scores each on the map of
their year (2019-2021 on the old map, 2025-2026 on the new one), their history, decisions, the office
and procedure figures and a roster of officials per commune, all through COPY.

``--size N`` keeps N communes of the old map, Điện Biên first, then other provinces' communes; the new
map keeps the communes those became (the import loads whole provinces, then the rest is removed).
"""

import argparse
import random
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from benchmarks import env

PASSWORD = "Bench@2021-mat-khau"
SEED = 20211115
HOME = "11"
REVIEW_SHARE = 15  # communes per province reviewer on the new map


@dataclass
class LoadReport:
    size: int
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        counts = ", ".join(f"{k} {v:,}" for k, v in self.counts.items())
        return [f"loaded {self.size:,} communes of the old map in {sum(self.seconds.values()):.1f} s ({steps})", counts]


def pick_communes(size: int | None, home: str = HOME) -> dict[str, list[str]]:
    """Old-map province code -> the codes of its communes to load (``size`` in all; every one when None),
    the home province first."""
    from communes import gso

    provinces = sorted(gso.old_map(), key=lambda p: (p.code != home, int(p.code)))
    chosen, left = {}, size
    for province in provinces:
        codes = [w.code for _district, wards in province.districts for w in wards]
        if left is not None:
            codes, left = codes[:left], left - min(left, len(codes))
        if codes:
            chosen[province.code] = codes
        if left == 0:
            break
    return chosen


def old_map_size(size: int | None) -> int:
    return sum(len(codes) for codes in pick_communes(size).values())


def load_units(size: int | None) -> int:
    """Both maps for the provinces ``size`` reaches; a partial province is trimmed to its share."""
    from communes.services import divisions_import

    picked = pick_communes(size)
    created = divisions_import(province_codes=None if size is None else list(picked)).created["commune"]
    if size is not None:
        created -= trim({code for codes in picked.values() for code in codes})
    return created


def trim(keep: set[str]) -> int:
    """Remove the old-map communes not in ``keep``, the new ones left with no predecessor, and the
    districts and provinces left with no commune; how many communes went."""
    from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune, District, Province

    old = Commune.objects.valid_on(OLD_MAP_LAST_DAY).exclude(code__in=keep)
    removed = old.count()
    old.delete()  # their successions go with them
    orphans = Commune.objects.valid_on(NEW_MAP_FIRST_DAY).filter(successions_in__isnull=True)
    removed += orphans.count()
    orphans.delete()
    District.objects.filter(communes__isnull=True).delete()
    Province.objects.filter(communes__isnull=True, districts__isnull=True).delete()
    return removed


def _timed(report: LoadReport, step: str, action: Callable[[], int | None]) -> None:
    started = time.perf_counter()
    count = action()
    report.seconds[step] = time.perf_counter() - started
    if count is not None:
        report.counts[step] = count


def load(size: int | None) -> LoadReport:
    """Load units, users, assessments and rosters into the (empty, migrated) current database."""
    from communes.models import NEW_MAP_FIRST_DAY, OLD_MAP_LAST_DAY, Commune

    report = LoadReport(size=0)
    _timed(report, "units", lambda: load_units(size))
    report.size = Commune.objects.valid_on(OLD_MAP_LAST_DAY).count()
    report.counts["new map communes"] = Commune.objects.valid_on(NEW_MAP_FIRST_DAY).count()
    _timed(report, "users", load_users)
    _timed(report, "scores", load_assessments)
    _timed(report, "roster", load_roster)
    _timed(report, "profile", load_profile)
    _timed(report, "plans", load_plans)
    _timed(report, "analyze", analyze)
    return report


def load_users() -> int:
    """Commune staff per commune (xa.<code>; xa.<code>.2025 on the new map, whose codes reuse old ones),
    a reviewer per district (huyen.<code>), province reviewers per new province each assigned
    ``REVIEW_SHARE`` communes (thamdinh.<code>.<n>), province staff per province (tinh.<code>; tinh.<code>.2025
    for a province that starts on 01/07/2025), all with the same password hashed once."""
    from django.contrib.auth.hashers import make_password

    from benchmarks import bulk
    from communes.models import Commune, District, Province, User

    hashed = make_password(PASSWORD)
    base = {"password": hashed, "is_active": True, "first_name": "Bench", "last_name": "Người dùng"}
    rows = [
        {**base, "username": _name("tinh", code, since), "role": "province_staff", "province_id": pk}
        for pk, code, since in Province.objects.values_list("pk", "code", "valid_from")
    ]
    rows += [
        {**base, "username": f"huyen.{code}", "role": "district_reviewer", "district_id": pk, "province_id": province}
        for pk, code, province in District.objects.values_list("pk", "code", "province")
    ]
    communes = list(
        Commune.objects.order_by("province", "code").values_list("pk", "code", "district", "province", "valid_from")
    )
    rows += [
        {
            **base,
            "username": _name("xa", code, since),
            "role": "commune_staff",
            "commune_id": pk,
            "district_id": district,
            "province_id": province,
        }
        for pk, code, district, province, since in communes
    ]
    shares = _review_shares([c for c in communes if c[2] is None])
    reviewers = [
        {**base, "username": username, "role": "province_reviewer", "province_id": province}
        for username, province, _communes in shares
    ]
    ids = bulk.insert(User, rows + reviewers)[len(rows) :]
    bulk.insert_m2m(
        User.review_communes.through,
        [(pk, commune) for pk, (_u, _p, assigned) in zip(ids, shares) for commune in assigned],
        ("user_id", "commune_id"),
    )
    return len(rows) + len(reviewers)


def _name(prefix: str, code: str, since: date | None) -> str:
    return f"{prefix}.{code}" if since is None else f"{prefix}.{code}.{since.year}"


def _review_shares(communes: list[tuple]) -> list[tuple[str, int, list[int]]]:
    """(username, province id, assigned commune ids): the new map's communes of each province, in
    code order, shared among reviewers ``REVIEW_SHARE`` at a time."""
    from communes.models import Province

    codes = dict(Province.objects.values_list("pk", "code"))
    by_province: dict[int, list[int]] = {}
    for pk, _code, _district, province, _since in communes:
        by_province.setdefault(province, []).append(pk)
    return [
        (f"thamdinh.{codes[province]}.{n // REVIEW_SHARE + 1}", province, pks[n : n + REVIEW_SHARE])
        for province, pks in by_province.items()
        for n in range(0, len(pks), REVIEW_SHARE)
    ]


def _rules(criteria_set):
    from assessment.classification import ThresholdRule
    from benchmarks.data import Rules

    thresholds = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]
    return Rules(thresholds, criteria_set.max_total, criteria_set.tsvm_min_class, criteria_set.tsvm_min_each)


def _years(criteria_set) -> list:
    """The old map's years (with a district level) and the new map's (without)."""
    from assessment.models import AssessmentYear
    from benchmarks.data import NEW_YEARS, YEARS, aware

    years = []
    for number in YEARS + NEW_YEARS:
        locked = number == YEARS[0]
        year, _ = AssessmentYear.objects.get_or_create(
            year=number,
            defaults={
                "criteria_set": criteria_set,
                "self_deadline": date(number, 11, 15),
                "review_deadline": date(number, 11, 30),
                "confirm_deadline": date(number, 12, 20),
                "has_district_level": number in YEARS,
                "is_locked": locked,
                "locked_at": aware(date(number + 1, 2, 10)) if locked else None,
            },
        )
        years.append(year)
    return years


def _actors() -> Callable:
    """commune row (pk, district, province) -> its staff, its reviewer (the district's, or on the new map
    the province reviewer it is assigned to) and its province's staff."""
    from communes.models import User

    by_unit = {}
    for pk, role, commune, district, province in User.objects.values_list(
        "pk", "role", "commune", "district", "province"
    ):
        key = {
            "commune_staff": ("c", commune),
            "district_reviewer": ("d", district),
            "province_staff": ("p", province),
        }.get(role)
        if key:
            by_unit[key] = pk
    assigned = {
        commune: user for user, commune in User.review_communes.through.objects.values_list("user_id", "commune_id")
    }
    return lambda c: {
        "commune": by_unit.get(("c", c[0])),
        "reviewer": by_unit.get(("d", c[1])) if c[1] else assigned.get(c[0]),
        "province": by_unit.get(("p", c[2])),
    }


def communes_of(number: int) -> list[tuple[int, int | None, int]]:
    """(pk, district, province) of the communes a year is assessed on (those valid on 31/12), by code."""
    from communes.models import Commune, year_day

    return list(Commune.objects.valid_on(year_day(number)).order_by("code").values_list("pk", "district", "province"))


def load_assessments() -> int:
    """Every year's assessments on its map, 20 scores each, their history and decisions."""
    from assessment.models import Assessment, AssessmentEvent, CriterionScore, ProvinceDecision
    from assessment.services.criteria import criteria_set_install_default
    from benchmarks import bulk
    from benchmarks.data import assessment_rows

    criteria_set = criteria_set_install_default()
    criteria = list(criteria_set.criteria.order_by("number"))
    rules, years, actors_of = _rules(criteria_set), _years(criteria_set), _actors()
    rng = random.Random(SEED)
    built = [
        (
            assessment_rows(
                rng=rng, index=i, year=year, commune_id=c[0], criteria=criteria, rules=rules, actors=actors_of(c)
            )
        )
        for year in years
        for i, c in enumerate(communes_of(year.year))
    ]
    ids = bulk.insert(Assessment, [b.assessment for b in built])
    scores, events, decisions = [], [], []
    for pk, b in zip(ids, built, strict=True):
        scores += [{**s, "assessment_id": pk} for s in b.scores]
        events += [{**e, "assessment_id": pk} for e in b.events]
        decisions += [{**b.decision, "assessment_id": pk}] if b.decision else []
    bulk.insert(CriterionScore, scores)
    bulk.insert(AssessmentEvent, events)
    bulk.insert(ProvinceDecision, decisions)
    return len(scores)


def load_roster() -> int:
    """One official per commune position (cadres, civil servants, part-time workers) in every commune of
    both maps: the old communes keep the roster their results were recorded with (drawn first, as
    before), the new ones' officials start on the day the commune does."""
    from benchmarks import bulk
    from benchmarks.data import roster_rows
    from communes.models import OLD_MAP_LAST_DAY, Commune, fold, valid_on_q
    from personnel.models import Ethnicity, Official, Position

    positions = [
        p
        for p in Position.objects.exclude(category="village").order_by("order", "code")
        if p.code != "dia-chinh-do-thi"
    ]
    ethnicities = list(Ethnicity.objects.filter(code__in=["01", "03", "08", "29"]).values_list("pk", flat=True))
    rng = random.Random(SEED + 1)
    old = Commune.objects.valid_on(OLD_MAP_LAST_DAY).order_by("code").values_list("pk", "valid_from")
    new = Commune.objects.exclude(valid_on_q(OLD_MAP_LAST_DAY)).order_by("code").values_list("pk", "valid_from")
    pairs = [pair for pk, since in [*old, *new] for pair in roster_rows(rng, pk, positions, ethnicities, since)]
    folded = {}
    for row, _position in pairs:
        row["search_name"] = folded.setdefault(row["full_name"], fold(row["full_name"]))
    ids = bulk.insert(Official, [row for row, _position in pairs])
    bulk.insert_m2m(
        Official.positions.through,
        [(pk, position) for pk, (_row, position) in zip(ids, pairs)],
        ("official_id", "position_id"),
    )
    return len(ids)


def load_profile() -> int:
    """Office and equipment, administrative procedures and the dialogue conference, every year on its map
    (the old map's rows drawn first, as before the new map was loaded)."""
    from benchmarks.data import NEW_YEARS, YEARS

    return _profile(YEARS, random.Random(SEED + 2)) + _profile(NEW_YEARS, random.Random(SEED + 12))


def _profile(numbers: tuple[int, ...], rng: random.Random) -> int:
    from benchmarks import bulk
    from benchmarks.data import dialogue_row, office_row, procedure_row
    from communes.models import DialogueConference, OfficeRecord, ProcedureStats

    by_year = [(year, [c[0] for c in communes_of(year)]) for year in numbers]
    rows = [office_row(rng, pk, year) for year, ids in by_year for pk in ids]
    bulk.insert(OfficeRecord, rows)
    procedures = [procedure_row(rng, pk, year) for year, ids in by_year for pk in ids]
    bulk.insert(ProcedureStats, procedures)
    dialogues = [row for year, ids in by_year for pk in ids if (row := dialogue_row(rng, pk, year))]
    bulk.insert(DialogueConference, dialogues)
    return len(rows) + len(procedures) + len(dialogues)


def load_plans() -> int:
    """Improvement plans aimed at each map's later years (built on the year before's results)."""
    from assessment.models import AssessmentYear, ImprovementPlan
    from benchmarks import bulk
    from benchmarks.data import NEW_YEARS, YEARS, plan_row
    from communes.models import User

    rng = random.Random(SEED + 3)
    staff = dict(User.objects.filter(role="commune_staff").values_list("commune_id", "pk"))
    years = AssessmentYear.objects.filter(year__in=YEARS[1:] + NEW_YEARS[1:]).order_by("year")
    rows = [
        row for year in years for c in communes_of(year.year) if (row := plan_row(rng, c[0], year, staff.get(c[0])))
    ]
    bulk.insert(ImprovementPlan, rows)
    return len(rows)


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def loaded_size() -> int | None:
    """How many old-map communes the current database holds fully loaded, both maps (None when it is not)."""
    from django.db.utils import DatabaseError

    from assessment.models import Assessment
    from benchmarks.data import NEW_YEARS, YEARS
    from communes.models import OLD_MAP_LAST_DAY, Commune, year_day
    from personnel.models import Official

    try:
        old = Commune.objects.valid_on(OLD_MAP_LAST_DAY).count()
        wanted = sum(Commune.objects.valid_on(year_day(y)).count() for y in YEARS + NEW_YEARS)
        complete = Assessment.objects.count() == wanted and Official.objects.exists()
    except DatabaseError:
        return None
    return old if old and complete else None


def prepare(url: str, size: int | None, *, reload: bool = False, quiet: bool = False) -> LoadReport | None:
    """Make sure the benchmark database at ``url`` holds ``size`` old-map communes (and what they became);
    load it when it does not.

    ``configure()`` must already have pointed Django at ``url``.
    """
    from django.core.management import call_command
    from django.db import connections

    wanted = old_map_size(size)
    if not reload and env.database_exists(url):
        call_command("migrate", verbosity=0, interactive=False)  # apps may have added tables since
        if loaded_size() == wanted:
            return None
    connections.close_all()
    env.create_database(url, drop=True)
    started = time.perf_counter()
    call_command("migrate", verbosity=0, interactive=False)
    migrate_seconds = time.perf_counter() - started
    report = load(size)
    report.seconds = {"migrate": migrate_seconds, **report.seconds}
    if not quiet:
        print("\n".join(report.lines()))
    return report


def parse_size(text: str) -> int | None:
    return None if text == "all" else int(text)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="all", help="old-map communes to load: 'all' (10,051) or a number")
    parser.add_argument("--reload", action="store_true", help="drop and load again even if already loaded")
    args = parser.parse_args(argv)
    url = env.database_url()
    env.create_database(url)
    env.configure(url)
    report = prepare(url, parse_size(args.size), reload=args.reload)
    if report is None:
        print(f"{env.database_name(url)} already holds {args.size} communes (use --reload to load again)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
