"""Speed of notebook 07's training helpers and widgets: printed, never asserted.

    .venv/bin/python bench/bench_training.py

1. The digits run of notebook 07 (64-32-10 sigmoid, η = 2, batches of 16, 30 epochs on 1,347 images):
   training time and test accuracy. Target: ≥ 95% test accuracy in a few seconds.
2. One toy-data epoch (200 points, 8 tanh hidden neurons, batches of 32); a million updates of
   notebook 04's 2-2-2 network (``example222.train``, the loop behind the panel's Run button).
3. Widget updates, from the call to the end of the redraw: the descent explorer's slider (one descent
   run + PNG render) and the training explorer's Step (one epoch + three panels re-rendered).
   Target: median ≤ 50 ms.
The machine may be shared: medians and minima of repeated timings are printed.
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads BLAS
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers import example222  # noqa: E402
from helpers.datasets import load_digits, make_dataset, train_test_split  # noqa: E402
from helpers.training import Trainer  # noqa: E402
from helpers.widgets.descent_explorer import DescentExplorer  # noqa: E402
from helpers.widgets.training_explorer import TrainingExplorer  # noqa: E402

REPEATS = 20


def timings_ms(fn, repeats: int = REPEATS) -> list[float]:
    out = []
    for _ in range(repeats):
        start = time.perf_counter()
        fn()
        out.append(1000 * (time.perf_counter() - start))
    return out


def report(name: str, values: list[float], target: float | None = None) -> None:
    median = statistics.median(values)
    flag = "" if target is None else ("  (target met)" if median <= target else f"  (target {target:g} ms)")
    print(f"{name:48s} median {median:8.1f} ms   min {min(values):8.1f} ms{flag}")


def bench_digits() -> None:
    X, labels = load_digits()
    X_train, y_train, X_test, y_test = train_test_split(X, labels, 0.25, seed=0)
    runs = []
    for _ in range(3):
        trainer = Trainer(X_train, y_train, hidden=[32], activation="sigmoid", learning_rate=2.0,
                          batch_size=16, seed=0)
        start = time.perf_counter()
        trainer.train(30)
        runs.append(time.perf_counter() - start)
    accuracy = trainer.accuracy(X_test, y_test)
    print(f"digits 64-32-10, 30 epochs: {min(runs):.2f} s (best of 3; median {statistics.median(runs):.2f} s), "
          f"test accuracy {accuracy:.4f} ({int(round(accuracy * y_test.size))}/{y_test.size})")


def bench_toy_epoch() -> None:
    X, y = make_dataset("moons", 200, seed=0)
    trainer = Trainer(X, y, hidden=[8], activation="tanh", learning_rate=0.5, seed=0)
    report("toy epoch (moons, 200 points, 2-8-1)", timings_ms(trainer.run_epoch, 100))
    runs = timings_ms(lambda: example222.train(None, example222.MAX_STEPS), 3)
    print(f"{'2-2-2 network: 1,000,000 updates (example222.train)':48s} median {statistics.median(runs) / 1e3:8.2f} s "
          f"  ({statistics.median(runs) / example222.MAX_STEPS * 1e3:.1f} µs per update)")


def bench_widgets() -> None:
    descent = DescentExplorer()
    rates = iter(np.tile([0.01, 0.1, 0.3, 0.6, 1.0], REPEATS))
    report("descent explorer: slider move -> redraw", timings_ms(lambda: descent.set_learning_rate(next(rates))),
           50.0)
    explorer = TrainingExplorer()
    report("training explorer: Step (1 epoch + redraw)", timings_ms(explorer.step), 50.0)
    deep = TrainingExplorer(activation="sigmoid", depth=4, width=32)
    report("training explorer: Step, 4 x 32 sigmoid", timings_ms(deep.step), 50.0)


if __name__ == "__main__":
    bench_digits()
    bench_toy_epoch()
    bench_widgets()
