"""03_vectors_matrices_jacobians in a real JupyterLab: changing one entry of W through its slider
updates q, f and the gradients to what helpers compute for the new W."""

import numpy as np

from helpers.jacobians import norm_wx_backward, norm_wx_forward
from helpers.reference import CS231N_NORM_WX
from helpers.widgets.jacobian_explorer import format_vector
from tests.browser.harness import expect, open_and_run, slider_set
from tests.browser.layout_checks import assert_good_at_every_size


def expect_readouts_for(page, W, x) -> None:
    q, f = norm_wx_forward(W, x)
    grads = norm_wx_backward(W, x)
    expect(page.locator(".bp-jac-q")).to_have_text(f"q = W·x = {format_vector(q)}")
    expect(page.locator(".bp-jac-f")).to_have_text(f"f = ‖q‖² = {f:.6f}")
    expect(page.locator(".bp-jac-gradq")).to_have_text(f"∇q = 2q = {format_vector(grads['grad_q'])}")
    expect(page.locator(".bp-jac-gradW")).to_have_text(f"∇W = ∇q xᵀ = {format_vector(grads['grad_W'])}")
    expect(page.locator(".bp-jac-gradx")).to_have_text(f"∇x = Wᵀ ∇q = {format_vector(grads['grad_x'])}")


def test_changing_one_weight_updates_q_f_and_gradients(lab, page):
    open_and_run(page, lab, "03_vectors_matrices_jacobians.ipynb")
    W = np.array(CS231N_NORM_WX["W"])
    x = np.array(CS231N_NORM_WX["x"])
    expect_readouts_for(page, W, x)                       # starts at the published example
    expect(page.locator(".bp-jac-f")).to_have_text(f"f = ‖q‖² = {CS231N_NORM_WX['f']:.6f}")

    slider_set(page, ".bp-jac-slider-W01", "-0.25")
    W[0, 1] = -0.25
    expect_readouts_for(page, W, x)

    slider_set(page, ".bp-jac-slider-x1", "0.9")
    x[1] = 0.9
    expect_readouts_for(page, W, x)


def test_jacobian_explorer_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the Jacobian explorer)."""
    assert_good_at_every_size(page)


def test_the_korean_edition_updates_the_same_readouts_and_fits(lab, page):
    """ko/03 (the kernel runs in notebooks/ko, so helpers speak Korean): the same readouts follow the
    sliders, and the explorer passes the same layout checks (1024×768 with the file browser open among them)."""
    open_and_run(page, lab, "ko/03_vectors_matrices_jacobians.ipynb")
    expect(page.locator(".jp-MarkdownOutput h1").first).to_contain_text("벡터, 행렬, 야코비 행렬")
    W = np.array(CS231N_NORM_WX["W"])
    x = np.array(CS231N_NORM_WX["x"])
    expect_readouts_for(page, W, x)
    slider_set(page, ".bp-jac-slider-W10", "0.5")
    W[1, 0] = 0.5
    expect_readouts_for(page, W, x)
    assert_good_at_every_size(page)
