"""Load on loopback: ``python -m benchmarks.loadtest`` (``make loadtest``).

Starts gunicorn (several workers, production settings, DEBUG off) on a free 127.0.0.1 port against
the benchmark database, then for ``--duration`` seconds commune users read their score page and save
scores (htmx row saves, as the page does), while reviewers read their queue and approve
submissions. Afterwards it checks the database: every save the server acknowledged is there with its
history row, every acknowledged approval too. Prints requests per second, p50/p95/p99 and errors per
kind of request; stops everything it started.

``--scenario`` runs the deadline as it happens (issue 15): every commune of the province with two
users each (two sessions on one assessment, as two clerks would), a few seconds' thinking time,
reviewers reviewing, province staff on the dashboard and one report job running, on the old map
(Điện Biên 2021, 129 communes), the new one (Điện Biên 2026, 45) and a 1,000-commune province (the
first 1,000 communes of the old map, 2021). Each kind of request with a floor (score page, score
save, dashboard: ``benchmarks.run``'s floors, measured in this process before the run) is judged
against p95 < 5x that floor. ``--saturate S`` then drives the same users with no thinking time for S
seconds: the requests per second per core the machine reaches (client and server share the cores).
"""

import argparse
import os
import random
import re
import statistics
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

from benchmarks import env
from benchmarks.client import Browser, Sample

YEAR = 2021
VERSION = re.compile(r'name="c(\d+)-version" value="(\d+)"')
VALUE = re.compile(r'name="c(\d+)-value" value="([^"]*)"')
INPUT = re.compile(r"<input\b[^>]*>")
ATTR = re.compile(r'(name|value|type)="([^"]*)"')


@dataclass(frozen=True)
class Scenario:
    """Whose communes are driven: a year, a province (None: the first ``communes`` of the map) and how
    many users each commune and province has at the keyboard."""

    name: str
    year: int = YEAR
    province: str | None = None  # GSO code
    communes: int | None = None
    per_commune: int = 1
    dashboard_users: int = 0
    report_job: bool = False


SCENARIOS = {
    "old": Scenario("Điện Biên 2021 (old map)", 2021, "11", None, 2, 2, True),
    "new": Scenario("Điện Biên 2026 (new map)", 2026, "11", None, 2, 2, True),
    "large": Scenario("1,000 communes 2021", 2021, None, 1000, 2, 2, True),
}
FLOOR_RATIO = 5  # the deadline target: each request's p95 under 5x its floor


@dataclass
class Settings:
    users: int = 130
    reviewers: int = 10
    duration: float = 60
    think: tuple[float, float] = (0.5, 1.5)
    workers: int | None = None  # None: config/gunicorn.conf.py's (the production server's)
    threads: int | None = None
    max_requests: int = 2000  # per simulated user: the loop is bounded in count as well as in time
    seed: int = 6
    scenario: Scenario = Scenario("commune users of the old map", YEAR)


@dataclass
class Ack:
    assessment_id: int
    number: int
    value: Decimal
    seat: int = 0  # which simulated user saved it: each user's saves are in order, two users' may cross


@dataclass
class CommuneTarget:
    user_id: int
    assessment_id: int
    code: str
    session: str
    page: str
    row: Callable[[int], str]


@dataclass
class ReviewTarget:
    user_id: int
    session: str
    queue: str
    submissions: list[tuple[int, str, str]]  # (assessment id, review page, approve address)


@dataclass
class Outcome:
    samples: list[Sample] = field(default_factory=list)
    acks: list[Ack] = field(default_factory=list)
    approvals: list[int] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, samples: list[Sample], acks: list[Ack] = (), approvals: list[int] = ()) -> None:
        with self.lock:
            self.samples += samples
            self.acks += acks
            self.approvals += approvals


# --- the simulated users -----------------------------------------------------------------------


def points_text(value: Decimal) -> str:
    return format(value.normalize(), "f").replace(".", ",")


