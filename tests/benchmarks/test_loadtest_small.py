"""The deadline load run at a small size, so it cannot rot: both maps' scenarios end to end (two
clerks per commune, reviewers, province staff on the dashboard, a report job), every acknowledged
save stored with its history, and each kind of request with a floor reported against it. Speed
targets are the script's business (its table and results), not this test's."""

import json

from tests.benchmarks.conftest import SIZE, run_module


def test_the_deadline_scenarios_lose_nothing_and_report_each_request_against_its_floor(bench_url, tmp_path):
    output = tmp_path / "load.json"
    done = run_module(
        "benchmarks.loadtest",
        "--size",
        str(SIZE),
        "--scenario",
        "old",
        "--scenario",
        "new",
        "--duration",
        "8",
        "--think",
        "0.3",
        "1",
        "--workers",
        "2",
        "--saturate",
        "4",
        "--output",
        str(output),
        url=bench_url,
        timeout=600,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    by_name = {entry["name"]: entry for entry in json.loads(output.read_text(encoding="utf-8"))}
    for scenario in ("old", "new"):
        assert by_name[f"load {scenario}: acknowledged writes lost"]["value"] == 0
        assert by_name[f"load {scenario}: server errors"]["value"] == 0
        for kind in ("page", "save", "dashboard"):
            row = by_name[f"load {scenario}: {kind} p95"]
            assert row["floor"] and row["ratio"] and row["target"] == "< 5x floor", row
        assert by_name[f"load {scenario}: requests per second per core at saturation"]["value"] > 0
    assert "report job during the run (province workbook)" in done.stdout
    assert "Điện Biên 2026 (new map)" in done.stdout
