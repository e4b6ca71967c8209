"""Widgets in a real browser: Run All time per notebook, and click → readout / click → figure settled
round trips, at 1024×768, in the default and the lecture mode. Printed, never asserted.

    .venv/bin/python bench/bench_widgets_browser.py [--repeats 15] [--notebooks 04,07]

Starts JupyterLab servers of its own (tests/browser/harness.py: one default, one with BP_LECTURE=1)
and headless Chromium. Clicks are dispatched in the page (``button.click()``: the widget's own round
trip, without JupyterLab's cell activation on pointer-down); slider moves are key presses.
"Readout" is the first change of the widget's main readout after the click or key;
"figure settled" is the moment the last of its figures finished loading its new picture (no further
picture for 400 ms). Both are measured in the page with ``performance.now()``: browser → kernel
(compute + redraw + PNG) → browser. Targets (issue 10): readout ≤ 50 ms, figure ≤ 150 ms (medians).
Skipped with a message when no Chromium is installed. The machine may be shared: numbers are
provisional; the load average is printed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from helpers.series import SERIES  # noqa: E402
from tests.browser.harness import LabServer, find_chromium, launch_chromium, open_and_run  # noqa: E402
from tests.browser.layout_checks import SIZES, set_window  # noqa: E402

READOUT_MS, FIGURE_MS = 50.0, 150.0
WATCH = (ROOT / "bench" / "watch_round_trip.js").read_text()
# notebook → [(action name, widget root, readout, trigger)]; a trigger is ("click", css) or ("key", css)
ACTIONS = {
    "04_worked_example_222.ipynb": [
        ("04 panel: Step", ".bp-panel", ".bp-panel-readout-E", ("click", ".bp-panel-step")),
        ("04 panel: w6 slider key", ".bp-panel", ".bp-panel-readout-E", ("key", ".bp-panel-slider-w6 .noUi-handle"))],
    "02_computational_graphs_and_gates.ipynb": [
        ("02 stepper: Next / Previous", ".bp-stepper", ".bp-stepper-readout",
         ("click", ".bp-stepper-next,.bp-stepper-prev"))],
    "07_training.ipynb": [("07 training: Step", ".bp-train", ".bp-train-loss", ("click", ".bp-train-step"))],
}


def measure(page, root: str, readout: str, trigger: tuple[str, str], repeats: int) -> list[tuple[float, float]]:
    """``repeats`` round trips: (ms to the readout's change, ms to the figures settled)."""
    out = []
    kind, css = trigger
    for i in range(repeats):
        target = css.split(",")[i % len(css.split(","))] if kind == "click" else css
        element = page.locator(f"{root} {target}").first
        if kind == "click" and element.is_disabled():
            target = css.split(",")[(i + 1) % len(css.split(","))]
            element = page.locator(f"{root} {target}").first
        page.evaluate(WATCH, {"root": root, "readout": readout})
        if kind == "click":           # the click event itself (not JupyterLab's cell activation on pointerdown)
            element.evaluate("button => button.click()")
        else:
            element.focus()
            element.press("ArrowRight" if i % 2 == 0 else "ArrowLeft")
        out.append(tuple(page.evaluate("() => window.__bpDone")))
        page.wait_for_timeout(100)
    return out


def reference_seconds() -> float:
    """A fixed pure-Python loop, timed: how fast this (shared, virtual) machine is right now."""
    started = time.perf_counter()
    total = 0
    for i in range(2_000_000):
        total += i * i
    return time.perf_counter() - started


def run_mode(mode: str, notebooks: list[str], repeats: int, runs: int, report: dict) -> None:
    # JupyterLab's default windowing ("contentVisibility"), as a learner has it: off-screen cells are
    # in the page but not laid out or painted, which keeps Chromium's share of the two cores down.
    lab = LabServer(env={"BP_LECTURE": "1"} if mode == "lecture" else None, windowing="contentVisibility")
    try:
        from playwright.sync_api import sync_playwright

        with tempfile.TemporaryDirectory(prefix="bp-bench-") as profile, sync_playwright() as pw:
            context = launch_chromium(pw, Path(profile))
            page = context.pages[0]
            set_window(page, SIZES["1024x768"])
            for name in notebooks:
                times = []
                for run in range(runs):          # each Run All in a fresh kernel
                    if run:
                        lab.shutdown_kernels()
                    report.setdefault("reference", []).append(reference_seconds())
                    times.append(open_and_run(page, lab, name))
                report.setdefault("run all", {}).setdefault(name, {})[mode] = times
                for action, root, readout, trigger in ACTIONS.get(name, []):
                    page.locator(root).first.scroll_into_view_if_needed()
                    report.setdefault("round trips", {}).setdefault(action, {})[mode] = measure(
                        page, root, readout, trigger, repeats)
            context.close()
    finally:
        lab.stop()


def summary(times: list[float]) -> str:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(times):6.0f} / {p95:5.0f}"


def print_report(report: dict, repeats: int, load_before: float) -> None:
    print(f"widgets in the browser at 1024x768; load average {load_before:.1f} before, "
          f"{os.getloadavg()[0]:.1f} after, on {os.cpu_count()} CPUs")
    reference = report.get("reference", [])
    if reference:
        print(f"  reference loop (the machine's speed while measuring; lower is faster): "
              f"{min(reference):.2f} to {max(reference):.2f} s")
    runs = max((len(t) for modes in report.get("run all", {}).values() for t in modes.values()), default=0)
    print(f"  Run All (click to every cell done, a fresh kernel each time), seconds, median / min of {runs}:")
    for name, modes in report.get("run all", {}).items():
        print(f"    {name:<44} " + "  ".join(f"{m} {statistics.median(t):5.1f} / {min(t):4.1f} s"
                                              for m, t in modes.items()))
    print(f"  round trips, ms, median / p95 of {repeats} (targets: readout <= {READOUT_MS:.0f}, "
          f"figure <= {FIGURE_MS:.0f}):")
    print(f"    {'action':<30} {'mode':<8} {'-> readout':>14} {'-> figure settled':>18}")
    for action, modes in report.get("round trips", {}).items():
        for mode, values in modes.items():
            readout = [v[0] for v in values if v[0] is not None]
            figure = [v[1] for v in values if v[1] is not None]
            missed = len(values) - len(readout)
            flag = "ok" if readout and figure and statistics.median(readout) <= READOUT_MS and \
                statistics.median(figure) <= FIGURE_MS else "OVER TARGET"
            print(f"    {action:<30} {mode:<8} {summary(readout) if readout else '-':>14} "
                  f"{summary(figure) if figure else '-':>18}  {flag}" + (f" ({missed} no change)" if missed else ""))


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeats", type=int, default=15)
    parser.add_argument("--runs", type=int, default=3, help="Run All per notebook and mode (default 3)")
    parser.add_argument("--notebooks", default="", help="comma-separated number prefixes, e.g. 04,07 (default: all)")
    args = parser.parse_args(argv)
    if find_chromium() is None:
        print("bench_widgets_browser: skipped (no Chromium found; see tests/browser/harness.py)")
        return 0
    wanted = [p for p in args.notebooks.split(",") if p]
    notebooks = [s.filename for s in SERIES if (ROOT / "notebooks" / s.filename).exists()
                 and (not wanted or s.filename[:2] in wanted)]
    report: dict = {}
    load_before = os.getloadavg()[0]
    run_mode("default", notebooks, args.repeats, args.runs, report)
    run_mode("lecture", [n for n in notebooks if n in ACTIONS], args.repeats, args.runs, report)
    print_report(report, args.repeats, load_before)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
