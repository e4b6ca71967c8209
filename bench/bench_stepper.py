"""How long one click of the backward-pass stepper takes (notebook 02): compute + redraw + PNG.

    .venv/bin/python bench/bench_stepper.py

Prints the median and worst time per Next/Previous/Reset call on the CS231n sigmoid-neuron circuit
(target: well under 100 ms), and the time of the plain backward pass for comparison. Never asserted.
"""

from __future__ import annotations

import statistics
import time

from helpers import reference as ref
from helpers.autograd import backward_steps
from helpers.gates import sigmoid_neuron_circuit
from helpers.widgets.backward_stepper import BackwardStepper


def time_calls(action, repeats: int, clock=time.perf_counter) -> list[float]:
    """Milliseconds per call (wall clock by default; pass time.process_time for CPU time)."""
    times = []
    for _ in range(repeats):
        start = clock()
        action()
        times.append((clock() - start) * 1000)
    return times


def main() -> None:
    pub = ref.CS231N_SIGMOID_NEURON
    circuit = sigmoid_neuron_circuit(pub["w"], pub["x"])
    start = time.perf_counter()
    stepper = BackwardStepper(circuit["f"])
    build_ms = (time.perf_counter() - start) * 1000
    n = len(stepper.steps)
    clicks = []
    for _ in range(3):  # three full walks forward and back
        clicks += time_calls(stepper.next, n)
        clicks += time_calls(stepper.previous, n)
    cpu = []
    for _ in range(3):
        cpu += time_calls(stepper.next, n, time.process_time)
        cpu += time_calls(stepper.previous, n, time.process_time)
    full = time_calls(stepper.image.refresh, 20)  # a full matplotlib savefig, for comparison
    resets = time_calls(stepper.reset, 10)
    steps_ms = time_calls(lambda: backward_steps(circuit["f"]), 200)
    print(f"stepper on the sigmoid neuron: {n} nodes, built in {build_ms:.1f} ms")
    print(f"Next/Previous click: median {statistics.median(clicks):.1f} ms, worst {max(clicks):.1f} ms "
          f"over {len(clicks)} clicks (target < 100 ms)")
    print(f"Next/Previous click, CPU time of this process: median {statistics.median(cpu):.1f} ms "
          f"(less sensitive to other processes on a shared machine)")
    print(f"Reset click: median {statistics.median(resets):.1f} ms")
    print(f"for comparison, a full FigureImage.refresh() of the same figure: median {statistics.median(full):.1f} ms")
    print(f"backward_steps alone (compute only): median {statistics.median(steps_ms) * 1000:.0f} µs")
    print(f"  -> redraw share of a click: {1 - statistics.median(steps_ms) / statistics.median(clicks):.0%} "
          f"(steps are computed once; a click updates texts/colours, redraws the boxes and encodes the PNG)")


if __name__ == "__main__":
    main()
