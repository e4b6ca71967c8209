"""Speed of helpers.mlp (notebook 06): printed, never asserted.

    .venv/bin/python bench/bench_mlp.py            # both tables
    .venv/bin/python bench/bench_mlp.py --quick    # fewer repeats

1. Batched ``backprop`` (one matrix product per layer) vs ``backprop_per_sample`` (a Python loop
   over the m columns). Target: ≥ 20× at batch 256.
2. One ``train_step`` (input checks included) vs the same matrix products alone (forward W a, backward
   Wᵀ δ, gradient δ aᵀ, on arrays prepared in advance), at BLAS's **default** number of threads and at
   one thread. Target (issue 11): step ÷ matmuls ≤ 1.3 at default threads for every shape — the rest
   (activations, checks, the update) should cost little next to the products.

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
from helpers.mlp import backprop, backprop_per_sample, forward, init_network, train_step  # noqa: E402

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


def step_vs_matmuls(sizes, dtype, settings, set_threads, repeats: int) -> dict:
    """{threads: (median step s, median matmul s, median per-repeat ratio)}, settings interleaved."""
    weights, biases, X, Y = problem(sizes, dtype)
    fns = {"step": lambda: train_step(weights, biases, X, Y, 0.1), "mm": matmuls_only(weights, X)}
    counts = {}
    for threads in settings:
        set_threads(threads)
        counts[threads] = {k: calls_per_timing(f) for k, f in fns.items()}
    samples = {t: {"step": [], "mm": [], "ratio": []} for t in settings}
    for _ in range(repeats):
        for threads in settings:
            set_threads(threads)
            step = seconds_per_call(fns["step"], counts[threads]["step"])
            mm = seconds_per_call(fns["mm"], counts[threads]["mm"])
            for key, value in (("step", step), ("mm", mm), ("ratio", step / mm)):
                samples[threads][key].append(value)
    return {t: tuple(statistics.median(samples[t][k]) for k in ("step", "mm", "ratio")) for t in settings}


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
    header = f"{'shape':>16} {'dtype':>8} {'threads':>8} | {'step ms':>8} {'matmul ms':>9} {'step/matmul':>11}"
    print(header)
    print("-" * len(header))
    worst = 0.0
    for sizes in SHAPES:
        for dtype in (np.float64, np.float32):
            result = step_vs_matmuls(sizes, dtype, settings, set_threads, repeats)
            for threads, (step, mm, ratio) in result.items():
                label = f"{threads} (def)" if threads == default else str(threads)
                print(f"{'-'.join(map(str, sizes)):>16} {np.dtype(dtype).name:>8} {label:>8} | "
                      f"{step * 1e3:8.3f} {mm * 1e3:9.3f} {ratio:11.2f}")
                if threads == default:
                    worst = max(worst, ratio)
    set_threads(default)
    print(f"target: step/matmul ≤ {TARGET} at default threads; worst here {worst:.2f}")


if __name__ == "__main__":
    quick = "--quick" in sys.argv
    print(f"numpy {np.__version__}; batch m = {BATCH}; {os.cpu_count()} CPUs; load average "
          f"{os.getloadavg()[0]:.2f} (on a busy machine a multi-threaded BLAS stalls: the default-threads "
          "rows are only meaningful when it is quiet)\n")
    table_speedup(3 if quick else 5)
    table_step(7 if quick else 21)
    print(f"load average at the end: {os.getloadavg()[0]:.2f}")
