"""helpers.core.neuron.neuron_gradient (one sigmoid neuron, quadratic and cross-entropy costs) against
central differences of each cost written out independently, and its use by the saturation explorer."""

import math

import pytest

from helpers.core.neuron import neuron_gradient
from helpers.widgets.saturation import learning_curves

POINTS = [(1.0, 2.0, 2.0, 0.0), (0.5, -1.3, 0.4, 1.0), (0.05, 0.7, -0.2, 0.3), (1.0, 4.0, 4.0, 0.0),
          (0.9, -3.0, -1.0, 0.8)]
H = 1e-6


def cost(x, w, b, y, kind):
    a = 1.0 / (1.0 + math.exp(-(w * x + b)))
    if kind == "mse":
        return 0.5 * (a - y) ** 2
    return -y * math.log(a) - (1.0 - y) * math.log(1.0 - a)


@pytest.mark.parametrize("kind", ["mse", "ce"])
@pytest.mark.parametrize(("x", "w", "b", "y"), POINTS)
def test_gradient_matches_central_differences(x, w, b, y, kind):
    a, dC_dw, dC_db = neuron_gradient(x, w, b, y, kind)
    assert a == pytest.approx(1.0 / (1.0 + math.exp(-(w * x + b))), rel=1e-15)
    num_w = (cost(x, w + H, b, y, kind) - cost(x, w - H, b, y, kind)) / (2 * H)
    num_b = (cost(x, w, b + H, y, kind) - cost(x, w, b - H, y, kind)) / (2 * H)
    assert dC_dw == pytest.approx(num_w, rel=1e-6, abs=1e-10)
    assert dC_db == pytest.approx(num_b, rel=1e-6, abs=1e-10)


def test_saturated_neuron_learns_slowly_only_under_the_quadratic_cost():
    # a = σ(6) ≈ 0.9975 with target 0: badly wrong; δ = (a − y)·a(1 − a) ≈ 0.0025 vs a − y ≈ 0.9975
    _, _, delta_mse = neuron_gradient(1.0, 4.0, 2.0, 0.0, "mse")
    _, _, delta_ce = neuron_gradient(1.0, 4.0, 2.0, 0.0, "ce")
    a = 1.0 / (1.0 + math.exp(-6.0))
    assert delta_mse == pytest.approx(a * a * (1.0 - a), rel=1e-12)
    assert delta_ce == pytest.approx(a, rel=1e-12)
    assert delta_mse < delta_ce / 300


def test_learning_curves_take_the_steps_of_neuron_gradient():
    curves = learning_curves(1.0, 2.0, 2.0, 0.0, 0.15, 3)
    for kind in ("mse", "ce"):
        w, b = 2.0, 2.0
        for n in range(4):
            z = w * 1.0 + b
            a = 1.0 / (1.0 + math.exp(-z))
            assert curves[kind][n] == pytest.approx(a, rel=1e-14)
            delta = (a - 0.0) * a * (1.0 - a) if kind == "mse" else a - 0.0
            w, b = w - 0.15 * delta * 1.0, b - 0.15 * delta
