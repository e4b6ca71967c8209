"""Take README screenshots of widgets in a real JupyterLab (headless Chromium), via the test harness.

    python tools/screenshots.py                      # every shot in SHOTS
    python tools/screenshots.py 04_worked_example_222.ipynb

Each shot: open a stripped copy of the notebook, Run All, screenshot one element.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.harness import (  # noqa: E402
    LabServer,
    click_button,
    launch_chromium,
    open_and_run,
)

OUT = ROOT / "docs" / "screenshots"
SHOTS = {  # notebook -> (element to capture, output file, buttons to press first; "wait" pauses 3 s)
    "00_welcome.ipynb": (".bp-setup", "00_setup_check.png", ["Ping the kernel"]),
    "02_computational_graphs_and_gates.ipynb": (".bp-stepper", "02_backward_stepper.png", ["Next"] * 7),
    "04_worked_example_222.ipynb": (".bp-panel", "04_weight_panel.png", ["Step", "Step", "Forward", "Backward"]),
    "07_training.ipynb": (".bp-train", "07_training_explorer.png", ["Train", "wait", "Pause"]),
}


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    chosen = {name: SHOTS[name] for name in (argv or SHOTS)}
    OUT.mkdir(parents=True, exist_ok=True)
    server = LabServer()
    try:
        with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
            context = launch_chromium(pw, Path(profile))
            page = context.pages[0]
            for name, (css, filename, presses) in chosen.items():
                if not (ROOT / "notebooks" / name).exists():
                    print(f"skipped {name}: not in notebooks/")
                    continue
                open_and_run(page, server, name)
                element = page.locator(css).first
                for press in presses:
                    if press == "wait":
                        page.wait_for_timeout(3000)
                    else:
                        click_button(page, press, css)
                        page.wait_for_timeout(300)
                element.scroll_into_view_if_needed()
                element.screenshot(path=str(OUT / filename))
                print(f"wrote {OUT / filename}")
            context.close()
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
