"""06_matrix_form in a real JupyterLab, in both editions: moving the saturation explorer's sliders updates
every readout to the values helpers compute in this process (one sigmoid neuron via helpers.mlp.backprop),
under the labels of the edition's language; the explorer fits from 1024×768 up in each edition."""

import pytest

from helpers.widgets.saturation import (
    READOUTS,
    css_name,
    format_value,
    learning_curves,
    neuron_gradients,
    readout_labels,
)
from tests.browser.harness import expect, open_and_run, slider_set
from tests.browser.layout_checks import assert_good_at_every_size

EDITIONS = {"en": "06_matrix_form.ipynb", "ko": "ko/06_matrix_form.ipynb"}


@pytest.fixture(params=list(EDITIONS))
def edition(request, monkeypatch):
    """The edition under test; this process's labels are looked up in its language, as the kernel's are."""
    monkeypatch.setenv("BP_LANG", request.param)
    return request.param


def expect_readouts_for(page, x: float, w: float, b: float) -> None:
    expected, labels = neuron_gradients(x, w, b, 0.0), readout_labels()
    for key in READOUTS:
        expect(page.locator(f".{css_name(key)}")).to_have_text(f"{labels[key]} = {format_value(expected[key])}")
    curves = learning_curves(x, w, b, 0.0)
    expect(page.locator(".bp-sat-message")).to_contain_text(format_value(float(curves["ce"][-1])))


def test_sliders_update_the_deltas_and_gradients(lab, page, edition):
    open_and_run(page, lab, EDITIONS[edition])
    expect(page.locator(".bp-sat-figure")).to_be_visible()
    expect_readouts_for(page, 1.0, 2.0, 2.0)              # the notebook's starting point: saturated, wrong

    slider_set(page, ".bp-sat-w", "-1.5")
    expect_readouts_for(page, 1.0, -1.5, 2.0)

    slider_set(page, ".bp-sat-x", "0")                    # insight 1: no input activation, no weight gradient
    expect_readouts_for(page, 0.0, -1.5, 2.0)
    grad_w_label = readout_labels()["grad_w_mse"]
    expect(page.locator(".bp-sat-grad-w-mse")).to_have_text(f"{grad_w_label} = {format_value(0.0)}")
    if edition == "ko":
        expect(page.locator(".bp-sat-delta-mse")).to_contain_text("δ (이차 비용)")
        expect(page.locator(".bp-sat-message")).to_contain_text("걸음 뒤")

    # At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    # every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    # distorted or overlapping a readout, each figure at its natural size where the column has room.
    assert_good_at_every_size(page)
