"""Capacity of one class server, measured on a real hub: printed and written to docs/capacity.md.

    .venv/bin/python bench/bench_capacity.py            # full (~20 min on 2 cores)
    .venv/bin/python bench/bench_capacity.py --quick    # a check that it works (~3 min; nothing written)

Starts the hub of deploy/jupyterhub_config.py as deployed (tests/hub/hubserver.py: NativeAuthenticator,
ClassSpawner making a Unix account per student; only ports and paths overridden, plus a service token
for this script; needs root) and drives students through the hub's forms and the Jupyter APIs:

1. per notebook, one student alone: Run All in a fresh kernel; the kernel's and its server's memory,
   the CPU seconds;
2. the steady state of a lecture at N active students (each with notebook 04 and notebook 07 open, two
   kernels): every student clicks 04's Step every STEP_EVERY s, presses 07's Train every TRAIN_EVERY s
   and re-runs all of 04 once, for SECONDS. Measured: each interaction's time (click → readout, or the
   Run All), the CPU seconds of the students' own processes (from /proc, by their Unix accounts: robust
   to other work on the machine), their memory (PSS), and the machine's busy time minus theirs (other
   load, recorded because it changes the latencies);
3. the start of a lecture: N students log in (the real login form) spread over one minute, each then runs
   all of 04 and clicks Step: the time until the last student's panel answers.

capacity_report.py derives from these, with the arithmetic printed: CPU and memory per student, the
highest load at which every interaction's p95 met its target, and the server for 30, 60, 100, 300.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import secrets
import shutil
import sys
import tempfile
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
    Lecturer,
    cpu_seconds_of_uids,
    log_in,
    machine_busy_seconds,
    pss_mb_of_uids,
    rss_mb,
    sign_up,
    student_processes,
)
from capacity_report import machine, write_report  # noqa: E402

from tests.hub.hubserver import (  # noqa: E402
    DEPLOY_CONFIG,
    TEACHER_FOLDER,
    ClassHub,
    ensure_proxy,
    proxy_missing_reason,
)

NOTEBOOKS = sorted(p.name for p in (ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
PANELS = {"04_worked_example_222.ipynb": "Panel222(", "07_training.ipynb": "TrainingExplorer("}
NB04 = "04_worked_example_222.ipynb"
STEP_EVERY, TRAIN_EVERY = 2.0, 20.0
SERVICE = '''
c.JupyterHub.services.append({{"name": "capacity-bench", "api_token": {token!r}}})
c.JupyterHub.load_roles.append({{"name": "capacity-bench", "services": ["capacity-bench"],
                                "scopes": ["admin:servers", "access:servers", "admin:users"]}})
'''
_POOL = ThreadPoolExecutor(max_workers=64, thread_name_prefix="hub-api")


async def _blocking(fn, *args):
    """Run a blocking call (the hub's forms and REST API) in a thread of our own pool."""
    return await asyncio.get_running_loop().run_in_executor(_POOL, fn, *args)


def code_cells(notebook: str, until: str | None = None) -> list[str]:
    """The code cells of ``notebook`` in order (up to and including the first containing ``until``)."""
    cells = [c.source for c in nbformat.read(ROOT / "notebooks" / notebook, as_version=4).cells
             if c.cell_type == "code"]
    if until is None:
        return cells
    end = next(i for i, source in enumerate(cells) if until in source)
    return cells[:end + 1]


def give_course(hub: ClassHub, name: str) -> None:
    """The student's copy of the course (what the nbgitpuller link clones): notebooks and helpers."""
    target = hub.home(name) / TEACHER_FOLDER
    if target.exists():
        return
    for part in ("notebooks", "helpers"):
        shutil.copytree(ROOT / part, target / part, ignore=shutil.ignore_patterns("__pycache__", "ko"))
    hub.chown_to(name, target)


async def open_kernel(api: HubAPI, name: str, notebook: str) -> KernelClient:
    kernel_id = await _blocking(api.start_kernel, name, f"{TEACHER_FOLDER}/notebooks/{notebook}")
    client = KernelClient(api, name, kernel_id)
    await client.connect()
    await client.execute("pass")
    return client


def hub_cpu_seconds(hub: ClassHub) -> float:
    """CPU seconds of the hub and the processes it runs as root (the proxy, the idle culler): logins
    (bcrypt), spawns, proxying."""
    import psutil

    total = 0.0
    root = psutil.Process(hub.process.pid)
    for proc in [root, *root.children(recursive=True)]:
        try:
            if proc.uids().real == 0:
                times = proc.cpu_times()
                total += times.user + times.system
        except psutil.NoSuchProcess:
            pass
    return total


def uid_of(hub: ClassHub, name: str) -> int:
    import pwd

    return pwd.getpwnam(hub.account(name)).pw_uid


async def measure_notebook(api: HubAPI, hub: ClassHub, name: str, notebook: str) -> dict:
    """Run All of ``notebook`` in a fresh kernel of student ``name``: memory and CPU."""
    client = await open_kernel(api, name, notebook)
    server, kernels = student_processes(hub.home(name))
    kernel = kernels[client.kernel_id]
    uids = {uid_of(hub, name)}
    cpu0, started = cpu_seconds_of_uids(uids), time.perf_counter()
    setup, *rest = code_cells(notebook)
    await client.execute(setup)
    after_setup = rss_mb(kernel)[0]
    for source in rest:
        await client.execute(source)
    row = {"notebook": notebook, "wall_s": time.perf_counter() - started, "cpu_s": cpu_seconds_of_uids(uids) - cpu0,
           "kernel_rss": rss_mb(kernel)[0], "kernel_rss_setup": after_setup, "server_rss": rss_mb(server)[0]}
    await client.close()
    await _blocking(api.stop_kernel, name, client.kernel_id)
    return row


class Active:
    """A student with 04's panel and 07's explorer open (two kernels), clicking on a schedule."""

    def __init__(self, name: str, k04: KernelClient, k07: KernelClient, ids04: dict, ids07: dict) -> None:
        self.name, self.k04, self.k07, self.ids04, self.ids07 = name, k04, k07, ids04, ids07

    async def run_all_04(self) -> float:
        """All of 04's cells again in its kernel (as Run All does); seconds."""
        started = time.perf_counter()
        for source in code_cells(NB04):
            await self.k04.execute(source)
        self.ids04 = json.loads((await self.k04.execute(FIND_WIDGETS)).strip().splitlines()[-1])
        return time.perf_counter() - started

    async def click_for(self, seconds: float, rng: np.random.Generator) -> dict[str, list[float]]:
        times: dict[str, list[float]] = {"04 Step": [], "07 Train": [], "04 Run All": []}
        start = time.perf_counter()
        end = start + seconds
        next_train = start + rng.uniform(0, min(TRAIN_EVERY, seconds / 2))
        run_all_at = start + rng.uniform(0.2, 0.8) * seconds
        await asyncio.sleep(rng.uniform(0, STEP_EVERY))
        while time.perf_counter() < end:
            now = time.perf_counter()
            if run_all_at is not None and now >= run_all_at:
                times["04 Run All"].append(await self.run_all_04() * 1000)
                run_all_at = None
            if now >= next_train:
                times["07 Train"].append(await self.k07.click(self.ids07["bp-train-train"],
                                                              self.ids07["bp-train-loss"]))
                next_train += TRAIN_EVERY
            ms = await self.k04.click(self.ids04["bp-panel-step"], self.ids04["bp-panel-readout-E"])
            times["04 Step"].append(ms)
            await asyncio.sleep(max(0.0, STEP_EVERY - ms / 1000) * rng.uniform(0.8, 1.2))
        return times


async def make_active(api: HubAPI, hub: ClassHub, name: str) -> Active:
    await _blocking(api.start_server, name)
    await _blocking(give_course, hub, name)
    kernels, ids = [], []
    for notebook, until in PANELS.items():
        client = await open_kernel(api, name, notebook)
        for source in code_cells(notebook, until):
            await client.execute(source)
        kernels.append(client)
        ids.append(json.loads((await client.execute(FIND_WIDGETS)).strip().splitlines()[-1]))
    return Active(name, kernels[0], kernels[1], ids[0], ids[1])


def _stats(values: list[float]) -> dict:
    if not values:
        return {"count": 0, "median": float("nan"), "p95": float("nan")}
    return {"count": len(values), "median": float(np.median(values)), "p95": float(np.percentile(values, 95))}


async def sweep(api: HubAPI, hub: ClassHub, counts: list[int], seconds: float) -> list[dict]:
    active: list[Active] = []
    rows = []
    for n in counts:
        while len(active) < n:             # add students two at a time (starting servers is CPU-heavy)
            batch = [f"student{i}" for i in range(len(active), min(n, len(active) + 2))]
            active += await asyncio.gather(*(make_active(api, hub, name) for name in batch))
        await asyncio.sleep(3)             # let start-up work settle
        uids = {uid_of(hub, a.name) for a in active}
        cpu0, busy0, started = cpu_seconds_of_uids(uids), machine_busy_seconds(), time.perf_counter()
        results = await asyncio.gather(*(a.click_for(seconds, np.random.default_rng(i))
                                         for i, a in enumerate(active)))
        window = time.perf_counter() - started
        students_cpu = cpu_seconds_of_uids(uids) - cpu0
        busy = machine_busy_seconds() - busy0
        row = {"n": n, "seconds": window, "cpu_s": students_cpu, "cpu_cores": students_cpu / window,
               "machine_cores": busy / window, "other_cores": max(0.0, busy - students_cpu) / window,
               "pss_per_student": pss_mb_of_uids(uids) / n}
        for key in ("04 Step", "07 Train", "04 Run All"):
            row[key] = _stats([ms for result in results for ms in result[key]])
        rows.append(row)
        print(f"N = {n:2d}: students {row['cpu_cores']:.2f} cores, other load {row['other_cores']:.2f} cores; "
              + "; ".join(f"{k} p95 {row[k]['p95']:.0f} ms" for k in ("04 Step", "07 Train", "04 Run All")),
              flush=True)
    for a in active:
        await a.k04.close()
        await a.k07.close()
    await asyncio.gather(*(_blocking(api.call, "DELETE", f"/hub/api/users/{a.name}/server") for a in active))
    return rows


async def class_start(api: HubAPI, hub: ClassHub, names: list[str], spread: float) -> dict:
    """``names`` log in spread evenly over ``spread`` seconds; each then runs all of 04 and clicks Step.
    Seconds from the first login to each student's first Step answer."""
    busy0, t0, hub0 = machine_busy_seconds(), time.perf_counter(), hub_cpu_seconds(hub)

    spawn_s: list[float] = []
    failed: list[str] = []

    async def one(i: int, name: str) -> tuple[float, float] | None:
        await asyncio.sleep(i * spread / len(names))
        arrived = time.perf_counter()
        try:
            await _blocking(log_in, hub.url, name, hub.passwords[name])
            await _blocking(api.wait_ready, name, 600.0)
        except (RuntimeError, OSError) as error:          # turned away, or the hub gave up: counted, not fatal
            failed.append(f"{name}: {str(error)[:160]}")
            return None
        spawn_s.append(time.perf_counter() - arrived)
        await _blocking(give_course, hub, name)
        client = await open_kernel(api, name, NB04)
        for source in code_cells(NB04):
            await client.execute(source)
        ids = json.loads((await client.execute(FIND_WIDGETS)).strip().splitlines()[-1])
        await client.click(ids["bp-panel-step"], ids["bp-panel-readout-E"])
        done = time.perf_counter()
        await client.close()
        return done - t0, done - arrived

    results = [r for r in await asyncio.gather(*(one(i, name) for i, name in enumerate(names))) if r]
    if not results:
        raise RuntimeError("no student of the class start got a server: " + "; ".join(failed[:3]))
    window = time.perf_counter() - t0
    hub_cpu = hub_cpu_seconds(hub) - hub0
    uids = set()
    for name in names:                                  # accounts made by these logins: all their CPU is new
        try:
            uids.add(uid_of(hub, name))
        except KeyError:
            pass
    students_cpu = cpu_seconds_of_uids(uids)
    waits = [wait for _, wait in results]
    return {"n": len(names), "served": len(results), "failed": failed, "spread": spread,
            "last_s": max(end for end, _ in results),
            "wait": {"median": float(np.median(waits)), "p95": float(np.percentile(waits, 95)),
                     "max": max(waits)},
            "spawn": {"median": float(np.median(spawn_s)), "max": max(spawn_s)},
            "cpu_s": students_cpu + hub_cpu, "students_cpu_s": students_cpu, "hub_cpu_s": hub_cpu,
            "other_cores": max(0.0, machine_busy_seconds() - busy0 - students_cpu - hub_cpu) / window,
            "pss_per_student": pss_mb_of_uids(uids) / len(results)}


async def measure(hub: ClassHub, api: HubAPI, notebooks: list[str], counts: list[int], seconds: float,
                  start_n: int, spread: float):
    lecturer = await _blocking(Lecturer, hub.url, "teacher", hub.passwords["teacher"])
    names = sorted(name for name in hub.passwords if name != "teacher")
    for i in range(0, len(names), 8):       # sign-ups (bcrypt) a few at a time, each approved
        batch = names[i:i + 8]
        await asyncio.gather(*(_blocking(sign_up, hub.url, name, hub.passwords[name]) for name in batch))
        for name in batch:
            await _blocking(lecturer.approve, name)
    # The students of parts 1 and 2 are started through the REST API (their logins are not what is measured
    # there): the hub knows a user once logged in, or once added like this.
    await _blocking(api.call, "POST", "/hub/api/users",
                    {"usernames": [name for name in names if not name.startswith("arrival")]})
    await _blocking(api.start_server, "alone")
    await _blocking(give_course, hub, "alone")
    per_notebook = []
    for notebook in notebooks:
        per_notebook.append(await measure_notebook(api, hub, "alone", notebook))
        row = per_notebook[-1]
        print(f"{notebook}: kernel {row['kernel_rss']:.0f} MB, server {row['server_rss']:.0f} MB, "
              f"Run All {row['cpu_s']:.1f} CPU s", flush=True)
    await _blocking(api.call, "DELETE", "/hub/api/users/alone/server")
    rows = await sweep(api, hub, counts, seconds)
    start = await class_start(api, hub, [f"arrival{i}" for i in range(start_n)], spread)
    print(f"class start: {start['n']} students logging in over {spread:.0f} s; {start['served']} served, the last "
          f"panel answered {start['last_s']:.0f} s after the first login; failed: {start['failed']}", flush=True)
    return per_notebook, rows, start


def main(argv: list[str]) -> int:
    global STEP_EVERY, TRAIN_EVERY
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true",
                        help="a check that it works: 04 and 07 only, N = 1, 2 for 15 s, a class start of 4")
    parser.add_argument("--out", type=Path, help="write the report here (default: docs/capacity.md, "
                                                 "not written with --quick)")
    parser.add_argument("--step-every", type=float, default=STEP_EVERY, help="s between 04 Step clicks (%(default)s)")
    parser.add_argument("--train-every", type=float, default=TRAIN_EVERY,
                        help="s between 07 Train presses (%(default)s; a class working on 07's exercise)")
    parser.add_argument("--students", help="comma-separated N of the steady state (default 1,3,6,10; --quick 1,2)")
    parser.add_argument("--class-start", type=int, help="students arriving in the class-start scenario "
                                                        "(default 60; --quick 4)")
    parser.add_argument("--from-json", type=Path, help="write the report from the measurements a run saved "
                                                       "(its last line names the file) instead of measuring")
    args = parser.parse_args(argv)
    if args.from_json:
        saved = json.loads(args.from_json.read_text())
        out = args.out or ROOT / "docs" / "capacity.md"
        print(write_report(saved["host"], saved["per_notebook"], saved["rows"], saved["start"], saved["settings"], out))
        return 0
    STEP_EVERY, TRAIN_EVERY = args.step_every, args.train_every
    reason = proxy_missing_reason()
    tmp = Path(tempfile.mkdtemp(prefix="bp-capacity-"))
    reason = reason or ensure_proxy(tmp / "npm-ci.log")
    if reason:
        print(f"bench_capacity: skipped ({reason})")
        return 0
    notebooks = ["04_worked_example_222.ipynb", "07_training.ipynb"] if args.quick else NOTEBOOKS
    counts, seconds = ([1, 2], 15.0) if args.quick else ([1, 3, 6, 10], 60.0)
    if args.students:
        try:
            counts = sorted({int(n) for n in args.students.split(",")})
        except ValueError:
            parser.error(f"--students must be whole numbers separated by commas, e.g. 1,3,6; got {args.students!r}")
        if counts[0] < 1:
            parser.error(f"--students must be 1 or more; got {args.students!r}")
    start_n = args.class_start if args.class_start is not None else (4 if args.quick else 60)
    if start_n < 1:
        parser.error(f"--class-start must be 1 or more; got {start_n}")
    host, token = machine(), secrets.token_hex(16)
    names = ["teacher", "alone"] + [f"student{i}" for i in range(max(counts))] + [f"arrival{i}" for i in range(start_n)]
    hub = ClassHub({name: secrets.token_hex(8) for name in names}, tmp, SERVICE.format(token=token))
    try:
        per_notebook, rows, start = asyncio.run(measure(hub, HubAPI(hub.url, token), notebooks, counts, seconds,
                                                        start_n, 60.0))
    finally:
        _POOL.shutdown(wait=False, cancel_futures=True)
        hub.stop()
    deploy = PyFileConfigLoader(str(DEPLOY_CONFIG)).load_config()
    settings = {"step_every": STEP_EVERY, "train_every": TRAIN_EVERY, "seconds": seconds, "quick": args.quick,
                "mem_limit": deploy.Spawner.mem_limit, "cpu_limit": deploy.Spawner.cpu_limit,
                "spawn_limit": deploy.JupyterHub.concurrent_spawn_limit,
                "start_timeout": deploy.Spawner.start_timeout}
    out = args.out or (None if args.quick else ROOT / "docs" / "capacity.md")
    raw = Path(tempfile.gettempdir()) / "bp-capacity-last.json"       # the measurements, for --from-json
    raw.write_text(json.dumps({"host": host, "per_notebook": per_notebook, "rows": rows, "start": start,
                               "settings": settings}, indent=1))
    print(f"measurements saved in {raw}", flush=True)
    print(write_report(host, per_notebook, rows, start, settings, out))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
