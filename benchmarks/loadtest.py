"""Bounded load on loopback: ``python -m benchmarks.loadtest`` (``make loadtest``).

Starts gunicorn (several workers, production settings, DEBUG off) on a free 127.0.0.1 port against
the benchmark database, then for ``--duration`` seconds 130 commune users each read their score page
and save scores (htmx row saves, as the page does), while district reviewers read their queue and
approve submissions. Afterwards it checks the database: every save the server acknowledged is
there with its history row, every acknowledged approval too. Prints requests per second,
p50/p95/p99 and errors per kind of request; stops everything it started.
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


@dataclass
class Settings:
    users: int = 130
    reviewers: int = 10
    duration: float = 60
    think: tuple[float, float] = (0.5, 1.5)
    workers: int = 4
    threads: int = 4
    max_requests: int = 2000  # per simulated user: the loop is bounded in count as well as in time
    seed: int = 6


@dataclass
class Ack:
    assessment_id: int
    number: int
    value: Decimal


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
        if saved.get(number, version) > version:
            self.acks.append(Ack(self.target.assessment_id, number, value))
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
        if result is not None and result.status == 302 and "/tham-dinh/huyen/" in result.location:
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


def commune_targets(count: int) -> list[CommuneTarget]:
    """``count`` commune users whose assessment of the year they may still edit."""
    from django.urls import reverse

    from assessment.models import Assessment
    from communes.models import User

    editable = list(
        Assessment.objects.filter(year__year=YEAR, status__in=["draft", "returned"], year__is_locked=False)
        .select_related("commune")
        .order_by("commune__code")[:count]
    )
    users = {
        u.commune_id: u for u in User.objects.filter(role="commune_staff", commune__in=[a.commune_id for a in editable])
    }
    return [
        CommuneTarget(
            users[a.commune_id].pk,
            a.pk,
            a.commune.code,
            _session(users[a.commune_id]),
            reverse("assessment:score-edit", args=[YEAR, a.commune.code]),
            lambda n, code=a.commune.code: reverse("assessment:score-row", args=[YEAR, code, n]),
        )
        for a in editable
        if a.commune_id in users
    ]


def review_targets(count: int) -> list[ReviewTarget]:
    """Reviewers of the ``count`` districts with the most submissions waiting."""
    from django.db.models import Count
    from django.urls import reverse

    from assessment.models import Assessment
    from communes.models import User

    busiest = (
        Assessment.objects.filter(year__year=YEAR, status="submitted")
        .values("commune__district")
        .annotate(n=Count("pk"))
        .order_by("-n")[:count]
    )
    targets = []
    for row in busiest:
        reviewer = (
            User.objects.select_related("district")
            .filter(role="district_reviewer", district_id=row["commune__district"])
            .first()
        )
        if reviewer is None:
            continue
        waiting = (
            Assessment.objects.filter(year__year=YEAR, status="submitted", commune__district=reviewer.district)
            .select_related("commune")
            .order_by("commune__code")
        )
        targets.append(
            ReviewTarget(
                reviewer.pk,
                _session(reviewer),
                reverse("assessment:review-queue", kwargs={"code": reviewer.district.code}) + f"?nam={YEAR}",
                [
                    (
                        a.pk,
                        reverse("assessment:review", kwargs={"code": a.commune.code, "year": YEAR}),
                        reverse("assessment:review-approve", kwargs={"code": a.commune.code, "year": YEAR}),
                    )
                    for a in waiting
                ],
            )
        )
    return targets


# --- the run -----------------------------------------------------------------------------------


@dataclass
class Report:
    outcome: Outcome
    seconds: float
    started_at: object  # aware datetime: history rows from here on belong to this run
    check: dict = field(default_factory=dict)
    load_before: float = 0.0
    load_after: float = 0.0

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
    communes, reviewers = commune_targets(settings.users), review_targets(settings.reviewers)
    if len(communes) < settings.users:
        print(f"note: only {len(communes)} communes can still edit their {YEAR} assessment")
    load_before = os.getloadavg()[0]
    outcome, started_at, started = Outcome(), timezone.now(), time.monotonic()
    deadline = started + settings.duration
    actors = [CommuneUser(base, t, settings, deadline, random.Random(rng.random())) for t in communes]
    actors += [Reviewer(base, t, settings, deadline, random.Random(rng.random())) for t in reviewers]
    threads = [threading.Thread(target=a.run, args=(outcome,), daemon=True) for a in actors]
    if fault is not None:
        threads.append(threading.Thread(target=fault, args=(started,), daemon=True))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(settings.duration + 120)
    report = Report(
        outcome, time.monotonic() - started, started_at, load_before=load_before, load_after=os.getloadavg()[0]
    )
    connections.close_all()  # a fault may have cut this process's connection too
    _forget_sessions([t.session for t in communes] + [t.session for t in reviewers])
    return report


def _forget_sessions(keys: list[str]) -> None:
    from django.contrib.sessions.models import Session

    Session.objects.filter(session_key__in=keys).delete()


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
    for ack in acks:
        acked[(ack.assessment_id, ack.number)].append(ack.value)
    # Lost: the stored value is not the history's last word (a later save may have overwritten an
    # acknowledged one only if its history row is there too).
    no_history = [key for key, values in acked.items() if not _in_order(values, history.get(key, []))]
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
    print(
        f"\nload run: {settings.users} commune users, {settings.reviewers} reviewers, {report.seconds:.0f} s, "
        f"think time {settings.think[0]:g}-{settings.think[1]:g} s, "
        f"gunicorn {settings.workers} workers x {settings.threads} threads; machine load average "
        f"{report.load_before:.1f} before, {report.load_after:.1f} after (other processes share the cores)\n"
    )
    print(f"{'requests':<14} {'count':>7} {'req/s':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8}  statuses")
    for row in summary(report):
        statuses = ", ".join(f"{k} {v}" for k, v in sorted(row["statuses"].items()))
        print(
            f"{row['kind']:<14} {row['requests']:>7} {row['rps']:>7.1f} {row['p50']:>8.1f} {row['p95']:>8.1f} "
            f"{row['p99']:>8.1f}  {statuses}"
        )
    print("\nafterwards, in the database:")
    for key, value in report.check.items():
        print(f"  {key}: {value}")


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
    return problems


def run(
    url: str,
    settings: Settings,
    *,
    fault: Callable[[float], None] | None = None,
    extra_env: dict[str, str] | None = None,
) -> Report:
    """Start gunicorn on the benchmark database, drive the users, stop it, check the database."""
    from django.db import connections

    from benchmarks.processes import gunicorn

    with gunicorn(url, workers=settings.workers, threads=settings.threads, extra_env=extra_env) as base:
        report = drive(base, settings, fault)
    connections.close_all()
    report.check = {**check_saves(report), **check_approvals(report), **check_consistency(report)}
    return report


def result_rows(report: Report, size: int) -> list:
    """The run's figures in the benchmark's result format."""
    from benchmarks.measure import result

    overall = next(r for r in summary(report) if r["kind"] == "all")
    saves = next((r for r in summary(report) if r["kind"] == "save"), overall)
    lost = report.check.get("lost", 0) + report.check.get("approvals lost", 0)
    return [
        result("load: requests per second", overall["rps"], "req/s", size=size),
        result("load: all requests p95", overall["p95"], "ms", size=size),
        result("load: score save p95", saves["p95"], "ms", size=size, target="p95 < 50 ms", limit=50),
        result("load: score save p99", saves["p99"], "ms", size=size),
        result("load: server errors", report.server_errors + report.no_answer, "count", size=size, target="0", limit=1),
        result("load: acknowledged writes lost", lost, "count", size=size, target="0", limit=1),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--users", type=int, default=130)
    parser.add_argument("--reviewers", type=int, default=10)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers")
    parser.add_argument("--threads", type=int, default=4, help="threads per gunicorn worker")
    parser.add_argument(
        "--think",
        type=float,
        nargs=2,
        default=(0.5, 1.5),
        metavar=("MIN", "MAX"),
        help="seconds a user waits between requests (uniform); the default is a stress pace",
    )
    parser.add_argument("--size", default="all", help="communes in the benchmark database (see benchmarks.load)")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "loadtest-results.json")
    args = parser.parse_args(argv)
    url = env.database_url()
    env.create_database(url)
    env.configure(url)
    from benchmarks import load
    from benchmarks.measure import write
    from communes.models import Commune, year_day

    load.prepare(url, load.parse_size(args.size))
    settings = Settings(
        users=args.users,
        reviewers=args.reviewers,
        duration=args.duration,
        workers=args.workers,
        threads=args.threads,
        think=tuple(args.think),
    )
    report = run(url, settings)
    print_report(report, settings)
    write(result_rows(report, Commune.objects.valid_on(year_day(YEAR)).count()), args.output)
    problems = verdict(report)
    print("\nverdict: " + ("nothing lost, no server error" if not problems else "; ".join(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
