"""Capacity of one class server, measured on a real hub: printed and written to docs/capacity.md.

    .venv/bin/python bench/bench_capacity.py            # full: every notebook, N = 1, 5, 10, 20 (~15 min)
    .venv/bin/python bench/bench_capacity.py --quick    # a check that it works: 04 and 07, N = 1, 2

Starts the hub of deploy/jupyterhub_config.py (tests/hub/hubserver.py: only authenticator, spawner, ports
and paths overridden, plus a service token for this script) and drives students through the Jupyter APIs:
1. per notebook, one student alone: Run All in a fresh kernel; the kernel's and its server's memory
   (RSS) and CPU seconds; the kernel's memory after the setup cell alone (the imported libraries),
   open figures and array memory left in the kernel, and its memory once ``plt.close("all")`` has
   run (what a notebook could save by closing its figures);
2. N active students (each with notebook 04 and notebook 07 open, two kernels, run down to their
   widgets): every student clicks 04's Step every STEP_EVERY s and 07's Train every TRAIN_EVERY s,
   for SECONDS; the time from the click message to the readout's new value (median, p95), and the CPU
   the students' processes used.
From these: memory per student, students per core and per GB with p95 < 250 ms, and a sizing line for
30, 100 and 300 students. The machine (CPU model, cores, RAM, load at the start) is named in the output.
Numbers measured on a machine that is busy with other work are provisional: rerun on a quiet one.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import shutil
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import nbformat
import numpy as np
from traitlets.config.loader import PyFileConfigLoader

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
from capacity_client import (  # noqa: E402
    FIND_WIDGETS,
    HubAPI,
    KernelClient,
    cpu_seconds,
    rss_mb,
    student_processes,
)
from capacity_report import machine, write_report  # noqa: E402

from tests.hub.hubserver import DEPLOY_CONFIG, ClassHub, ensure_proxy, proxy_missing_reason  # noqa: E402

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PANELS = {"04_worked_example_222.ipynb": "Panel222(", "07_training.ipynb": "TrainingExplorer("}
STEP_EVERY, TRAIN_EVERY = 2.0, 20.0
SERVICE = '''
c.JupyterHub.services.append({{"name": "capacity-bench", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "capacity-bench", "services": ["capacity-bench"],
                                "scopes": ["admin:servers", "access:servers", "read:users"]}})
'''
# Run in a kernel after Run All: open figures, MB held by numpy arrays in the notebook's variables. Only
# modules the notebook imported are looked at (importing matplotlib here would grow the kernel we measure).
LEFT_ALIVE = """
import json as _j, sys as _s
_plt, _np = _s.modules.get("matplotlib.pyplot"), _s.modules.get("numpy")
print(_j.dumps({"figures": len(_plt.get_fignums()) if _plt else 0,
                "arrays_mb": sum(v.nbytes for v in list(globals().values())
                                 if _np and isinstance(v, _np.ndarray)) / 2**20}))
"""
CLOSE_FIGURES = """
import gc as _gc, sys as _s
if "matplotlib.pyplot" in _s.modules:
    _s.modules["matplotlib.pyplot"].close("all")
