"""Tests of helpers.widgets.panel222 through its plain-Python API and its widgets' values (no browser).
Expected numbers come from helpers.example222 (itself tested against the published digits) and
helpers.reference."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import example222 as ex
from helpers.reference import EXAMPLE_222_START, EXAMPLE_222_UPDATED, published_tolerance, value
from helpers.widgets.panel222 import Panel222


@pytest.fixture
def panel():
    return Panel222()


def test_starts_at_published_values(panel):
    state = panel.state
    assert state["params"] == ex.start_params()
    assert state["E_total"] == ex.forward()["E_total"]
    assert state["steps"] == 0 and state["grads"] is None and state["phase"] == "start"
    assert state["learning_rate"] == EXAMPLE_222_START["learning_rate"]
    assert not state["update_biases"] and not state["hidden_uses_updated"]


def test_three_phases_one_at_a_time(panel):
    panel.forward()
    assert panel.state["phase"] == "forward" and panel.state["grads"] is None
    panel.backward()
    assert panel.state["grads"] == ex.gradients()
    assert panel.diagram.edge_texts[ex.EDGE_OF["w5"]].get_text() == f"w5 {ex.gradients()['w5']:+.4f}"
    assert "<th>∂E/∂p</th>" in panel.readout_params.value
    panel.update()
    new, used = ex.update()
    assert panel.state["params"] == new and panel.state["steps"] == 1
    # the gradients the update used stay on show, labelled as such (not "—")
    assert panel.state["grads"] is None
    assert panel.state["used_grads"] == {n: used[f"dE_d{n}"] for n in ex.PARAM_NAMES}
    assert "∂E/∂p used by update 1" in panel.readout_params.value and "—" not in panel.readout_params.value
    assert f"{used['dE_dw5']:+.9f}" in panel.readout_params.value
    assert panel.diagram.edge_texts[ex.EDGE_OF["w5"]].get_text() == f"w5 {used['dE_dw5']:+.4f}"
    assert "∂E/∂w on the edges: used by update 1" in panel.readout_E.value
    assert f"<td>h1</td><td style='text-align:right;padding:0 0.5em'>{panel.state['forward']['net_h1']:.9f}" \
        in panel.readout_params.value                               # net and out of every neuron, 9 decimals
    for name, text in EXAMPLE_222_UPDATED.items():
        assert abs(panel.state["params"][name] - value(text)) <= published_tolerance(text)


def test_step_reads_the_stated_algorithm_error(panel):
    panel.step()
    expected = ex.forward(ex.update()[0])["E_total"]
    assert panel.state["E_total"] == expected
    assert f"{expected:.9f}" in panel.readout_E.value
    assert "0.291027774" in panel.readout_E.value            # what the browser test reads
    assert f"{panel.state['params']['w5']:.9f}" in panel.readout_params.value
    assert "0.35891648" in panel.readout_params.value
    assert panel.state["losses"] == [ex.forward()["E_total"], expected]
    assert panel.state["used_grads"] == ex.gradients()                 # Step shows what it used
    assert "∂E/∂p used by update 1" in panel.readout_params.value


def test_update_without_backward_computes_gradients(panel):
    panel.update()
    assert panel.state["params"] == ex.update()[0]


def test_conventions_change_the_update(panel):
    assert "hidden gradients via old w5..w8" in panel.readout_params.value
    panel.set_conventions(hidden_uses_updated=True)
    assert panel.hidden_box.value is True
    assert "hidden gradients via updated w5..w8" in panel.readout_params.value
    panel.step()
    assert panel.state["params"] == ex.update(hidden_uses_updated=True)[0]
    panel.reset()
    panel.bias_box.value = True            # through the widget, as a click would
    panel.step()
    assert panel.state["params"] == ex.update(update_biases=True, hidden_uses_updated=True)[0]


def test_learning_rate_slider(panel):
    panel.lr_slider.value = 1.5
    assert panel.learning_rate == 1.5
    panel.step()
    assert panel.state["params"] == ex.update(learning_rate=1.5)[0]
    panel.set_learning_rate(0.25)
    assert panel.lr_slider.value == 0.25


@pytest.mark.parametrize("lr", [10, 5.01, 0.005, 0.123])
def test_learning_rate_off_the_slider_is_refused_and_nothing_changes(panel, lr):
    with pytest.raises(ValueError, match="learning_rate must"):
        panel.set_learning_rate(lr)
    assert panel.learning_rate == panel.lr_slider.value == 0.5       # slider and updates agree


def test_browser_echo_of_the_learning_rate_is_not_a_change(panel):
    panel.set_learning_rate(0.35)
    panel.lr_slider.value = 0.35000000000000003                     # the grid value the browser sends back
    assert panel.learning_rate == 0.35 and panel.message.value == ""


def test_slider_move_recomputes_error_and_gradients(panel):
    panel.sliders["w6"].value = 0.7           # as a drag would
    params = {**ex.start_params(), "w6": 0.7}
    assert panel.state["params"] == params
    assert panel.state["E_total"] == ex.forward(params)["E_total"]
    assert panel.state["grads"] == ex.gradients(params)
    assert f"{ex.forward(params)['E_total']:.9f}" in panel.readout_E.value


def test_set_updates_slider_without_loop(panel):
    renders = panel.net_image.renders
    panel.set("b1", 0.5)
    assert panel.sliders["b1"].value == 0.5
    assert panel.net_image.renders == renders + 1     # one redraw, no feedback loop


def test_sliders_follow_updates_and_grow_past_their_range(panel):
    panel.set("w5", 7.5)
    assert panel.sliders["w5"].value == 7.5 and panel.sliders["w5"].max >= 7.5
    panel.reset()
    panel.step()
    assert panel.sliders["w5"].value == panel.state["params"]["w5"]


def test_run_n_moves_progress_and_ends_at_helpers_loss(panel):
    seen = []
    panel.progress.observe(lambda ch: seen.append(ch["new"]), "value")
    panel.run(1000, chunks=10)
    params, losses = ex.train(steps=1000)
    assert panel.state["params"] == params
    assert panel.state["E_total"] == losses[-1]
    assert panel.state["losses"] == losses
    assert seen[-1] == 1000 and len(seen) >= 10 and panel.progress.max == 1000
    assert panel.progress_text.value == "1000 / 1000"
    before_last = ex.train(steps=999)[0]                              # the last update's gradients on show
    assert panel.state["used_grads"] == ex.gradients(before_last)
    panel.n_box.value = 5
    assert panel.progress_text.value == "0 / 5" and panel.progress.max == 5
    panel.run()
    assert panel.state["steps"] == 1005


def test_reset(panel):
    panel.run(50)
    panel.set("w1", -1.0)
    panel.reset()
    assert panel.state["params"] == ex.start_params() and panel.state["steps"] == 0
    assert panel.sliders["w1"].value == EXAMPLE_222_START["w1"]
    assert panel.progress.value == 0


def test_buttons_and_css_classes(panel):
    labels = [b.description for b in panel.buttons]
    assert labels == ["Forward", "Backward", "Update", "Step", "Run N", "Reset"]
    classes = {c for b in panel.buttons for c in b._dom_classes}
    assert classes == {f"bp-panel-{c}" for c in ("forward", "backward", "update", "step", "runn", "reset")}
    assert "bp-panel-lr" in panel.lr_slider._dom_classes
    assert "bp-panel-progress" in panel.progress._dom_classes
    assert "bp-panel-readout-E" in panel.readout_E._dom_classes
    assert "bp-panel-readout-params" in panel.readout_params._dom_classes
    assert "bp-panel-figure" in panel.net_image.widget._dom_classes
    assert "bp-panel-update-biases" in panel.bias_box._dom_classes
    assert "bp-panel-hidden-uses-updated" in panel.hidden_box._dom_classes
    for name in ex.PARAM_NAMES:
        assert f"bp-panel-slider-{name}" in panel.sliders[name]._dom_classes


def test_button_click_runs_phase(panel):
    panel.buttons[3].click()                  # Step
    assert panel.state["steps"] == 1


def test_bad_input_in_callbacks_shows_message_not_exception(panel):
    panel.callback(lambda: panel.run(0))
    assert "n must be &gt;= 1" in panel.message.value
    panel.buttons[0].click()                  # a good click clears the message
    assert panel.message.value == ""


def test_bad_arguments_raise_clear_errors(panel):
    with pytest.raises(ValueError, match="name must be one of"):
        panel.set("w9", 1.0)
    with pytest.raises(ValueError, match="value must be finite"):
        panel.set("w1", float("inf"))
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        panel.set_learning_rate(0.0)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        Panel222(learning_rate=-1.0)
    with pytest.raises(TypeError, match="n must be a whole number"):
        panel.run(2.5)
    with pytest.raises(ValueError, match="at most 100,000 updates"):
        panel.run(10**6)                                              # refused before any work
    assert panel.state["steps"] == 0


def test_browser_snapping_a_value_to_the_slider_grid_is_not_a_move(panel):
    panel.step()
    before = panel.state
    panel.sliders["w5"].value = round(before["params"]["w5"], 3)   # what the browser sends back
    assert panel.state["params"] == before["params"] and panel.state["phase"] == before["phase"]
    panel.sliders["w5"].value = round(before["params"]["w5"], 3) + 0.002  # a real move of two steps
    assert panel.state["params"]["w5"] == round(before["params"]["w5"], 3) + 0.002


def test_loss_curve_has_readable_ticks_for_short_and_long_runs(panel):
    for _ in range(5):
        panel.step()
    low, high = panel.curve_ax.get_ylim()
    ticks = [t for t in panel.curve_ax.get_yticks() if low <= t <= high]
    assert len(ticks) >= 2                               # within one decade: round numbers
    panel.run(3000)
    low, high = panel.curve_ax.get_ylim()
    ticks = [t for t in panel.curve_ax.get_yticks() if low <= t <= high]
    assert len(ticks) >= 2 and all(abs(np.log10(t) - round(np.log10(t))) < 1e-9 for t in ticks)  # decades
    assert panel.curve_image.renders >= 7
    xs, ys = panel.figures.curve.get_data()
    assert len(xs) <= 2000 and xs[0] == 0 and xs[-1] == 3005 and ys[-1] == panel.state["E_total"]


def test_moving_a_slider_back_to_its_start_value_is_a_move(panel):
    panel.sliders["w6"].value = 0.451                # one notch right, as an arrow key does
    panel.sliders["w6"].value = 0.45                 # and back: the published start value, on the grid
    assert panel.state["params"]["w6"] == 0.45 and panel.state["E_total"] == ex.forward()["E_total"]


def test_after_its_echo_the_snapped_value_is_a_place_a_learner_can_move_back_to(panel):
    panel.step()
    stepped = panel.state["params"]["w6"]                       # off the slider's grid
    panel.sliders["w6"].value = round(stepped, 3)              # the browser's echo: ignored
    assert panel.state["params"]["w6"] == stepped
    panel.sliders["w6"].value = round(stepped, 3) + 0.001      # ArrowRight
    panel.sliders["w6"].value = round(stepped, 3)              # ArrowLeft: back to the snapped value, a move
    assert panel.state["params"]["w6"] == round(stepped, 3)


def test_late_echo_of_an_older_value_is_not_a_move(panel):
    panel.step()
    stepped_w6 = panel.state["params"]["w6"]
    panel.sliders["w6"].value = 0.7                  # the learner's move
    panel.reset()
    panel.sliders["w6"].value = round(stepped_w6, 3)  # the browser's late snap of the value after Step
    assert panel.state["params"] == ex.start_params() and panel.state["phase"] == "start"


def test_the_loss_curve_redrawn_fast_shows_what_a_full_render_shows(panel):
    import io

    from PIL import Image

    for _ in range(3):
        panel.step()                              # limits unchanged: the curve is drawn over a cached picture
    fast = np.asarray(Image.open(io.BytesIO(panel.curve_image.widget.value)).convert("RGB"), dtype=int)
    full = np.asarray(Image.open(io.BytesIO(panel.curve_image.png())).convert("RGB"), dtype=int)
    assert np.mean(np.any(fast != full, axis=-1)) < 0.002
