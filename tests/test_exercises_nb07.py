"""Notebook 07's exercise checkers: right answers from independent computations pass; each typical
slip gets its own hint."""

import numpy as np

from helpers.descent import LineFit
from helpers.exercises import nb07
from helpers.exercises.feedback import NOT_ANSWERED


def test_critical_learning_rate_from_a_numerical_hessian():
    problem = LineFit(seed=nb07.EX1_SEED)
    h, e = 1e-3, np.eye(2)  # the loss is quadratic: second differences give its Hessian exactly
    hess = np.array([[(problem.loss(h * (e[i] + e[j])) - problem.loss(h * (e[i] - e[j]))
                       - problem.loss(h * (e[j] - e[i])) + problem.loss(-h * (e[i] + e[j]))) / (4 * h * h)
                      for j in range(2)] for i in range(2)])
    lam = np.linalg.eigvalsh(hess)
    assert nb07.check_critical_learning_rate(2.0 / lam.max()).ok
    assert "zig-zag" in nb07.check_critical_learning_rate(1.0 / lam.max()).message
    assert "λ_min" in nb07.check_critical_learning_rate(2.0 / lam.min()).message
    assert nb07.check_critical_learning_rate(None) is NOT_ANSWERED


def test_minibatch_update():
    right = nb07.EX2_W - (nb07.EX2_ETA / nb07.EX2_M) * nb07.EX2_GRAD_SUM
    assert nb07.check_minibatch_update(right.tolist()).ok
    assert "dividing by m" in nb07.check_minibatch_update(nb07.EX2_W - nb07.EX2_ETA * nb07.EX2_GRAD_SUM).message
    assert "wrong direction" in nb07.check_minibatch_update(2 * nb07.EX2_W - right).message
    assert "shape" in nb07.check_minibatch_update([1.0, 2.0]).message


def test_accuracy():
    c = nb07.EX3_CONFUSION
    correct = sum(c[i][i] for i in range(len(c)))
    assert nb07.check_accuracy(correct / c.sum()).ok
    assert "percentage" in nb07.check_accuracy(100 * correct / c.sum()).message


def test_sigmoid_factor():
    slope_at_zero = 0.5 * (1 - 0.5)  # σ(0)(1 − σ(0)), by hand
    assert nb07.check_sigmoid_factor(slope_at_zero ** nb07.EX4_LAYERS).ok
    assert "value of the sigmoid" in nb07.check_sigmoid_factor(0.5 ** nb07.EX4_LAYERS).message
