"""Run All time of each notebook and of each of its cells, measured with nbclient: printed, never asserted.

    .venv/bin/python bench/bench_notebook_cells.py                       # every notebook: totals, slowest cells
    .venv/bin/python bench/bench_notebook_cells.py notebooks/07_training.ipynb --all   # every cell of one
    .venv/bin/python bench/bench_notebook_cells.py notebooks/07_training.ipynb --repeat 3

For each notebook: the kernel start, then every code cell executed in a fresh ``python3`` kernel from
the notebook's folder (as ``tools/regenerate.py`` does), with nbclient's ``record_timing``: a cell's
time runs from the kernel's ``execute_input`` message to its ``execute_reply`` (what the kernel spends
on the cell; the browser adds rendering on top). On Linux the kernel process's CPU time per cell is
printed too (from /proc, all threads): on a shared, loaded machine it says more than the wall clock.
With ``--repeat N`` each notebook runs N times in N fresh kernels and the per-cell minimum is printed.
Nothing is written back.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
SLOWEST = 5  # cells listed per notebook without --all


def _seconds(start: str, end: str) -> float:
    return (datetime.fromisoformat(end) - datetime.fromisoformat(start)).total_seconds()


def _cpu_seconds(pid: int | None) -> float:
    """User + system CPU time of process ``pid`` (all its threads), from /proc; NaN where unavailable."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, ValueError, IndexError):
        return float("nan")


def run_once(path: Path) -> tuple[float, float, list[tuple[int, float, float, str]]]:
    """One clean run: (kernel start s, Run All s, [(cell index, seconds, CPU seconds, first line), …])."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=600, kernel_name="python3", record_timing=True,
                            store_widget_state=False, resources={"metadata": {"path": str(path.parent)}})
    started = time.perf_counter()
    cpu = {}
    with client.setup_kernel():
        kernel_ready = time.perf_counter()
        pid = getattr(getattr(client.km, "provisioner", None), "pid", None)
        for index, cell in enumerate(nb.cells):
            before = _cpu_seconds(pid)
            client.execute_cell(cell, index)
            cpu[index] = _cpu_seconds(pid) - before
        finished = time.perf_counter()
    cells = []
    for index, cell in enumerate(nb.cells):
        timing = cell.metadata.get("execution", {})
        if cell.cell_type == "code" and "iopub.execute_input" in timing:
            first = next((ln for ln in cell.source.splitlines() if ln.strip()), "")
            wall = _seconds(timing["iopub.execute_input"], timing["shell.execute_reply"])
            cells.append((index, wall, cpu[index], first))
    return kernel_ready - started, finished - kernel_ready, cells


def report(path: Path, repeat: int, show_all: bool) -> float:
    runs = [run_once(path) for _ in range(repeat)]
    kernel = min(r[0] for r in runs)
    run_all = min(r[1] for r in runs)
    best = [(index, min(r[2][k][1] for r in runs), min(r[2][k][2] for r in runs), first)
            for k, (index, _, _, first) in enumerate(runs[0][2])]
    cell_sum, cpu_sum = sum(c[1] for c in best), sum(c[2] for c in best)
    print(f"{path.name}: Run All {run_all:.2f} s (cells {cell_sum:.2f} s, kernel CPU {cpu_sum:.2f} s)"
          f" + kernel start {kernel:.2f} s" + (f"   [min of {repeat} runs]" if repeat > 1 else ""))
    shown = best if show_all else sorted(best, key=lambda c: -c[1])[:SLOWEST]
    for index, seconds, cpu, first in shown:
        print(f"   cell {index:3d}  {seconds:6.3f} s  CPU {cpu:6.2f} s  {first[:64]}")
    return run_all


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="*", type=Path, help="default: every notebook in notebooks/")
    parser.add_argument("--all", action="store_true", help="list every code cell, not only the slowest")
    parser.add_argument("--repeat", type=int, default=1, help="runs per notebook (per-cell minimum printed)")
    args = parser.parse_args(argv)
    paths = args.notebooks or sorted((ROOT / "notebooks").glob("[0-9][0-9]_*.ipynb"))
    print(f"OPENBLAS_NUM_THREADS={os.environ.get('OPENBLAS_NUM_THREADS', '(unset)')}, "
          f"{os.cpu_count()} CPUs; the machine may be shared: treat the figures as provisional")
    with tempfile.TemporaryDirectory(prefix="bp-bench-") as tmp:  # keep $HOME clean, as regenerate.py does
        for var, sub in (("MPLCONFIGDIR", "mpl"), ("IPYTHONDIR", "ipython"), ("JUPYTER_RUNTIME_DIR", "rt")):
            os.environ.setdefault(var, str(Path(tmp) / sub))
        profile = Path(os.environ["IPYTHONDIR"]) / "profile_default"
        profile.mkdir(parents=True, exist_ok=True)
        config = profile / "ipython_kernel_config.py"
        if not config.exists():
            config.write_text('c.IPKernelApp.log_level = "ERROR"\n')
        total = sum(report(path.resolve(), max(1, args.repeat), args.all) for path in paths)
    if len(paths) > 1:
        print(f"whole series: Run All {total:.1f} s (kernel starts not included)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
