"""The learning-rate explorer of notebook 07, driven through its plain-Python API."""

import numpy as np
import pytest

from helpers.descent import LineFit, describe_run, gradient_descent
from helpers.widgets.descent_explorer import DescentExplorer


@pytest.fixture(scope="module")
def explorer():
    return DescentExplorer()


def independent_path(lr, steps=40, start=(-1.5, 2.0)):
    """The update rule written out again, without helpers.descent's loop."""
    problem = LineFit(seed=0)
    p = np.array(start, dtype=float)
    points = [p]
    for _ in range(steps):
        p = p - lr * problem.gradient(p)
        points.append(p)
    return np.array(points)


@pytest.mark.parametrize("lr", [0.001, 10 ** -1.3, 10 ** -0.5])      # notches of the slider (10^(k/20))
def test_path_and_readout_follow_the_slider(explorer, lr):
    renders = explorer.image.renders
    explorer.set_learning_rate(lr)
    assert explorer.image.renders == renders + 1
    expected = independent_path(lr)
    assert np.allclose(np.column_stack(explorer.path_line.get_data()), expected)
    assert np.allclose(explorer.state["final"], expected[-1])
    assert explorer.readout.value.startswith(f"η = {lr:.3g}: ")


def test_readout_names_the_three_regimes(explorer):
    critical = LineFit(seed=0).critical_learning_rate()
    explorer.set_learning_rate(0.01)
    assert "crawls" in explorer.readout.value
    explorer.set_learning_rate(10 ** -0.35)                          # the notch just below 1/λ_max
    assert 10 ** -0.35 < critical
    assert "zig-zag" in explorer.readout.value and explorer.state["status"] != "diverged"
    explorer.set_learning_rate(1.0)
    assert explorer.state["status"] == "diverged" and "diverged" in explorer.readout.value
    assert explorer.banner.get_text().startswith("diverged after")
    assert np.all(np.isfinite(explorer.loss_line.get_ydata()))


def test_moving_the_slider_like_a_learner(explorer):
    explorer.slider.value = 10 ** -0.5            # what the front end sets
    problem = LineFit(seed=0)
    path = gradient_descent(problem.loss, problem.gradient, [-1.5, 2.0], 10 ** -0.5, 40)
    assert explorer.state["description"] == describe_run(problem, path, 10 ** -0.5)


def test_a_rate_between_notches_moves_to_the_nearest_one_and_says_so(explorer):
    explorer.set_learning_rate(0.3)
    assert explorer.state["learning_rate"] == pytest.approx(10 ** -0.5, rel=1e-12) == explorer.slider.value
    assert "moved to 0.316" in explorer.message.value


def test_bad_learning_rates_are_refused_with_a_clear_error(explorer):
    with pytest.raises(ValueError, match="learning_rate"):
        explorer.set_learning_rate(5.0)
    with pytest.raises(ValueError, match="learning_rate"):
        explorer.set_learning_rate(-0.1)
    with pytest.raises(ValueError, match="start"):
        DescentExplorer(start=(1.0, 2.0, 3.0))


def test_a_failing_run_shows_a_message_instead_of_raising(explorer, monkeypatch):
    def broken(lr):
        raise ValueError("no data")

    monkeypatch.setattr(explorer, "run", broken)
    before = explorer.state
    explorer.slider.value = 0.2
    assert "Could not run at this learning rate: no data" in explorer.message.value
    assert explorer.state["learning_rate"] == before["learning_rate"] == explorer.slider.value