class CommuneUser:
    """Reads the score page, then saves one criterion at a time (a fresh value each time)."""

    def __init__(self, base: str, target: CommuneTarget, settings: Settings, deadline: float, rng: random.Random):
        self.browser = Browser(base, cookies={"sessionid": target.session})
        self.target, self.settings, self.deadline, self.rng = target, settings, deadline, rng
        self.versions: dict[int, int] = {}
        self.values: dict[int, str] = {}
        self.acks: list[Ack] = []

    def read_page(self) -> bool:
        answer = self.browser.request("page", "GET", self.target.page)
        if answer is None or answer.status != 200:
            return False
        self.versions = {int(n): int(v) for n, v in VERSION.findall(answer.body)}
        self.values = {int(n): v for n, v in VALUE.findall(answer.body)}
        return bool(self.versions)

    def save(self) -> None:
        number = self.rng.randint(1, 20)
        value = Decimal(self.rng.randint(40, 79)) / 4
        if points_text(value) == self.values.get(number):
            value += Decimal("0.25")
        version = self.versions[number]
        answer = self.browser.request(
            "save",
            "POST",
            self.target.row(number),
            {
                f"c{number}-value": points_text(value),
                f"c{number}-note": "Giải trình của xã (chạy tải)",
                f"c{number}-version": version,
            },
            {"HX-Request": "true"},
        )
        if answer is None or answer.status != 200:
            self.versions = {}  # the outcome is unknown: read the page again before the next save
            return
        saved = {int(n): int(v) for n, v in VERSION.findall(answer.body)}
        if f'id="c{number}-mine"' in answer.body:
            # Refused as stale (the other clerk saved first): the row shows their value and a newer
            # version beside what this user typed. Not an acknowledgement; carry on from their value.
            self.versions[number] = saved.get(number, version)
            self.values = {**self.values, **{int(n): v for n, v in VALUE.findall(answer.body)}}
            return
        if saved.get(number, version) > version:
            self.acks.append(Ack(self.target.assessment_id, number, value, id(self)))
            self.versions[number], self.values[number] = saved[number], points_text(value)

    def run(self, outcome: Outcome) -> None:
        done = 0
        time.sleep(self.rng.uniform(0, self.settings.think[1]))  # users arrive spread out, not all at once
        while time.monotonic() < self.deadline and done < self.settings.max_requests:
            if not self.versions or done % 5 == 4:
                if not self.read_page():
                    time.sleep(0.5)
                    done += 1
                    continue
            else:
                self.save()
            done += 1
            time.sleep(self.rng.uniform(*self.settings.think))
        self.browser.close()
        outcome.add(self.browser.samples, self.acks)


class Reviewer:
    """Reads the district's review queue and approves the submissions one after another."""

    def __init__(self, base: str, target: ReviewTarget, settings: Settings, deadline: float, rng: random.Random):
        self.browser = Browser(base, cookies={"sessionid": target.session})
        self.target, self.settings, self.deadline, self.rng = target, settings, deadline, rng
        self.approved: list[int] = []

    def approve_next(self) -> None:
        assessment_id, page, approve = self.target.submissions.pop(0)
        answer = self.browser.request("review page", "GET", page)
        if answer is None or answer.status != 200:
            return
        fields = review_fields(answer.body)
        result = self.browser.request("approve", "POST", approve, fields)
        # Approved: back to the queue (a refusal sends the reviewer back to the review page).
        if result is not None and result.status == 302 and "/tham-dinh/" in result.location:
            if not result.location.split("?")[0].endswith(page.split("?")[0]):
                self.approved.append(assessment_id)

    def run(self, outcome: Outcome) -> None:
        done = 0
        time.sleep(self.rng.uniform(0, self.settings.think[1]))
        while time.monotonic() < self.deadline and done < self.settings.max_requests:
            if done % 3 == 0 or not self.target.submissions:
                self.browser.request("review queue", "GET", self.target.queue)
            else:
                self.approve_next()
            done += 1
            time.sleep(self.rng.uniform(*self.settings.think) * 2)
        self.browser.close()
        outcome.add(self.browser.samples, approvals=self.approved)


