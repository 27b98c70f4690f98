"""Timing, query counting and the result rows written to ``benchmarks/results.json``."""

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path

KEYS = ("name", "value", "unit", "floor", "ratio", "target", "met", "size")


@dataclass
class Result:
    """One figure: ``value`` against its ``floor`` (same unit) and its ``target`` (words; None = no target).

    ``met`` is True/False when there is a target and None when the figure is for information.
    """

    name: str
    value: float | None
    unit: str
    floor: float | None
    ratio: float | None
    target: str | None
    met: bool | None
    size: int
    note: str = ""

    def as_json(self) -> dict:
        return asdict(self)


def result(
    name: str,
    value: float | None,
    unit: str,
    *,
    size: int,
    floor: float | None = None,
    target: str | None = None,
    limit: float | None = None,
    max_ratio: float | None = None,
    note: str = "",
) -> Result:
    """A result; ``met`` checks ``value < limit`` and ``ratio <= max_ratio`` where they are given."""
    ratio = round(value / floor, 2) if value is not None and floor else None
    met = None
    if target is not None:
        met = (
            value is not None
            and (limit is None or value < limit)
            and (max_ratio is None or (ratio is not None and ratio <= max_ratio))
        )
    return Result(name, _round(value), unit, _round(floor), ratio, target, met, size, note)


def missing(name: str, unit: str, *, size: int, target: str | None, note: str) -> Result:
    """A figure that could not be measured (the page or job does not exist yet, or it failed)."""
    return Result(name, None, unit, None, None, target, False if target else None, size, note)


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 3 if value < 10 else 1)


def percentile(samples: list[float], pct: float) -> float:
    """Nearest-rank percentile (p95 of 20 samples is the 19th smallest)."""
    ordered = sorted(samples)
    rank = max(1, -(-len(ordered) * pct // 100))
    return ordered[int(rank) - 1]


@dataclass
class Timing:
    samples_ms: list[float]
    queries: int | None = None

    @property
    def median(self) -> float:
        return statistics.median(self.samples_ms)

    @property
    def p95(self) -> float:
        return percentile(self.samples_ms, 95)


def timed(
    action: Callable[[], object],
    *,
    repeat: int,
    warmup: int = 1,
    budget_s: float = 300,
    before: Callable[[], object] | None = None,
) -> Timing:
    """Run ``action`` ``warmup`` + ``repeat`` times; keep the last ``repeat`` durations in ms.

    A very slow action stops early once ``budget_s`` seconds are spent, after at least three
    timed runs. ``before`` runs untimed before each call."""
    samples: list[float] = []
    spent = 0.0
    for index in range(warmup + repeat):
        if before:
            before()
        started = time.perf_counter()
        action()
        elapsed = time.perf_counter() - started
        spent += elapsed
        if index >= warmup:
            samples.append(elapsed * 1000)
            if spent > budget_s and len(samples) >= 3:
                break
    return Timing(samples)


def count_queries(action: Callable[[], object]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        action()
    return len(captured.captured_queries)


def write(results: list[Result], path: Path) -> None:
    path.write_text(json.dumps([r.as_json() for r in results], ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def table(results: list[Result]) -> str:
    """The results as a fixed-width table (value, floor, ratio, target, met)."""
    head = f"{'figure':<46} {'value':>10} {'unit':<6} {'floor':>10} {'ratio':>6}  {'target':<28} met"
    lines = [head, "-" * len(head)]
    for r in results:
        value = "–" if r.value is None else f"{r.value:,.1f}" if r.value >= 100 else f"{r.value:.2f}"
        floor = "–" if r.floor is None else f"{r.floor:,.1f}" if r.floor >= 100 else f"{r.floor:.2f}"
        ratio = "–" if r.ratio is None else f"{r.ratio:.2f}"
        met = {True: "yes", False: "NO", None: ""}[r.met]
        lines.append(f"{r.name:<46} {value:>10} {r.unit:<6} {floor:>10} {ratio:>6}  {(r.target or ''):<28} {met}")
        if r.note:
            lines.append(f"    {r.note}")
    return "\n".join(lines)
