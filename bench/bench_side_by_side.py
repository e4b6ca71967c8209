"""Speed of two source trees side by side (e.g. main in a worktree against this branch): printed, never asserted.

    .venv/bin/python bench/bench_side_by_side.py OLD_TREE NEW_TREE [--rounds 5] [--no-notebook]

Each round runs, for each tree in turn (the order alternates between rounds, so a change in the
machine's load hits both alike), a fresh Python process with ``PYTHONPATH=TREE`` (its ``helpers`` is
imported, not this checkout's) that times, in **process CPU seconds** (``time.process_time``: on a
shared, loaded machine it moves far less than the wall clock):

* ``epoch toy``: one Trainer epoch, notebook 07's toy problem (200 points, 8 tanh neurons, batches of 32);
* ``epoch digits``: one Trainer epoch of notebook 07's digits run (64-32-10 sigmoid, η = 2, batches of 16);
* ``train_step`` and ``backprop`` at bench_mlp's shapes (batch 256, float64, one BLAS thread);

each the median of many calls. Then (unless ``--no-notebook``) notebook 07's Run All through
``bench/bench_notebook_cells.py`` of that tree (total kernel CPU seconds, all cells). The table gives
the median over rounds of each tree, new ÷ old, and the load average before and after.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
from pathlib import Path

SNIPPET = r'''
import json, os, statistics, time
import numpy as np
import helpers
from helpers.datasets import load_digits, make_dataset, train_test_split
from helpers.mlp import backprop, init_network, train_step
from helpers.training import Trainer

def cpu(fn, calls):
    times = []
    for _ in range(calls):
        t = time.process_time(); fn(); times.append(time.process_time() - t)
    return statistics.median(times)

out = {"helpers": os.path.dirname(helpers.__file__)}
X, labels = make_dataset("moons", 200, noise=0.2, seed=0)
toy = Trainer(X, labels, hidden=[8], activation="tanh", learning_rate=0.5, batch_size=32, seed=0)
out["epoch toy"] = cpu(toy.run_epoch, 200)
Xd, yd = load_digits()
Xtr, ytr, _, _ = train_test_split(Xd, yd, 0.25, seed=0)
digits = Trainer(Xtr, ytr, hidden=[32], activation="sigmoid", learning_rate=2.0, batch_size=16, seed=0)
out["epoch digits"] = cpu(digits.run_epoch, 15)
rng = np.random.default_rng(0)
for sizes in ([64, 32, 10], [784, 256, 10]):
    w, b = init_network(sizes, rng)
    Xb, Yb = rng.standard_normal((sizes[0], 256)), rng.uniform(0, 1, (sizes[-1], 256))
    name = "-".join(map(str, sizes))
    out[f"train_step {name}"] = cpu(lambda: train_step(w, b, Xb, Yb, 0.1), 300)
    out[f"backprop {name}"] = cpu(lambda: backprop(w, b, Xb, Yb), 300)
print(json.dumps(out))
'''


def run_snippet(tree: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "OPENBLAS_NUM_THREADS": "1"}
    done = subprocess.run([sys.executable, "-c", SNIPPET], env=env, cwd=tree, capture_output=True, text=True)
    if done.returncode:
        raise SystemExit(f"the timing snippet failed in {tree}:\n{done.stderr}")
    result = json.loads(done.stdout.strip().splitlines()[-1])
    if Path(result.pop("helpers")).resolve() != (tree / "helpers").resolve():
        raise SystemExit(f"the snippet imported helpers from elsewhere than {tree}")
    return result


def run_notebook(tree: Path) -> float:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    done = subprocess.run([sys.executable, str(tree / "bench/bench_notebook_cells.py"),
                           str(tree / "notebooks/07_training.ipynb")], env=env, cwd=tree, capture_output=True,
                          text=True, check=True)
    cpu = re.search(r"kernel CPU ([0-9.]+) s", done.stdout)
    if cpu is None:
        raise SystemExit(f"no CPU total in bench_notebook_cells' output:\n{done.stdout}")
    return float(cpu.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("old", type=Path)
    parser.add_argument("new", type=Path)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-notebook", action="store_true")
    args = parser.parse_args()
    trees = {"old": args.old.resolve(), "new": args.new.resolve()}
    samples: dict[str, dict[str, list[float]]] = {"old": {}, "new": {}}
    load_before = os.getloadavg()
    for r in range(args.rounds):
        for name in (("old", "new") if r % 2 == 0 else ("new", "old")):
            result = run_snippet(trees[name])
            if not args.no_notebook:
                result["07 Run All (kernel CPU)"] = run_notebook(trees[name])
            for key, value in result.items():
                samples[name].setdefault(key, []).append(value)
            print(f"round {r + 1} {name}: " + ", ".join(f"{k} {v:.4g}" for k, v in result.items()), flush=True)
    load_after = os.getloadavg()
    print(f"\nload average (1, 5, 15 min) before: {load_before[0]:.1f} {load_before[1]:.1f} {load_before[2]:.1f}; "
          f"after: {load_after[0]:.1f} {load_after[1]:.1f} {load_after[2]:.1f}; {os.cpu_count()} CPUs")
    print(f"{'measure (median of ' + str(args.rounds) + ' rounds)':<36} {'old':>11} {'new':>11} {'new/old':>8}")
    for key in samples["old"]:
        old, new = statistics.median(samples["old"][key]), statistics.median(samples["new"][key])
        unit = 1 if "Run All" in key else 1e3
        label = "s" if unit == 1 else "ms"
        print(f"{key:<36} {old * unit:9.3f}{label:>2} {new * unit:9.3f}{label:>2} {new / old:8.3f}")


if __name__ == "__main__":
    main()
