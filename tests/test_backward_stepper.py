"""helpers.widgets.backward_stepper driven through its plain-Python API."""

from __future__ import annotations

import pytest

from helpers import reference as ref
from helpers.autograd import Value, reverse_topological_order
from helpers.gates import add_mul_circuit, sigmoid_neuron_circuit
from helpers.widgets.backward_stepper import BackwardStepper, format_number


def neuron_stepper():
    pub = ref.CS231N_SIGMOID_NEURON
    return BackwardStepper(sigmoid_neuron_circuit(pub["w"], pub["x"])["f"])


def test_starts_with_nothing_shown():
    stepper = neuron_stepper()
    state = stepper.state
    assert state["step"] == 0 and state["current"] is None and state["shown"] == {}
    assert state["total"] == 14 and "press Next" in state["readout"]
    assert stepper.prev_button.disabled and not stepper.next_button.disabled


def test_next_walks_reverse_topological_order_showing_only_visited_gradients():
    pub = ref.CS231N_SIGMOID_NEURON
    stepper = neuron_stepper()
    order = [v.label for v in reverse_topological_order(stepper.output)]
    for k, label in enumerate(order, start=1):
        stepper.next()
        assert stepper.state["current"] == label
        assert list(stepper.state["shown"]) == order[:k]
        box = stepper.drawing.boxes[id(stepper.current.node)].get_text()
        assert box.endswith(f"grad {stepper.current.grad:.4g}")
    shown = stepper.state["shown"]
    for i, text in enumerate(pub["grad_w"]):
        assert abs(shown[f"w{i}"] - ref.value(text)) <= ref.published_tolerance(text)
    for i, text in enumerate(pub["grad_x"]):
        assert abs(shown[f"x{i}"] - ref.value(text)) <= ref.published_tolerance(text)
    stepper.next()  # past the end: stays
    assert stepper.state["step"] == 14 and stepper.next_button.disabled


def test_readout_is_upstream_times_local_equals_gradient():
    pub = ref.CS231N_ADD_MUL
    stepper = BackwardStepper(add_mul_circuit(**pub["inputs"])["f"])
    stepper.next()
    assert stepper.state["readout"].startswith("∂f/∂f = 1")
    stepper.next()  # z: upstream 1 (from f) × local q = 3
    assert stepper.state["current"] == "z"
    expected = f"∂f/∂z = ∂f/∂f × ∂f/∂z = 1.000000 × 3.000000 = {pub['grads']['z']:.6f}"
    assert stepper.state["readout"] == expected
    assert "∂f/∂z = ∂f/∂f × ∂f/∂z" in stepper.readout.value


def test_previous_and_reset():
    stepper = neuron_stepper()
    for _ in range(3):
        stepper.next()
    stepper.previous()
    assert stepper.state["step"] == 2 and len(stepper.state["shown"]) == 2
    stepper.reset()
    assert stepper.state["step"] == 0 and stepper.state["shown"] == {}
    stepper.previous()
    assert stepper.state["step"] == 0


def test_a_value_used_twice_shows_two_terms_that_add():
    a = Value(3.0, "a")
    b = a * a
    b.label = "b"
    stepper = BackwardStepper(b)
    stepper.next()
    stepper.next()
    assert stepper.state["readout"] == ("∂b/∂a = ∂b/∂b × ∂b/∂a + ∂b/∂b × ∂b/∂a = "
                                        "1.000000 × 3.000000 + 1.000000 × 3.000000 = 6.000000")


def test_buttons_and_css_classes():
    stepper = neuron_stepper()
    classes = {c for w in (stepper.next_button, stepper.prev_button, stepper.reset_button, stepper.readout,
                           stepper.image.widget) for c in w._dom_classes}
    assert {"bp-stepper-next", "bp-stepper-prev", "bp-stepper-reset", "bp-stepper-readout",
            "bp-stepper-figure"} <= classes
    stepper.next_button.click()
    stepper.next_button.click()
    assert stepper.state["step"] == 2
    stepper.prev_button.click()
    assert stepper.state["step"] == 1
    stepper.reset_button.click()
    assert stepper.state["step"] == 0


def test_a_failing_callback_is_shown_not_raised():
    stepper = neuron_stepper()

    def broken():
        raise RuntimeError("boom")
    stepper.callback(broken, "step")
    assert "Could not step: an unexpected RuntimeError (boom)" in stepper.message.value


def test_format_number_and_bad_input():
    assert format_number(-0.5) == "(-0.500000)" and format_number(2) == "2.000000"
    with pytest.raises(TypeError, match="output must be a Value"):
        BackwardStepper(1.0)


def test_fast_redraw_matches_a_full_matplotlib_render_pixel_for_pixel():
    import io

    import numpy as np
    from PIL import Image

    stepper = neuron_stepper()
    for _ in range(4):
        stepper.next()
    stepper.previous()  # shrinking a box must not leave stale pixels behind

    def pixels(png):
        return np.asarray(Image.open(io.BytesIO(png)))
    assert np.array_equal(pixels(stepper.image.widget.value), pixels(stepper.image.png()))


def test_the_drawing_folds_into_bands_that_fit_the_column():
    """Issue 17: at 1024×768 with the file browser open the stepper must not scroll sideways, so its
    drawing is at most FIT_WIDTH_PX wide, text still at full size, in both modes."""
    from helpers.drawing.graph import figure_size
    from helpers.widgets import layout
    from helpers.widgets.backward_stepper import FIT_WIDTH_PX, bands_for
    from helpers.widgets.figure_image import CSS_DPI

    pub = ref.CS231N_SIGMOID_NEURON
    f = sigmoid_neuron_circuit(pub["w"], pub["x"])["f"]
    for text in (11.0, 18.0):
        width, _ = figure_size(f, fontsize=text, column_width=1.3, per_band=bands_for(text))
        assert width * CSS_DPI <= FIT_WIDTH_PX
        unfolded, _ = figure_size(f, fontsize=text, column_width=1.3)
        assert unfolded * CSS_DPI > FIT_WIDTH_PX            # folding is needed: one band would not fit
    stepper = BackwardStepper(f)
    assert stepper.image.figure.get_size_inches()[0] * CSS_DPI <= FIT_WIDTH_PX
    assert layout.mode().text == 11.0
    bands = set(stepper.drawing.band.values())
    assert len(bands) == 2
    columns = {}
    for key, (x, _) in stepper.drawing.positions.items():
        columns.setdefault(stepper.drawing.band[key], set()).add(x)
    assert all(len(cols) <= bands_for(11.0) for cols in columns.values())


def test_folded_bands_do_not_overlap():
    pub = ref.CS231N_SIGMOID_NEURON
    stepper = BackwardStepper(sigmoid_neuron_circuit(pub["w"], pub["x"])["f"])
    rows = {}
    for key, (_, y) in stepper.drawing.positions.items():
        rows.setdefault(stepper.drawing.band[key], []).append(y)
    assert max(rows[0]) + 1 < min(rows[1])                  # band 1 lies wholly below band 0
