"""Browser round trip of notebook 04's weight-stepping panel: printed, never asserted.

    .venv/bin/python bench/bench_panel222_browser.py [--screenshot panel.png]

Starts a JupyterLab of its own (tests/browser/harness.py), runs the notebook in headless Chromium,
then measures in the page, with ``performance.now()``, the time from a click on **Step** (and from
an ArrowRight key press on the w6 slider) to the moment the E_total readout changes and to the
moment the diagram image is replaced: the full round trip browser → kernel (compute + redraw) →
browser. Target: median ≤ 150 ms (diagram included). Skipped with a message when no Chromium is
installed.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.harness import (  # noqa: E402
    LabServer,
    find_chromium,
    launch_chromium,
    open_and_run,
)

NOTEBOOK = "04_worked_example_222.ipynb"
REPEATS = 20
TARGET_MS = 150.0

# Resolves with [ms until the E readout changed, ms until the diagram image changed] after t0.
WATCH = """(trigger) => {
  const readout = document.querySelector('.bp-panel .bp-panel-readout-E');
  const figure = document.querySelector('.bp-panel .bp-panel-figure');
  window.__bpDone = new Promise((resolve) => {
    const times = [null, null];
    const finish = () => { if (times[0] !== null && times[1] !== null) resolve(times); };
    new MutationObserver((_, obs) => { obs.disconnect(); times[0] = performance.now() - window.__bpT0; finish(); })
      .observe(readout, {subtree: true, childList: true, characterData: true});
    new MutationObserver((_, obs) => { obs.disconnect(); times[1] = performance.now() - window.__bpT0; finish(); })
      .observe(figure, {attributes: true, attributeFilter: ['src']});
  });
  if (trigger === 'step') {
    window.__bpT0 = performance.now();
    document.querySelector('.bp-panel button.bp-panel-step').click();
  } else {
    document.addEventListener('keydown', () => { window.__bpT0 = performance.now(); }, {capture: true, once: true});
  }
}"""


def measure(page) -> dict[str, list[tuple[float, float]]]:
    results: dict[str, list[tuple[float, float]]] = {"click Step": [], "slider key (w6)": []}
    handle = page.locator(".bp-panel .bp-panel-slider-w6 .noUi-handle[role=slider]").first
    for _ in range(REPEATS):
        page.evaluate(WATCH, "step")
        results["click Step"].append(tuple(page.evaluate("() => window.__bpDone")))
        page.wait_for_timeout(50)
        page.evaluate(WATCH, "key")
        handle.focus()
        handle.press("ArrowRight")
        results["slider key (w6)"].append(tuple(page.evaluate("() => window.__bpDone")))
        page.wait_for_timeout(50)
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--screenshot", type=Path, help="save a PNG of the panel after the run")
    args = parser.parse_args(argv)
    chromium = find_chromium()
    if chromium is None:
        print("bench_panel222_browser: skipped (no Chromium found; see tests/browser/harness.py)")
        return 0
    from playwright.sync_api import sync_playwright

    lab = LabServer()
    try:
        with tempfile.TemporaryDirectory(prefix="bp-bench-") as profile, sync_playwright() as pw:
            context = launch_chromium(pw, Path(profile))
            page = context.pages[0] if context.pages else context.new_page()
            open_and_run(page, lab, NOTEBOOK)
            page.locator(".bp-panel").first.scroll_into_view_if_needed()
            results = measure(page)
            if args.screenshot:
                page.locator(".bp-panel").first.screenshot(path=str(args.screenshot))
            context.close()
    finally:
        lab.stop()
    print(f"panel222 browser round trip (median / min of {REPEATS}; target ≤ {TARGET_MS:.0f} ms); "
          f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")
    print(f"  {'action':<18} {'-> E readout':>22} {'-> diagram redrawn':>22}")
    for name, values in results.items():
        cells = []
        for i in (0, 1):
            times = [v[i] for v in values]
            cells.append(f"{statistics.median(times):7.1f} / {min(times):5.1f} ms")
        worst = statistics.median(v[1] for v in values)
        flag = "ok" if worst <= TARGET_MS else "OVER TARGET"
        print(f"  {name:<18} {cells[0]:>22} {cells[1]:>22}   {flag}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
