"""The façades run the check-free core once and refuse what the core cannot: helpers._checks.guarded,
the learning-rate limit of train_step and the Trainer, and the checked Value graph."""

from __future__ import annotations

import inspect
import math

import numpy as np
import pytest

from helpers import autograd, gates
from helpers import mlp as facade
from helpers._checks import guarded
from helpers.core import autograd as core_autograd
from helpers.core import mlp as core
from helpers.datasets import make_dataset
from helpers.training import Trainer


def test_guarded_validates_runs_the_core_once_and_checks_the_result():
    calls = []

    def square(x):
        calls.append(x)
        return x * x

    def validate(x):
        if not isinstance(x, float):
            raise TypeError(f"x must be a float; got {type(x).__name__}")
        return {"x": x}

    def check(result, arguments):
        if not math.isfinite(result):
            raise ValueError(f"x² overflowed for x = {arguments['x']:g}")
        return result

    public = guarded(square, validate, check, doc="x², checked.")
    assert public(3.0) == 9.0 and calls == [3.0]
    assert public.__wrapped__ is square and public.__doc__ == "x², checked."
    assert inspect.getsource(public) == inspect.getsource(square)
    with pytest.raises(TypeError, match="x must be a float; got int"):
        public(3)
    with pytest.raises(ValueError, match=r"x² overflowed for x = 1e\+200"):
        public(1e200)
    assert calls == [3.0, 1e200]                       # the bad type never reached the core


def test_guarded_turns_pythons_overflow_error_into_a_value_error_naming_the_computation():
    public = guarded(lambda x: x ** 400, lambda x: {"x": x}, what=lambda a: f"x**400 at x = {a['x']:g}")
    with pytest.raises(ValueError, match=r"x\*\*400 at x = 10 is too large for this computation"):
        public(10.0)


def test_the_facade_returns_the_cores_numbers_exactly():
    rng = np.random.default_rng(3)
    weights, biases = facade.init_network([3, 4, 2], rng)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(0, 1, (2, 5))
    for got, expected in zip(facade.backprop(weights, biases, X, Y, "tanh", "cross_entropy", "sigmoid"),
                             core.backprop(weights, biases, X, Y, "tanh", "cross_entropy", "sigmoid"), strict=True):
        for a, b in zip(got, expected, strict=True):
            assert np.array_equal(a, b)


def test_train_step_refuses_a_learning_rate_that_throws_the_weights_to_1e305():
    weights, biases = facade.init_network([2, 2, 1], 0)
    X, Y = np.ones((2, 3)), np.zeros((1, 3))
    with pytest.raises(ValueError, match=r"learning_rate must be at most 1e\+06; got 1e\+308"):
        facade.train_step(weights, biases, X, Y, 1e308)
    new_w, _ = facade.train_step(weights, biases, X, Y, facade.MAX_LEARNING_RATE)   # the limit itself is allowed
    assert all(np.isfinite(w).all() for w in new_w)


def test_the_trainer_refuses_the_same_learning_rates():
    X, labels = make_dataset("moons", 40, seed=0)
    with pytest.raises(ValueError, match="learning_rate must be at most"):
        Trainer(X, labels, learning_rate=1e308)


def test_the_trainer_keeps_its_weights_when_an_epoch_overflows():
    X, labels = make_dataset("moons", 40, seed=0)
    trainer = Trainer(X * 1e150, labels, hidden=[4], learning_rate=1e6, activation="relu")
    before = [w.copy() for w in trainer.weights]
    with pytest.raises(ValueError, match="learning_rate = 1e\\+06 is too large"):
        trainer.train(3)
    assert all(np.array_equal(a, b) for a, b in zip(trainer.weights, before, strict=True))


def test_checked_values_stay_checked_through_every_operation():
    x = autograd.Value(0.5, "x")
    y = (2 - x) * 3 / x + x.tanh() ** 2 - x.exp().log()
    assert all(type(node) is autograd.Value for node in autograd.topological_order(y))
    assert isinstance(y, core_autograd.Value)
    n = gates.sigmoid_neuron_circuit([2, -3, -3], [-1, -2])
    assert all(type(node) is autograd.Value for node in n.values())
    with pytest.raises(ValueError, match="not finite"):
        n["f"] * 1e308 * 1e308
