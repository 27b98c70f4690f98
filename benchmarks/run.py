"""The benchmark: ``python -m benchmarks.run --size all`` (``make bench``) or ``--size 150 --quick``.

Loads the benchmark database when it does not hold ``size`` communes yet (``benchmarks.load``),
then measures through Django's full request (test Client: middleware, sessions, templates) and
through the report jobs' services, each figure next to its floor measured in the same run. Both
maps: 2021 on the map with districts (Điện Biên is the province), 2026 on the map without (the
largest new province, by communes, is the province; its rows are its reviewer groups).
Prints a table and writes ``benchmarks/results.json``.
"""

import argparse
import gzip
import os
import statistics
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from benchmarks import env
from benchmarks.signin import sign_in

RESULTS = Path(__file__).resolve().parent / "results.json"
YEAR = 2021
NEW_YEAR = 2026
HOME_PROVINCE = "11"
NEW_MAP = " (new map)"


@dataclass
class BenchUsers:
    province_staff: object
    superuser: object
    commune_staff: object
    reviewer: object
    new_province_staff: object


def largest_new_province():  # noqa: ANN201 - Province
    """The province with the most communes on the map ``NEW_YEAR`` is assessed on."""
    from django.db.models import Count

    from communes.models import Commune, Province, year_day

    row = (
        Commune.objects.valid_on(year_day(NEW_YEAR))
        .values("province")
        .annotate(n=Count("pk"))
        .order_by("-n", "province")
        .first()
    )
    return Province.objects.get(pk=row["province"])


def bench_users() -> BenchUsers:
    """The users the benchmark acts as: Điện Biên's staff, a superuser, the staff of a draft commune and
    its district's reviewer (2021), and the staff of the largest province of the new map."""
    from assessment.models import Assessment
    from communes.models import Role, User

    admin, _created = User.objects.get_or_create(
        username="bench.admin", defaults={"is_superuser": True, "is_staff": True, "role": ""}
    )
    draft = (
        Assessment.objects.filter(year__year=YEAR, status="draft", commune__province__code=HOME_PROVINCE)
        .select_related("commune")
        .order_by("commune__code")
        .first()
    )
    commune = draft.commune if draft else None
    return BenchUsers(
        province_staff=User.objects.select_related("province").get(username=f"tinh.{HOME_PROVINCE}"),
        superuser=admin,
        commune_staff=User.objects.get(username=f"xa.{commune.code}") if commune else None,
        reviewer=User.objects.get(username=f"huyen.{commune.district.code}") if commune else None,
        new_province_staff=User.objects.select_related("province")
        .filter(role=Role.PROVINCE_STAFF, province=largest_new_province())
        .order_by("pk")
        .first(),
    )


@dataclass(frozen=True)
class MapView:
    """One map's figures: the year measured on it, its province and that province's staff."""

    label: str  # appended to the figure's name: "" (the map with districts) or NEW_MAP
    year: object  # AssessmentYear
    province: object
    staff: object


@dataclass
class Plan:
    size: int
    repeat: int
    national_repeat: int
    save_repeat: int


