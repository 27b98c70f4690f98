"""Fault scenarios, each printing its outcome: ``python -m benchmarks.faults <scenario>``.

* ``redis-down``: the queue's Redis stops while a user starts a report. A private redis-server on
  a free loopback port is started and stopped (never the machine's Redis on 6379).
* ``worker-killed``: a Celery worker is killed (SIGKILL) in the middle of a report job; a new
  worker starts; the job must end retried or failed with its reason, never stay "running". Celery
  beat runs next to the worker, as in production, with a stale-job limit of STALE_SECONDS.
* ``pg-terminate``: during a load run every database connection of the portal is cut
  (``pg_terminate_backend``) for a few seconds: errors while it lasts, full recovery after,
  nothing half-written. The automated stand-in for a restart.
* ``pg-restart``: the same load with a real ``pg_ctlcluster ... restart`` of the cluster. It stops
  every database on the machine for everyone, so it runs only with ``--yes-restart-the-cluster``.
* ``backup-restore``: ``pg_dump`` of the benchmark database restored into another database gives
  the same dashboard numbers and the same row counts.

Exit status 0 when the portal behaved as it must, 1 otherwise.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from benchmarks import env
from benchmarks.signin import sign_in

SIZE = 150
# worker-killed: a job silent this long is failed by beat's sweep (production: 15 minutes). The
# scenario's jobs report progress every few seconds at most, so a live one is never failed.
STALE_SECONDS = 10


def _setup(broker: str = "") -> str:
    """Django on the benchmark database (loaded with SIZE communes if empty), jobs sent to ``broker``."""
    url = env.database_url()
    env.create_database(url)
    env.configure(url, CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND="")
    from benchmarks import load

    load.prepare(url, load.loaded_size() or SIZE, quiet=True)
    return url


def say(ok: bool, text: str) -> bool:
    print(f"  [{'ok' if ok else 'FAIL'}] {text}")
    return ok


# --- Redis stopped while a user starts a report -----------------------------------------------------


def redis_down() -> bool:
    from benchmarks.processes import private_redis

    with private_redis() as redis:
        _setup(broker=redis.url)
        from django.test import Client
        from django.urls import reverse

        from reports.models import ReportJob

        user = _province_staff()
        client = Client()
        sign_in(client, user)
        print(f"redis-down: private Redis on port {redis.port}, stopped before the user starts a report")
        redis.stop()
        started = time.perf_counter()
        response = client.post(
            reverse("reports:job-list"), {"kind": "province_workbook_xlsx", "year": 2021}, follow=True
        )
        seconds = time.perf_counter() - started
        job = ReportJob.objects.order_by("-pk").first()
        page = response.content.decode()
        checks = [
            say(response.status_code == 200, f"starting the report answers {response.status_code} in {seconds:.1f} s"),
            say(job is not None and job.status == "failed", f"the job is recorded as {job and job.status}"),
            say(
                job is not None and "Redis" in job.error and job.error in page,
                f"the page says why: {job and job.error[:90]!r}",
            ),
            say(client.get(reverse("reports:province-dashboard")).status_code == 200, "the dashboard still works"),
            say(client.get(reverse("reports:job-list")).status_code == 200, "the list of reports still works"),
        ]
        redis.start()
        client.post(reverse("reports:job-retry", args=[job.pk]))
        job.refresh_from_db()
        queued = _queue_length(redis.port)
        checks += [
            say(
                job.status == "queued" and bool(job.task_id),
                f"once Redis is back, “Thử lại” queues the job again ({job.status}, task {job.task_id[:8]})",
            ),
            say(queued >= 1, f"the job's message waits in Redis ({queued} message)"),
        ]
    return all(checks)


def _province_staff():  # noqa: ANN202 - User
    from communes.models import User

    return User.objects.select_related("province").get(username="tinh.11")


def _queue_length(port: int) -> int:
    import redis

    return redis.Redis(host="127.0.0.1", port=port).llen("celery")


# --- a worker killed in the middle of a job ----------------------------------------------------------


def worker_killed(wait: float, cases: list[str]) -> bool:
    """Two crashes: ``pool``: the pool process running the job dies (as the kernel's OOM killer
    would pick it); ``whole``: the whole worker dies (a machine or container stopping)."""
    from benchmarks.processes import private_redis

    with private_redis() as redis:
        url = _setup(broker=redis.url)
        print(f"worker-killed: private Redis on port {redis.port}, one worker, killed while the job runs")
        return all([_kill_during_job(url, redis.url, wait, whole_worker=case == "whole") for case in cases])


def _kill_during_job(url: str, broker: str, wait: float, *, whole_worker: bool) -> bool:
    from benchmarks.processes import celery_beat, celery_worker
    from reports.models import JobStatus, ReportJob
    from reports.services.jobs import report_job_retry, report_job_start

    limit = {"REPORT_JOB_STALE_SECONDS": str(STALE_SECONDS)}
    started = [celery_beat(url, broker, **limit)]
    try:
        started.append(celery_worker(url, broker, **limit))
        user = _province_staff()
        job = report_job_start(actor=user, kind="province_annual_pdf", year=2021, province=user.province, district=None)
        running = _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == JobStatus.RUNNING, 60)
        what = "the whole worker" if whole_worker else "the pool process running the job"
        if whole_worker:
            started[-1].kill()
            started.append(celery_worker(url, broker, **limit))
        else:
            for pid in started[-1].children():
                os.kill(pid, signal.SIGKILL)
        ok = say(running, f"{what} killed (SIGKILL) while the job was running")
        killed = time.monotonic()
        ended = _wait_for(lambda: not ReportJob.objects.get(pk=job.pk).is_active, wait)
        job.refresh_from_db()
        outcome = job.status + (f" ({job.error[:80]!r})" if job.error else "")
        took = f"after {time.monotonic() - killed:.1f} s" if ended else f"{wait:.0f} s later"
        ok = say(
            ended and (job.status == JobStatus.SUCCEEDED or bool(job.error)) and ok,
            f"{took} the job is {outcome}, attempts {job.attempts}",
        )
        if ok and job.status == JobStatus.FAILED:
            report_job_retry(job=job, actor=user)
            built = _wait_for(lambda: ReportJob.objects.get(pk=job.pk).status == JobStatus.SUCCEEDED, 60)
            job.refresh_from_db()
            ok = say(built, f"“Thử lại” builds it on the new worker ({job.status}, attempts {job.attempts})")
        return ok
    finally:
        for process in reversed(started):
            process.stop()


def _wait_for(check, timeout: float) -> bool:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return True
        time.sleep(0.1)
    return False


# --- PostgreSQL connections cut, or the cluster restarted, during load ---------------------------------


def _admin():  # noqa: ANN202 - psycopg2 connection to the maintenance database
    return env.admin_connection(env.database_url())


def terminate_connections(name: str) -> int:
    """Cut every connection to database ``name`` but our own (what a restart does to the portal)."""
    with closing(_admin()) as conn, conn.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = %s AND pid <> pg_backend_pid()",
            [name],
        )
        return cursor.fetchone()[0]


def restart_cluster() -> None:
    version = sorted(os.listdir("/etc/postgresql"))[0]
    subprocess.run(["pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart"], check=True)


def database_fault(*, users: int, duration: float, outage: float, restart: bool) -> bool:
    from benchmarks import loadtest

    url = _setup()
    name = env.database_name(url)
    window: dict[str, float] = {}

    def fault(started: float) -> None:
        time.sleep(duration * 0.3)
        window["from"] = time.monotonic()
        if restart:
            restart_cluster()
        cut = 0
        while time.monotonic() - window["from"] < outage:
            cut += terminate_connections(name)
            time.sleep(0.2)
        window["to"], window["cut"] = time.monotonic(), cut

    what = "restart of the cluster" if restart else f"connections cut for {outage:.0f} s"
    print(f"{'pg-restart' if restart else 'pg-terminate'}: {users} users for {duration:.0f} s, {what}")
    settings = loadtest.Settings(users=users, reviewers=2, duration=duration, think=(0.2, 0.6), workers=2, threads=4)
    report = loadtest.run(url, settings, fault=fault)
    return _judge_database_fault(report, window)


def _judge_database_fault(report, window: dict) -> bool:  # noqa: ANN001 - loadtest.Report
    from benchmarks import loadtest

    failed = [s for s in report.outcome.samples if s.status == 0 or s.status >= 500]
    during = [s for s in failed if window["from"] - 1 <= s.started <= window["to"] + 1]
    after = [s for s in report.outcome.samples if s.started > window["to"] + 5]
    after_failed = [s for s in failed if s.started > window["to"] + 5]
    recovered = max((s.started for s in failed), default=window["to"]) - window["to"]
    problems = loadtest.verdict(report, allow_errors=True)
    print(f"  {window.get('cut', 0)} connections cut; {len(report.outcome.samples)} requests in all")
    return all(
        [
            say(bool(during), f"{len(during)} requests failed while the database was away (5xx or no answer)"),
            say(
                not after_failed,
                f"{len(after)} requests from 5 s after it came back, {len(after_failed)} failed "
                f"(last failure {max(recovered, 0):.1f} s after)",
            ),
            say(
                not problems,
                "nothing lost or half-written: " + ", ".join(f"{k} {v}" for k, v in report.check.items())
                if not problems
                else "; ".join(problems),
            ),
        ]
    )


# --- backup and restore -------------------------------------------------------------------------------


def numbers() -> dict:
    """The dashboard's numbers (Điện Biên and the whole country, on both maps) and every table's row count."""
    from django.apps import apps
    from django.utils import timezone

    from assessment.models import AssessmentYear
    from benchmarks import floors
    from benchmarks.national import NATION, national_communes
    from communes.models import Commune
    from reports import dashboards

    found = {}
    home = _province_staff().province
    for number in (2021, 2026):
        year = AssessmentYear.objects.select_related("criteria_set").get(year=number)
        for label, province, communes in [
            ("province", home, Commune.objects.filter(province=home)),
            ("country", NATION, national_communes(number)),
        ]:
            board = dashboards.province_dashboard(
                province=province, year=year, today=timezone.localdate(), communes=communes
            )
            core = floors.core_numbers_board(board)
            found[f"{label} {number}"] = {
                key: {str(k): str(v) for k, v in sorted(values.items(), key=str)} for key, values in core.items()
            }
    found["rows"] = {m._meta.label: m._default_manager.count() for m in apps.get_models()}
    return found


def _numbers_of(url: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks.faults", "numbers"],
        env=env.child_env(url),
        capture_output=True,
        text=True,
        cwd=env.ROOT,
        timeout=900,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-800:])
    return json.loads(done.stdout.strip().splitlines()[-1])


def backup_restore() -> bool:
    url = _setup()
    from django.db import connections

    connections.close_all()
    restored = env.with_database(url, f"{env.database_name(url)}_restored")
    print(f"backup-restore: pg_dump {env.database_name(url)}, pg_restore into {env.database_name(restored)}")
    with tempfile.TemporaryDirectory() as folder:
        dump = Path(folder) / "backup.dump"
        started = time.perf_counter()
        subprocess.run(["pg_dump", "--format=custom", "--no-owner", f"--file={dump}", _libpq(url)], check=True)
        dumped = time.perf_counter() - started
        env.create_database(restored, drop=True)
        started = time.perf_counter()
        subprocess.run(
            ["pg_restore", "--no-owner", "--exit-on-error", f"--dbname={_libpq(restored)}", str(dump)], check=True
        )
        loaded = time.perf_counter() - started
        size = dump.stat().st_size
    try:
        before, after = _numbers_of(url), _numbers_of(restored)
    finally:
        env.drop_database(restored)
    differ = [k for k in before if before[k] != after.get(k)]
    return all(
        [
            say(True, f"dump {size / 1e6:.1f} MB in {dumped:.1f} s, restored in {loaded:.1f} s"),
            say(
                not differ,
                "dashboard numbers (province and country, both maps) and every table's row count are equal"
                if not differ
                else f"these differ after the restore: {differ}",
            ),
        ]
    )


def _libpq(url: str) -> str:
    return url.replace("postgres://", "postgresql://", 1)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "scenario", choices=["redis-down", "worker-killed", "pg-terminate", "pg-restart", "backup-restore", "numbers"]
    )
    parser.add_argument("--users", type=int, default=20, help="pg-*: simulated commune users")
    parser.add_argument("--duration", type=float, default=20, help="pg-*: seconds of load")
    parser.add_argument("--outage", type=float, default=3, help="pg-*: seconds the connections are cut")
    parser.add_argument("--wait", type=float, default=45, help="worker-killed: seconds to wait for the job")
    parser.add_argument(
        "--kill",
        choices=["pool", "whole"],
        action="append",
        help="worker-killed: kill the pool process, the whole worker (default: both, in turn)",
    )
    parser.add_argument(
        "--yes-restart-the-cluster",
        action="store_true",
        help="pg-restart: really restart the machine's PostgreSQL (stops every database)",
    )
    args = parser.parse_args(argv)
    if args.scenario == "numbers":
        env.configure()
        print(json.dumps(numbers(), sort_keys=True))
        return 0
    if args.scenario == "pg-restart" and not args.yes_restart_the_cluster:
        print("pg-restart restarts the machine's PostgreSQL for every user of it: add --yes-restart-the-cluster")
        return 2
    scenarios = {
        "redis-down": redis_down,
        "worker-killed": lambda: worker_killed(args.wait, args.kill or ["pool", "whole"]),
        "pg-terminate": lambda: database_fault(
            users=args.users, duration=args.duration, outage=args.outage, restart=False
        ),
        "pg-restart": lambda: database_fault(
            users=args.users, duration=args.duration, outage=args.outage, restart=True
        ),
        "backup-restore": backup_restore,
    }
    ok = scenarios[args.scenario]()
    print(f"{args.scenario}: {'passed' if ok else 'FAILED'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
