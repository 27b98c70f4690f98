"""The fault scenarios of ``benchmarks.faults``, each run end to end on the session's benchmark
database. Each prints its outcome (visible with ``pytest -s``) and passes when the portal behaved."""

import shutil

from tests.benchmarks.conftest import missing, run_module


def _needs_redis() -> None:
    if not shutil.which("redis-server"):
        missing("redis-server is not installed: the Redis and Celery scenarios start a private one")


def test_when_redis_is_down_starting_a_report_says_so_and_the_job_can_be_retried(bench_url):
    _needs_redis()
    done = run_module("benchmarks.faults", "redis-down", url=bench_url)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
    assert "[FAIL]" not in done.stdout


def test_a_report_job_whose_pool_process_is_killed_is_run_again(bench_url):
    _needs_redis()
    done = run_module(
        "benchmarks.faults", "worker-killed", "--kill", "pool", "--wait", "45", url=bench_url, timeout=400
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


def test_a_report_job_whose_whole_worker_is_killed_does_not_stay_running(bench_url):
    _needs_redis()
    done = run_module(
        "benchmarks.faults", "worker-killed", "--kill", "whole", "--wait", "30", url=bench_url, timeout=400
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


def test_cutting_the_database_connections_during_load_loses_nothing_and_recovers(bench_url):
    done = run_module(
        "benchmarks.faults",
        "pg-terminate",
        "--users",
        "20",
        "--duration",
        "20",
        "--outage",
        "3",
        url=bench_url,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]


def test_a_restored_backup_gives_the_same_dashboard_numbers(bench_url):
    if not (shutil.which("pg_dump") and shutil.which("pg_restore")):
        missing("pg_dump / pg_restore are not installed (postgresql-client)")
    done = run_module("benchmarks.faults", "backup-restore", url=bench_url, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr[-2000:]
