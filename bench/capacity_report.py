"""The capacity report written by bench/bench_capacity.py (docs/capacity.md): the machine, the measured
rows, and what follows from them, with the arithmetic shown. Every number comes from the measurements
passed in; the only choices are the targets, the spare capacity and the machine shapes below."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

# What a class should feel: the p95 of each interaction, in ms (a Step's readout, 07's first loss update,
# all of 04 again).
TARGETS_MS = {"04 Step": 250.0, "07 Train": 500.0, "04 Run All": 10_000.0}
UNSATURATED = 0.8             # a row counts for the per-student cost if the machine was below 80 % busy
PLAN_AT_MOST = 0.8            # never plan above 80 % of the cores: room for a burst (everyone pressing Run All)
SYSTEM_GB = 2.0               # the hub, the proxy and the operating system
GB_PER_CORE = 4.0             # a general-purpose cloud machine (e.g. 4 vCPU / 16 GB): which resource runs out first
NODE = {"name": "4 vCPU / 16 GB", "cores": 3.5, "gb": 13.0}   # what Kubernetes leaves allocatable on one
CLASS_SIZES = (30, 60, 100, 300)
MARKERS = ("<!-- capacity:start -->", "<!-- capacity:end -->")   # the READMEs embed the summary between these


def machine() -> dict:
    """CPU model, cores, RAM and the load average now, from /proc."""
    info = {"cpu": "unknown", "cores": os.cpu_count() or 1, "ram_gb": float("nan"), "load": float("nan")}
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                info["cpu"] = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                info["ram_gb"] = int(line.split()[1]) / 2**20
        info["load"] = os.getloadavg()[0]
    except OSError:
        pass
    return info


def _met(row: dict) -> list[str]:
    """The interactions whose p95 missed its target in ``row`` (empty: all met)."""
    return [k for k, target in TARGETS_MS.items() if not row[k]["count"] or row[k]["p95"] > target]


def derive(rows: list[dict], start: dict, cores: int, ram_gb: float) -> dict:
    """Per-student CPU and memory, the load at which every p95 met its target, and the lines of arithmetic."""
    lines = []
    # A row counts for the cost of a student if the students kept their schedule there (every p95 met: no
    # click waited long enough to thin out the work) or the machine was not saturated.
    quiet = [r for r in rows if not _met(r) or r["machine_cores"] <= UNSATURATED * cores]
    why = "every p95 met or the machine under " + f"{UNSATURATED:.0%} busy"
    if not quiet:
        quiet, why = [min(rows, key=lambda r: r["n"])], "none kept the schedule: the smallest N, a lower bound"
    cpu_s, student_s = sum(r["cpu_s"] for r in quiet), sum(r["n"] * r["seconds"] for r in quiet)
    cpu_each = cpu_s / student_s
    lines.append(f"CPU per active student, from the rows with {why} (N = "
                 f"{', '.join(str(r['n']) for r in quiet)}): {cpu_s:.1f} CPU-s of the students' processes / "
                 f"{student_s:.0f} student-seconds = **{cpu_each:.3f} cores**")
    mem_row = max(rows, key=lambda r: r["pss_per_student"])
    mem_each = mem_row["pss_per_student"]
    lines.append(f"Memory per active student (their server and two kernels, PSS): largest measured, at N = "
                 f"{mem_row['n']}: **{mem_each:.0f} MB**")
    ok = [r for r in rows if not _met(r)]
    failed = [r for r in rows if _met(r)]
    if ok:
        best = max(ok, key=lambda r: r["machine_cores"])
        measured = best["machine_cores"] / cores
        u_ok = min(PLAN_AT_MOST, measured)
        lines.append(f"Every p95 met its target up to a machine load of {best['machine_cores']:.2f} of {cores} cores "
                     f"(N = {best['n']}, students {best['cpu_cores']:.2f} + other work {best['other_cores']:.2f}): "
                     f"plan to use min({PLAN_AT_MOST:.2f}, {best['machine_cores']:.2f} / {cores}) = "
                     f"**{u_ok:.0%}** of the cores")
    else:
        best, u_ok = None, PLAN_AT_MOST
        others = max(r["other_cores"] for r in rows)
        lines.append(f"No row met every target (other work kept up to {others:.2f} of {cores} cores busy while "
                     f"measuring): the planning load is the default **{PLAN_AT_MOST:.0%}**, not a measured one; "
                     "rerun `make capacity` on a quiet machine")
    first_fail = min(failed, key=lambda r: r["n"]) if failed else None
    if first_fail:
        limiting = _met(first_fail)[-1] if len(_met(first_fail)) > 1 else _met(first_fail)[0]
        misses = ", ".join(f"{k} p95 {first_fail[k]['p95']:.0f} ms > {TARGETS_MS[k]:.0f}" for k in _met(first_fail))
        lines.append(f"First miss: at N = {first_fail['n']} (machine {first_fail['machine_cores']:.2f} cores busy), "
                     f"{misses}")
    else:
        limiting = "04 Step"
        lines.append("No row missed a target: the planning load is the highest measured, not a measured limit")
    here_cpu = math.floor(cores * u_ok / cpu_each)
    here_mem = math.floor((ram_gb - SYSTEM_GB) * 1024 / mem_each)
    lines.append(f"This machine: CPU {cores} × {u_ok:.2f} / {cpu_each:.3f} = {cores * u_ok / cpu_each:.1f} → "
                 f"**{here_cpu}** active students; memory ({ram_gb:.1f} − {SYSTEM_GB:.0f} GB) × 1024 / "
                 f"{mem_each:.0f} MB = **{here_mem}**")
    start_each = start["cpu_s"] / start["served"]
    lines.append(f"Start of a lecture: {start['served']} logins + Run All of 04 used {start['cpu_s']:.0f} CPU-s "
                 f"(students' processes {start['students_cpu_s']:.0f}, the hub and proxy {start['hub_cpu_s']:.0f}) = "
                 f"**{start_each:.1f} CPU-s per student**; on {cores} cores at least {start['served']} × "
                 f"{start_each:.1f} / {cores} = {start['served'] * start_each / cores:.0f} s; measured: the last "
                 "panel answered "
                 f"{start['last_s']:.0f} s after the first login")
    return {"cpu_each": cpu_each, "mem_each": mem_each, "u_ok": u_ok, "limiting": limiting, "lines": lines,
            "here": min(here_cpu, here_mem), "here_by": "CPU" if here_cpu <= here_mem else "memory",
            "start_each": start_each}


def sizing(students: int, d: dict) -> dict:
    """One server for ``students`` active at once: cores, GB, which limits, the start of a lecture, nodes."""
    cores = math.ceil(students * d["cpu_each"] / d["u_ok"])
    gb = math.ceil(students * d["mem_each"] / 1024 + SYSTEM_GB)
    limit = (f"CPU ({d['limiting']} p95)" if cores * GB_PER_CORE >= gb else "memory")
    nodes = max(math.ceil(students * d["cpu_each"] / d["u_ok"] / NODE["cores"]),
                math.ceil(students * d["mem_each"] / 1024 / NODE["gb"]))
    return {"cores": cores, "gb": gb, "limit": limit, "nodes": nodes,
            "start_s": students * d["start_each"] / cores}


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1),
            *("| " + " | ".join(row) + " |" for row in rows)]


def _notebook_table(per_notebook: list[dict]) -> list[str]:
    header = ["notebook", "kernel RSS (MB)", "of which after the setup cell (MB)", "server RSS (MB)",
              "Run All CPU (s)", "Run All wall (s)"]
    return _table(header, [[r["notebook"], f"{r['kernel_rss']:.0f}", f"{r['kernel_rss_setup']:.0f}",
                            f"{r['server_rss']:.0f}", f"{r['cpu_s']:.1f}", f"{r['wall_s']:.1f}"]
                           for r in per_notebook])


def _ms(stat: dict) -> str:
    return f"{stat['median']:.0f} / {stat['p95']:.0f} ({stat['count']})"


def _sweep_table(rows: list[dict]) -> list[str]:
    header = ["active students", "04 Step ms: median / p95 (clicks)", "07 Train ms: median / p95 (presses)",
              "04 Run All ms: median / p95 (runs)", "students' CPU (cores)", "other work (cores)",
              "PSS per student (MB)", "every p95 met"]
    return _table(header, [[str(r["n"]), _ms(r["04 Step"]), _ms(r["07 Train"]), _ms(r["04 Run All"]),
                            f"{r['cpu_cores']:.2f}", f"{r['other_cores']:.2f}", f"{r['pss_per_student']:.0f}",
                            "yes" if not _met(r) else "no: " + ", ".join(_met(r))] for r in rows])


def _sizing_table(d: dict) -> list[str]:
    rows = []
    for students in CLASS_SIZES:
        s = sizing(students, d)
        rows.append([str(students), f"{students} × {d['cpu_each']:.3f} / {d['u_ok']:.2f} → {s['cores']}",
                     f"{students} × {d['mem_each']:.0f} MB + {SYSTEM_GB:.0f} GB → {s['gb']}", s["limit"],
                     f"{s['start_s']:.0f} s", str(s["nodes"])])
    return _table(["students", "cores", "GB", f"limits first (at {GB_PER_CORE:.0f} GB per core)",
                   "class start, CPU-bound (estimate)", f"Z2JH nodes of {NODE['name']}"], rows)


def write_report(host: dict, per_notebook: list[dict], rows: list[dict], start: dict, settings: dict,
                 out: Path | None) -> str:
    """The report as Markdown; also written to ``out`` (and its summary into the READMEs) unless None."""
    d = derive(rows, start, host["cores"], host["ram_gb"])
    mode = " — **quick mode (a check, not a measurement)**" if settings["quick"] else ""
    others = max(r["other_cores"] for r in rows)
    text = "\n".join([
        "# Capacity of one class server (measured)", "",
        f"Written by `bench/bench_capacity.py` (`make capacity`) on {time.strftime('%Y-%m-%d')}{mode}. Machine: "
        f"**{host['cpu']}, {host['cores']} cores, {host['ram_gb']:.1f} GB RAM**; load average {host['load']:.2f} "
        f"at the start; other work used up to {others:.2f} cores while the students were measured (their own "
        "CPU is read from /proc by their Unix accounts, so it does not include that work; the latencies do "
        "feel it).", "",
        "The hub is `deploy/jupyterhub_config.py` as deployed (NativeAuthenticator, a Unix account per student); "
        "students sign up, are approved, log in through the login form, and drive their kernels through the "
        "hub's proxy as JupyterLab does.", "",
        "## One student, per notebook", "",
        *_notebook_table(per_notebook), "",
        "## A lecture: active students at once", "",
        f"Each student has notebook 04 and notebook 07 open (two kernels) and, for {settings['seconds']:.0f} s, "
        f"clicks 04's **Step** every {settings['step_every']:.0f} s, presses 07's **Train** every "
        f"{settings['train_every']:.0f} s and re-runs all of 04 once. Times are from the click to the readout's "
        "new value. Targets (p95): " + ", ".join(f"{k} {v:.0f} ms" for k, v in TARGETS_MS.items()) + ".", "",
        *_sweep_table(rows), "",
        "## The start of a lecture", "",
        f"{start['n']} students log in through the login form, spread evenly over {start['spread']:.0f} s; each "
        f"server starts, runs all of 04 and answers a Step click. Spawn limit {settings['spawn_limit']}, start "
        f"timeout {settings['start_timeout']} s (`deploy/jupyterhub_config.py`).", "",
        f"- **The last student's panel answered {start['last_s']:.0f} s after the first login**"
        + (f" ({start['served']} of {start['n']} got a server; {len(start['failed'])} did not, below)."
           if start["failed"] else f" (all {start['n']} got a server)."),
        f"- Each student's wait, login → panel answering: median {start['wait']['median']:.0f} s, p95 "
        f"{start['wait']['p95']:.0f} s, longest {start['wait']['max']:.0f} s; of it, login → server ready: median "
        f"{start['spawn']['median']:.0f} s, longest {start['spawn']['max']:.0f} s.",
        f"- Memory then: {start['pss_per_student']:.0f} MB per student (server and 04's kernel, PSS); other work "
        f"on the machine: {start['other_cores']:.2f} cores.",
        *([f"- **Not served:** {len(start['failed'])} students; the hub's log said why for each: "
           + "; ".join(f"`{line}`" for line in start["failed"][:5]) + ("; …" if len(start["failed"]) > 5 else "")]
          if start["failed"] else []), "",
        "## What one server serves", "",
        *(f"- {line}" for line in d["lines"]), "",
        "## Sizing", "",
        *_sizing_table(d), "",
        f"Everyone active at once (a lecture), {SYSTEM_GB:.0f} GB for the hub and the system; Kubernetes nodes with "
        f"{NODE['cores']} cores / {NODE['gb']:.0f} GB allocatable. The class-start column is the CPU work of "
        "logging in and running all of 04 divided by the cores: a lower bound (the measured start above is the "
        f"real thing on this machine). Per-student limits: memory {settings['mem_limit']}, CPU "
        f"{settings['cpu_limit']} (a ceiling for one runaway cell, above a student's measured use).", ""])
    if out is not None:
        out.write_text(text, encoding="utf-8")
        embed(out.parent.parent / "README.md", summary(text))
        embed(out.parent.parent / "README.ko.md", summary_ko(host, d, start))
    return text


def summary(report: str) -> str:
    """The lines the READMEs carry: the machine, the class start, what one server serves, the sizing."""
    machine_line = next(line for line in report.splitlines() if line.startswith("Written by"))
    start_line = next(line for line in report.splitlines() if line.startswith("- **The last student's"))
    rest = report[report.index("## What one server serves"):].replace("## ", "#### ")
    return f"{machine_line}\n\n{start_line.removeprefix('- ')}\n\n{rest}"


def summary_ko(host: dict, d: dict, start: dict) -> str:
    """The same summary in Korean for README.ko.md (the numbers are the report's)."""
    rows = []
    for students in CLASS_SIZES:
        s = sizing(students, d)
        limit = "CPU (" + d["limiting"] + " p95)" if s["limit"].startswith("CPU") else "메모리"
        rows.append([str(students), str(s["cores"]), str(s["gb"]), limit, f"{s['start_s']:.0f}초", str(s["nodes"])])
    table = _table(["학생 수", "코어", "GB", f"먼저 모자라는 자원 (코어당 {GB_PER_CORE:.0f} GB 기준)",
                    "수업 시작 (CPU 기준 추정)", f"Z2JH 노드 ({NODE['name']})"], rows)
    return "\n".join([
        f"`bench/bench_capacity.py`(`make capacity`)가 {time.strftime('%Y-%m-%d')}에 잰 값입니다. 컴퓨터: "
        f"**{host['cpu']}, {host['cores']}코어, RAM {host['ram_gb']:.1f} GB**.", "",
        f"**수업 시작:** 학생 {start['n']}명이 {start['spread']:.0f}초에 걸쳐 로그인하고 04를 모두 실행했을 때, "
        f"마지막 학생의 패널이 첫 로그인 뒤 **{start['last_s']:.0f}초**에 응답했습니다"
        + (f" ({start['n']}명 중 {start['served']}명만 서버를 받았고 {len(start['failed'])}명은 받지 못했습니다)."
           if start.get("failed") else f" ({start['n']}명 모두 서버를 받았습니다)."), "",
        f"- 활동 중인 학생 한 명: CPU **{d['cpu_each']:.3f}코어**, 메모리 **{d['mem_each']:.0f} MB** "
        f"(서버와 커널 두 개, PSS). 모든 p95 목표를 지킨 부하: 코어의 **{d['u_ok']:.0%}**.",
        f"- 이 컴퓨터가 감당하는 활동 중인 학생: **{d['here']}명** (먼저 모자라는 자원: "
        f"{'CPU' if d['here_by'] == 'CPU' else '메모리'}).", "",
        *table, "",
        "계산 과정과 전체 표는 [docs/capacity.md](docs/capacity.md)(영어)에 있습니다.", ""])


def embed(readme: Path, summary_text: str) -> bool:
    """Put ``summary_text`` between the README's markers, if it has them; True if it did."""
    if not readme.exists() or MARKERS[0] not in readme.read_text(encoding="utf-8"):
        return False
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(MARKERS[0], 1)
    _, tail = rest.split(MARKERS[1], 1)
    readme.write_text(f"{head}{MARKERS[0]}\n{summary_text}{MARKERS[1]}{tail}", encoding="utf-8")
    return True
