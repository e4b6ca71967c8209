"""01_chain_rule in a real JupyterLab: moving the step-size slider updates both error readouts to the
values helpers compute for the slider's new h."""

import math

from helpers.chain_rule import seed004_h, seed004_h_prime
from helpers.gradcheck import central_difference, forward_difference
from helpers.widgets.step_size import format_error, format_h
from tests.browser.harness import expect, open_and_run, slider_set, slider_step
from tests.browser.layout_checks import assert_good_at_every_size

X0 = 0.5   # the point the notebook's explorer differentiates at


def shown_h(page) -> float:
    """The exact h the kernel used: the readout prints 3 digits, like the slider; its tooltip has all."""
    title = page.locator(".bp-stepsize-h span[title]").first.get_attribute("title")
    return float(title.removeprefix("exact: "))


def expect_readouts_for(page, h: float) -> None:
    exact = seed004_h_prime(X0)
    forward = abs(forward_difference(seed004_h, X0, h) - exact)
    central = abs(central_difference(seed004_h, X0, h) - exact)
    expect(page.locator(".bp-stepsize-forward-error")).to_have_text(f"forward error: {format_error(forward)}")
    expect(page.locator(".bp-stepsize-central-error")).to_have_text(f"central error: {format_error(central)}")


def test_moving_h_updates_both_errors(lab, page):
    open_and_run(page, lab, "01_chain_rule.ipynb")
    expect(page.locator(".bp-stepsize-h")).to_have_text(f"h = {format_h(1e-5)}")   # the notebook's start
    assert format_h(10 ** -3.75) == "1.78e-4"             # as the slider's own readout prints it
    expect_readouts_for(page, 1e-5)
    expect(page.locator(".bp-stepsize-figure")).to_be_visible()

    # the log slider snaps typed values to its grid (exponent steps of 0.25): type a grid value
    slider_set(page, ".bp-stepsize-slider", "1e-7")
    expect(page.locator(".bp-stepsize-h")).not_to_have_text(f"h = {format_h(1e-5)}")
    h = shown_h(page)
    assert math.isclose(h, 1e-7, rel_tol=1e-9), h
    expect_readouts_for(page, h)
    # the h readout and the slider's own readout print h the same way (1.00e-7, not 1.0000000000000004e-07)
    slider_text = page.locator(".bp-stepsize-slider .widget-readout").first.inner_text().strip()
    expect(page.locator(".bp-stepsize-h")).to_have_text(f"h = {slider_text}")
    assert slider_text == format_h(h)

    slider_step(page, ".bp-stepsize-slider", n=2)      # two notches of 0.25 in the exponent: 1e-7 -> 10^-6.5
    target = 10.0 ** -6.5
    for _ in range(50):                                 # wait for the second notch's update to land
        if math.isclose(shown_h(page), target, rel_tol=1e-12):
            break
        page.wait_for_timeout(100)
    h2 = shown_h(page)
    assert math.isclose(h2, target, rel_tol=1e-12), h2
    expect_readouts_for(page, h2)                       # errors at exactly the h the kernel used


def test_step_size_explorer_layout_at_every_size(page):
    """At 1024×768 with the file browser open, at 150% zoom of 1280×800 and 1024×768, and at 1920×1080:
    every readout as wide as its text, no button label cut, no slider shrunk to a dot, no figure
    distorted or overlapping a readout, each figure at its natural size where the column has room
    (the step-size explorer)."""
    assert_good_at_every_size(page)
