"""The capacity table written by bench/bench_capacity.py (docs/capacity.md): the machine, the measured
rows, and what follows from them. Every number here comes from the measurements passed in."""

from __future__ import annotations

import math
import os
import time
from pathlib import Path

TARGET_P95_MS = 250.0
CPU_HEADROOM = 0.7            # plan to use 70 % of a core: room for bursts (everyone presses Run All at once)
SYSTEM_GB = 2.0               # the hub, the proxy and the operating system on a TLJH server
NODE = {"name": "4 vCPU / 16 GB", "cores": 3.5, "gb": 13.0}   # what Kubernetes leaves allocatable on one
CLASS_SIZES = (30, 100, 300)
MARKERS = ("<!-- capacity:start -->", "<!-- capacity:end -->")   # README.md embeds the summary between these


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


def derive(per_notebook: list[dict], rows: list[dict], cores: int) -> dict:
    """Memory per student, students per GB and per core, from the measurements."""
    kernels = sorted((r["kernel_rss"] for r in per_notebook), reverse=True)
    student_mb = max(r["server_rss"] for r in per_notebook) + sum(kernels[:2])
    ok = [row for row in rows if row["04 Step"]["p95"] < TARGET_P95_MS]
    n_ok = max((row["n"] for row in ok), default=0)
    cpu_each = next((row["cpu_cores"] / row["n"] for row in ok if row["n"] == n_ok), float("nan"))
    saturated = n_ok < max(row["n"] for row in rows)
    if n_ok == 0:
        per_core = 0.0
    elif saturated:
        per_core = n_ok / cores
    else:
        per_core = max(n_ok / cores, CPU_HEADROOM / cpu_each)
    return {"student_mb": student_mb, "per_gb": 1024 / student_mb, "n_ok": n_ok, "cpu_each": cpu_each,
            "saturated": saturated, "per_core": per_core}


def sizing(students: int, d: dict) -> tuple[int, int, int]:
    """(cores, GB) of one TLJH server and the number of Z2JH nodes for ``students``."""
    cores = math.ceil(students / d["per_core"]) if d["per_core"] else 0
    users_gb = students * d["student_mb"] / 1024
    nodes = max(math.ceil(cores / NODE["cores"]), math.ceil(users_gb / NODE["gb"]))
    return cores, math.ceil(users_gb + SYSTEM_GB), nodes


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    """A Markdown table: the first column left-aligned, the others (numbers) right-aligned."""
    return ["| " + " | ".join(header) + " |", "|---|" + "---:|" * (len(header) - 1),
            *("| " + " | ".join(row) + " |" for row in rows)]


def _notebook_table(per_notebook: list[dict]) -> list[str]:
    header = ["notebook", "kernel RSS (MB)", "of which after the setup cell (MB)", "kernel USS (MB)",
              "server RSS (MB)", "Run All CPU (s)", "Run All wall (s)", "figures left open",
              "arrays in variables (MB)", "kernel RSS after `plt.close('all')` (MB)"]
    return _table(header, [[r["notebook"], f"{r['kernel_rss']:.0f}", f"{r['kernel_rss_setup']:.0f}",
                            f"{r['kernel_uss']:.0f}", f"{r['server_rss']:.0f}", f"{r['cpu_s']:.1f}",
                            f"{r['wall_s']:.1f}", str(r["figures"]), f"{r['arrays_mb']:.1f}",
                            f"{r['kernel_rss_closed']:.0f}"] for r in per_notebook])


def _sweep_table(rows: list[dict]) -> list[str]:
    header = ["active students", "kernels", "04 Step: click → readout, median / p95 (ms)", "clicks",
              "07 Train: click → first loss update, median / p95 (ms)", "CPU used (cores)",
              "RSS per student (MB)", "PSS per student (MB)"]
    return _table(header, [[str(r["n"]), str(2 * r["n"]),
                            f"{r['04 Step']['median']:.0f} / {r['04 Step']['p95']:.0f}", str(r["04 Step"]["count"]),
                            f"{r['07 Train']['median']:.0f} / {r['07 Train']['p95']:.0f}", f"{r['cpu_cores']:.2f}",
                            f"{r['rss_per_student']:.0f}", f"{r['pss_per_student']:.0f}"] for r in rows])


def _students(n: int) -> str:
    return f"{n} active student" + ("" if n == 1 else "s")


