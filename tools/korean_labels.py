"""The controls of every widget in both editions, side by side: docs/teaching/korean-labels.md.

    python tools/korean_labels.py            # write the table
    python tools/korean_labels.py --check    # exit 1 if the table is not what the widgets show now

The instructor guides name the English buttons ("press Step"); a lecturer who projects the Korean
edition needs the Korean ones. Each widget is built as its notebook builds it, once with BP_LANG=en and
once with BP_LANG=ko, and every control's name (buttons, check boxes, sliders, menus and their options)
is read off the two widget trees in the same order, so the table is never typed by hand.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
TABLE = ROOT / "docs" / "teaching" / "korean-labels.md"
CONTROLS = ("Button", "Checkbox", "ToggleButton", "IntSlider", "FloatSlider", "FloatLogSlider", "Dropdown",
            "ToggleButtons", "RadioButtons", "SelectionSlider")


def _builders():
    import numpy as np

    from helpers import gates
    from helpers import reference as ref
    from helpers.descent import LineFit
    from helpers.widgets.backward_stepper import BackwardStepper
    from helpers.widgets.descent_explorer import DescentExplorer
    from helpers.widgets.jacobian_explorer import JacobianExplorer
    from helpers.widgets.panel222 import Panel222
    from helpers.widgets.path_explorer import PathExplorer
    from helpers.widgets.saturation import SaturationExplorer
    from helpers.widgets.setup_check import SetupCheck
    from helpers.widgets.step_size import StepSizeExplorer
    from helpers.widgets.training_explorer import TrainingExplorer

    pub = ref.CS231N_SIGMOID_NEURON
    return [
        ("00", "SetupCheck", SetupCheck),
        ("01", "StepSizeExplorer", lambda: StepSizeExplorer(np.sin, np.cos, x=1.0)),
        ("02", "BackwardStepper", lambda: BackwardStepper(gates.sigmoid_neuron_circuit(pub["w"], pub["x"])["f"])),
        ("03", "JacobianExplorer", JacobianExplorer),
        ("04", "Panel222", Panel222),
        ("05", "PathExplorer", PathExplorer),
        ("06", "SaturationExplorer", lambda: SaturationExplorer(x=1.0, w=2.0, b=2.0)),
        ("07", "DescentExplorer", lambda: DescentExplorer(LineFit(seed=0), start=np.array([-1.5, 2.0]), steps=40,
                                                          learning_rate=0.1)),
        ("07", "TrainingExplorer", lambda: TrainingExplorer(dataset="moons", width=8, depth=1, activation="tanh",
                                                            learning_rate=0.5)),
    ]


def _controls(widget) -> list[str]:
    """Every control's visible name, in tree order (a menu's options after its name)."""
    out, stack = [], [getattr(widget, "widget", None) or getattr(widget, "view", None) or widget]
    seen = set()
    while stack:
        w = stack.pop(0)
        if id(w) in seen:
            continue
        seen.add(id(w))
        if type(w).__name__ in CONTROLS:
            if getattr(w, "description", ""):
                out.append(w.description)
            out.extend(str(o) for o in (getattr(w, "_options_labels", None) or ()))
        stack.extend(getattr(w, "children", ()) or ())
    return out


def table() -> str:
    rows = []
    for number, name, build in _builders():
        names = {}
        for lang in ("en", "ko"):
            os.environ["BP_LANG"] = lang
            names[lang] = _controls(build())
        if len(names["en"]) != len(names["ko"]):
            raise SystemExit(f"{name}: {len(names['en'])} English controls but {len(names['ko'])} Korean ones")
        seen = set()
        for english, korean in zip(names["en"], names["ko"], strict=True):
            if english != korean and (english, korean) not in seen:      # w1, η, x0 read the same
                seen.add((english, korean))
                rows.append(f"| {number} | {name} | {english} | {korean} |")
    os.environ.pop("BP_LANG", None)
    return ("# The widgets' controls in both editions\n\n"
            "The guides name the English controls; in the Korean edition (`make lab-ko`) the same control reads as\n"
            "below (controls named by symbols alone, such as w1 or η, read the same and are left out). Written by\n"
            "`python tools/korean_labels.py` from the widgets themselves (tests/test_i18n.py checks it is current).\n\n"
            "| notebook | widget | English | 한국어 |\n|---|---|---|---|\n" + "\n".join(rows) + "\n")


def main(argv: list[str]) -> int:
    import matplotlib

    matplotlib.use("Agg")
    text = table()
    if argv[1:] == ["--check"]:
        current = TABLE.read_text(encoding="utf-8") if TABLE.exists() else ""
        stale = f"{TABLE.relative_to(ROOT)} is out of date: run tools/korean_labels.py"
        print("up to date" if current == text else stale)
        return 0 if current == text else 1
    TABLE.write_text(text, encoding="utf-8")
    print(f"wrote {TABLE.relative_to(ROOT)}: {text.count(chr(10)) - 6} controls")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
