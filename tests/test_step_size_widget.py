"""The step-size explorer of notebook 01, driven through its plain-Python API."""

import pytest

from helpers.chain_rule import seed004_h, seed004_h_prime
from helpers.gradcheck import central_difference, forward_difference
from helpers.widgets.step_size import StepSizeExplorer, format_error


def expected_errors(h, x=0.5):
    exact = seed004_h_prime(x)
    return abs(forward_difference(seed004_h, x, h) - exact), abs(central_difference(seed004_h, x, h) - exact)


def test_starts_at_the_given_step_and_shows_both_errors():
    explorer = StepSizeExplorer(h=1e-5)
    forward, central = expected_errors(1e-5)
    assert explorer.state == {"h": 1e-5, "forward_error": forward, "central_error": central}
    assert explorer.forward_label.value == f"forward error: {format_error(forward)}"
    assert explorer.central_label.value == f"central error: {format_error(central)}"
    assert explorer.h_label.value == "<span title='exact: 1e-05'>h = 1.00e-5</span>"


def shown_h(explorer) -> float:
    """The exact h from the readout's tooltip."""
    return float(explorer.h_label.value.split("exact: ")[1].split("'")[0])


@pytest.mark.parametrize("h", [1e-12, 10 ** -7.5, 1e-5, 10 ** -1.25])      # notches 10^(k/4) of the slider
def test_set_h_updates_readouts_plot_and_state(h):
    explorer = StepSizeExplorer()
    renders = explorer.image.renders
    explorer.set_h(h)
    forward, central = expected_errors(h)
    assert explorer.slider.value == h
    assert explorer.state["forward_error"] == forward and explorer.state["central_error"] == central
    assert shown_h(explorer) == h
    assert explorer.image.renders == renders + 1
    assert explorer.forward_marker.get_xdata()[0] == h
    assert explorer.forward_marker.get_ydata()[0] == pytest.approx(max(forward, 1e-17))


def test_moving_the_slider_like_a_learner_updates_the_readouts():
    explorer = StepSizeExplorer()
    explorer.slider.value = 10.0 ** -7.25      # what one ArrowRight press lands on, set by the front end
    forward, central = expected_errors(10.0 ** -7.25)
    assert explorer.forward_label.value.endswith(format_error(forward))
    assert explorer.central_label.value.endswith(format_error(central))


def test_errors_behave_as_taught():
    explorer = StepSizeExplorer()
    explorer.set_h(1e-2)
    big = explorer.state
    explorer.set_h(1e-3)
    small = explorer.state
    assert big["forward_error"] / small["forward_error"] == pytest.approx(10, rel=0.1)    # O(h)
    assert big["central_error"] / small["central_error"] == pytest.approx(100, rel=0.1)   # O(h²)


def test_a_failing_function_shows_a_message_instead_of_raising():
    broken = {"now": False}

    def f(x):
        return float("nan") if broken["now"] else x * x

    explorer = StepSizeExplorer(f=f, f_prime=lambda x: 2 * x, x=0.5)
    before = explorer.state
    broken["now"] = True
    explorer.slider.value = 1e-3          # the callback runs, must not raise
    assert "Could not evaluate at this h" in explorer.message.value
    assert explorer.state == before       # the last good numbers stay on display
    broken["now"] = False
    explorer.set_h(1e-4)
    assert explorer.message.value == "" and explorer.state["h"] == 1e-4


def test_h_is_printed_as_the_slider_prints_it():
    explorer = StepSizeExplorer(h=10 ** -3.75)                  # 0.00017782794100389227
    assert explorer.h_label.value.endswith(">h = 1.78e-4</span>")    # the slider's .2e readout: 1.78e-4
    assert "0.00017782794100389227" not in explorer.h_label.value.split(">")[1]


def test_an_h_between_notches_moves_to_the_nearest_and_says_so():
    explorer = StepSizeExplorer()
    explorer.set_h(3e-8)
    assert explorer.state["h"] == pytest.approx(10 ** -7.5, rel=1e-12) == explorer.slider.value
    assert "moved to 3.16e-8" in explorer.message.value


@pytest.mark.parametrize("h, error", [(0.0, ValueError), (-1e-3, ValueError), (1.0, ValueError),
                                      ("big", TypeError), (1e-20, ValueError)])
def test_set_h_rejects_bad_steps(h, error):
    with pytest.raises(error, match="h must"):
        StepSizeExplorer().set_h(h)


def test_css_classes_are_present():
    explorer = StepSizeExplorer()
    assert "bp-stepsize-slider" in explorer.slider._dom_classes
    assert "bp-stepsize-forward-error" in explorer.forward_label._dom_classes
    assert "bp-stepsize-central-error" in explorer.central_label._dom_classes
    assert "bp-stepsize-figure" in explorer.image.widget._dom_classes


def test_fast_redraw_shows_the_same_picture_as_a_full_render():
    import io

    import numpy as np
    from PIL import Image

    explorer = StepSizeExplorer()
    before = explorer.image.widget.value
    explorer.set_h(1e-9)
    fast = np.asarray(Image.open(io.BytesIO(explorer.image.widget.value)).convert("RGBA"), dtype=int)
    full = np.asarray(Image.open(io.BytesIO(explorer.image.png())).convert("RGBA"), dtype=int)
    assert explorer.image.widget.value != before                  # the markers moved
    assert fast.shape == full.shape
    assert np.mean(np.any(fast != full, axis=-1)) < 0.005         # only anti-aliasing at overlaps differs
