"""The benchmark at a small size, so it cannot rot: it runs end to end on both maps (2021 with
districts, 2026 without) and writes results.json in the agreed shape. Speed targets are the
script's business (its table), not this test's."""

import json

from benchmarks.measure import KEYS
from tests.benchmarks.conftest import SIZE, run_module

HEADLINES = [
    "province dashboard p95",
    "national dashboard p95",
    "score-entry page p95",
    "score save p95",
    "province PDF",
    "province Excel",
    "national Excel",
    "peak memory national_xlsx",
    "province dashboard p95 (new map)",
    "national dashboard p95 (new map)",
    "province PDF (new map)",
    "province Excel (new map)",
]


def test_the_small_benchmark_measures_every_figure_next_to_its_floor(bench_url, tmp_path):
    output = tmp_path / "results.json"
    done = run_module("benchmarks.run", "--size", str(SIZE), "--quick", "--output", str(output), url=bench_url)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(output.read_text(encoding="utf-8"))
    assert isinstance(results, list) and results
    for entry in results:
        assert set(KEYS) <= set(entry), entry
        assert isinstance(entry["name"], str) and isinstance(entry["unit"], str)
        assert entry["size"] == SIZE
        for key in ("value", "floor", "ratio"):
            assert entry[key] is None or isinstance(entry[key], (int, float)), (key, entry)
        if entry["target"] is None:
            assert entry["met"] is None, entry
        else:
            assert isinstance(entry["target"], str) and isinstance(entry["met"], bool), entry
    by_name = {entry["name"]: entry for entry in results}
    assert set(HEADLINES) <= set(by_name), set(HEADLINES) - set(by_name)
    # A page or job that breaks is recorded as not measured, with why: that fails here.
    unmeasured = {name: by_name[name]["note"] for name in HEADLINES if by_name[name]["value"] is None}
    assert not unmeasured, unmeasured
    assert all(by_name[name]["floor"] is not None for name in HEADLINES)
    for name in (
        "province dashboard p95",
        "national dashboard p95",
        "province dashboard p95 (new map)",
        "national dashboard p95 (new map)",
    ):
        assert by_name[name]["note"].startswith("numbers equal the SQL floor"), (name, by_name[name]["note"])
    assert "province dashboard p95" in done.stdout and "national Excel" in done.stdout  # the printed table