def _capacity_lines(d: dict, host: dict) -> list[str]:
    if d["n_ok"] == 0:
        cpu = f"- **CPU:** p95 was above {TARGET_P95_MS:.0f} ms even for one student: no per-core figure."
    elif d["saturated"]:
        cpu = (f"- **CPU:** p95 stayed under {TARGET_P95_MS:.0f} ms up to {_students(d['n_ok'])} on "
               f"{host['cores']} cores, not beyond: **one core serves {d['per_core']:.1f} active students**.")
    else:
        cpu = (f"- **CPU:** p95 stayed under {TARGET_P95_MS:.0f} ms at every N measured "
               f"(up to {_students(d['n_ok'])} on {host['cores']} cores); each active student used "
               f"{d['cpu_each']:.3f} of a core, so at {CPU_HEADROOM:.0%} load "
               f"**one core serves {d['per_core']:.1f} active students**.")
    return [f"- **Memory per student:** {d['student_mb']:.0f} MB (their server plus the kernels of the two "
            "heaviest notebooks after Run All; RSS, which counts shared libraries in every process, so an upper "
            f"bound): **one GB serves {d['per_gb']:.1f} students**.", cpu]


def _sizing_table(d: dict) -> list[str]:
    rows = []
    for students in CLASS_SIZES:
        cores, gb, nodes = sizing(students, d)
        beyond = " (more than one machine is sensible for: use Z2JH)" if cores > 32 or gb > 128 else ""
        rows.append([str(students), f"{cores} cores, {gb} GB{beyond}", f"{nodes} (+ the hub's own small node)"])
    return _table(["students", "TLJH: one server with", f"Z2JH: nodes of {NODE['name']}"], rows)


def write_report(host: dict, per_notebook: list[dict], rows: list[dict], settings: dict, out: Path | None) -> str:
    """The report as Markdown; also written to ``out`` unless it is None."""
    d = derive(per_notebook, rows, host["cores"])
    mode = " — **quick mode (a check, not a measurement)**" if settings["quick"] else ""
    text = "\n".join([
        "# Capacity of one class server (measured)", "",
        f"Written by `bench/bench_capacity.py` on {time.strftime('%Y-%m-%d')}{mode}. Machine: **{host['cpu']}, "
        f"{host['cores']} cores, {host['ram_gb']:.1f} GB RAM**; load average {host['load']:.2f} when it started "
        "(numbers measured while other work loads the machine are provisional: rerun on a quiet one with "
        "`make capacity`).", "",
        "## One student, per notebook", "",
        "Run All in a fresh kernel through the hub, nothing else running:", "",
        *_notebook_table(per_notebook), "",
        "## Active students at once", "",
        f"Each student has notebook 04 and notebook 07 open (two kernels, run down to their widgets) and clicks "
        f"04's **Step** every {settings['step_every']:.0f} s and 07's **Train** every {settings['train_every']:.0f} s "
        f"for {settings['seconds']:.0f} s; the click is the widget message a browser sends, the time is until "
        "the readout's new value comes back through the hub's proxy.", "",
        *_sweep_table(rows), "",
        "## What one server serves", "",
        *_capacity_lines(d, host), "",
        "## Sizing", "",
        *_sizing_table(d), "",
        f"Assumes everyone is active at once, {SYSTEM_GB:.0f} GB for the hub and the system, and "
        f"{NODE['cores']} cores / {NODE['gb']:.0f} GB allocatable per Kubernetes node. Per-student limits in "
        f"`deploy/jupyterhub_config.py`: memory {settings['mem_limit']}, CPU {settings['cpu_limit']} "
        "(a ceiling for one runaway cell, above a student's measured use).", ""])
    if out is not None:
        out.write_text(text, encoding="utf-8")
        embed(out.parent.parent / "README.md", text)
    return text


def embed(readme: Path, report: str) -> bool:
    """Put the report's summary (what one server serves, the sizing) between the README's markers, if it
    has them; True if it did."""
    if not readme.exists() or MARKERS[0] not in readme.read_text(encoding="utf-8"):
        return False
    text = readme.read_text(encoding="utf-8")
    head, rest = text.split(MARKERS[0], 1)
    _, tail = rest.split(MARKERS[1], 1)
    summary = report[report.index("## What one server serves"):].replace("## ", "#### ")
    machine_line = next(line for line in report.splitlines() if line.startswith("Written by"))
    readme.write_text(f"{head}{MARKERS[0]}\n{machine_line}\n\n{summary}{MARKERS[1]}{tail}", encoding="utf-8")
    return True