class DashboardUser:
    """Province staff keeping the dashboard open: they read it again every few thinking times."""

    def __init__(self, base: str, session: str, url: str, settings: Settings, deadline: float, rng: random.Random):
        self.browser = Browser(base, cookies={"sessionid": session})
        self.url, self.settings, self.deadline, self.rng = url, settings, deadline, rng

    def run(self, outcome: Outcome) -> None:
        done = 0
        time.sleep(self.rng.uniform(0, self.settings.think[1]))
        while time.monotonic() < self.deadline and done < self.settings.max_requests:
            self.browser.request("dashboard", "GET", self.url)
            done += 1
            time.sleep(self.rng.uniform(*self.settings.think) * 3)
        self.browser.close()
        outcome.add(self.browser.samples)


def review_fields(page: str) -> dict[str, str]:
    """The approve form's inputs as the page shows them (version and the prefilled district scores)."""
    fields = {}
    for tag in INPUT.findall(page):
        attrs = dict(ATTR.findall(tag))
        name = attrs.get("name", "")
        if name == "version" or name.startswith("score_"):
            fields[name] = attrs.get("value", "")
    return fields


# --- preparing the users -----------------------------------------------------------------------


def _session(user) -> str:  # noqa: ANN001 - User
    """A signed-in session for ``user`` stored the way django.contrib.auth.login stores it."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django_otp import DEVICE_ID_SESSION_KEY

    from benchmarks.signin import verified_device_id

    store = SessionStore()
    store[SESSION_KEY] = str(user.pk)
    store[BACKEND_SESSION_KEY] = "communes.accounts.backends.PortalModelBackend"
    store[HASH_SESSION_KEY] = user.get_session_auth_hash()
    store[DEVICE_ID_SESSION_KEY] = verified_device_id(user)  # past the second factor (benchmarks/signin.py)
    store.create()
    return store.session_key


def _year_communes(scenario: Scenario):  # noqa: ANN202 - QuerySet[Commune]
    """The communes the scenario drives: the year's map, its province or its first ``communes``."""
    from communes.models import Commune, year_day

    communes = Commune.objects.valid_on(year_day(scenario.year))
    if scenario.province:
        communes = communes.filter(province__code=scenario.province)
    if scenario.communes:
        communes = Commune.objects.filter(
            pk__in=list(communes.order_by("code").values_list("pk", flat=True)[: scenario.communes])
        )
    return communes


def commune_targets(count: int | None, scenario: Scenario) -> list[CommuneTarget]:
    """Up to ``count`` commune users (None: all) whose assessment of the year they may still edit,
    ``scenario.per_commune`` sessions each."""
    from django.urls import reverse

    from assessment.models import Assessment
    from communes.models import User

    year = scenario.year
    editable = list(
        Assessment.objects.filter(
            year__year=year,
            status__in=["draft", "returned"],
            year__is_locked=False,
            commune__in=_year_communes(scenario),
        )
        .select_related("commune")
        .order_by("commune__code")[:count]
    )
    users: dict[int, object] = {}
    for user in User.objects.filter(role="commune_staff", commune__in=[a.commune_id for a in editable]).order_by("pk"):
        users.setdefault(user.commune_id, user)
    return [
        CommuneTarget(
            users[a.commune_id].pk,
            a.pk,
            a.commune.code,
            _session(users[a.commune_id]),
            reverse("assessment:score-edit", args=[year, a.commune.code]),
            lambda n, code=a.commune.code: reverse("assessment:score-row", args=[year, code, n]),
        )
        for a in editable
        if a.commune_id in users
        for _seat in range(scenario.per_commune)
    ]