class Bench:
    """Every measurement of one run; each method returns its results."""

    def __init__(self, plan: Plan) -> None:
        from django.test import Client

        from assessment.models import AssessmentYear

        self.plan = plan
        self.users = bench_users()
        self.year = AssessmentYear.objects.select_related("criteria_set").get(year=YEAR)
        self.province = self.users.province_staff.province
        self.new_year = AssessmentYear.objects.select_related("criteria_set").get(year=NEW_YEAR)
        self.maps = [
            MapView("", self.year, self.province, self.users.province_staff),
            MapView(NEW_MAP, self.new_year, self.users.new_province_staff.province, self.users.new_province_staff),
        ]
        self.clients: dict[str, Client] = {}

    def client(self, user) -> object:  # noqa: ANN001
        from django.test import Client

        if user.username not in self.clients:
            client = Client(raise_request_exception=True)
            sign_in(client, user)
            self.clients[user.username] = client
        return self.clients[user.username]

    def get(self, user, url: str) -> Callable[[], object]:  # noqa: ANN001
        client = self.client(user)

        def request() -> object:
            response = client.get(url)
            if response.status_code != 200:
                raise RuntimeError(f"GET {url} answered {response.status_code}")
            return response

        return request

    # --- dashboards -----------------------------------------------------------------------------

    def dashboards(self) -> list:
        from django.test.utils import override_settings
        from django.urls import reverse

        out = []
        with override_settings(ROOT_URLCONF="benchmarks.urls"):
            province_url, national_url = reverse("reports:province-dashboard"), reverse("bench-national-dashboard")
            for view in self.maps:
                out += self._dashboard(
                    "province dashboard",
                    view.label,
                    view.staff,
                    f"{province_url}?nam={view.year.year}",
                    view.year,
                    view.province.pk,
                    self.plan.repeat,
                )
                out += self._dashboard(
                    "national dashboard",
                    view.label,
                    self.users.superuser,
                    f"{national_url}?nam={view.year.year}",
                    view.year,
                    None,
                    self.plan.national_repeat,
                )
            out.append(
                self._request_memory("national dashboard", self.get(self.users.superuser, f"{national_url}?nam={YEAR}"))
            )
        return out

    def _dashboard(
        self,
        name: str,
        label: str,
        user,
        url: str,
        year,
        province_id: int | None,  # noqa: ANN001
        repeat: int,
    ) -> list:
        """A dashboard page and its floor: the raw SQL of its numbers, grouped as the page's rows are,
        plus its template rendered from its context in memory."""
        from benchmarks import floors
        from reports.dashboards import dashboard_charts

        render = floors.RenderFloor(lambda context: dashboard_charts(context["board"]), "its charts")
        render.capture(self.get(user, url))
        board = render.context["board"]
        return self._page(
            name,
            self.get(user, url),
            lambda: floors.dashboard_sql(year, province_id, board.group),
            render,
            repeat,
            note=self._numbers_note(board, year, province_id),
            label=label,
        )

    def _request_memory(self, name: str, request: Callable) -> object:
        """How far one request raises this process's resident memory (what a gunicorn worker would need)."""
        from benchmarks.jobs import peak_mb, reset_peak, rss_mb
        from benchmarks.measure import result

        reset_peak()
        before = rss_mb()
        request()
        return result(
            f"{name} peak memory",
            peak_mb(),
            "MB",
            size=self.plan.size,
            floor=before,
            note="peak RSS of the benchmark process during one request; floor: its RSS before",
        )

    def _page(
        self,
        name: str,
        request: Callable,
        sql: Callable,
        render,  # noqa: ANN001 - floors.RenderFloor
        repeat: int,
        *,
        note: str = "",
        label: str = "",
    ) -> list:
        """A page's size, p95, median and queries next to its floor's: its SQL plus its template
        rendered from the context in memory (``label`` ends each figure's name)."""
        from benchmarks.measure import count_queries, result, timed

        size = self.plan.size

        def floor() -> None:
            sql()
            render.render()

        timing = timed(request, repeat=repeat)
        floor_timing = timed(floor, repeat=repeat)
        sql_timing = timed(sql, repeat=repeat)
        queries = count_queries(request)
        floor_queries = count_queries(sql)
        body = request().content
        parts = [
            note,
            render.note,
            f"of which SQL p95 {sql_timing.p95:.1f} ms",
            f"{len(timing.samples_ms)} timed requests",
        ]
        return [
            result(
                f"{name} size{label}",
                len(gzip.compress(body, 6)) / 1024,
                "KB",
                size=size,
                floor=None,
                target="< 60 KB compressed (a later page)",
                limit=60,
                note=f"{len(body) / 1024:.0f} KB of HTML before compression",
            ),
            result(
                f"{name} p95{label}",
                timing.p95,
                "ms",
                size=size,
                floor=floor_timing.p95,
                target=PAGE_TARGET,
                max_ratio=PAGE_RATIO,
                note="; ".join(filter(None, parts)),
            ),
            result(f"{name} median{label}", timing.median, "ms", size=size, floor=floor_timing.median),
            result(f"{name} queries{label}", queries, "count", size=size, floor=floor_queries),
        ]

    def _numbers_note(self, board, year, province_id: int | None) -> str:  # noqa: ANN001
        """Whether the page's numbers equal the raw SQL's (classes, averages, trends)."""
        from benchmarks import floors

        sql = floors.core_numbers_sql(floors.dashboard_sql(year, province_id, board.group))
        mine = floors.core_numbers_board(board)
        differ = [key for key in ("classes", "averages", "trends") if sql[key] != mine[key]]
        rows = f"{len(board.rows)} rows by {board.group}"
        if board.group not in floors.GROUP_COLUMNS:
            rows += " (compared as totals)"
        return (
            f"numbers equal the SQL floor's ({rows})"
            if not differ
            else (f"numbers DIFFER from the SQL floor: {differ} ({rows})")
        )

    # --- score entry ----------------------------------------------------------------------------

    def score_page(self, user=None, year: int = YEAR) -> list:  # noqa: ANN001 - User
        """The score page of ``user``'s commune (by default a draft commune of 2021) and its floor."""
        from django.urls import reverse

        from benchmarks import floors

        user = user or self.users.commune_staff
        url = reverse("assessment:score-edit", args=[year, user.commune.code])
        render = floors.RenderFloor().capture(self.get(user, url))
        return self._page(
            "score-entry page",
            self.get(user, url),
            lambda: self._score_rows_sql(user.commune_id, year),
            render,
            self.plan.repeat,
        )

    def _score_rows_sql(self, commune_id: int, year: int = YEAR) -> list:
        from django.db import connection

        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT s.id, k.number, k.name, k.max_points, s.self_score, s.note, s.version, s.district_comment,"
                " (SELECT COUNT(*) FROM assessment_evidence e WHERE e.score_id = s.id)"
                " FROM assessment_criterionscore s JOIN assessment_assessment a ON a.id = s.assessment_id"
                " JOIN assessment_assessmentyear y ON y.id = a.year_id"
                " JOIN assessment_criterion k ON k.id = s.criterion_id"
                " WHERE a.commune_id = %s AND y.year = %s ORDER BY k.number",
                [commune_id, year],
            )
            return cursor.fetchall()

    def score_save(self, user=None, year: int = YEAR) -> list:  # noqa: ANN001 - User
        """Saving criterion 1 of ``user``'s commune (by default a draft commune of 2021) and its floor."""
        from django.urls import reverse

        from assessment.models import CriterionScore
        from benchmarks import floors
        from benchmarks.measure import count_queries, result, timed

        user = user or self.users.commune_staff
        client = self.client(user)
        url = reverse("assessment:score-row", args=[year, user.commune.code, 1])
        score = CriterionScore.objects.get(
            assessment__year__year=year, assessment__commune=user.commune, criterion__number=1
        )
        state = {"n": 0}

        def save() -> None:
            state["n"] += 1
            current, version = CriterionScore.objects.values_list("self_score", "version").get(pk=score.pk)
            value = "15,25" if current == 15 else "15"
            response = client.post(
                url,
                {"c1-value": value, "c1-note": "Giải trình đo hiệu năng", "c1-version": version},
                HTTP_HX_REQUEST="true",
            )
            if response.status_code != 200:
                raise RuntimeError(f"score save answered {response.status_code}")

        render = floors.RenderFloor().capture(save)
        before = CriterionScore.objects.get(pk=score.pk).version
        state["n"] = 0
        timing = timed(save, repeat=self.plan.save_repeat)
        queries = count_queries(save)
        saved = CriterionScore.objects.get(pk=score.pk).version - before
        if saved != state["n"]:
            raise RuntimeError(f"{state['n']} saves sent, {saved} stored")

        def floor() -> None:
            self._save_sql(score.pk, user.pk)
            render.render()

        floor_timing = timed(floor, repeat=self.plan.save_repeat)
        size = self.plan.size
        return [
            result(
                "score save p95",
                timing.p95,
                "ms",
                size=size,
                floor=floor_timing.p95,
                target=PAGE_TARGET,
                max_ratio=PAGE_RATIO,
                note="floor: the same row update, history row and version bump in raw SQL, "
                f"+ {render.template.name} (the answer htmx swaps in) rendered from its context in memory",
            ),
            result("score save median", timing.median, "ms", size=size, floor=floor_timing.median),
            result("score save queries", queries, "count", size=size, floor=5),
        ]

    def framework(self) -> list:
        """A view that does nothing behind the same middleware, as the same user (benchmarks.framework)."""
        from benchmarks import framework

        return framework.measure(self)

    def _save_sql(self, score_id: int, user_id: int) -> None:
        from django.db import connection, transaction

        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(
                "SELECT assessment_id, criterion_id, self_score FROM assessment_criterionscore"
                " WHERE id = %s FOR UPDATE",
                [score_id],
            )
            assessment_id, criterion_id, old = cursor.fetchone()
            cursor.execute("SELECT id FROM assessment_assessment WHERE id = %s FOR UPDATE", [assessment_id])
            cursor.execute(
                "UPDATE assessment_criterionscore SET self_score = self_score, version = version + 1,"
                " updated_at = NOW() WHERE id = %s",
                [score_id],
            )
            cursor.execute(
                "INSERT INTO assessment_assessmentevent (assessment_id, actor_id, at, kind, from_status,"
                " to_status, criterion_id, field, old_value, new_value, comment) VALUES"
                " (%s, %s, NOW(), 'score', '', '', %s, 'bench', %s, %s, '')",
                [assessment_id, user_id, criterion_id, str(old), str(old)],
            )
            cursor.execute("UPDATE assessment_assessment SET version = version + 1 WHERE id = %s", [assessment_id])

    # --- report jobs ----------------------------------------------------------------------------

    def jobs(self) -> list:
        from benchmarks.jobs import NATIONAL_XLSX
        from reports.models import ReportKind

        old, new = self.maps
        district = self.users.commune_staff.commune.district
        jobs = [
            (self._pdf_job, ReportKind.PROVINCE_ANNUAL_PDF, "province PDF", None, old),
            (self._xlsx_job, ReportKind.PROVINCE_WORKBOOK_XLSX, "province Excel", None, old),
            (self._xlsx_job, NATIONAL_XLSX, "national Excel", None, old),
            (self._pdf_job, ReportKind.DISTRICT_ANNUAL_PDF, "district annual PDF", district, old),
            (self._pdf_job, ReportKind.DISTRICT_HALF_YEAR_PDF, "district half-year PDF", district, old),
            (self._pdf_job, ReportKind.TERM_SUMMARY_PDF, "term summary PDF", None, old),
            (self._pdf_job, ReportKind.PROVINCE_ANNUAL_PDF, f"province PDF{NEW_MAP}", None, new),
            (self._xlsx_job, ReportKind.PROVINCE_WORKBOOK_XLSX, f"province Excel{NEW_MAP}", None, new),
        ]
        return [
            self._guarded(name, "s", lambda m=method, k=kind, n=name, d=district, v=view: m(k, n, d, v))
            for method, kind, name, district, view in jobs
        ]

    def _guarded(self, name: str, unit: str, measure: Callable[[], object]) -> object:
        """One figure; when it cannot be measured, a row saying why (the other figures still run)."""
        from benchmarks.measure import missing

        try:
            return measure()
        except Exception as exc:  # a job that does not work yet must not hide the others
            return missing(
                name,
                unit,
                size=self.plan.size,
                target=TARGETS.get(name, (unit, MEMORY_TARGET if unit == "MB" else None))[1],
                note=f"not measured: {exc.__class__.__name__}: {str(exc)[:300]}",
            )

    def _run(self, kind: str, view: MapView, district=None):  # noqa: ANN001, ANN202 - JobRun
        from benchmarks.jobs import NATIONAL_XLSX, run_job

        user = self.users.superuser if kind == NATIONAL_XLSX else view.staff
        return run_job(kind, user=user, province=view.province, district=district, year=view.year.year)

    def _timed_job(self, kind: str, view: MapView, district=None) -> tuple:  # noqa: ANN001
        """(the last run, its time, how many runs): the median of up to JOB_RUNS runs, run again while
        they took less than JOB_BUDGET_S in all (a single short run moves by 2x from one benchmark to
        the next, and the first of a kind pays the process's first use of WeasyPrint or openpyxl)."""
        run = self._run(kind, view, district)
        seconds = [run.seconds]
        while sum(seconds) < JOB_BUDGET_S and len(seconds) < JOB_RUNS:
            run = self._run(kind, view, district)
            seconds.append(run.seconds)
        return run, statistics.median(seconds), len(seconds)

    def _pdf_job(self, kind: str, name: str, district, view: MapView) -> object:  # noqa: ANN001
        from benchmarks import floors
        from benchmarks.measure import result

        run, seconds, runs = self._timed_job(kind, view, district)
        with floors.HtmlRecorder() as recorder:
            self._run(kind, view, district)
        floor = _median_seconds(floors.weasyprint_floor(recorder.documents), runs)
        return result(
            name,
            seconds,
            "s",
            size=self.plan.size,
            floor=floor,
            target=PDF_TARGET,
            max_ratio=PDF_RATIO,
            note=f"{len(run.content) // 1024} KB; {_runs_note(runs)}; floor: WeasyPrint alone on the same HTML",
        )

    def _xlsx_job(self, kind: str, name: str, district, view: MapView) -> object:  # noqa: ANN001
        from benchmarks import floors
        from benchmarks.measure import result

        run, seconds, runs = self._timed_job(kind, view, district)
        sheets = floors.workbook_cells(run.content)
        floor = _median_seconds(lambda: floors.openpyxl_floor(sheets), runs)
        count = sum(sheet.cells for sheet in sheets)
        return result(
            name,
            seconds,
            "s",
            size=self.plan.size,
            floor=floor,
            target=XLSX_TARGET,
            max_ratio=XLSX_RATIO,
            note=f"{len(sheets)} sheets, {count:,} cells, {len(run.content) // 1024} KB; {_runs_note(runs)}; "
            "floor: openpyxl write-only, the same cells, number formats and column widths",
        )

    def memory(self) -> list:
        from benchmarks.jobs import NATIONAL_XLSX
        from reports.models import ReportKind

        district = self.users.commune_staff.commune.district.code
        kinds = [
            ReportKind.PROVINCE_ANNUAL_PDF,
            ReportKind.PROVINCE_WORKBOOK_XLSX,
            NATIONAL_XLSX,
            ReportKind.DISTRICT_ANNUAL_PDF,
            ReportKind.DISTRICT_HALF_YEAR_PDF,
            ReportKind.TERM_SUMMARY_PDF,
        ]
        return [
            self._guarded(
                f"peak memory {kind}",
                "MB",
                lambda k=kind: self._memory(k, district if k.startswith("district") else None),
            )
            for kind in kinds
        ]

    def _memory(self, kind: str, district: str | None) -> object:
        from benchmarks.jobs import memory_in_subprocess
        from benchmarks.measure import result

        name = f"peak memory {kind}"
        found = memory_in_subprocess(kind, district)
        return result(
            name,
            found["peak_mb"],
            "MB",
            size=self.plan.size,
            floor=found["baseline_mb"],
            target=MEMORY_TARGET,
            limit=MEMORY_LIMIT_MB,
            note="peak RSS of a fresh process running the job; floor: that process before it",
        )


