"""The capacity arithmetic (bench/capacity_report.py) on measurements made up here, checked against
numbers worked out by hand: which rows count for a student's cost, the planning load, the rows for
30/60/100/300 and the resource that limits each."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))
from capacity_report import derive, sizing, summary, summary_ko, write_report  # noqa: E402


def _stat(p95: float, count: int = 10) -> dict:
    return {"count": count, "median": p95 / 2, "p95": p95}


def _row(n: int, cpu_s: float, machine: float, step_p95: float, pss: float) -> dict:
    return {"n": n, "seconds": 60.0, "cpu_s": cpu_s, "cpu_cores": cpu_s / 60, "machine_cores": machine,
            "other_cores": machine - cpu_s / 60, "pss_per_student": pss,
            "04 Step": _stat(step_p95), "07 Train": _stat(100.0), "04 Run All": _stat(3000.0)}


ROWS = [_row(1, 24.0, 0.5, 40.0, 400.0), _row(4, 96.0, 1.5, 120.0, 390.0), _row(8, 120.0, 2.0, 400.0, 380.0)]
START = {"n": 60, "served": 60, "failed": [], "spread": 60.0, "last_s": 150.0, "cpu_s": 600.0,
         "students_cpu_s": 540.0, "hub_cpu_s": 60.0,
         "wait": {"median": 60.0, "p95": 100.0, "max": 110.0}, "spawn": {"median": 5.0, "max": 20.0},
         "other_cores": 0.3, "pss_per_student": 250.0}
HOST = {"cpu": "Test CPU", "cores": 2, "ram_gb": 23.5, "load": 0.5}


def test_per_student_costs_come_from_the_rows_that_kept_the_schedule():
    d = derive(ROWS, START, cores=2, ram_gb=23.5)
    assert d["cpu_each"] == pytest.approx(0.4)          # (24 + 96) CPU-s / (1 + 4) × 60 s; N = 8 missed
    assert d["mem_each"] == 400.0                       # the largest PSS per student measured
    assert d["u_ok"] == pytest.approx(0.75)             # N = 4 met every target at 1.5 of 2 cores
    assert d["limiting"] == "04 Step"                   # what missed first, at N = 8
    assert d["here"] == 3 and d["here_by"] == "CPU"     # floor(2 × 0.75 / 0.4) = 3; memory: floor(55.04)
    assert d["start_each"] == pytest.approx(10.0)       # 600 CPU-s / 60 students


def test_the_planning_load_is_never_above_80_percent():
    busy = [{**r, "machine_cores": 1.9} if r["n"] == 4 else r for r in ROWS]
    assert derive(busy, START, cores=2, ram_gb=23.5)["u_ok"] == pytest.approx(0.8)   # not 1.9 / 2


@pytest.mark.parametrize(("students", "cores", "gb", "nodes"), [
    (30, 16, 14, 5),      # ceil(30 × 0.4 / 0.75 = 16.0); ceil(11.7 + 2); ceil(16.0 / 3.5 = 4.6)
    (60, 32, 26, 10),     # ceil(32.0); ceil(23.4 + 2); ceil(9.1)
    (100, 54, 42, 16),    # ceil(53.3); ceil(39.1 + 2); ceil(15.2)
    (300, 160, 120, 46),  # ceil(160.0); ceil(117.2 + 2); ceil(45.7)
])
def test_rows_for_each_class_size(students, cores, gb, nodes):
    s = sizing(students, derive(ROWS, START, cores=2, ram_gb=23.5))
    assert (s["cores"], s["gb"], s["nodes"]) == (cores, gb, nodes)
    assert s["limit"] == "CPU (04 Step p95)"           # cores × 4 GB is more than the GB needed


def test_memory_limits_when_students_are_cheap_on_cpu():
    cheap = [{**r, "cpu_s": r["cpu_s"] / 20, "pss_per_student": 2000.0} for r in ROWS]
    s = sizing(60, derive(cheap, START, cores=2, ram_gb=23.5))
    assert s["limit"] == "memory" and s["gb"] == 120     # ceil(60 × 2000 / 1024 + 2) = ceil(119.2)


def test_the_report_shows_the_arithmetic_and_the_summaries_agree(tmp_path):
    settings = {"step_every": 2.0, "train_every": 20.0, "seconds": 60.0, "quick": False, "mem_limit": "1G",
                "cpu_limit": 1.0, "spawn_limit": 100, "start_timeout": 180}
    text = write_report(HOST, [], ROWS, START, settings, None)
    assert "(24 + 96)" not in text and "120.0 CPU-s of the students' processes / 300 student-seconds" in text
    assert "| 60 | 60 × 0.400 / 0.75 → 32 | 60 × 400 MB + 2 GB → 26 | CPU (04 Step p95) |" in text
    assert "**The last student's panel answered 150 s after the first login** (all 60 got a server)." in summary(text)
    korean = summary_ko(HOST, derive(ROWS, START, 2, 23.5), START)
    assert "마지막 학생의 패널이 첫 로그인 뒤 **150초**에 응답했습니다 (60명 모두 서버를 받았습니다)." in korean
    assert "| 60 | 32 | 26 | CPU (04 Step p95) | 19초 | 10 |" in korean    # 60 × 10 CPU-s / 32 cores = 18.8 s
