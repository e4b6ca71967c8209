"""Notebook 07's exercise checkers: right answers from independent computations pass; each typical
slip gets its own hint."""

import numpy as np
import pytest

from helpers.descent import LineFit
from helpers.exercises import nb07
from helpers.mlp import backprop, train_step
from helpers.training import minibatch_indices


def numerical_hessian_eta(x):
    """2/λ_max of the line fit's loss on inputs x, its Hessian from second differences of the loss itself
    (quadratic: exact up to rounding), independent of the checker's formula."""
    y = np.zeros_like(x)  # y does not change the Hessian

    def loss(p):
        return 0.5 * np.mean((p[0] * x + p[1] - y) ** 2)

    h, e = 1e-3, np.eye(2)
    hess = np.array([[(loss(h * (e[i] + e[j])) - loss(h * (e[i] - e[j])) - loss(h * (e[j] - e[i]))
                       + loss(-h * (e[i] + e[j]))) / (4 * h * h) for j in range(2)] for i in range(2)])
    return 2.0 / np.linalg.eigvalsh(hess).max()


def test_critical_learning_rate_function_right_and_each_slip_named():
    for x in nb07.ex1_inputs():
        assert nb07.expected_critical_learning_rate(x) == pytest.approx(numerical_hessian_eta(x), rel=1e-6)
    assert nb07.check_critical_learning_rate(numerical_hessian_eta).ok

    def from_hessian(combine, scale=1.0):
        def fn(x):
            H = scale * np.array([[np.mean(x ** 2), np.mean(x)], [np.mean(x), 1.0]])
            return combine(H, np.linalg.eigvalsh(H))
        return fn

    slips = {"zig-zag": from_hessian(lambda H, lam: 1 / lam.max()),
             "λ_min": from_hessian(lambda H, lam: 2 / lam.min()),
             "λ_max itself": from_hessian(lambda H, lam: lam.max()),
             "along w alone": from_hessian(lambda H, lam: 2 / H[0, 0])}
    for words, fn in slips.items():
        feedback = nb07.check_critical_learning_rate(fn)
        assert not feedback.ok and words in feedback.message, (words, feedback.message)

    def summed(x):
        H = np.array([[np.sum(x ** 2), np.sum(x)], [np.sum(x), x.size]])
        return 2 / np.linalg.eigvalsh(H).max()
    assert "m times too large" in nb07.check_critical_learning_rate(summed).message


def test_critical_learning_rate_refuses_the_engines_own_answer():
    def engine(x):
        problem = LineFit(seed=nb07.EX1_SEED)
        problem.x = x
        return problem.critical_learning_rate()

    def engine_hessian(x):
        problem = LineFit()
        problem.x = x
        return 2 / np.linalg.eigvalsh(problem.hessian()).max()

    for fn in (engine, engine_hessian, lambda x: LineFit(seed=nb07.EX1_SEED).critical_learning_rate()):
        feedback = nb07.check_critical_learning_rate(fn)
        assert not feedback.ok and "engine's own version" in feedback.message and "`LineFit`" in feedback.message
    assert not nb07.check_critical_learning_rate(None).ok


def test_number_answers_pass_at_the_digits_the_prompts_ask_for():
    # the prompts ask for 3 significant digits or more; the printed solutions print at 4 (Ex 3) and 3 (Ex 4)
    assert nb07.check_accuracy(float(f"{nb07.expected_accuracy():.4f}")).ok      # 0.9267, Solution 3's print
    assert nb07.check_accuracy(float(f"{nb07.expected_accuracy():.3g}")).ok
    assert "at least 3 significant digits" in nb07.check_accuracy(0.93).message
    assert nb07.check_sigmoid_factor(float(f"{nb07.expected_sigmoid_factor():.3g}")).ok
    assert not nb07.check_sigmoid_factor(0.00392).ok


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


