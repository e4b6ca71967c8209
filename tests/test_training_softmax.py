"""Softmax with cross-entropy (notebook 07 §6): the functions beside the sigmoid ones, the gradient
scores − one-hot against central differences, and a softmax Trainer's update against a step computed
from central-difference gradients of its own loss."""

import numpy as np
import pytest

from helpers.activations import softmax
from helpers.datasets import targets
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.losses import softmax_cross_entropy, softmax_cross_entropy_grad
from helpers.reference import GRADCHECK_GOOD
from helpers.training import Trainer, minibatch_indices


def one_hot(labels, k):
    Y = np.zeros((k, len(labels)))
    Y[labels, np.arange(len(labels))] = 1.0
    return Y


def test_softmax_columns_are_distributions_and_stable():
    z = np.array([[1.0, 1000.0, -1000.0], [2.0, 0.0, -1000.0], [3.0, -1000.0, -999.0]])
    p = softmax(z)
    assert np.allclose(p.sum(axis=0), 1.0) and np.all(p >= 0)
    e = np.exp([1.0, 2.0, 3.0])
    assert np.allclose(p[:, 0], e / e.sum(), rtol=1e-15)
    assert p[0, 1] == 1.0 and p[2, 2] == pytest.approx(1 / (1 + 2 * np.exp(-1)), rel=1e-15)


def test_softmax_cross_entropy_is_minus_log_of_the_right_class():
    rng = np.random.default_rng(3)
    z, labels = rng.normal(0, 2, (10, 6)), rng.integers(0, 10, 6)
    Y = one_hot(labels, 10)
    p = np.exp(z) / np.exp(z).sum(axis=0)         # the textbook formula, independent of softmax()
    assert softmax_cross_entropy(z, Y) == pytest.approx(-np.sum(np.log(p[labels, np.arange(6)])), rel=1e-12)
    assert softmax_cross_entropy(1000 * z, Y) < np.inf


def test_softmax_cross_entropy_gradient_is_scores_minus_one_hot():
    rng = np.random.default_rng(4)
    z, labels = rng.normal(0, 2, (10, 5)), rng.integers(0, 10, 5)
    Y = one_hot(labels, 10)
    analytic = softmax_cross_entropy_grad(z, Y)
    assert np.allclose(analytic, softmax(z) - Y)
    for i in range(z.shape[1]):     # one sample at a time: the loss of one sample is small, so is round-off
        column = z[:, i:i + 1]
        numeric = numerical_gradient(lambda zz, i=i: softmax_cross_entropy(zz, Y[:, i:i + 1]), column)
        assert relative_error(analytic[:, i:i + 1], numeric) < GRADCHECK_GOOD


def test_softmax_trainer_update_is_a_step_along_central_difference_gradients():
    rng = np.random.default_rng(5)
    X, labels = rng.normal(0, 1, (4, 12)), np.arange(12) % 3
    net = Trainer(X, labels, hidden=[5], activation="sigmoid", learning_rate=0.7, batch_size=12, seed=1,
                  output="softmax")
    Y = targets(labels, 3)
    params = [a.copy() for a in (*net.weights, *net.biases)]

    def loss_of(index):
        def f(value):
            trial = [value if i == index else a for i, a in enumerate(params)]
            W, b = trial[:2], trial[2:]
            h = 1 / (1 + np.exp(-(W[0] @ X + b[0])))
            return softmax_cross_entropy(W[1] @ h + b[1], Y)
        return f

    expected = [a - 0.7 / 12 * numerical_gradient(loss_of(i), a) for i, a in enumerate(params)]
    net.update(np.arange(12))
    for got, want in zip((*net.weights, *net.biases), expected, strict=True):
        assert np.allclose(got, want, rtol=1e-7, atol=1e-9)
    assert np.allclose(net.outputs(X).sum(axis=0), 1.0)


def test_softmax_trainer_epochs_match_the_checked_path_and_need_three_classes():
    rng = np.random.default_rng(6)
    X, labels = rng.normal(0, 1, (3, 40)), np.arange(40) % 4
    fast = Trainer(X, labels, hidden=[6], learning_rate=0.5, batch_size=8, seed=2, output="softmax")
    fast.train(3)
    slow = Trainer(X, labels, hidden=[6], learning_rate=0.5, batch_size=8, seed=2, output="softmax")
    for _ in range(3):
        for batch in minibatch_indices(40, 8, slow._rng):
            slow.update(batch)
    for a, b in zip(fast.weights, slow.weights, strict=True):
        assert np.allclose(a, b, rtol=1e-12, atol=0)
    assert fast.mean_loss() == pytest.approx(softmax_cross_entropy(
        fast.weights[1] @ np.tanh(fast.weights[0] @ X + fast.biases[0]) + fast.biases[1], targets(labels, 4)) / 40)
    with pytest.raises(ValueError, match="three classes"):
        Trainer(X, labels % 2, output="softmax")
    with pytest.raises(ValueError, match="output"):
        Trainer(X, labels, output="relu")
