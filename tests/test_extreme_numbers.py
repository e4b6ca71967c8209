"""Valid input at the edges of floating point gets the right number: float32 at saturation, huge and
tiny magnitudes, all-zero labels, an overflowing backward pass. Each test checks the answer against an
independent computation, with no NaN/inf and no warning (pytest turns any warning into an error)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers import autograd, datasets, gradcheck, losses, mlp, training
from helpers.activations import sigmoid


def test_float32_cross_entropy_at_a_equal_1_is_finite():
    """Clipping to 1 − 1e-12 would round to 1.0 in float32: the clip uses float32's own epsilon."""
    a, y = np.float32([1.0, 0.0, 1.0]), np.float32([1.0, 0.0, 0.0])
    value = losses.cross_entropy(a, y)
    eps = float(np.finfo(np.float32).eps)
    assert value == pytest.approx(-3 * math.log1p(-eps) - math.log(eps), rel=1e-5)
    assert np.all(np.isfinite(losses.cross_entropy_grad(a, y)))


def float32_net():
    """A 2-3-1 network with weights ±9 in float32: outputs saturate to exactly 0.0 or 1.0 in float32."""
    rng = np.random.default_rng(0)
    weights = [np.float32(9.0 * rng.choice([-1, 1], (3, 2))), np.float32([[9.0, 9.0, 9.0]])]
    biases = [np.zeros((3, 1), np.float32), np.zeros((1, 1), np.float32)]
    X = np.float32(rng.choice([-2.0, 2.0], (2, 16)))
    Y = np.float32(rng.integers(0, 2, (1, 16)))
    return weights, biases, X, Y


def test_float32_network_with_weights_of_9_trains_like_float64():
    weights, biases, X, Y = float32_net()
    kw = {"activation": "sigmoid", "loss": "cross_entropy", "output_activation": "sigmoid"}
    _, acts = mlp.forward(weights, biases, X, "sigmoid")
    assert np.any(acts[-1] == 1.0), "the example must saturate in float32"
    as64 = ([w.astype(np.float64) for w in weights], [b.astype(np.float64) for b in biases], X.astype(np.float64),
            Y.astype(np.float64))
    assert mlp.total_loss(weights, biases, X, Y, **kw) == pytest.approx(mlp.total_loss(*as64, **kw), rel=1e-5)
    for g32, g64 in zip(mlp.backprop(weights, biases, X, Y, **kw)[0], mlp.backprop(*as64, **kw)[0], strict=True):
        assert g32.dtype == np.float32
        np.testing.assert_allclose(g32, g64, rtol=1e-4, atol=1e-5)
    new_W, _ = mlp.train_step(weights, biases, X, Y, 0.5, **kw)
    assert all(np.all(np.isfinite(w)) for w in new_W)


def test_cross_entropy_loss_is_computed_from_z_at_saturation():
    """z^L = 40 with target 0: the loss is ln(1 + e^40) ≈ 40, not the clipped −ln(1e-12) ≈ 27.6."""
    weights, X, Y = [np.array([[40.0]])], np.array([[1.0]]), np.array([[0.0]])
    loss = mlp.total_loss(weights, None, X, Y, loss="cross_entropy", output_activation="sigmoid")
    assert loss == pytest.approx(40.0 + math.log1p(math.exp(-40.0)), rel=1e-15)
    assert losses.sigmoid_cross_entropy([40.0], [0.0]) == pytest.approx(40.0, rel=1e-15)


@pytest.mark.parametrize("a, b, expected", [([1e308], [1e308], 0.0), ([1e308], [-1e308], 1.0),
                                            ([1.7e308, 1.0], [1.6e308, 1.0], 0.1 / 3.3)])
def test_relative_error_of_huge_numbers_is_exact(a, b, expected):
    assert gradcheck.relative_error(a, b) == pytest.approx(expected, rel=1e-12)


def test_relative_error_is_unchanged_for_ordinary_numbers():
    a, b = np.array([1.0, -2.5, 3e-5]), np.array([1.0 + 1e-9, -2.5, 3.1e-5])
    assert gradcheck.relative_error(a, b) == np.max(np.abs(a - b) / np.maximum(np.abs(a) + np.abs(b), 1e-300))


def test_all_zero_labels_give_all_zero_targets_and_a_one_class_trainer_learns_it():
    """targets([0, 0, 0]) is [[0, 0, 0]] (class 0 is target 0, whatever classes are present), so a Trainer
    on a one-class subset learns it."""
    np.testing.assert_array_equal(datasets.targets([0, 0, 0]), [[0.0, 0.0, 0.0]])
    X, labels = datasets.make_dataset("moons", 40, seed=1)
    zeros = labels == 0
    trainer = training.Trainer(X[:, zeros], labels[zeros], hidden=[4], seed=0)
    trainer.train(5)
    assert trainer.accuracy() == 1.0


def test_value_backward_overflow_leaves_no_inf_behind():
    x = autograd.Value(1e-300, "x")
    y = (x * 1e300) * 1e300
    with pytest.raises(ValueError, match="gradient of x"):
        y.backward()
    assert x.grad == 0.0 and y.grad == 0.0


def test_sigmoid_of_huge_python_ints_and_tiny_floats():
    assert sigmoid(10**20) == 1.0 and sigmoid(-(10**20)) == 0.0
    assert sigmoid(5e-324) == 0.5
