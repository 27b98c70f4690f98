"""Report jobs for the benchmark: run one in-process, or in a fresh process to read its peak memory.

``python -m benchmarks.jobs <kind> [--district CODE]`` (kind: a ReportKind value or ``national_xlsx``)
runs one job against the benchmark database and prints one JSON line: wall seconds, the process's
resident memory before the job (Django, WeasyPrint and openpyxl loaded) and its peak.
"""

import argparse
import json
import subprocess
import sys
import time
from dataclasses import dataclass

from benchmarks import env

NATIONAL_XLSX = "national_xlsx"
YEAR = 2021


@dataclass(frozen=True)
class JobRun:
    seconds: float
    content: bytes
    filename: str


def run_job(kind: str, *, user, province, district=None, year: int = YEAR) -> JobRun:  # noqa: ANN001
    """Start one report job through the portal's service (in-process, as without a broker) and wait."""
    from benchmarks.national import national_workbook
    from reports.models import JobStatus, ReportJob
    from reports.services.jobs import report_job_create, report_job_run

    started = time.perf_counter()
    if kind == NATIONAL_XLSX:
        content = national_workbook(user=user, year_number=year)
        return JobRun(time.perf_counter() - started, content, "ca-nuoc.xlsx")
    job = report_job_create(actor=user, kind=kind, year=year, province=province, district=district)
    report_job_run(job_id=job.pk)
    seconds = time.perf_counter() - started
    job = ReportJob.objects.get(pk=job.pk)
    if job.status != JobStatus.SUCCEEDED:
        raise RuntimeError(f"{kind}: job ended {job.status}: {job.error}")
    with job.file.open("rb") as handle:
        content = handle.read()
    job.file.delete(save=False)
    return JobRun(seconds, content, job.filename)


def _status_mb(field: str) -> float:
    """A memory figure of this process from /proc (VmRSS now, VmHWM its peak) in MB.

    Not ``getrusage().ru_maxrss``: after a vfork/exec it can carry the parent's peak."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024
    raise RuntimeError(f"{field} not in /proc/self/status")


def reset_peak() -> None:
    """Start the peak (VmHWM) again from the current size (Linux: clear_refs 5)."""
    try:
        with open("/proc/self/clear_refs", "w", encoding="ascii") as refs:
            refs.write("5")
    except OSError:
        pass


def rss_mb() -> float:
    return _status_mb("VmRSS")


def peak_mb() -> float:
    return _status_mb("VmHWM")


def memory_in_subprocess(kind: str, district: str | None = None, timeout: float = 900) -> dict:
    """Run the job in a fresh process on the benchmark database; its JSON report."""
    command = [sys.executable, "-m", "benchmarks.jobs", kind] + (["--district", district] if district else [])
    done = subprocess.run(
        command, env=env.child_env(), capture_output=True, text=True, timeout=timeout, cwd=env.ROOT, check=False
    )
    if done.returncode != 0:
        last = [line for line in done.stderr.strip().splitlines() if line.strip()][-1:] or ["no output"]
        raise RuntimeError(f"{kind} in a subprocess failed: {last[0][:300]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run one report job and print its time and peak memory.")
    parser.add_argument("kind")
    parser.add_argument("--district", default=None)
    args = parser.parse_args(argv)
    env.configure()
    import openpyxl  # noqa: F401 - loaded before the baseline, like in a worker
    import weasyprint  # noqa: F401

    from benchmarks.run import bench_users
    from communes.models import OLD_MAP_LAST_DAY, District

    users = bench_users()
    province = users.province_staff.province
    district = District.objects.valid_on(OLD_MAP_LAST_DAY).get(code=args.district) if args.district else None
    reset_peak()
    baseline = rss_mb()
    user = users.superuser if args.kind == NATIONAL_XLSX else users.province_staff
    run = run_job(args.kind, user=user, province=province, district=district)
    print(
        json.dumps(
            {
                "kind": args.kind,
                "seconds": run.seconds,
                "baseline_mb": baseline,
                "peak_mb": peak_mb(),
                "bytes": len(run.content),
            }
        )
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