# ---- write-it-yourself: one epoch of mini-batch SGD -----------------------------------------------------
def learner_epoch(W, b, X, Y, learning_rate, batch_size, rng, *, divide="m", sign=1.0, stale=False,
                  update_biases=True, shuffle=True, whole=False, in_place=False, return_inputs=False):
    """One epoch as a learner writes it (shuffle, slice, backprop, step), one switch per slip."""
    M = X.shape[1]
    order = rng.permutation(M) if shuffle else np.arange(M)
    size = M if whole else batch_size
    W_start, b_start = W, b
    new_W, new_b = (W, b) if in_place else (list(W), list(b))
    for start in range(0, M, size):
        batch = order[start:start + size]
        m = len(batch)
        at_W, at_b = (W_start, b_start) if stale else (new_W, new_b)
        gW, gb = backprop(at_W, at_b, X[:, batch], Y[:, batch])
        step = {"m": learning_rate / m, "none": learning_rate, "twice": learning_rate / m / m,
                "batch_size": learning_rate / batch_size, "all": learning_rate / M}[divide]
        for k in range(len(new_W)):
            if in_place:
                new_W[k] -= sign * step * gW[k]
                new_b[k] -= sign * step * gb[k]
            else:
                new_W[k] = new_W[k] - sign * step * gW[k]
                new_b[k] = new_b[k] - sign * step * gb[k] if update_biases else new_b[k]
    return (W_start, b_start) if return_inputs else (new_W, new_b)


def sgd_epoch(W, b, X, Y, learning_rate, batch_size, rng):
    return learner_epoch(W, b, X, Y, learning_rate, batch_size, rng)


def test_sgd_epoch_right_answer_and_the_reference_epochs_agree():
    assert nb07.check_sgd_epoch(sgd_epoch).ok
    for run in nb07.code_runs():
        by_backprop, by_central = nb07.reference_epoch(run), nb07.reference_epoch(run, gradients="central")
        # The same epoch once more with the Trainer's own steps (helpers.mlp.train_step per mini-batch):
        W, b = run["W"], run["b"]
        for batch in minibatch_indices(run["X"].shape[1], run["batch_size"], np.random.default_rng(run["seed"])):
            W, b = train_step(W, b, run["X"][:, batch], run["Y"][:, batch], run["learning_rate"])
        for got, want in zip(by_backprop[0] + by_backprop[1], W + b, strict=True):
            assert np.allclose(got, want, rtol=1e-13, atol=1e-15)
        for got, want in zip(by_central[0] + by_central[1], W + b, strict=True):
            assert np.allclose(got, want, rtol=1e-7, atol=1e-10)
    assert any(M % size for _, M, size, _ in nb07.CODE_RUNS)    # a smaller last mini-batch is tried


@pytest.mark.parametrize(("switches", "words"), [
    ({"divide": "none"}, "You stepped by η times the *summed* gradient"),
    ({"divide": "twice"}, "You divided by m twice"),
    ({"divide": "batch_size"}, "The last mini-batch is smaller than batch_size"),
    ({"divide": "all"}, "not by the number of samples in the whole data set"),
    ({"sign": -1.0}, "Wrong direction"),
    ({"stale": True}, "computed at the weights the previous mini-batch left"),
    ({"update_biases": False}, "Update the biases too"),
    ({"shuffle": False}, "Shuffle first"),
    ({"whole": True}, "One step on the whole data set is not an epoch"),
    ({"return_inputs": True}, "exactly what it was given"),
    ({"in_place": True}, "changed its arguments `W` and `b` in place"),
])
def test_sgd_epoch_names_each_slip(switches, words):
    fb = nb07.check_sgd_epoch(lambda *args: learner_epoch(*args, **switches))
    assert not fb.ok and words in fb.message, fb.message
    assert "yours is " not in fb.message, fb.message       # the slip explains every wrong entry


def test_sgd_epoch_a_single_slip_gets_a_single_message():
    fb = nb07.check_sgd_epoch(lambda *args: learner_epoch(*args, update_biases=False))
    assert fb.message == nb07.sgd_slips()[[s for _, s in nb07.sgd_slips()].index({"update_biases": False})][0]


def own_generator(W, b, X, Y, learning_rate, batch_size, rng):
    return learner_epoch(W, b, X, Y, learning_rate, batch_size, np.random.default_rng(0))


@pytest.mark.parametrize(("fn", "words"), [
    (own_generator, "the same epoch with central-difference gradients gives"),
    (lambda W, b, X, Y, learning_rate, batch_size, rng: W, "new_W should be a list of 2 items; yours is an array"),
    (lambda W, b, X, Y, learning_rate, batch_size, rng: 0.5, "should be a tuple of 2 items (new_W, new_b)"),
    (lambda W, b, X, Y, learning_rate, batch_size: (W, b), "raised TypeError"),
    (lambda *args: None, "returned None"),
    ("sgd_epoch", "Pass the function itself"),
])
def test_sgd_epoch_other_mistakes_get_kind_feedback(fn, words):
    fb = nb07.check_sgd_epoch(fn)
    assert not fb.ok and words in fb.message, fb.message
