"""Speed of helpers.mlp (notebook 06): printed, never asserted.

    .venv/bin/python bench/bench_mlp.py

1. Batched ``backprop`` (one matrix product per layer) vs ``backprop_per_sample`` (a Python loop
   over the m columns). Target: ≥ 20× at batch 256.
2. One ``train_step`` vs the same matrix products alone (forward W a, backward Wᵀ δ, gradient δ aᵀ,
   on arrays prepared in advance). Target: step ÷ matmuls ≤ 1.6 — the rest (activations, checks,
   the update) should cost little next to the products.
Both in float64 and float32. Each figure is the best of several interleaved repeats. BLAS runs one
thread unless OPENBLAS_NUM_THREADS is set: on a shared machine a multi-threaded BLAS stalls whenever one
of its threads is descheduled, and the figures stop being reproducible.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")  # before numpy loads BLAS
import numpy as np  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers.mlp import backprop, backprop_per_sample, forward, init_network, train_step  # noqa: E402

SHAPES = ([64, 32, 10], [784, 256, 10], [784, 100, 100, 10])
BATCH = 256


def calls_per_timing(fn, min_time: float = 0.02) -> int:
    """How many calls make one timing last at least ``min_time`` seconds."""
    fn()
    n = 1
    while True:
        start = time.perf_counter()
        for _ in range(n):
            fn()
        if time.perf_counter() - start >= min_time:
            return n
        n *= 2


def best_times(fns, repeats: int) -> list[float]:
    """Seconds per call of each function: the best of ``repeats`` timings, the functions interleaved
    so that all of them see the same load (the machine is shared: the minimum is the stable figure)."""
    counts = [calls_per_timing(fn) for fn in fns]
    best = [float("inf")] * len(fns)
    for _ in range(repeats):
        for i, (fn, n) in enumerate(zip(fns, counts, strict=True)):
            start = time.perf_counter()
            for _ in range(n):
                fn()
            best[i] = min(best[i], (time.perf_counter() - start) / n)
    return best


def problem(sizes, dtype):
    rng = np.random.default_rng(0)
    weights, biases = init_network(sizes, rng, dtype=dtype)
    X = rng.standard_normal((sizes[0], BATCH)).astype(dtype)
    Y = rng.uniform(0, 1, (sizes[-1], BATCH)).astype(dtype)
    return weights, biases, X, Y


def matmuls_only(weights, X):
    """The products a train step does: W^l a^{l-1} (forward), (W^{l+1})ᵀ δ^{l+1} and δ^l (a^{l-1})ᵀ."""
    _, activations = forward(weights, None, X)
    deltas = [np.ones_like(a) for a in activations[1:]]

    def run():
        a = X
        for W in weights:
            a = W @ a
        for i in range(len(weights) - 1, -1, -1):
            if i < len(weights) - 1:
                weights[i + 1].T @ deltas[i + 1]
            deltas[i] @ activations[i].T
    return run


def main() -> None:
    print(f"numpy {np.__version__}; batch m = {BATCH}; OPENBLAS_NUM_THREADS="
          f"{os.environ['OPENBLAS_NUM_THREADS']}; best of interleaved repeats\n")
    header = (f"{'shape':>16} {'dtype':>8} | {'per-sample ms':>13} {'batched ms':>10} {'speed-up':>8} | "
              f"{'step ms':>8} {'matmul ms':>9} {'step/matmul':>11}")
    print(header)
    print("-" * len(header))
    for sizes in SHAPES:
        for dtype in (np.float64, np.float32):
            weights, biases, X, Y = problem(sizes, dtype)
            t_loop, t_batch = best_times([
                lambda w=weights, b=biases, x=X, y=Y: backprop_per_sample(w, b, x, y),
                lambda w=weights, b=biases, x=X, y=Y: backprop(w, b, x, y)], repeats=5)
            t_step, t_mm = best_times([
                lambda w=weights, b=biases, x=X, y=Y: train_step(w, b, x, y, 0.1),
                matmuls_only(weights, X)], repeats=15)
            shape = "-".join(map(str, sizes))
            print(f"{shape:>16} {np.dtype(dtype).name:>8} | {t_loop * 1e3:13.2f} {t_batch * 1e3:10.3f} "
                  f"{t_loop / t_batch:7.0f}× | {t_step * 1e3:8.3f} {t_mm * 1e3:9.3f} {t_step / t_mm:11.2f}")
    print("\ntargets: speed-up ≥ 20×; step/matmul ≤ 1.6")


if __name__ == "__main__":
    main()
