"""Losses: values by hand, gradients against central differences, the cross-entropy cancellation."""

import numpy as np
import pytest

from helpers import losses
from helpers.activations import sigmoid, sigmoid_prime
from helpers.gradcheck import numerical_gradient, relative_error

RNG = np.random.default_rng(7)
A = RNG.uniform(0.05, 0.95, size=(3, 4))
Y = RNG.uniform(0.0, 1.0, size=(3, 4))


def test_mse_is_half_sum_of_squares():
    assert losses.mse([0.75, 0.25], [1.0, 0.0]) == pytest.approx(0.5 * (0.25**2 + 0.25**2), abs=1e-16)


def test_cross_entropy_by_hand():
    expected = -(np.log(0.8) + np.log(1 - 0.3))
    assert losses.cross_entropy([0.8, 0.3], [1.0, 0.0]) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name", losses.LOSS_NAMES)
def test_gradient_matches_central_difference(name):
    loss, grad = losses.get_loss(name)
    numeric = numerical_gradient(lambda a: loss(a, Y), A)
    assert relative_error(grad(A, Y), numeric) < 1e-7


def test_cross_entropy_cancels_sigmoid_prime():
    z = RNG.normal(size=(2, 5)) * 3
    y = (RNG.uniform(size=(2, 5)) > 0.5).astype(float)
    a = sigmoid(z)
    delta = losses.cross_entropy_grad(a, y) * sigmoid_prime(z)
    assert np.allclose(delta, a - y, rtol=1e-9, atol=1e-12)


def test_cross_entropy_stays_finite_at_saturation():
    with np.errstate(all="raise"):
        value = losses.cross_entropy([1.0, 0.0], [0.0, 1.0])
        grad = losses.cross_entropy_grad([1.0, 0.0], [0.0, 1.0])
    assert np.isfinite(value) and value > 50
    assert np.all(np.isfinite(grad))


def test_losses_sum_over_samples():
    for name in losses.LOSS_NAMES:
        loss, _ = losses.get_loss(name)
        per_sample = sum(loss(A[:, [i]], Y[:, [i]]) for i in range(A.shape[1]))
        assert loss(A, Y) == pytest.approx(per_sample, rel=1e-13)