_ = _gc.collect()
"""


_POOL = ThreadPoolExecutor(max_workers=8, thread_name_prefix="hub-api")


async def _blocking(fn, *args):
    """Run a blocking call (the hub's REST API) in a thread of our own pool, which Ctrl+C does not wait for."""
    return await asyncio.get_running_loop().run_in_executor(_POOL, fn, *args)


def code_cells(notebook: str, until: str | None = None) -> list[str]:
    """The code cells of ``notebook`` in order (up to and including the first containing ``until``)."""
    cells = [c.source for c in nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
             if c.cell_type == "code"]
    if until is None:
        return cells
    end = next(i for i, source in enumerate(cells) if until in source)
    return cells[:end + 1]


def give_notebooks(hub: ClassHub, name: str) -> None:
    """The student's copy of the notebooks (what the nbgitpuller link would have cloned)."""
    target = hub.home(name) / "bench" / "notebooks"
    target.mkdir(parents=True, exist_ok=True)
    for notebook in NOTEBOOKS:
        shutil.copy(ROOT / "notebooks" / notebook, target / notebook)


async def open_kernel(api: HubAPI, hub: ClassHub, name: str, notebook: str) -> KernelClient:
    kernel_id = await _blocking(api.start_kernel, name, f"bench/notebooks/{notebook}")
    client = KernelClient(api, name, kernel_id)
    await client.connect()
    await client.execute("pass")
    return client


async def measure_notebook(api: HubAPI, hub: ClassHub, name: str, notebook: str) -> dict:
    """Run All of ``notebook`` in a fresh kernel of student ``name``: memory and CPU, and what is left alive."""
    client = await open_kernel(api, hub, name, notebook)
    server, kernels = student_processes(hub.home(name))
    kernel = kernels[client.kernel_id]
    cpu0, started = cpu_seconds(kernel) + cpu_seconds(server), time.perf_counter()
    setup, *rest = code_cells(notebook)
    await client.execute(setup)
    after_setup = rss_mb(kernel)[0]               # the libraries the notebook imports
    for source in rest:
        await client.execute(source)
    row = {"notebook": notebook, "wall_s": time.perf_counter() - started,
           "cpu_s": cpu_seconds(kernel) + cpu_seconds(server) - cpu0}
    row["kernel_rss"], row["kernel_uss"] = rss_mb(kernel)
    row["kernel_rss_setup"] = after_setup
    row["server_rss"] = rss_mb(server)[0]
    row.update(json.loads((await client.execute(LEFT_ALIVE)).strip().splitlines()[-1]))
    await client.execute(CLOSE_FIGURES)
    row["kernel_rss_closed"] = rss_mb(kernel)[0]
    await client.close()
    await _blocking(api.stop_kernel, name, client.kernel_id)
    return row


class Active:
    """A student with 04's panel and 07's explorer open (two kernels), clicking on a schedule."""

    def __init__(self, name: str, k04: KernelClient, k07: KernelClient, ids04: dict, ids07: dict) -> None:
        self.name, self.k04, self.k07, self.ids04, self.ids07 = name, k04, k07, ids04, ids07

    async def click_for(self, seconds: float, rng: np.random.Generator) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {"04 Step": [], "07 Train": []}
        end = time.perf_counter() + seconds
        next_train = time.perf_counter() + rng.uniform(0, min(TRAIN_EVERY, seconds / 2))
        await asyncio.sleep(rng.uniform(0, STEP_EVERY))
        while time.perf_counter() < end:
            if time.perf_counter() >= next_train:
                ms = await self.k07.click(self.ids07["bp-train-train"], self.ids07["bp-train-loss"])
                times["07 Train"].append(ms)
                next_train += TRAIN_EVERY
            ms = await self.k04.click(self.ids04["bp-panel-step"], self.ids04["bp-panel-readout-E"])
            times["04 Step"].append(ms)
            await asyncio.sleep(max(0.0, STEP_EVERY - ms / 1000) * rng.uniform(0.8, 1.2))
        return times


async def make_active(api: HubAPI, hub: ClassHub, name: str) -> Active:
    await _blocking(api.start_server, name)
    await _blocking(give_notebooks, hub, name)
    kernels, ids = [], []
    for notebook, until in PANELS.items():
        client = await open_kernel(api, hub, name, notebook)
        for source in code_cells(notebook, until):
            await client.execute(source)
        kernels.append(client)
        ids.append(json.loads((await client.execute(FIND_WIDGETS)).strip().splitlines()[-1]))
    return Active(name, kernels[0], kernels[1], ids[0], ids[1])


def students_cpu_and_memory(hub: ClassHub, names: list[str]) -> tuple[float, float, float]:
    """CPU seconds used so far, RSS and PSS (MB) now, of these students' servers and kernels."""
    cpu = rss = pss = 0.0
    for name in names:
        server, kernels = student_processes(hub.home(name))
        for proc in (server, *kernels.values()):
            cpu += cpu_seconds(proc)
            rss += rss_mb(proc)[0]
            pss += proc.memory_full_info().pss / 2**20
    return cpu, rss, pss


async def sweep(api: HubAPI, hub: ClassHub, counts: list[int], seconds: float) -> list[dict]:
    active: list[Active] = []
    rows = []
    for n in counts:
        while len(active) < n:             # add students two at a time (starting servers is CPU-heavy)
            batch = [f"student{i}" for i in range(len(active), min(n, len(active) + 2))]
            active += await asyncio.gather(*(make_active(api, hub, name) for name in batch))
        await asyncio.sleep(3)             # let start-up work settle
        names = [a.name for a in active]
        cpu0 = students_cpu_and_memory(hub, names)[0]
        started = time.perf_counter()
        results = await asyncio.gather(*(a.click_for(seconds, np.random.default_rng(i))
                                         for i, a in enumerate(active)))
        window = time.perf_counter() - started
        cpu1, rss, pss = students_cpu_and_memory(hub, names)
        row = {"n": n, "seconds": window, "cpu_cores": (cpu1 - cpu0) / window, "rss_per_student": rss / n,
               "pss_per_student": pss / n}
        for key in ("04 Step", "07 Train"):
            values = [ms for result in results for ms in result[key]]
            row[key] = {"count": len(values), "median": float(np.median(values)) if values else float("nan"),
                        "p95": float(np.percentile(values, 95)) if values else float("nan")}
        rows.append(row)
        print(f"N = {n:2d}: 04 Step median {row['04 Step']['median']:.0f} ms, p95 {row['04 Step']['p95']:.0f} ms "
              f"({row['04 Step']['count']} clicks); CPU {row['cpu_cores']:.2f} cores", flush=True)
    return rows


async def measure(hub: ClassHub, api: HubAPI, notebooks: list[str], counts: list[int], seconds: float):
    await _blocking(api.start_server, "alone")
    await _blocking(give_notebooks, hub, "alone")
    per_notebook = []
    for notebook in notebooks:
        per_notebook.append(await measure_notebook(api, hub, "alone", notebook))
        row = per_notebook[-1]
        print(f"{notebook}: kernel {row['kernel_rss']:.0f} MB, server {row['server_rss']:.0f} MB, "
              f"Run All {row['cpu_s']:.1f} CPU s", flush=True)
    await _blocking(api.call, "DELETE", "/hub/api/users/alone/server")
    return per_notebook, await sweep(api, hub, counts, seconds)


def main(argv: list[str]) -> int:
    global STEP_EVERY, TRAIN_EVERY
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="04 and 07 only, N = 1, 2, 8 s each")
    parser.add_argument("--out", type=Path, help="write the report here (default: docs/capacity.md, "
                                                 "not written with --quick)")
    parser.add_argument("--step-every", type=float, default=STEP_EVERY, help="s between 04 Step clicks (%(default)s)")
    parser.add_argument("--train-every", type=float, default=TRAIN_EVERY,
                        help="s between 07 Train presses (%(default)s; a class working on 07's exercise)")
    parser.add_argument("--students", help="comma-separated N to measure (default 1,5,10,20; --quick 1,2)")
    args = parser.parse_args(argv)
    STEP_EVERY, TRAIN_EVERY = args.step_every, args.train_every
    reason = proxy_missing_reason()
    tmp = Path(__import__("tempfile").mkdtemp(prefix="bp-capacity-"))
    reason = reason or ensure_proxy(tmp / "npm-ci.log")
    if reason:
        print(f"bench_capacity: skipped ({reason})")
        return 0
    notebooks = ["04_worked_example_222.ipynb", "07_training.ipynb"] if args.quick else NOTEBOOKS
    counts, seconds = ([1, 2], 8.0) if args.quick else ([1, 5, 10, 20], 60.0)
    if args.students:
        counts = sorted({int(n) for n in args.students.split(",")})
    host, token = machine(), secrets.token_hex(16)
    names = ["alone"] + [f"student{i}" for i in range(max(counts))]
    hub = ClassHub({name: secrets.token_hex(8) for name in names}, tmp, SERVICE.format(token=token))
    try:
        per_notebook, rows = asyncio.run(measure(hub, HubAPI(hub.url, token), notebooks, counts, seconds))
    finally:
        _POOL.shutdown(wait=False, cancel_futures=True)
        hub.stop()
    deploy = PyFileConfigLoader(str(DEPLOY_CONFIG)).load_config()
    settings = {"step_every": STEP_EVERY, "train_every": TRAIN_EVERY, "seconds": seconds, "quick": args.quick,
                "mem_limit": deploy.Spawner.mem_limit, "cpu_limit": deploy.Spawner.cpu_limit}
    out = args.out or (None if args.quick else ROOT / "docs" / "capacity.md")
    print(write_report(host, per_notebook, rows, settings, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