def _median_seconds(action: Callable[[], object], runs: int) -> float:
    """A floor timed as its job was: the median of ``runs`` runs."""
    from benchmarks import floors

    return statistics.median(floors.seconds(action) for _ in range(runs))


def _runs_note(runs: int) -> str:
    return f"median of {runs} runs, floor too" if runs > 1 else "one run, floor too"


# A job is timed up to JOB_RUNS times while its runs took less than JOB_BUDGET_S seconds in all (the
# national workbook of the whole country: once), and its median kept; its floor the same number of times.
JOB_RUNS, JOB_BUDGET_S = 3, 8.0
# Targets are ratios to the floor measured in the same run (absolute times move by 2x from run to
# run on these shared machines; they are printed as context, with the load average).
PAGE_RATIO, PAGE_TARGET = 1.5, "≤ 1.5× floor (SQL + render)"
PDF_RATIO, PDF_TARGET = 1.3, "≤ 1.3× WeasyPrint, same HTML"
XLSX_RATIO, XLSX_TARGET = 1.3, "≤ 1.3× openpyxl floor"
MEMORY_LIMIT_MB, MEMORY_TARGET = 300, "< 300 MB"
SECTIONS = {
    "dashboards": (
        Bench.dashboards,
        [
            "province dashboard p95",
            "national dashboard p95",
            f"province dashboard p95{NEW_MAP}",
            f"national dashboard p95{NEW_MAP}",
        ],
    ),
    "score page": (Bench.score_page, ["score-entry page p95"]),
    "score save": (Bench.score_save, ["score save p95"]),
    # Context for the two above: Django's request cycle and the middleware alone (no target).
    "framework": (Bench.framework, []),
    "jobs": (
        Bench.jobs,
        ["province PDF", "province Excel", "national Excel", f"province PDF{NEW_MAP}", f"province Excel{NEW_MAP}"],
    ),
    "memory": (Bench.memory, ["peak memory national_xlsx"]),
}
TARGETS = {
    "province dashboard p95": ("ms", PAGE_TARGET),
    "national dashboard p95": ("ms", PAGE_TARGET),
    f"province dashboard p95{NEW_MAP}": ("ms", PAGE_TARGET),
    f"national dashboard p95{NEW_MAP}": ("ms", PAGE_TARGET),
    "score-entry page p95": ("ms", PAGE_TARGET),
    "score save p95": ("ms", PAGE_TARGET),
    "province PDF": ("s", PDF_TARGET),
    f"province PDF{NEW_MAP}": ("s", PDF_TARGET),
    "province Excel": ("s", XLSX_TARGET),
    f"province Excel{NEW_MAP}": ("s", XLSX_TARGET),
    "national Excel": ("s", XLSX_TARGET),
    "peak memory national_xlsx": ("MB", MEMORY_TARGET),
}


