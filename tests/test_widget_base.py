"""The shared widget base (helpers.widgets.base): every widget of the series uses it, and for each one a
failing callback, fired as the browser fires it, raises nothing, says what could not be done in the
widget's message area, leaves ``state`` exactly as it was and puts the moved control back.

Buttons are clicked by calling their handlers directly (ipywidgets' ``Button.click`` would swallow an
exception into a traceback print: that print is what must never happen); a slider or menu is moved by
setting its value, where traitlets lets any exception from a handler escape."""

from __future__ import annotations

import logging

import numpy as np
import pytest

from helpers.autograd import Value
from helpers.widgets import (
    backward_stepper,
    descent_explorer,
    jacobian_explorer,
    panel222,
    path_explorer,
    saturation,
    setup_check,
    step_size,
    training_explorer,
)
from helpers.widgets.base import LOG, WidgetBase, plain_words


def click(button) -> None:
    """Run a button's handlers as the browser's click does, letting any exception escape."""
    for handler in button._click_handlers.callbacks:
        handler(button)


def broken(*_args, **_kwargs):
    raise ValueError("the computation failed on purpose")


def same(a, b) -> bool:
    """Deep equality of two state dicts that may hold numpy arrays."""
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, np.ndarray):
        return np.array_equal(a, b)
    return a == b


def expression() -> Value:
    x, w = Value(2.0, "x"), Value(-3.0, "w")
    return (x * w + 1.0).tanh()


def assert_refused_quietly(widget, before) -> None:
    assert "Could not" in widget.message.value and "on purpose" in widget.message.value
    assert "Nothing was changed" in widget.message.value
    assert same(widget.state, before)
    assert widget.errors[-1] == "the computation failed on purpose"


# (name, make, break it (monkeypatch, widget), fire the browser event, check the control came back)
CASES = [
    ("setup ping", lambda: setup_check.SetupCheck(),
     lambda mp, w: mp.setattr(setup_check.SetupCheck, "reply_text", staticmethod(broken)),
     lambda w: click(w.button), lambda w, before: w.reply.value == before["reply"]),
    ("step size slider", lambda: step_size.StepSizeExplorer(),
     lambda mp, w: mp.setattr(step_size, "forward_difference", broken),
     lambda w: setattr(w.slider, "value", 1e-3), lambda w, before: w.slider.value == before["h"]),
    ("stepper next", lambda: backward_stepper.BackwardStepper(expression()),
     lambda mp, w: mp.setattr(backward_stepper, "step_formula", broken),
     lambda w: click(w.next_button), lambda w, before: w.position == before["step"] == 0),
    ("jacobian slider", lambda: jacobian_explorer.JacobianExplorer(),
     lambda mp, w: mp.setattr(jacobian_explorer, "norm_wx_forward", broken),
     lambda w: setattr(w.sliders["W01"], "value", 0.9),
     lambda w, before: w.sliders["W01"].value == before["W"][0, 1]),
    ("panel step", lambda: panel222.Panel222(),
     lambda mp, w: mp.setattr(panel222.ex, "update", broken),
     lambda w: click(w.buttons[3]), lambda w, before: w.steps == 0),
    ("panel slider", lambda: panel222.Panel222(),
     lambda mp, w: mp.setattr(panel222.ex, "backward", broken),
     lambda w: setattr(w.sliders["w1"], "value", 0.5),
     lambda w, before: w.sliders["w1"].value == before["params"]["w1"]),
    ("panel eta", lambda: panel222.Panel222(),
     lambda mp, w: mp.setattr(panel222, "check_learning_rate", broken),
     lambda w: setattr(w.lr_slider, "value", 1.0), lambda w, before: w.lr_slider.value == before["learning_rate"]),
    ("paths weight menu", lambda: path_explorer.PathExplorer(),
     lambda mp, w: mp.setattr(path_explorer, "weight_paths", broken),
     lambda w: setattr(w.weight_menu, "value", w.weight_menu.options[3][1]),
     lambda w, before: w.weight_menu.value == before["weight"]),
    ("saturation slider", lambda: saturation.SaturationExplorer(),
     lambda mp, w: mp.setattr(saturation, "learning_curves", broken),
     lambda w: setattr(w.sliders["b"], "value", -1.0), lambda w, before: w.sliders["b"].value == before["b"]),
    ("descent slider", lambda: descent_explorer.DescentExplorer(),
     lambda mp, w: mp.setattr(descent_explorer, "gradient_descent", broken),
     lambda w: setattr(w.slider, "value", 0.01),
     lambda w, before: w.slider.value == before["learning_rate"]),
    ("training step", lambda: training_explorer.TrainingExplorer(),
     lambda mp, w: mp.setattr(w.trainer, "train", broken),
     lambda w: click(w.buttons["Step"]), lambda w, before: w.state["epoch"] == 0),
    ("training dataset", lambda: training_explorer.TrainingExplorer(),
     lambda mp, w: mp.setattr(training_explorer, "make_dataset", broken),
     lambda w: setattr(w.controls["dataset"], "value", "circles"),
     lambda w, before: w.controls["dataset"].value == before["dataset"] == "moons"),
]


