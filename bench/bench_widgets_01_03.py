"""How long one slider move takes in the widgets of notebooks 01 and 03 (compute + redraw).

    .venv/bin/python bench/bench_widgets_01_03.py

Step-size explorer (01): each call moves h to another grid value, recomputes both finite-difference
errors and re-renders the log-log plot (FigureImage PNG). Jacobian explorer (03): each call moves one
entry of W or x and recomputes q, f, ∇q, ∇W, ∇x and the readouts (no figure). Prints median and worst
time per call against the 50 ms budget of CONTRIBUTING.md. Never asserted.
"""

from __future__ import annotations

import statistics
import time

import numpy as np

from helpers.widgets.jacobian_explorer import NAMES, JacobianExplorer
from helpers.widgets.step_size import EXPONENT_STEP, MAX_EXPONENT, MIN_EXPONENT, StepSizeExplorer

BUDGET_MS = 50.0


def time_calls(calls) -> list[float]:
    times = []
    for action in calls:
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    return times


def report(name: str, times: list[float]) -> None:
    median, worst = statistics.median(times), max(times)
    verdict = "within" if worst < BUDGET_MS else "OVER"
    print(f"{name}: {len(times)} calls, median {median:.2f} ms, worst {worst:.2f} ms "
          f"({verdict} the {BUDGET_MS:.0f} ms budget)")


def main() -> None:
    start = time.perf_counter()
    step = StepSizeExplorer()
    print(f"StepSizeExplorer built in {(time.perf_counter() - start) * 1000:.1f} ms")
    exponents = np.arange(MIN_EXPONENT, MAX_EXPONENT + EXPONENT_STEP / 2, EXPONENT_STEP)
    grid = [10.0**e for e in exponents]
    report("step-size slider move (compute + PNG redraw)",
           time_calls([lambda h=h: step.set_h(h) for h in grid * 2]))

    start = time.perf_counter()
    jac = JacobianExplorer()
    print(f"JacobianExplorer built in {(time.perf_counter() - start) * 1000:.1f} ms")
    values = np.round(np.linspace(-1.0, 1.0, 21), 2)
    moves = [lambda n=n, v=v: jac.set(n, float(v)) for n in NAMES for v in values]
    report("Jacobian slider move (compute + readouts)", time_calls(moves * 3))


if __name__ == "__main__":
    main()
