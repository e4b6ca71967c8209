"""The Jacobian explorer of notebook 03, driven through its plain-Python API."""

import numpy as np
import pytest

from helpers.gradcheck import numerical_gradient
from helpers.reference import CS231N_NORM_WX as REF
from helpers.widgets.jacobian_explorer import NAMES, JacobianExplorer, format_vector


def test_starts_at_the_published_example():
    state = JacobianExplorer().state
    assert np.allclose(state["q"], REF["q"]) and state["f"] == pytest.approx(REF["f"])
    assert np.allclose(state["grad_q"], REF["grad_q"])
    assert np.allclose(state["grad_W"], REF["grad_W"]) and np.allclose(state["grad_x"], REF["grad_x"])


def test_readouts_show_the_published_numbers():
    labels = JacobianExplorer().labels
    assert labels["q"].value.endswith("[0.220000, 0.260000]")
    assert labels["f"].value.endswith("0.116000")
    assert labels["gradW"].value.endswith("[[0.088000, 0.176000], [0.104000, 0.208000]]")
    assert labels["gradx"].value.endswith("[-0.112000, 0.636000]")


@pytest.mark.parametrize("name, value", [("W00", 0.3), ("W01", -0.7), ("W10", 1.0), ("W11", 0.0),
                                         ("x0", -1.0), ("x1", 0.55)])
def test_set_one_entry_updates_everything_consistently(name, value):
    explorer = JacobianExplorer()
    explorer.set(name, value)
    s = explorer.state
    flat = [*s["W"].ravel(), *s["x"]]
    assert flat[NAMES.index(name)] == value
    W, x = s["W"], s["x"]
    f = lambda m, v: float(np.sum((m @ v) ** 2))   # noqa: E731  an independent forward pass
    assert s["f"] == pytest.approx(f(W, x))
    assert np.allclose(s["grad_W"], numerical_gradient(lambda m: f(m, x), W), atol=1e-9)
    assert np.allclose(s["grad_x"], numerical_gradient(lambda v: f(W, v), x), atol=1e-9)
    assert explorer.labels["gradW"].value.endswith(format_vector(s["grad_W"]))
    assert explorer.labels["q"].value.endswith(format_vector(W @ x))


def test_moving_a_slider_like_a_learner_updates_the_readouts():
    explorer = JacobianExplorer()
    explorer.sliders["x1"].value = -0.25
    assert explorer.state["x"][1] == -0.25
    assert explorer.labels["gradx"].value.endswith(format_vector(explorer.state["grad_x"]))


def test_state_is_a_copy():
    explorer = JacobianExplorer()
    explorer.state["W"][0, 0] = 99.0
    assert explorer.state["W"][0, 0] == REF["W"][0][0]


@pytest.mark.parametrize("name, value, error", [("W22", 0.1, ValueError), ("x0", 1.5, ValueError),
                                                ("x1", "a", TypeError), ("W00", float("nan"), ValueError)])
def test_set_rejects_bad_input(name, value, error):
    with pytest.raises(error):
        JacobianExplorer().set(name, value)


def test_constructor_rejects_bad_shapes():
    with pytest.raises(ValueError, match="W must have shape"):
        JacobianExplorer(W=np.eye(3))
    with pytest.raises(ValueError, match="x0 must lie between"):
        JacobianExplorer(x=[2.0, 0.0])


def test_css_classes_are_present():
    explorer = JacobianExplorer()
    for name in NAMES:
        assert f"bp-jac-slider-{name}" in explorer.sliders[name]._dom_classes
    for key in ("q", "f", "gradW", "gradx"):
        assert f"bp-jac-{key}" in explorer.labels[key]._dom_classes
