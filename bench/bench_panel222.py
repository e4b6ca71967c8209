"""Kernel-side speed of notebook 04's weight-stepping panel (helpers.widgets.panel222): printed,
never asserted.

    .venv/bin/python bench/bench_panel222.py

For each action the panel offers, the time from the call to the end of its redraw (compute, the
diagram re-rendered to PNG, readouts and sliders updated, the loss curve when it changes): what a
click or a slider move costs in the kernel before the widget messages leave. Target: median ≤ 50 ms
per update. Also the pure computation (forward + backward, one update) without any drawing, and
Run N (10,000 updates, 20 progress-bar moves). The machine may be shared: medians and minima of
interleaved repeats are printed; the browser round trip is in bench_panel222_browser.py.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import example222 as ex  # noqa: E402
from helpers.widgets.panel222 import Panel222  # noqa: E402

REPEATS = 30
TARGET_MS = 50.0


def timed(fn) -> float:
    """Wall-clock milliseconds of one call."""
    start = time.perf_counter()
    fn()
    return (time.perf_counter() - start) * 1e3


def timed_both(fn) -> tuple[float, float]:
    """(wall-clock, CPU) milliseconds of one call: on a loaded machine the CPU time is the cost of
    the work itself, the wall-clock time adds the waiting for a core."""
    start, start_cpu = time.perf_counter(), time.process_time()
    fn()
    return (time.perf_counter() - start) * 1e3, (time.process_time() - start_cpu) * 1e3


def main() -> int:
    panel = Panel222()
    moves = iter([(-1.0) ** i for i in range(10_000)])     # -1, +1, -1, …: always a real move
    actions = {
        "slider move (set w5: E + every gradient)": lambda: panel.sliders["w5"].__setattr__("value", next(moves)),
        "Forward": panel.forward,
        "Backward": panel.backward,
        "Update": panel.update,
        "Step (forward + backward + update)": panel.step,
    }
    times = {name: [] for name in actions}
    for _ in range(REPEATS):                     # interleaved, so every action sees the same load
        for name, action in actions.items():
            times[name].append(timed_both(action))
    params = ex.start_params()
    compute = [timed(lambda: ex.backward(params, ex.forward(params))) for _ in range(200)]
    update = [timed(lambda: ex.update(params)) for _ in range(200)]

    print(f"panel222 kernel-side time per widget update, compute + redraw (median of {REPEATS}; "
          f"target ≤ {TARGET_MS:.0f} ms); load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"  {'action':<44} {'wall':>9} {'CPU':>9}")
    for name, values in times.items():
        wall = statistics.median(v[0] for v in values)
        cpu = statistics.median(v[1] for v in values)
        flag = "ok" if wall <= TARGET_MS else ("ok in CPU time" if cpu <= TARGET_MS else "OVER TARGET")
        print(f"  {name:<44} {wall:6.1f} ms {cpu:6.1f} ms   {flag}")
    print(f"  {'compute only: forward + backward':<44} {statistics.median(compute) * 1e3:7.1f} µs")
    print(f"  {'compute only: one update':<44} {statistics.median(update) * 1e3:7.1f} µs")
    panel.reset()
    run_ms = timed(lambda: panel.run(10_000))
    print(f"  {'Run N = 10,000 (20 progress moves, 1 redraw)':<44} {run_ms:7.0f} ms in all")
    return 0


if __name__ == "__main__":
    sys.exit(main())
