"""Accessibility data every widget hands the browser (helpers.widgets.a11y), checked without a browser:
every control has a name that says what it changes, every figure a computed text alternative that
follows the picture, readouts that change are live, and the focus ring is clearly visible.
tests/browser/test_a11y.py checks what JupyterLab makes of it (axe-core)."""

from __future__ import annotations

import html
import json
import re

import ipywidgets as widgets
import pytest

from helpers.autograd import Value
from helpers.widgets.a11y import A11Y_CSS, a11y_html
from helpers.widgets.backward_stepper import BackwardStepper
from helpers.widgets.descent_explorer import DescentExplorer
from helpers.widgets.jacobian_explorer import JacobianExplorer
from helpers.widgets.panel222 import Panel222
from helpers.widgets.path_explorer import PathExplorer
from helpers.widgets.saturation import SaturationExplorer
from helpers.widgets.setup_check import SetupCheck
from helpers.widgets.step_size import StepSizeExplorer
from helpers.widgets.training_explorer import TrainingExplorer

# Controls whose own text is not a name a screen reader can use: these need an entry in names.
NEEDS_NAME = (widgets.FloatSlider, widgets.IntSlider, widgets.FloatLogSlider, widgets.SelectionSlider,
              widgets.Dropdown, widgets.BoundedIntText, widgets.IntProgress)


def stepper():
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    return BackwardStepper((x * w).tanh())


BUILDERS = [SetupCheck, StepSizeExplorer, stepper, JacobianExplorer, Panel222, PathExplorer, SaturationExplorer,
            DescentExplorer, TrainingExplorer]


def descendants(widget):
    yield widget
    for child in getattr(widget, "children", ()):
        yield from descendants(child)


def data_of(box) -> dict:
    match = re.search(r"<script type='application/json' class='bp-a11y-data'>(.*?)</script>", box.a11y.value)
    return json.loads(match[1].replace("<\\/", "</"))


@pytest.mark.parametrize("make", BUILDERS, ids=lambda m: m.__name__)
def test_every_control_is_named_and_every_figure_described(make):
    built = make()
    box = built.widget
    data = data_of(box)
    controls = [w for w in descendants(box) if isinstance(w, NEEDS_NAME)]
    for control in controls:
        named = [c for c in control._dom_classes if c in data["names"]]
        assert named, f"{type(control).__name__} {control.description!r} has no accessible name"
        name = data["names"][named[0]]
        assert len(name) >= 8 and name != control.description, name     # says what it changes
    for image in built.figure_images:
        assert len(image.alt) >= 15, (image.css_class, image.alt)
        assert data["alts"][image.css_class] == image.alt
    assert f"{box._dom_classes[0]}-message" in data["live"]
    live = set(data["live"])
    assert live <= {c for w in descendants(box) for c in getattr(w, "_dom_classes", ())}, live


def test_a_figure_alt_follows_the_picture():
    explorer = DescentExplorer()
    before = explorer.image.alt + explorer.loss_image.alt
    explorer.set_learning_rate(1.0)                         # diverges: another path, another loss curve
    after = explorer.image.alt + explorer.loss_image.alt
    assert after != before
    assert data_of(explorer.widget)["alts"]["bp-descent-loss"] == explorer.loss_image.alt


def test_the_stepper_drawing_is_a_named_keyboard_stop():
    data = data_of(stepper().widget)
    assert "graph" in data["regions"]["bp-stepper-scroll"]


def test_the_markup_carries_the_script_escaped_and_the_data_unexecuted():
    markup = a11y_html({"bp-x": 'a "quoted" </script> name'}, {}, [], {})
    assert "onerror=\"" in markup and "<script>" not in markup        # innerHTML never runs <script>
    script = re.search(r'onerror="(.*?)">', markup, re.S)[1]
    assert "MutationObserver" in html.unescape(script) and '"' not in script
    assert "</script> name" not in markup                              # the data cannot close its tag


def test_focus_is_a_clear_ring_and_dark_theme_figures_sit_on_a_card():
    assert "outline: 3px solid" in A11Y_CSS and ".noUi-handle:focus" in A11Y_CSS
    assert "[data-jp-theme-light='false'] .bp-live .bp-figure-image" in A11Y_CSS
