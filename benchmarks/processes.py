"""Processes the load and fault scenarios start on loopback, and always stop: gunicorn, a private
Redis, a Celery worker. Each runs in its own process group so stopping it stops its children too;
nothing here touches a process it did not start (the machine's Redis on 6379 is left alone).
"""

import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from benchmarks import env

BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class Started:
    name: str
    process: subprocess.Popen
    log: Path

    def alive(self) -> bool:
        return self.process.poll() is None

    def stop(self, timeout: float = 15) -> None:
        """SIGTERM to the process group, SIGKILL if it has not ended after ``timeout`` seconds."""
        if not self.alive():
            return
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(5)

    def kill(self) -> None:
        """SIGKILL to the whole group at once: what a crash or an OOM kill looks like."""
        if self.alive():
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(10)

    def children(self) -> list[int]:
        """Process ids whose parent is this process (e.g. a Celery worker's pool processes)."""
        found = []
        for entry in Path("/proc").iterdir():
            if entry.name.isdigit():
                try:
                    fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                if int(fields[1]) == self.process.pid:
                    found.append(int(entry.name))
        return found

    def tail(self, lines: int = 20) -> str:
        try:
            return "\n".join(self.log.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""


def start(name: str, command: list[str], environment: dict[str, str]) -> Started:
    log = Path(tempfile.mkstemp(prefix=f"portal-{name}-", suffix=".log")[1])
    with log.open("wb") as handle:
        process = subprocess.Popen(
            command, env=environment, cwd=env.ROOT, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
        )
    return Started(name, process, log)


def wait_until(check, *, timeout: float, what: str, started: Started | None = None) -> None:  # noqa: ANN001
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():
            return
        if started is not None and not started.alive():
            raise RuntimeError(f"{what}: the process ended early:\n{started.tail()}")
        time.sleep(0.2)
    raise RuntimeError(f"{what}: not ready after {timeout:.0f} s" + (f":\n{started.tail()}" if started else ""))


def _http_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


# The production web server's settings (workers, threads, preloading): what is measured is what serves.
GUNICORN_CONF = Path(__file__).resolve().parent.parent / "config" / "gunicorn.conf.py"


def web_defaults() -> tuple[int, int]:
    """The workers and threads ``config/gunicorn.conf.py`` gives this machine without overrides."""
    return min(len(os.sched_getaffinity(0)) * 2 + 1, 9), 2


@contextmanager
def gunicorn(
    url: str,
    *,
    workers: int | None = None,
    threads: int | None = None,
    extra_env: dict[str, str] | None = None,
) -> Iterator[str]:
    """The portal under gunicorn on a free loopback port with the production settings and server
    configuration (``workers``/``threads`` override it); yields its base URL."""
    port = free_port()
    default_workers, default_threads = web_defaults()
    command = [
        str(BIN / "gunicorn"),
        "config.wsgi:application",
        "--config",
        str(GUNICORN_CONF),
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(workers or default_workers),
        "--threads",
        str(threads or default_threads),
        "--graceful-timeout",
        "5",
    ]
    server = start("gunicorn", command, env.child_env(url, **(extra_env or {})))
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: _http_ok(f"{base}/dang-nhap/"), timeout=60, what="gunicorn", started=server)
        yield base
    finally:
        server.stop()


def redis_available() -> bool:
    return shutil.which("redis-server") is not None


@contextmanager
def private_redis() -> Iterator["PrivateRedis"]:
    """A Redis of our own on a free loopback port, no persistence; stopped (and only it) afterwards."""
    redis = PrivateRedis(free_port())
    redis.start()
    try:
        yield redis
    finally:
        redis.stop()


@dataclass
class PrivateRedis:
    port: int
    server: Started | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        command = [
            shutil.which("redis-server") or "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(self.port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--daemonize",
            "no",
        ]
        self.server = start(f"redis-{self.port}", command, dict(os.environ))
        wait_until(self.ping, timeout=20, what=f"redis on {self.port}", started=self.server)

    def stop(self) -> None:
        if self.server is not None:
            self.server.stop()
            self.server = None

    def ping(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=1) as conn:
                conn.sendall(b"PING\r\n")
                return conn.recv(16).startswith(b"+PONG")
        except OSError:
            return False


def celery_worker(url: str, broker: str, *, concurrency: int = 1, **extra_env: str) -> Started:
    """A Celery worker for the portal against ``broker`` and the benchmark database."""
    command = [
        str(BIN / "celery"),
        "-A",
        "config",
        "worker",
        "--loglevel",
        "INFO",
        "--concurrency",
        str(concurrency),
        "--pool",
        "prefork",
        "--without-gossip",
        "--without-mingle",
        "--without-heartbeat",
    ]
    worker = start(
        "celery", command, env.child_env(url, CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND="", **extra_env)
    )
    wait_until(lambda: "ready." in worker.tail(200), timeout=60, what="celery worker", started=worker)
    return worker


def celery_beat(url: str, broker: str, **extra_env: str) -> Started:
    """Celery beat for the portal (its own schedule in settings) against ``broker``; its schedule
    file lives in a temporary folder, not in the project."""
    schedule = Path(tempfile.mkdtemp(prefix="portal-beat-")) / "celerybeat-schedule"
    command = [str(BIN / "celery"), "-A", "config", "beat", "--loglevel", "INFO", "--schedule", str(schedule)]
    beat = start("beat", command, env.child_env(url, CELERY_BROKER_URL=broker, CELERY_RESULT_BACKEND="", **extra_env))
    wait_until(lambda: "beat: Starting..." in beat.tail(50), timeout=60, what="celery beat", started=beat)
    return beat
