"""Take the README's screenshots of widgets in a real JupyterLab (headless Chromium), via the test harness.

    python tools/screenshots.py                      # every shot in SHOTS
    python tools/screenshots.py 04_panel_1024x768    # some of them, by output name

Each shot: a JupyterLab of its own (started with BP_LECTURE=1 for lecture-mode shots), a stripped copy
of the notebook, Run All at the shot's window size, the buttons pressed, then either one widget
(its element) or the whole window (``window=True``: the file browser and the notebook column as a
learner sees them on a 1024×768 projector).
"""

from __future__ import annotations

import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
from tests.browser.harness import LabServer, click_button, launch_chromium, open_and_run  # noqa: E402
from tests.browser.layout_checks import SIZES, Size, ensure_file_browser, set_window  # noqa: E402

OUT = ROOT / "docs" / "screenshots"


@dataclass(frozen=True)
class Shot:
    notebook: str
    css: str                       # the widget to show (scrolled to the top of the window)
    presses: list[str] = field(default_factory=list)   # button labels; "wait" pauses 3 s
    size: Size = Size("wide", 1280, 2200, 1.0)
    window: bool = False           # the whole window, not just the widget
    lecture: bool = False


SHOTS = {
    "00_setup_check.png": Shot("00_welcome.ipynb", ".bp-setup", ["Ping the kernel"]),
    "02_backward_stepper.png": Shot("02_computational_graphs_and_gates.ipynb", ".bp-stepper", ["Next"] * 7),
    "04_weight_panel.png": Shot("04_worked_example_222.ipynb", ".bp-panel", ["Step", "Step", "Forward", "Backward"]),
    "04_panel_1024x768.png": Shot("04_worked_example_222.ipynb", ".bp-panel", ["Step", "Step", "Backward"],
                                  size=SIZES["1024x768"], window=True),
    "04_panel_lecture_1024x768.png": Shot("04_worked_example_222.ipynb", ".bp-panel", ["Step", "Step", "Backward"],
                                          size=SIZES["1024x768"], window=True, lecture=True),
    "07_training_explorer.png": Shot("07_training.ipynb", ".bp-train", ["Train", "wait", "Pause"]),
}


def take(page, server: LabServer, name: str, shot: Shot) -> None:
    set_window(page, shot.size)
    open_and_run(page, server, shot.notebook)
    if shot.window:
        ensure_file_browser(page)
    element = page.locator(shot.css).first
    for press in shot.presses:
        if press == "wait":
            page.wait_for_timeout(3000)
        else:
            click_button(page, press, shot.css)
            page.wait_for_timeout(400)
    element.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    target = OUT / name
    if shot.window:
        page.screenshot(path=str(target))
    else:
        element.screenshot(path=str(target))
    print(f"wrote {target}")


def main(argv: list[str]) -> int:
    from playwright.sync_api import sync_playwright

    chosen = {name: SHOTS[name if name.endswith(".png") else f"{name}.png"] for name in argv} if argv else SHOTS
    OUT.mkdir(parents=True, exist_ok=True)
    for lecture in (False, True):
        todo = {n: s for n, s in chosen.items() if s.lecture == lecture and (ROOT / "notebooks" / s.notebook).exists()}
        if not todo:
            continue
        server = LabServer(env={"BP_LECTURE": "1"} if lecture else None)
        try:
            with tempfile.TemporaryDirectory() as profile, sync_playwright() as pw:
                context = launch_chromium(pw, Path(profile))
                for name, shot in todo.items():
                    take(context.pages[0], server, name, shot)
                context.close()
        finally:
            server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
