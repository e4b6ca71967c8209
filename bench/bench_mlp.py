"""Speed of helpers.mlp (notebook 06): printed, never asserted.

    .venv/bin/python bench/bench_mlp.py            # both tables
    .venv/bin/python bench/bench_mlp.py --quick    # fewer repeats

1. Batched ``backprop`` (one matrix product per layer) vs ``backprop_per_sample`` (a Python loop
   over the m columns). Target: ≥ 20× at batch 256.
2. One ``train_step`` (input checks included) vs the same matrix products alone (forward W a, backward
   Wᵀ δ, gradient δ aᵀ, on arrays prepared in advance), at BLAS's **default** number of threads and at
   one thread. Target (issue 11): step ÷ matmuls ≤ 1.3 at default threads for every shape — the rest
   (activations, checks, the update) should cost little next to the products. Two floors beside it:
   the same step with every input check removed (helpers.mlp's own arithmetic), and the plainest numpy
   step (sigmoid as 1/(1+exp(−z)) in place, no checks). When even a floor is above the target, the
   target is out of reach of numpy code at that shape: what is left is numpy's per-call dispatch and
   its single-threaded elementwise work, not this project's checks.

Both in float64 and float32, batch m = 256. The machine may be shared, so the timings are interleaved:
each repeat times the step and its products back to back, at each thread count in turn, and the
tables give the **median** over repeats (the ratio column is the median of the per-repeat ratios).
The BLAS thread count is switched in-process through OpenBLAS's own ``set_num_threads`` (numpy's
bundled scipy-openblas), so both settings see the same load.
"""

from __future__ import annotations

import ctypes
import os
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from helpers.core import mlp as core  # noqa: E402
from helpers.mlp import (  # noqa: E402
    backprop,
    backprop_per_sample,
    forward,
    init_network,
    train_step,
)

SHAPES = ([64, 32, 10], [784, 256, 10], [784, 100, 100, 10])
BATCH = 256
TARGET = 1.3


def _openblas():
    """(get_num_threads, set_num_threads) of the OpenBLAS numpy uses, or None if it cannot be found."""
    libs = sorted((Path(np.__file__).resolve().parent.parent / "numpy.libs").glob("*openblas*"))
    for lib_path in libs:
        lib = ctypes.CDLL(str(lib_path))
        for get_name, set_name in (("scipy_openblas_get_num_threads64_", "scipy_openblas_set_num_threads64_"),
                                   ("openblas_get_num_threads64_", "openblas_set_num_threads64_"),
                                   ("openblas_get_num_threads", "openblas_set_num_threads")):
            if hasattr(lib, get_name) and hasattr(lib, set_name):
                getter, setter = getattr(lib, get_name), getattr(lib, set_name)
                getter.restype, setter.argtypes = ctypes.c_int, [ctypes.c_int]
                return getter, setter
    return None


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


def seconds_per_call(fn, n: int) -> float:
    start = time.perf_counter()
    for _ in range(n):
        fn()
    return (time.perf_counter() - start) / n


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


def unchecked_step(weights, biases, X, Y, eta):
    """train_step's core (helpers.core.mlp.train_step): the arithmetic with every check removed."""
    return core.train_step(weights, biases, X, Y, eta)


def plain_step(weights, biases, X, Y, eta):
    """The plainest numpy train step for a sigmoid network with the squared error, no checks."""
    activations = [X]
    for W, b in zip(weights, biases, strict=True):
        z = W @ activations[-1]
        z += b
        np.negative(z, out=z)
        np.exp(z, out=z)
        z += 1
        activations.append(np.reciprocal(z, out=z))
    a = activations[-1]
    delta = (a - Y) * a * (1 - a)
    grads_W, grads_b = [None] * len(weights), [None] * len(weights)
    for i in range(len(weights) - 1, -1, -1):
        if i < len(weights) - 1:
            a = activations[i + 1]
            delta = (weights[i + 1].T @ delta) * a * (1 - a)
        grads_b[i], grads_W[i] = delta.sum(axis=1, keepdims=True), delta @ activations[i].T
    step = eta / X.shape[1]
    return ([W - step * g for W, g in zip(weights, grads_W, strict=True)],
            [b - step * g for b, g in zip(biases, grads_b, strict=True)])


FLOORS = ("step", "unchecked", "plain", "mm")


