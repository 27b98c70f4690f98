"""Load the country into the benchmark database: ``python -m benchmarks.load --size all``.

Units come from the GSO list through ``communes.services.divisions_import`` (already bulk); then
one user per unit, three years of assessments with 20 scores each, their history, decisions, the
office and procedure figures and a roster of officials per commune, all through COPY. ``--size N``
keeps Điện Biên first and adds other provinces' communes up to N.
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


@dataclass
class LoadReport:
    size: int
    seconds: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)

    def lines(self) -> list[str]:
        steps = ", ".join(f"{k} {v:.1f} s" for k, v in self.seconds.items())
        counts = ", ".join(f"{k} {v:,}" for k, v in self.counts.items())
        return [f"loaded {self.size:,} communes in {sum(self.seconds.values()):.1f} s ({steps})", counts]


def pick_provinces(size: int | None, home: int = 11) -> list[dict]:
    """The GSO provinces holding ``size`` communes (all when None), the home province first."""
    from communes.services import load_gso_divisions

    provinces = sorted(load_gso_divisions(None), key=lambda p: (p["code"] != home, p["code"]))
    if size is None:
        return provinces
    chosen, left = [], size
    for province in provinces:
        districts = []
        for district in province["districts"]:
            if left <= 0:
                break
            wards = district["wards"][:left]
            left -= len(wards)
            districts.append({**district, "wards": wards})
        if districts:
            chosen.append({**province, "districts": districts})
        if left <= 0:
            break
    return chosen


def _timed(report: LoadReport, step: str, action: Callable[[], int | None]) -> None:
    started = time.perf_counter()
    count = action()
    report.seconds[step] = time.perf_counter() - started
    if count is not None:
        report.counts[step] = count


def load(size: int | None) -> LoadReport:
    """Load units, users, assessments and rosters into the (empty, migrated) current database."""
    from communes.models import Commune
    from communes.services import divisions_import

    report = LoadReport(size=0)
    _timed(report, "units", lambda: divisions_import(provinces=pick_provinces(size)).created["commune"])
    report.size = Commune.objects.count()
    _timed(report, "users", load_users)
    _timed(report, "scores", load_assessments)
    _timed(report, "roster", load_roster)
    _timed(report, "profile", load_profile)
    _timed(report, "plans", load_plans)
    _timed(report, "analyze", analyze)
    return report


def load_users() -> int:
    """One commune staff per commune (xa.<code>), reviewer per district (huyen.<code>), province staff
    per province (tinh.<code>), all with the same password hashed once."""
    from django.contrib.auth.hashers import make_password

    from benchmarks import bulk
    from communes.models import Commune, District, Province, User

    hashed = make_password(PASSWORD)
    base = {"password": hashed, "is_active": True, "first_name": "Bench", "last_name": "Người dùng"}
    rows = [{**base, "username": f"tinh.{p.code}", "role": "province_staff", "province_id": p.pk}
            for p in Province.objects.all()]
    rows += [{**base, "username": f"huyen.{code}", "role": "district_reviewer", "district_id": pk,
              "province_id": province} for pk, code, province in District.objects.values_list("pk", "code", "province")]
    rows += [{**base, "username": f"xa.{code}", "role": "commune_staff", "commune_id": pk, "district_id": district,
              "province_id": province}
             for pk, code, district, province in Commune.objects.values_list("pk", "code", "district", "province")]
    bulk.insert(User, rows)
    return len(rows)


def _rules(criteria_set):
    from benchmarks.data import Rules
    from assessment.classification import ThresholdRule

    thresholds = [ThresholdRule(t.classification, t.min_total, t.min_each) for t in criteria_set.thresholds.all()]
    return Rules(thresholds, criteria_set.max_total, criteria_set.tsvm_min_class, criteria_set.tsvm_min_each)


def _years(criteria_set) -> list:
    from assessment.models import AssessmentYear
    from benchmarks.data import YEARS, aware

    years = []
    for number in YEARS:
        year, _ = AssessmentYear.objects.get_or_create(year=number, defaults={
            "criteria_set": criteria_set, "self_deadline": date(number, 11, 15),
            "review_deadline": date(number, 11, 30), "confirm_deadline": date(number, 12, 20),
            "is_locked": number == YEARS[0], "locked_at": aware(date(number + 1, 2, 10)) if number == YEARS[0] else None})
        years.append(year)
    return years


def _actors() -> Callable:
    from communes.models import User

    by_unit = {}
    for pk, role, commune, district, province in User.objects.values_list("pk", "role", "commune", "district",
                                                                          "province"):
        key = {"commune_staff": ("c", commune), "district_reviewer": ("d", district), "province_staff": ("p", province)}
        by_unit[key[role]] = pk
    return lambda c: {"commune": by_unit.get(("c", c[0])), "reviewer": by_unit.get(("d", c[1])),
                      "province": by_unit.get(("p", c[2]))}


def load_assessments() -> int:
    """Three years of assessments for every commune, 20 scores each, their history and decisions."""
    from assessment.models import Assessment, AssessmentEvent, CriterionScore, ProvinceDecision
    from assessment.services.criteria import criteria_set_install_default
    from benchmarks import bulk
    from benchmarks.data import assessment_rows
    from communes.models import Commune

    criteria_set = criteria_set_install_default()
    criteria = list(criteria_set.criteria.order_by("number"))
    rules, years, actors_of = _rules(criteria_set), _years(criteria_set), _actors()
    communes = list(Commune.objects.order_by("code").values_list("pk", "district", "province"))
    rng = random.Random(SEED)
    built = [(assessment_rows(rng=rng, index=i, year=year, commune_id=c[0], criteria=criteria, rules=rules,
                              actors=actors_of(c)))
             for year in years for i, c in enumerate(communes)]
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
    """One official per commune position (cadres, civil servants, part-time workers) in every commune."""
    from benchmarks import bulk
    from benchmarks.data import roster_rows
    from communes.models import Commune, fold
    from personnel.models import Ethnicity, Official, Position

    positions = [p for p in Position.objects.exclude(category="village").order_by("order", "code")
                 if p.code != "dia-chinh-do-thi"]
    ethnicities = list(Ethnicity.objects.filter(code__in=["01", "03", "08", "29"]).values_list("pk", flat=True))
    rng = random.Random(SEED + 1)
    pairs = [pair for pk in Commune.objects.order_by("code").values_list("pk", flat=True)
             for pair in roster_rows(rng, pk, positions, ethnicities)]
    folded = {}
    for row, _position in pairs:
        row["search_name"] = folded.setdefault(row["full_name"], fold(row["full_name"]))
    ids = bulk.insert(Official, [row for row, _position in pairs])
    bulk.insert_m2m(Official.positions.through, [(pk, position) for pk, (_row, position) in zip(ids, pairs)],
                    ("official_id", "position_id"))
    return len(ids)


def load_profile() -> int:
    """Office and equipment, administrative procedures and the dialogue conference, every commune and year."""
    from benchmarks import bulk
    from benchmarks.data import YEARS, dialogue_row, office_row, procedure_row
    from communes.models import Commune, DialogueConference, OfficeRecord, ProcedureStats

    rng = random.Random(SEED + 2)
    ids = list(Commune.objects.order_by("code").values_list("pk", flat=True))
    rows = [office_row(rng, pk, year) for year in YEARS for pk in ids]
    bulk.insert(OfficeRecord, rows)
    procedures = [procedure_row(rng, pk, year) for year in YEARS for pk in ids]
    bulk.insert(ProcedureStats, procedures)
    dialogues = [row for year in YEARS for pk in ids if (row := dialogue_row(rng, pk, year))]
    bulk.insert(DialogueConference, dialogues)
    return len(rows) + len(procedures) + len(dialogues)


def load_plans() -> int:
    """Improvement plans aimed at the two later years (built on the year before's results)."""
    from assessment.models import AssessmentYear, ImprovementPlan
    from benchmarks import bulk
    from benchmarks.data import YEARS, plan_row
    from communes.models import Commune, User

    rng = random.Random(SEED + 3)
    staff = dict(User.objects.filter(role="commune_staff").values_list("commune_id", "pk"))
    years = list(AssessmentYear.objects.filter(year__in=YEARS[1:]).values_list("pk", flat=True))
    ids = list(Commune.objects.order_by("code").values_list("pk", flat=True))
    rows = [row for year in years for pk in ids if (row := plan_row(rng, pk, year, staff.get(pk)))]
    bulk.insert(ImprovementPlan, rows)
    return len(rows)


def analyze() -> None:
    from django.db import connection

    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def loaded_size() -> int | None:
    """How many communes the current database holds fully loaded (None when it is not)."""
    from django.db.utils import DatabaseError

    from assessment.models import Assessment
    from benchmarks.data import YEARS
    from communes.models import Commune
    from personnel.models import Official

    try:
        communes = Commune.objects.count()
        complete = Assessment.objects.count() == communes * len(YEARS) and Official.objects.exists()
    except DatabaseError:
        return None
    return communes if communes and complete else None


def prepare(url: str, size: int | None, *, reload: bool = False, quiet: bool = False) -> LoadReport | None:
    """Make sure the benchmark database at ``url`` holds ``size`` communes; load it when it does not.

    ``configure()`` must already have pointed Django at ``url``.
    """
    from django.core.management import call_command
    from django.db import connections

    wanted = size if size is not None else sum(
        len(d["wards"]) for p in pick_provinces(None) for d in p["districts"])
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
    parser.add_argument("--size", default="all", help="communes to load: 'all' (about 10,000) or a number")
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
