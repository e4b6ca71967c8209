"""What one redraw of each widget figure costs in the kernel, in the default and the lecture mode:
drawing (matplotlib Agg), PNG encoding, PNG size. Figures are rendered at 2x their CSS size (sharp
text at any zoom), so the lecture mode's bigger figures cost more: this prints how much. Printed,
never asserted (the machine may be shared: medians of interleaved repeats).

    .venv/bin/python bench/bench_figures.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import reference as ref  # noqa: E402
from helpers.gates import sigmoid_neuron_circuit  # noqa: E402
from helpers.widgets import lecture_mode  # noqa: E402

REPEATS = 15


def widgets_now() -> dict:
    """One of each widget with figures, in the current mode, in a state with every label shown."""
    from helpers.widgets.backward_stepper import BackwardStepper
    from helpers.widgets.descent_explorer import DescentExplorer
    from helpers.widgets.panel222 import Panel222
    from helpers.widgets.path_explorer import PathExplorer
    from helpers.widgets.saturation import SaturationExplorer
    from helpers.widgets.step_size import StepSizeExplorer
    from helpers.widgets.training_explorer import TrainingExplorer

    panel = Panel222()
    panel.backward()
    pub = ref.CS231N_SIGMOID_NEURON
    training = TrainingExplorer()
    training.train(20)
    return {"04 panel": panel, "02 stepper": BackwardStepper(sigmoid_neuron_circuit(pub["w"], pub["x"])["f"]),
            "01 step size": StepSizeExplorer(), "05 paths": PathExplorer(), "06 saturation": SaturationExplorer(),
            "07 descent": DescentExplorer(), "07 training": training}


def cost(image) -> tuple[float, float, float]:
    """(draw ms, encode ms, PNG kB), medians."""
    draws, encodes, size = [], [], 0
    for _ in range(REPEATS):
        start = time.perf_counter()
        image.canvas.draw()
        middle = time.perf_counter()
        png = image._encode()
        draws.append((middle - start) * 1e3)
        encodes.append((time.perf_counter() - middle) * 1e3)
        size = len(png) / 1e3
    return statistics.median(draws), statistics.median(encodes), size


def main() -> int:
    print(f"widget figure redraw in the kernel (median of {REPEATS}); load average {os.getloadavg()[0]:.1f} "
          f"on {os.cpu_count()} CPUs")
    print(f"  {'figure':<34} {'mode':<8} {'CSS px':>9} {'draw':>9} {'encode':>9} {'PNG':>8}")
    for mode in ("default", "lecture"):
        lecture_mode(mode == "lecture")
        for name, widget in widgets_now().items():
            for image in widget.figure_images:
                draw, encode, size = cost(image)
                label = f"{name} ({image.widget._dom_classes[0]})"
                print(f"  {label:<34} {mode:<8} {image.css_width:>4}x{image.css_height:<4} {draw:7.1f}ms "
                      f"{encode:7.1f}ms {size:6.0f}kB")
    lecture_mode(False)
    guards()
    return 0


def guards() -> None:
    """The size guards of issue 11: a 784-30-10 network drawn in part, a 1,000-operation graph refused."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    from helpers.autograd import Value
    from helpers.drawing.network import NetworkDiagram
    from helpers.widgets.backward_stepper import BackwardStepper

    start = time.perf_counter()
    fig = Figure(figsize=(6, 5), dpi=100)
    FigureCanvasAgg(fig)
    NetworkDiagram(fig.add_subplot(), [784, 30, 10])
    fig.canvas.draw()
    print(f"  784-30-10 network diagram built and drawn: {(time.perf_counter() - start) * 1e3:.0f} ms (goal < 2 s)")
    out = Value(1.0, "x")
    for _ in range(1000):
        out = out * 1.0
    start = time.perf_counter()
    try:
        BackwardStepper(out)
    except ValueError as exc:
        print(f"  1,000-operation backward stepper refused in {(time.perf_counter() - start) * 1e3:.0f} ms: "
              f"{str(exc)[:60]}…")


if __name__ == "__main__":
    sys.exit(main())