def step_vs_matmuls(sizes, dtype, settings, set_threads, repeats: int) -> dict:
    """{threads: {name: median s} plus "ratio", "floor": median per-repeat ratios}, settings interleaved."""
    weights, biases, X, Y = problem(sizes, dtype)
    fns = {"step": lambda: train_step(weights, biases, X, Y, 0.1),
           "unchecked": lambda: unchecked_step(weights, biases, X, Y, 0.1),
           "plain": lambda: plain_step(weights, biases, X, Y, 0.1), "mm": matmuls_only(weights, X)}
    counts = {}
    for threads in settings:
        set_threads(threads)
        counts[threads] = {k: calls_per_timing(f) for k, f in fns.items()}
    samples = {t: {k: [] for k in (*FLOORS, "ratio", "floor")} for t in settings}
    for _ in range(repeats):
        for threads in settings:
            set_threads(threads)
            took = {k: seconds_per_call(fns[k], counts[threads][k]) for k in FLOORS}
            for key, value in took.items():
                samples[threads][key].append(value)
            samples[threads]["ratio"].append(took["step"] / took["mm"])
            samples[threads]["floor"].append(min(took["unchecked"], took["plain"]) / took["mm"])
    return {t: {k: statistics.median(v) for k, v in samples[t].items()} for t in settings}


def table_speedup(repeats: int) -> None:
    blas = _openblas()
    default = None if blas is None else blas[0]()
    if blas is not None:
        blas[1](1)     # one BLAS thread: the loop's tiny products never use more, so the comparison is fair
    print(f"1. batched backprop vs the per-sample loop ({'one BLAS thread' if blas else 'default threads'}; "
          f"median of {repeats})")
    print(f"{'shape':>16} {'dtype':>8} | {'per-sample ms':>13} {'batched ms':>10} {'speed-up':>8}")
    for sizes in SHAPES:
        for dtype in (np.float64, np.float32):
            args = problem(sizes, dtype)
            loop = lambda a=args: backprop_per_sample(*a)      # noqa: E731
            batch = lambda a=args: backprop(*a)                # noqa: E731
            n_loop, n_batch = calls_per_timing(loop), calls_per_timing(batch)
            t_loop = statistics.median(seconds_per_call(loop, n_loop) for _ in range(repeats))
            t_batch = statistics.median(seconds_per_call(batch, n_batch) for _ in range(repeats))
            print(f"{'-'.join(map(str, sizes)):>16} {np.dtype(dtype).name:>8} | {t_loop * 1e3:13.2f} "
                  f"{t_batch * 1e3:10.3f} {t_loop / t_batch:7.0f}×")
    print("target: speed-up ≥ 20×\n")
    if blas is not None:
        blas[1](default)


def table_step(repeats: int) -> None:
    blas = _openblas()
    if blas is None:
        print("2. (OpenBLAS's set_num_threads not found: default threads only)")
        default, settings, set_threads = "default", ["default"], (lambda n: None)
    else:
        get_threads, set_threads = blas
        default = get_threads()
        settings = [default, 1] if default != 1 else [1]
    print(f"2. train_step vs its matrix products (median of {repeats} interleaved repeats; "
          f"default threads = {default})")
    header = (f"{'shape':>16} {'dtype':>8} {'threads':>8} | {'step ms':>8} {'matmul ms':>9} {'step/matmul':>11} | "
              f"{'no checks':>9} {'plain np':>8} {'floor/matmul':>12}")
    print(header)
    print("-" * len(header))
    worst = worst_floor = 0.0
    for sizes in SHAPES:
        for dtype in (np.float64, np.float32):
            result = step_vs_matmuls(sizes, dtype, settings, set_threads, repeats)
            for threads, r in result.items():
                label = f"{threads} (def)" if threads == default else str(threads)
                print(f"{'-'.join(map(str, sizes)):>16} {np.dtype(dtype).name:>8} {label:>8} | "
                      f"{r['step'] * 1e3:8.3f} {r['mm'] * 1e3:9.3f} {r['ratio']:11.2f} | "
                      f"{r['unchecked'] * 1e3:9.3f} {r['plain'] * 1e3:8.3f} {r['floor']:12.2f}")
                if threads == default:
                    worst = max(worst, r["ratio"])
                    worst_floor = max(worst_floor, r["floor"])
    set_threads(default)
    print(f"target: step/matmul ≤ {TARGET} at default threads; worst here {worst:.2f} "
          f"(the floors' worst: {worst_floor:.2f})")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    print(f"numpy {np.__version__}; batch m = {BATCH}; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.2f} (on a busy machine a multi-threaded BLAS stalls: the default-threads "
          "rows are only meaningful when it is quiet)\n")
    table_speedup(3 if quick else 5)
    table_step(7 if quick else 21)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
