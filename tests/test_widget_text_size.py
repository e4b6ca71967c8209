"""Every text drawn in every widget figure is big enough on screen: ≥ 11 px in the default mode and
≥ 18 px in lecture mode, where px on screen = font size (pt) × dpi / 72 × display scale, and display
scale = CSS px shown / figure px (the layout shows each figure at its natural CSS width; the browser
tests check that it really does). The texts are the ones the renderer actually draws (tick labels,
legends, titles, labels, annotations), recorded during a real draw; none is mathtext (whose
superscripts would be smaller than its font size says); none is cut off at the figure's edge.
"""

from __future__ import annotations

import re

import pytest

from helpers import reference as ref
from helpers.drawing.fast_text import FastText
from helpers.gates import sigmoid_neuron_circuit
from helpers.widgets import is_lecture_mode, lecture_mode
from helpers.widgets.backward_stepper import BackwardStepper
from helpers.widgets.descent_explorer import DescentExplorer
from helpers.widgets.jacobian_explorer import JacobianExplorer
from helpers.widgets.panel222 import Panel222
from helpers.widgets.path_explorer import PathExplorer
from helpers.widgets.saturation import SaturationExplorer
from helpers.widgets.setup_check import SetupCheck
from helpers.widgets.step_size import StepSizeExplorer
from helpers.widgets.training_explorer import TrainingExplorer

LIMITS = {"default": (11.0, 420), "lecture": (18.0, 540)}   # smallest text (px), widest figure (CSS px)


def _panel_states():
    backward, stepped, long_run = Panel222(), Panel222(), Panel222()
    backward.backward()
    stepped.step()
    long_run.run(3000)                       # decade ticks on the loss curve
    return [backward, stepped, long_run]


def _stepper():
    pub = ref.CS231N_SIGMOID_NEURON
    stepper = BackwardStepper(sigmoid_neuron_circuit(pub["w"], pub["x"])["f"])
    for _ in range(14):
        stepper.next()
    return [stepper]


def _descent():
    small, diverged = DescentExplorer(), DescentExplorer()
    diverged.set_learning_rate(1.0)          # the banner
    return [small, diverged]


def _training():
    shallow, deep, dead = TrainingExplorer(), TrainingExplorer(depth=4, activation="sigmoid"), \
        TrainingExplorer(activation="relu", learning_rate=10.0)
    shallow.train(20)
    deep.train(3)
    dead.train(6)                            # every ReLU dead: the words on the gradient panel
    return [shallow, deep, dead]


def _paths():
    explorer = PathExplorer()
    explorer.select(1, 0, 0)
    return [explorer]


BUILDERS = {"panel222": _panel_states, "stepper": _stepper, "step_size": lambda: [StepSizeExplorer()],
            "paths": _paths, "saturation": lambda: [SaturationExplorer()], "descent": _descent,
            "training": _training}


@pytest.fixture(params=["default", "lecture"])
def mode(request):
    lecture_mode(request.param == "lecture")
    yield request.param
    lecture_mode(False)


def drawn_texts(image) -> list[tuple[str, float, bool, object]]:
    """(text, size in pt, is mathtext, window extent) of every text drawn in a full draw: those the
    renderer draws as text, and the labels drawn as pictures (FastText, via Pillow)."""
    canvas = image.figure.canvas
    renderer = canvas.get_renderer()
    seen = []
    original, fast_draw = renderer.draw_text, FastText.draw

    def spy(gc, x, y, s, prop, angle, ismath=False, mtext=None):
        seen.append((s, prop.get_size_in_points(), ismath, mtext.get_window_extent(renderer) if mtext else None))
        return original(gc, x, y, s, prop, angle, ismath=ismath, mtext=mtext)

    def fast_spy(text, rend):
        if text.get_visible() and text.get_text():
            seen.append((text.get_text(), text.get_fontsize(), False, text.get_window_extent(rend)))
        return fast_draw(text, rend)

    renderer.draw_text = spy
    FastText.draw = fast_spy
    try:
        canvas.draw()
    finally:
        del renderer.draw_text
        FastText.draw = fast_draw
    return seen


@pytest.mark.parametrize("name", list(BUILDERS))
def test_every_figure_text_is_big_enough_on_screen(mode, name):
    smallest, widest = LIMITS[mode]
    assert is_lecture_mode() == (mode == "lecture")
    for widget in BUILDERS[name]():
        for image in widget.figure_images:
            fig = image.figure
            css_width = float(image.widget.layout.width.removesuffix("px"))
            display_scale = css_width / fig.bbox.width            # CSS px shown per figure px
            texts = [t for t in drawn_texts(image) if t[0].strip()]
            assert texts, f"{name}: a figure with no text?"
            for text, size_pt, ismath, box in texts:
                on_screen = size_pt * fig.dpi / 72 * display_scale
                assert on_screen >= smallest - 1e-9, f"{name}: {text!r} is {on_screen:.1f} px (< {smallest})"
                assert not ismath, f"{name}: {text!r} is mathtext"
                # both editions run these figures: Hangul would need a Korean font wherever they run
                assert not re.search("[\uac00-\ud7a3]", text), f"{name}: {text!r} has Hangul"
                if box is not None:      # nothing cut off by the figure's edge
                    assert box.x0 >= -1 and box.y0 >= -1 and box.x1 <= fig.bbox.width + 1 \
                        and box.y1 <= fig.bbox.height + 1, f"{name}: {text!r} sticks out of the figure ({box})"
            if name != "stepper":        # the graph scrolls sideways at its natural size instead
                assert image.css_width <= widest, f"{name}: {image.css_width} px wide (> {widest})"


@pytest.mark.parametrize("make", [SetupCheck, JacobianExplorer])
def test_widgets_without_figures_say_so(make):
    assert make().figure_images == []


def test_lecture_mode_makes_text_bigger_than_default():
    sizes = {}
    for mode in ("default", "lecture"):
        lecture_mode(mode == "lecture")
        try:
            image = Panel222().net_image
            sizes[mode] = min(size for text, size, *_ in drawn_texts(image) if text.strip())
        finally:
            lecture_mode(False)
    assert sizes["lecture"] >= 18 > 11 <= sizes["default"] < sizes["lecture"]
