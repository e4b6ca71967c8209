"""06_matrix_form in a real JupyterLab: moving the saturation explorer's sliders updates every readout
to the values helpers compute in this process (one sigmoid neuron via helpers.mlp.backprop)."""

from helpers.widgets.saturation import LABELS, READOUTS, css_name, format_value, learning_curves, neuron_gradients
from tests.browser.harness import expect, open_and_run, slider_set
from tests.browser.layout_checks import assert_good_at_every_size

NOTEBOOK = "06_matrix_form.ipynb"


def expect_readouts_for(page, x: float, w: float, b: float) -> None:
    expected = neuron_gradients(x, w, b, 0.0)
    for key in READOUTS:
        expect(page.locator(f".{css_name(key)}")).to_have_text(f"{LABELS[key]} = {format_value(expected[key])}")
    curves = learning_curves(x, w, b, 0.0)
    expect(page.locator(".bp-sat-message")).to_contain_text(format_value(float(curves["ce"][-1])))


def test_sliders_update_the_deltas_and_gradients(lab, page):
    open_and_run(page, lab, NOTEBOOK)
    expect(page.locator(".bp-sat-figure")).to_be_visible()
    expect_readouts_for(page, 1.0, 2.0, 2.0)              # the notebook's starting point: saturated, wrong

    slider_set(page, ".bp-sat-w", "-1.5")
    expect_readouts_for(page, 1.0, -1.5, 2.0)

    slider_set(page, ".bp-sat-x", "0")                    # insight 1: no input activation, no weight gradient
    expect_readouts_for(page, 0.0, -1.5, 2.0)
    expect(page.locator(".bp-sat-grad-w-mse")).to_have_text(f"{LABELS['grad_w_mse']} = {format_value(0.0)}")


def test_saturation_explorer_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the saturation explorer)."""
    assert_good_at_every_size(page)
