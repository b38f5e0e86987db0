"""The scale run (benchmarks/bench_scale.py): its registry, its table, and one tiny real run."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
sys.path.insert(0, str(BENCHMARKS))

import bench_scale  # noqa: E402


def test_finds_modules_with_scale_rows_and_their_declared_names(tmp_path):
    (tmp_path / "bench_alpha.py").write_text('SCALE_ROWS = ("load", "save")\n\ndef scale_rows(panels):\n    return []\n')
    (tmp_path / "bench_beta.py").write_text("def main():\n    pass\n")
    (tmp_path / "helper.py").write_text("def scale_rows(panels):\n    return []\n")
    found = bench_scale.find_modules(tmp_path)
    assert found == {"bench_alpha": (True, ("load", "save")), "bench_beta": (False, ())}
    assert bench_scale.selected("bench_alpha", found["bench_alpha"][1], ["save"])
    assert bench_scale.selected("bench_beta", (), ["beta"])
    assert not bench_scale.selected("bench_beta", (), ["save"])


def test_exponent_is_the_growth_between_two_sizes():
    assert bench_scale.exponent(1.0, 2.0, 1000, 2000) == pytest.approx(1.0)
    assert bench_scale.exponent(1.0, 400.0, 1000, 20000) == pytest.approx(2.0)
    assert bench_scale.exponent(1.0, 2.0, 100, 100) is None


def test_table_shows_ratio_exponents_and_rows_not_measured():
    results = {
        "load": {
            1000: {"ours": 0.02, "floor": 0.01, "panels": 1000, "took": 0.5},
            20000: {"ours": 0.40, "floor": 0.20, "panels": 20000, "took": 3.0},
        },
        "bench_x (all rows)": {1000: {"missing": "timed out after 5 s"}},
    }
    lines = bench_scale.table(results, ["load", "bench_x (all rows)"])
    load_small, load_large = (line.split() for line in lines[1:3])
    assert load_small[:2] == ["load", "1000"] and load_small[-2] == "2.00"
    assert load_large[-4:-1] == ["2.00", "1.00", "1.00"]  # ratio, exponent of ours, of the floor
    assert lines[3].endswith("timed out after 5 s")


def test_a_tiny_run_prints_both_sizes_of_the_rows_asked_for():
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "bench_scale.py"), "--sizes", "20,40", "--only", "load", "--clock", "cpu"],
        capture_output=True, text=True, timeout=240,
    )
    assert done.returncode == 0, done.stderr
    rows = [line.split() for line in done.stdout.splitlines() if line.startswith("load ")]
    assert [row[1] for row in rows] == ["20", "40"]
    assert len(rows[1]) == len(rows[0]) + 2  # the larger size carries both exponents
    assert "save after one edit" not in done.stdout