def review_targets(count: int, scenario: Scenario) -> list[ReviewTarget]:
    """Reviewers with the most submissions waiting: the districts' (a year with districts) or the
    province reviewers' (without)."""
    from django.db.models import Count
    from django.urls import reverse

    from assessment.models import Assessment, AssessmentYear
    from communes.models import User

    year = scenario.year
    waiting_all = Assessment.objects.filter(year__year=year, status="submitted", commune__in=_year_communes(scenario))
    has_districts = AssessmentYear.objects.filter(year=year, has_district_level=True).exists()
    targets = []
    if has_districts:
        busiest = waiting_all.values("commune__district").annotate(n=Count("pk")).order_by("-n")[:count]
        pairs = []
        for row in busiest:
            reviewer = (
                User.objects.select_related("district")
                .filter(role="district_reviewer", district_id=row["commune__district"])
                .first()
            )
            if reviewer is not None:
                queue = reverse("assessment:review-queue", kwargs={"code": reviewer.district.code}) + f"?nam={year}"
                pairs.append((reviewer, queue, waiting_all.filter(commune__district=reviewer.district)))
    else:
        reviewers = User.objects.filter(role="province_reviewer", review_communes__in=waiting_all.values("commune"))
        pairs = [
            (
                reviewer,
                reverse("assessment:review-queue-province") + f"?nam={year}",
                waiting_all.filter(commune__in=reviewer.review_communes.all()),
            )
            for reviewer in reviewers.distinct().order_by("username")[:count]
        ]
    for reviewer, queue, waiting in pairs:
        targets.append(
            ReviewTarget(
                reviewer.pk,
                _session(reviewer),
                queue,
                [
                    (
                        a.pk,
                        reverse("assessment:review", kwargs={"code": a.commune.code, "year": year}),
                        reverse("assessment:review-approve", kwargs={"code": a.commune.code, "year": year}),
                    )
                    for a in waiting.select_related("commune").order_by("commune__code")
                ],
            )
        )
    return targets


def dashboard_targets(scenario: Scenario) -> list[tuple[str, str]]:
    """(session, dashboard address) of the staff of each province the scenario's communes are in."""
    from django.urls import reverse

    from communes.models import User

    if not scenario.dashboard_users:
        return []
    provinces = set(_year_communes(scenario).values_list("province_id", flat=True))
    staff = User.objects.filter(role="province_staff", province_id__in=provinces).order_by("pk")
    url = reverse("reports:province-dashboard") + f"?nam={scenario.year}"
    return [(_session(user), url) for user in staff for _seat in range(scenario.dashboard_users)]


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Report:
    outcome: Outcome
    seconds: float
    started_at: object  # aware datetime: history rows from here on belong to this run
    check: dict = field(default_factory=dict)
    load_before: float = 0.0
    load_after: float = 0.0
    # Of the machine's CPU during the run: how busy all its cores were, and the simulated users' share.
    cpu_busy: float = 0.0  # 0-1 of every core
    cpu_users: float = 0.0  # 0-1 of every core, this process (the simulated users)
    actors: dict = field(default_factory=dict)
    job: dict = field(default_factory=dict)
    floors: dict = field(default_factory=dict)  # kind of request -> its floor's p95 (ms)
    scenario_name: str = ""
    saturation: float | None = None  # requests per second per core without thinking time

    @property
    def server_errors(self) -> int:
        return sum(1 for s in self.outcome.samples if s.status >= 500)

    @property
    def no_answer(self) -> int:
        return sum(1 for s in self.outcome.samples if s.status == 0)