@pytest.mark.parametrize("what, make, breaks, fire, restored", CASES, ids=[c[0] for c in CASES])
def test_a_failing_callback_is_shown_and_undone_never_raised(what, make, breaks, fire, restored, monkeypatch):
    widget = make()
    before = widget.state
    breaks(monkeypatch, widget)
    fire(widget)                                   # raises nothing
    assert_refused_quietly(widget, before)
    assert restored(widget, before)


def test_the_case_table_covers_every_widget_module():
    modules = {make().__class__.__module__ for _, make, *_ in CASES}
    assert len(modules) == 9, modules
    for _, make, *_ in CASES[:1]:
        assert isinstance(make(), WidgetBase)


def test_after_a_failure_the_widget_works_again(monkeypatch):
    sat = saturation.SaturationExplorer()
    with monkeypatch.context() as mp:
        mp.setattr(saturation, "learning_curves", broken)
        sat.sliders["w"].value = 1.0
    assert "Could not" in sat.message.value
    sat.sliders["w"].value = 1.0                   # the same move, now that the computation works
    assert sat.state["w"] == 1.0 and "after 300 steps" in sat.message.value


def test_a_failure_is_logged_with_its_traceback_and_nothing_reaches_stderr(monkeypatch, caplog, capsys):
    explorer = jacobian_explorer.JacobianExplorer()
    monkeypatch.setattr(jacobian_explorer, "norm_wx_forward", broken)
    with caplog.at_level(logging.WARNING, logger=LOG.name):
        explorer.sliders["x0"].value = 0.0
    record = caplog.records[-1]
    assert record.name == "helpers.widgets" and "JacobianExplorer: could not compute" in record.getMessage()
    assert record.exc_info[0] is ValueError
    captured = capsys.readouterr()
    assert captured.err == "" and captured.out == ""


def test_plain_words_keeps_clear_messages_and_names_the_rest():
    assert plain_words(ValueError("η must lie between 0.01 and 5")) == "η must lie between 0.01 and 5"
    assert plain_words(KeyError("w9")) == "an unexpected KeyError ('w9')"
    assert plain_words(RuntimeError("")) == "an unexpected RuntimeError (no details were given)"


def test_state_is_a_copy():
    explorer = jacobian_explorer.JacobianExplorer()
    state = explorer.state
    state["W"][0, 0] = 99.0
    state["f"] = -1.0
    assert explorer.state["W"][0, 0] != 99.0 and explorer.state["f"] >= 0


def test_figure_images_are_the_ones_added():
    explorer = descent_explorer.DescentExplorer()
    assert explorer.figure_images == [explorer.image, explorer.loss_image]
    assert jacobian_explorer.JacobianExplorer().figure_images == []


def test_panel_slider_echoes_are_keyed_by_parameter_not_label(monkeypatch):
    p = panel222.Panel222()
    p.sliders["w1"].description = "weight one (w1)"        # a relabelled slider keeps its echo bookkeeping
    p.set("w1", 0.12345678)                                  # off the 0.001 grid: an echo will come back
    assert list(p._sent["w1"]) == [0.12345678]
    p.sliders["w1"].value = 0.123                            # the browser's echo, snapped: ignored
    assert p.state["params"]["w1"] == 0.12345678