def measure_all(bench: Bench, sections: list[str]) -> list:
    """Run each section; a section that fails records its headline figures as not measured, with why."""
    from benchmarks.measure import missing

    results = []
    for name in sections:
        method, headline = SECTIONS[name]
        try:
            results += method(bench)
        except Exception as exc:  # a page or job that does not work yet must not hide the others
            note = f"not measured: {exc.__class__.__name__}: {str(exc)[:200]}"
            results += [
                missing(h, TARGETS[h][0], size=bench.plan.size, target=TARGETS[h][1], note=note) for h in headline
            ]
    return results


def plan_for(size: int, quick: bool) -> Plan:
    if quick:
        return Plan(size, repeat=5, national_repeat=3, save_repeat=10)
    return Plan(size, repeat=20, national_repeat=10, save_repeat=50)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", default="all", help="communes: 'all' (the whole country) or a number")
    parser.add_argument("--quick", action="store_true", help="few repetitions (the CI run)")
    parser.add_argument("--reload", action="store_true", help="load the database again even if it holds size")
    parser.add_argument("--output", type=Path, default=RESULTS)
    parser.add_argument("--only", action="append", choices=list(SECTIONS), help="run only these sections")
    args = parser.parse_args(argv)
    url = env.database_url()
    env.create_database(url)
    env.configure(url)
    from benchmarks import load
    from benchmarks.measure import table, write

    report = load.prepare(url, load.parse_size(args.size), reload=args.reload)
    # Fresh planner statistics, as autovacuum keeps them on a server: earlier runs' thousands of
    # saves on the bench commune would otherwise leave the timeline's estimate at a few rows.
    load.analyze()
    from communes.models import Commune, year_day

    bench = Bench(plan_for(Commune.objects.valid_on(year_day(YEAR)).count(), args.quick))
    load_before = os.getloadavg()[0]
    results = measure_all(bench, args.only or list(SECTIONS))
    if report is not None:
        from benchmarks.measure import result

        results.append(
            result(
                "loading the database",
                sum(report.seconds.values()),
                "s",
                size=bench.plan.size,
                note="; ".join(report.lines()),
            )
        )
    day, new = year_day(NEW_YEAR), bench.maps[1]
    print(
        f"\nbenchmark on {env.database_name(url)}: {bench.plan.size:,} communes with districts (year {YEAR}, "
        f"province {bench.province.name}), {Commune.objects.valid_on(day).count():,} without (year {NEW_YEAR}, "
        f"province {new.province.name}: {Commune.objects.valid_on(day).filter(province=new.province).count()}); "
        f"machine load average {load_before:.1f} at the start, {os.getloadavg()[0]:.1f} at the end "
        f"({os.cpu_count()} cores, shared with other processes: absolute times are context, ratios the targets)\n"
    )
    print(table(results))
    write(results, args.output)
    print(f"\nwritten to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