def drive(base: str, settings: Settings, fault: Callable[[float], None] | None = None) -> Report:
    """Run the users against ``base`` for ``settings.duration`` seconds (a fault, if any, alongside)."""
    from django.db import connections
    from django.utils import timezone

    rng = random.Random(settings.seed)
    scenario = settings.scenario
    communes = commune_targets(settings.users, scenario)
    reviewers = review_targets(settings.reviewers, scenario)
    boards = dashboard_targets(scenario)
    if settings.users and len(communes) < settings.users * scenario.per_commune:
        print(f"note: only {len(communes)} commune users can still edit their {scenario.year} assessment")
    load_before = os.getloadavg()[0]
    busy_before, own_before = machine_cpu_seconds(), time.process_time()
    outcome, started_at, started = Outcome(), timezone.now(), time.monotonic()
    deadline = started + settings.duration
    actors = [CommuneUser(base, t, settings, deadline, random.Random(rng.random())) for t in communes]
    actors += [Reviewer(base, t, settings, deadline, random.Random(rng.random())) for t in reviewers]
    actors += [DashboardUser(base, s, u, settings, deadline, random.Random(rng.random())) for s, u in boards]
    threads = [threading.Thread(target=a.run, args=(outcome,), daemon=True) for a in actors]
    if fault is not None:
        threads.append(threading.Thread(target=fault, args=(started,), daemon=True))
    job: dict = {}
    if scenario.report_job:
        threads.append(threading.Thread(target=_report_job, args=(job,), daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(settings.duration + 120)
    report = Report(
        outcome, time.monotonic() - started, started_at, load_before=load_before, load_after=os.getloadavg()[0]
    )
    capacity = report.seconds * os.cpu_count()
    report.cpu_busy = (machine_cpu_seconds() - busy_before) / capacity
    report.cpu_users = (time.process_time() - own_before) / capacity
    report.actors = {"commune users": len(communes), "reviewers": len(reviewers), "dashboard users": len(boards)}
    report.job = job
    connections.close_all()  # a fault may have cut this process's connection too
    _forget_sessions([t.session for t in communes] + [t.session for t in reviewers] + [s for s, _u in boards])
    return report


def machine_cpu_seconds() -> float:
    """Seconds every core of the machine has spent busy since boot (Linux /proc/stat; 0 elsewhere)."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(v) for v in stat.readline().split()[1:]]
    except OSError:
        return 0.0
    idle = fields[3] + (fields[4] if len(fields) > 4 else 0)  # idle and waiting for I/O
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def _report_job(found: dict) -> None:
    """One province workbook built while the users work (in its own process, as a Celery worker would)."""
    from benchmarks.jobs import memory_in_subprocess

    started = time.monotonic()
    try:
        found.update(memory_in_subprocess("province_workbook_xlsx"))
        found["ok"] = True
    except Exception as exc:  # recorded as the run's problem, not raised in a thread
        found.update(ok=False, error=f"{exc.__class__.__name__}: {exc}")
    found["wall_s"] = time.monotonic() - started


def _forget_sessions(keys: list[str]) -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=keys).delete()


# --- the requests' floors ----------------------------------------------------------------------


def request_floors(scenario: Scenario, targets: list[CommuneTarget]) -> dict[str, float]:
    """The p95 floor (ms) of each kind of request that has one, measured here before the run with
    ``benchmarks.run``'s floors on one of the scenario's communes and its province."""
    from assessment.models import AssessmentYear
    from benchmarks.run import Bench, plan_for
    from communes.models import User

    if not targets:
        return {}
    bench = Bench(plan_for(0, quick=True))
    user = User.objects.select_related("commune").get(pk=targets[0].user_id)
    found = {
        "page": _p95_floor(bench.score_page(user, scenario.year)),
        "save": _p95_floor(bench.score_save(user, scenario.year)),
    }
    staff = User.objects.filter(role="province_staff", province_id=user.commune.province_id).order_by("pk").first()
    if staff is not None:
        from django.test.utils import override_settings
        from django.urls import reverse

        year = AssessmentYear.objects.select_related("criteria_set").get(year=scenario.year)
        with override_settings(ROOT_URLCONF="benchmarks.urls"):
            url = reverse("reports:province-dashboard") + f"?nam={scenario.year}"
            rows = bench._dashboard("dashboard", "", staff, url, year, staff.province_id, 5)
        found["dashboard"] = _p95_floor(rows)
    return found


def _p95_floor(rows: list) -> float:
    return next(r.floor for r in rows if r.name.endswith(" p95") or r.name.endswith("p95"))


# --- checking the database afterwards --------------------------------------------------------------


def check_saves(report: Report) -> dict:
    """Every acknowledged save is the stored value (or a later acknowledged one) with its history row."""
    from assessment.models import AssessmentEvent, CriterionScore

    acks = report.outcome.acks
    ids = {a.assessment_id for a in acks}
    stored = {
        (s.assessment_id, s.criterion.number): s.self_score
        for s in CriterionScore.objects.filter(assessment_id__in=ids).select_related("criterion")
    }
    history: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    for event in (
        AssessmentEvent.objects.filter(assessment_id__in=ids, field="self_score", at__gte=report.started_at)
        .select_related("criterion")
        .order_by("at", "pk")
    ):
        history[(event.assessment_id, event.criterion.number)].append(Decimal(event.new_value))
    acked: dict[tuple[int, int], list[Decimal]] = defaultdict(list)
    by_seat: dict[tuple[int, int, int], list[Decimal]] = defaultdict(list)
    for ack in acks:
        acked[(ack.assessment_id, ack.number)].append(ack.value)
        by_seat[(ack.assessment_id, ack.number, ack.seat)].append(ack.value)
    # Without history: one user's acknowledged saves (sent one after another) are not all in the
    # history in their order. Two users' saves of one row may commit in either order.
    no_history = [key for key, values in by_seat.items() if not _in_order(values, history.get(key[:2], []))]
    # Lost: the stored value is not the history's last word (a later save may have overwritten an
    # acknowledged one only if its history row is there too).
    lost = [key for key in acked if not history.get(key) or stored.get(key) != history[key][-1]]
    events = sum(len(v) for v in history.values())
    return {
        "acknowledged saves": len(acks),
        "history rows": events,
        "lost": len(lost),
        "without history": len(no_history),
        "unacknowledged but stored": events - len(acks),
    }


def _in_order(wanted: list[Decimal], found: list[Decimal]) -> bool:
    """``wanted`` appears in ``found`` in the same order (other rows may sit in between)."""
    remaining = iter(found)
    return all(any(value == seen for seen in remaining) for value in wanted)


def check_approvals(report: Report) -> dict:
    from assessment.models import Assessment, AssessmentEvent

    approved = report.outcome.approvals
    stored = set(Assessment.objects.filter(pk__in=approved, status="district_approved").values_list("pk", flat=True))
    logged = set(
        AssessmentEvent.objects.filter(
            assessment_id__in=approved, kind="transition", to_status="district_approved", at__gte=report.started_at
        ).values_list("assessment_id", flat=True)
    )
    return {
        "acknowledged approvals": len(approved),
        "approvals lost": len(set(approved) - stored),
        "approvals without history": len(set(approved) - logged),
    }


def check_consistency(report: Report) -> dict:
    """Nothing half-written: each score touched in the run shows the value of its latest history row."""
    from assessment.models import AssessmentEvent, CriterionScore

    latest: dict[tuple[int, int], str] = {}
    for assessment_id, criterion_id, value in (
        AssessmentEvent.objects.filter(field="self_score", at__gte=report.started_at)
        .order_by("at", "pk")
        .values_list("assessment_id", "criterion_id", "new_value")
    ):
        latest[(assessment_id, criterion_id)] = value
    scores = {
        (a, c): v
        for a, c, v in CriterionScore.objects.filter(assessment_id__in={a for a, _c in latest}).values_list(
            "assessment_id", "criterion_id", "self_score"
        )
    }
    torn = [key for key, value in latest.items() if scores.get(key) != (Decimal(value) if value else None)]
    return {"scores touched": len(latest), "half-written": len(torn)}


# --- printing ----------------------------------------------------------------------------------


def _pct(values: list[float], pct: float) -> float:
    from benchmarks.measure import percentile

    return percentile(values, pct) if values else 0.0


def summary(report: Report) -> list[dict]:
    """Per kind of request and overall: count, req/s, p50/p95/p99 (ms), errors."""
    groups: dict[str, list[Sample]] = defaultdict(list)
    for sample in report.outcome.samples:
        groups[sample.kind].append(sample)
    groups["all"] = list(report.outcome.samples)
    rows = []
    for kind, samples in groups.items():
        ms = [s.ms for s in samples if s.status]
        statuses = Counter("no answer" if s.status == 0 else f"{s.status // 100}xx" for s in samples)
        rows.append(
            {
                "kind": kind,
                "requests": len(samples),
                "rps": len(samples) / report.seconds,
                "p50": _pct(ms, 50),
                "p95": _pct(ms, 95),
                "p99": _pct(ms, 99),
                "mean": statistics.fmean(ms) if ms else 0.0,
                "statuses": dict(statuses),
            }
        )
    return rows


def print_report(report: Report, settings: Settings) -> None:
    actors = ", ".join(f"{n} {k}" for k, n in report.actors.items()) or (
        f"{settings.users} commune users, {settings.reviewers} reviewers"
    )
    print(
        f"\nload run, {settings.scenario.name}: {actors}, {report.seconds:.0f} s, "
        f"think time {settings.think[0]:g}-{settings.think[1]:g} s, "
        f"gunicorn {_server_shape(settings)}; machine load average "
        f"{report.load_before:.1f} before, {report.load_after:.1f} after ({os.cpu_count()} cores shared by the "
        "server, the simulated users and other processes)\n"
    )
    print(
        f"{'requests':<14} {'count':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} "
        f"{'floor':>7} {'ratio':>6}  statuses"
    )
    for row in summary(report):
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(row["statuses"].items()))
        floor = report.floors.get(row["kind"])
        ratio = f"{row['p95'] / floor:>6.1f}" if floor else f"{'–':>6}"
        print(
            f"{row['kind']:<14} {row['requests']:>7} {row['rps']:>7.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['p99']:>8.1f} {(f'{floor:.1f}' if floor else '–'):>7} {ratio}  {statuses}"
        )
    if report.cpu_busy:
        print(
            f"\nCPU during the run: the {os.cpu_count()} cores were {report.cpu_busy:.0%} busy, "
            f"{report.cpu_users:.1%} of them with the simulated users (this process), the rest the server, "
            "PostgreSQL, the report job and other processes"
        )
    if report.job:
        job = report.job
        print(
            "\nreport job during the run (province workbook): "
            + (
                f"{job.get('seconds', 0):.1f} s, peak {job.get('peak_mb', 0):.0f} MB"
                if job.get("ok")
                else job.get("error", "?")
            )
        )
    print("\nafterwards, in the database:")
    for key, value in report.check.items():
        print(f"  {key}: {value}")


def _server_shape(settings: Settings) -> str:
    from benchmarks.processes import web_defaults

    workers, threads = web_defaults()
    return f"{settings.workers or workers} workers x {settings.threads or threads} threads"


def verdict(report: Report, *, allow_errors: bool = False) -> list[str]:
    """What went wrong (empty when the run kept every acknowledged write and, unless allowed, had no errors)."""
    problems = [
        f"{report.check[k]} {k}"
        for k in ("lost", "without history", "approvals lost", "approvals without history", "half-written")
        if report.check.get(k)
    ]
    if not allow_errors and (report.server_errors or report.no_answer):
        problems.append(f"{report.server_errors} server errors (5xx), {report.no_answer} requests without answer")
    if not report.outcome.acks:
        problems.append("no save was acknowledged at all")
    if report.job and not report.job.get("ok"):
        problems.append(f"the report job failed: {report.job.get('error')}")
    return problems


def missed_targets(report: Report) -> list[str]:
    """The kinds of request whose p95 is over ``FLOOR_RATIO`` times their floor (speed, not loss:
    printed, and in the results, but not the exit status)."""
    missed = []
    for row in summary(report):
        floor = report.floors.get(row["kind"])
        if floor and row["p95"] > FLOOR_RATIO * floor:
            missed.append(f"{row['kind']} p95 {row['p95']:.0f} ms is over {FLOOR_RATIO}x its floor ({floor:.1f} ms)")
    return missed


def run(
    url: str,
    settings: Settings,
    *,
    fault: Callable[[float], None] | None = None,
    extra_env: dict[str, str] | None = None,
    with_floors: bool = False,
) -> Report:
    """Start gunicorn on the benchmark database, drive the users, stop it, check the database
    (``with_floors``: measure the requests' floors first)."""
    from django.db import connections

    from benchmarks.processes import gunicorn

    floors = request_floors(settings.scenario, commune_targets(1, settings.scenario)) if with_floors else {}
    connections.close_all()
    with gunicorn(url, workers=settings.workers, threads=settings.threads, extra_env=extra_env) as base:
        report = drive(base, settings, fault)
    report.floors = floors
    connections.close_all()
    report.check = {**check_saves(report), **check_approvals(report), **check_consistency(report)}
    return report


def result_rows(report: Report, size: int) -> list:
    """The run's figures in the benchmark's result format (names start with the scenario's)."""
    from benchmarks.measure import result

    rows = summary(report)
    overall = next(r for r in rows if r["kind"] == "all")
    saves = next((r for r in rows if r["kind"] == "save"), overall)
    lost = report.check.get("lost", 0) + report.check.get("approvals lost", 0)
    head = f"load {report.scenario_name}: " if report.scenario_name else "load: "
    out = [
        result(f"{head}requests per second", overall["rps"], "req/s", size=size),
        result(f"{head}all requests p95", overall["p95"], "ms", size=size),
        result(f"{head}score save p99", saves["p99"], "ms", size=size),
        result(
            f"{head}server errors", report.server_errors + report.no_answer, "count", size=size, target="0", limit=1
        ),
        result(f"{head}acknowledged writes lost", lost, "count", size=size, target="0", limit=1),
    ]
    for row in rows:
        floor = report.floors.get(row["kind"])
        out.append(
            result(
                f"{head}{row['kind']} p95",
                row["p95"],
                "ms",
                size=size,
                floor=floor,
                target=f"< {FLOOR_RATIO}x floor" if floor else None,
                max_ratio=FLOOR_RATIO if floor else None,
                note=f"p50 {row['p50']:.1f} ms, p99 {row['p99']:.1f} ms, {row['requests']} requests",
            )
        )
    if report.cpu_busy:
        out.append(
            result(
                f"{head}CPU busy",
                100 * report.cpu_busy,
                "%",
                size=size,
                note=f"of every core; {100 * report.cpu_users:.1f} % with the simulated users",
            )
        )
    if report.saturation:
        out.append(
            result(
                f"{head}requests per second per core at saturation",
                report.saturation,
                "req/s",
                size=size,
                note="no thinking time; the simulated users share the cores with the server",
            )
        )
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=None, help="communes driven (default: 130, or all of a scenario)")
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: config/gunicorn.conf.py's)")
    parser.add_argument("--threads", type=int, help="threads per gunicorn worker (default: the same)")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=None,
        metavar=("MIN", "MAX"),
        help="seconds a user waits between requests (uniform); default 0.5-1.5 (a stress pace), "
        "2-6 with --scenario (people at the deadline)",
    )
    parser.add_argument(
        "--scenario", action="append", choices=[*SCENARIOS, "all"], help="the deadline as it happens (see above)"
    )
    parser.add_argument("--saturate", type=float, default=0, help="then S seconds without thinking time")
    parser.add_argument("--size", default="all", help="communes in the benchmark database (see benchmarks.load)")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "loadtest-results.json")
    args = parser.parse_args(argv)
    url = env.database_url()
    env.create_database(url)
    env.configure(url)
    from benchmarks import load
    from benchmarks.measure import table, write
    from communes.models import Commune, year_day

    load.prepare(url, load.parse_size(args.size))
    load.analyze()  # fresh planner statistics, as autovacuum keeps them on a server
    size = Commune.objects.valid_on(year_day(YEAR)).count()
    names = [n for n in SCENARIOS if "all" in args.scenario or n in args.scenario] if args.scenario else [None]
    results, problems, missed = [], [], []
    for name in names:
        scenario = SCENARIOS[name] if name else Settings.scenario
        settings = Settings(
            users=args.users if args.users is not None else (None if name else 130),
            reviewers=args.reviewers,
            duration=args.duration,
            workers=args.workers,
            threads=args.threads,
            think=tuple(args.think or ((2, 6) if name else (0.5, 1.5))),
            scenario=scenario,
        )
        report = run(url, settings, with_floors=bool(name))
        report.scenario_name = name or ""
        if args.saturate:
            fast = Settings(**{**settings.__dict__, "think": (0, 0), "duration": args.saturate, "seed": 7})
            busy = run(url, replace_scenario(fast, job=False))
            report.saturation = len(busy.outcome.samples) / busy.seconds / (os.cpu_count() or 1)
            problems += [f"saturation run: {p}" for p in verdict(busy, allow_errors=True)]
        print_report(report, settings)
        if args.saturate:
            print(f"  saturation: {report.saturation:.1f} requests per second per core")
        problems += [f"{scenario.name}: {p}" for p in verdict(report)]
        missed += [f"{scenario.name}: {p}" for p in missed_targets(report)]
        results += result_rows(report, size)
    write(results, args.output)
    print("\n" + table(results))
    print("\nverdict: " + ("nothing lost, no server error" if not problems else "; ".join(problems)))
    print("targets: " + ("every request within its target" if not missed else "; ".join(missed)))
    return 1 if problems else 0


def replace_scenario(settings: Settings, *, job: bool) -> Settings:
    from dataclasses import replace

    return replace(settings, scenario=replace(settings.scenario, report_job=job))


if __name__ == "__main__":
    sys.exit(main())
