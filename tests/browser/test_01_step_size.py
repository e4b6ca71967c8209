"""01_chain_rule in a real JupyterLab: moving the step-size slider updates both error readouts to the
values helpers compute for the slider's new h."""

import math

from helpers.chain_rule import seed004_h, seed004_h_prime
from helpers.gradcheck import central_difference, forward_difference
from helpers.widgets.step_size import format_error
from tests.browser.harness import expect, open_and_run, slider_set, slider_step, text_of

X0 = 0.5   # the point the notebook's explorer differentiates at


def shown_h(page) -> float:
    return float(text_of(page, ".bp-stepsize-h").split("=")[1])


def expect_readouts_for(page, h: float) -> None:
    exact = seed004_h_prime(X0)
    forward = abs(forward_difference(seed004_h, X0, h) - exact)
    central = abs(central_difference(seed004_h, X0, h) - exact)
    expect(page.locator(".bp-stepsize-forward-error")).to_have_text(f"forward error: {format_error(forward)}")
    expect(page.locator(".bp-stepsize-central-error")).to_have_text(f"central error: {format_error(central)}")


def test_moving_h_updates_both_errors(lab, page):
    open_and_run(page, lab, "01_chain_rule.ipynb")
    expect(page.locator(".bp-stepsize-h")).to_have_text("h = 1e-05")   # the notebook's start
    expect_readouts_for(page, 1e-5)
    expect(page.locator(".bp-stepsize-figure")).to_be_visible()

    # the log slider snaps typed values to its grid (exponent steps of 0.25): type a grid value
    slider_set(page, ".bp-stepsize-slider", "1e-7")
    expect(page.locator(".bp-stepsize-h")).not_to_have_text("h = 1e-05")
    h = shown_h(page)
    assert math.isclose(h, 1e-7, rel_tol=1e-9), h
    expect_readouts_for(page, h)

    slider_step(page, ".bp-stepsize-slider", n=2)      # two notches of 0.25 in the exponent: 1e-7 -> 10^-6.5
    target = 10.0 ** -6.5
    for _ in range(50):                                 # wait for the second notch's update to land
        if math.isclose(shown_h(page), target, rel_tol=1e-12):
            break
        page.wait_for_timeout(100)
    h2 = shown_h(page)
    assert math.isclose(h2, target, rel_tol=1e-12), h2
    expect_readouts_for(page, h2)                       # errors at exactly the h the kernel used
