"""Exercises of notebook 07_training. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid_prime
from ..descent import LineFit
from ..i18n import _
from ..mlp import backprop, init_network, numerical_gradients
from ..training import minibatch_indices
from .feedback import NOT_ANSWERED, Feedback, compare_array, compare_number, matches, read_array
from .functions import Draw, check_draws, function_problem, numbers_of, run_and_read

__all__ = ["EX1_DRAWS", "ex1_inputs", "ex1_slips", "EX2_W", "EX2_GRAD_SUM",
           "EX2_M", "EX2_ETA", "EX3_CONFUSION", "EX4_LAYERS",
           "check_critical_learning_rate", "check_minibatch_update", "check_accuracy", "check_sigmoid_factor",
           "expected_critical_learning_rate", "expected_minibatch_update", "expected_accuracy",
           "expected_sigmoid_factor", "CODE_RUNS", "code_runs", "reference_epoch", "sgd_slips", "check_sgd_epoch",
           "ANSWERS"]

EX1_DRAWS = ((20, 0.0, 3.0), (15, -1.0, 4.0), (30, 2.0, 5.0))   # exercise 1: (points, x from, x to) per draw
EX1_SEED = 7
EX2_W = np.array([[0.52, -0.21], [0.13, 0.34]])  # exercise 2: a weight matrix W^l ...
EX2_GRAD_SUM = np.array([[4.0, -2.0], [1.0, 6.0]])  # ... Σ_x ∂C_x/∂W^l (what backprop returns)
EX2_M = 8                                     # ... mini-batch size m
EX2_ETA = 0.5                                 # ... learning rate η
EX3_CONFUSION = np.array([[48, 1, 1], [2, 45, 3], [0, 4, 46]])  # exercise 3: rows true, columns predicted
EX4_LAYERS = 4                                # exercise 4: sigmoid layers a gradient passes back through


def ex1_inputs() -> list[np.ndarray]:
    """The checker's inputs x for Exercise 1 (seeded, fresh arrays on each call)."""
    rng = np.random.default_rng(EX1_SEED)
    return [rng.uniform(low, high, n) for n, low, high in EX1_DRAWS]


def _line_fit_hessian(x: np.ndarray) -> np.ndarray:
    """∂²L/∂(w, b)² of L = 1/(2m) Σ (w·x + b − y)²: [[mean x², mean x], [mean x, 1]] (y drops out)."""
    return np.array([[np.mean(x ** 2), np.mean(x)], [np.mean(x), 1.0]])


def expected_critical_learning_rate(x) -> float:
    """2/λ_max of the line fit's Hessian on inputs x."""
    return 2.0 / float(np.linalg.eigvalsh(_line_fit_hessian(np.asarray(x, dtype=float))).max())


def ex1_slips() -> tuple:
    """Each slip of Exercise 1: its message (in this edition's language) and what it computes from the Hessian H
    and the number of points m."""
    return (
        (_("1/λ_max is where the zig-zag starts; descent still converges for every η below twice that."),
         lambda H, m: 1.0 / np.linalg.eigvalsh(H).max()),
        (_("That uses λ_min. The most curved direction (λ_max) is the first to blow up: 2/λ_max."),
         lambda H, m: 2.0 / np.linalg.eigvalsh(H).min()),
        (_("That is λ_max itself; the limit on η is 2/λ_max."), lambda H, m: np.linalg.eigvalsh(H).max()),
        (_("That is 2/(∂²L/∂w²), the curvature along w alone. The loss also bends along b and across both: take "
           "the largest eigenvalue of the whole 2×2 Hessian."), lambda H, m: 2.0 / H[0, 0]),
        (_("That Hessian is m times too large: the loss is a *mean* over the m points (1/(2m) Σ …), so its second "
           "derivatives are means too (mean of x², mean of x, 1)."),
         lambda H, m: 2.0 / (m * np.linalg.eigvalsh(H).max())),
    )


def check_critical_learning_rate(critical_learning_rate) -> Feedback:
    """Exercise 1: the learner's ``critical_learning_rate(x)``: 2/λ_max of the Hessian of the line fit's
    loss 1/(2m) Σ (w·x + b − y)² on inputs x (shape (m,)), compared on the EX1_DRAWS inputs. Calling
    LineFit's own hessian/eigenvalues/critical_learning_rate is noticed and refused kindly."""
    name = "critical_learning_rate"
    problem = function_problem(critical_learning_rate, name, "check_critical_learning_rate")
    if problem is not None:
        return problem
    # LineFit(...) builds the Hessian in its constructor, so any use of it is the engine's answer
    forbidden = {LineFit.critical_learning_rate: "LineFit", LineFit.eigenvalues: "LineFit", LineFit.hessian: "LineFit"}

    def draw(x: np.ndarray) -> Draw | Feedback:
        where = _("on {n} points x between {low:.2f} and {high:.2f}").format(n=x.size, low=x.min(), high=x.max())
        read = run_and_read(critical_learning_rate, name, {"x": x}, 0.0, where=where,
                            label=_("what `{name}` returns").format(name=name), forbidden=forbidden,
                            hint=_("Build H = [[mean x², mean x], [mean x, 1]] from x."),
                            instead=_("the 2×2 Hessian from x (mean of x², mean of x, 1), then 2/λ_max with "
                                      "np.linalg.eigvalsh"))
        if isinstance(read, Feedback):
            return read
        H = _line_fit_hessian(x)
        variants = [(message, np.array([slip(H, x.size)])) for message, slip in ex1_slips()]
        return Draw(where, read[0], np.array([expected_critical_learning_rate(x)]), read[1], variants)

    return check_draws(draw, ex1_inputs(), expected_by=_("2/λ_max of the Hessian is"),
                       hint=_("2/λ_max, with λ_max the largest eigenvalue of [[mean x², mean x], [mean x, 1]]."),
                       ok_message=_("`{name}` gives 2/λ_max on {draws} sets of points, with the Hessian built from x "
                                    "yourself.").format(name=name, draws=len(EX1_DRAWS)))


def expected_minibatch_update() -> np.ndarray:
    """W − (η/m) Σ_x ∂C_x/∂W (seed 000's mini-batch rule)."""
    return EX2_W - EX2_ETA / EX2_M * EX2_GRAD_SUM


def check_minibatch_update(answer) -> Feedback:
    """Exercise 2: the new W^l after one mini-batch step with the summed gradient EX2_GRAD_SUM."""
    arr = read_array(answer, _("the updated W"))
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == EX2_W.shape and np.allclose(arr, EX2_W - EX2_ETA * EX2_GRAD_SUM):
        return Feedback(False, _("You used the summed gradient without dividing by m: the rule is η/m Σ_x."))
    if arr.shape == EX2_W.shape and np.allclose(arr, EX2_W + EX2_ETA / EX2_M * EX2_GRAD_SUM):
        return Feedback(False, _("Right size, wrong direction: gradient descent subtracts the gradient."))
    return compare_array(arr, expected_minibatch_update(), what=_("the updated W"),
                         hint=_("W − (η/m)·(summed gradient)."))


def expected_accuracy() -> float:
    """Correct predictions (the diagonal) over all predictions."""
    return float(np.trace(EX3_CONFUSION) / EX3_CONFUSION.sum())


def check_accuracy(answer) -> Feedback:
    """Exercise 3: the accuracy that the confusion matrix EX3_CONFUSION records."""
    if answer is None:
        return NOT_ANSWERED
    if matches(answer, 100 * expected_accuracy()):
        return Feedback(False, _("That is a percentage; give the fraction between 0 and 1."))
    return compare_number(answer, expected_accuracy(), what=_("the accuracy"), digits=3,
                          hint=_("Sum the diagonal (correct predictions) and divide by the sum of all entries."))


def expected_sigmoid_factor() -> float:
    """The largest factor σ' can contribute through EX4_LAYERS sigmoid layers: σ'(0)^EX4_LAYERS."""
    return float(sigmoid_prime(0.0)) ** EX4_LAYERS


def check_sigmoid_factor(answer) -> Feedback:
    """Exercise 4: the largest possible product of EX4_LAYERS sigmoid derivatives."""
    if answer is None:
        return NOT_ANSWERED
    if matches(answer, 0.5 ** EX4_LAYERS):
        return Feedback(False, _("σ(0) = 0.5 is the value of the sigmoid; its slope σ'(0) = σ(0)(1 − σ(0)) is "
                                 "smaller."))
    return compare_number(answer, expected_sigmoid_factor(), digits=3,
                          what=_("the largest factor through {layers} layers").format(layers=EX4_LAYERS),
                          hint=_("σ'(z) = σ(z)(1 − σ(z)) is largest at z = 0; multiply it once per layer."))


# ---- write-it-yourself: one epoch of mini-batch gradient descent -----------------------------------------
# (layer sizes, number of samples M, batch_size, η): the last mini-batch is smaller in the 1st and 3rd runs.
CODE_RUNS = (((2, 3, 1), 10, 4, 0.5), ((3, 4, 2), 8, 4, 1.0), ((2, 5, 4, 3), 11, 5, 2.0))
CODE_SEED = 7

def sgd_slips() -> tuple[tuple[str, dict], ...]:
    """Each slip of Exercise 5: the message that names it (in this edition's language) and the switches of
    reference_epoch that reproduce it."""
    return (
        (_("Some of what your function returned is exactly what it was given: apply the update to every W^l and "
           "every b^l, and return the new lists."), {"unchanged": True}),
        (_("You stepped by η times the *summed* gradient: divide by the mini-batch's size, W − (η/m)·gW."),
         {"step": "eta"}),
        (_("You divided by m twice (η/m²): backprop returns a sum; divide it by m once."), {"step": "twice"}),
        (_("The last mini-batch is smaller than batch_size: divide by its own size, m = Xb.shape[1], not by "
           "batch_size."), {"step": "batch_size"}),
        (_("Divide by the size of the mini-batch (m = Xb.shape[1]), not by the number of samples in the whole data "
           "set."), {"step": "all"}),
        (_("Wrong direction: gradient descent subtracts the gradient, W − (η/m)·gW."), {"sign": -1.0}),
        (_("Each mini-batch's gradient must be computed at the weights the previous mini-batch left: call backprop "
           "with the updated W and b inside the loop."), {"stale": True}),
        (_("Update the biases too: b ← b − (η/m)·gb."), {"update_biases": False}),
        (_("Shuffle first: take the mini-batches in the order of `rng.permutation(M)` (as "
           "`helpers.training.minibatch_indices` does), not 0, 1, 2, …"), {"order": "in_order"}),
        (_("One step on the whole data set is not an epoch of mini-batches: split the shuffled columns into batches "
           "of batch_size and take one step per batch."), {"order": "one_batch"}),
    )


def code_runs() -> list[dict]:
    """The checker's random networks and data for CODE_RUNS (fresh arrays on each call); ``seed`` seeds
    the Generator that the learner's function and the reference both shuffle with."""
    rng = np.random.default_rng(CODE_SEED)
    runs = []
    for n, (sizes, M, batch_size, eta) in enumerate(CODE_RUNS):
        W = init_network(list(sizes), rng)[0]
        b = [rng.normal(0.0, 0.5, (k, 1)) for k in sizes[1:]]
        runs.append({"W": W, "b": b, "X": rng.normal(0.0, 1.0, (sizes[0], M)),
                     "Y": rng.uniform(0.0, 1.0, (sizes[-1], M)), "learning_rate": eta, "batch_size": batch_size,
                     "seed": CODE_SEED * 100 + n})
    return runs


def reference_epoch(run: dict, *, gradients: str = "backprop", step: str = "m", sign: float = 1.0,
                    stale: bool = False, update_biases: bool = True, order: str = "shuffled",
                    unchanged: bool = False) -> tuple[list, list]:
    """One epoch on ``run`` (see :func:`code_runs`): mini-batches from ``minibatch_indices`` with a fresh
    Generator(seed), each step W ← W − (η/m)·Σ_x ∂C_x/∂W with m the mini-batch's size. ``gradients`` is
    "backprop" or "central" (central differences, independent of backprop); the other switches
    reproduce one slip each (defaults: the right epoch)."""
    W, b, X, Y = run["W"], run["b"], run["X"], run["Y"]
    M, eta, size = X.shape[1], run["learning_rate"], run["batch_size"]
    if unchanged:
        return list(W), list(b)
    batches = {"shuffled": lambda: minibatch_indices(M, size, np.random.default_rng(run["seed"])),
               "in_order": lambda: [np.arange(M)[i:i + size] for i in range(0, M, size)],
               "one_batch": lambda: [np.random.default_rng(run["seed"]).permutation(M)]}[order]()
    grad = backprop if gradients == "backprop" else numerical_gradients
    W0, b0 = W, b
    for batch in batches:
        m = len(batch)
        gW, gb = grad(W0, b0, X[:, batch], Y[:, batch]) if stale else grad(W, b, X[:, batch], Y[:, batch])
        scale = {"m": eta / m, "eta": eta, "twice": eta / m ** 2, "batch_size": eta / size, "all": eta / M}[step]
        W = [w - sign * scale * g for w, g in zip(W, gW, strict=True)]
        b = [v - sign * scale * g for v, g in zip(b, gb, strict=True)] if update_biases else b
    return W, b


def check_sgd_epoch(sgd_epoch) -> Feedback:
    """Exercise 5: the learner's ``sgd_epoch(W, b, X, Y, learning_rate, batch_size, rng) -> (new_W, new_b)``
    (sigmoid layers, summed ½‖a − y‖² per mini-batch as :func:`helpers.mlp.backprop` computes it, columns
    shuffled with ``rng.permutation``, one step W − (η/m)·gW per mini-batch of m columns), against the
    same epoch with central-difference gradients on CODE_RUNS. W, b, X, Y must come back unchanged."""
    name = "sgd_epoch"
    problem = function_problem(sgd_epoch, name, "check_sgd_epoch")
    if problem is not None:
        return problem

    def draw(run: dict) -> Draw | Feedback:
        W, b, X = run["W"], run["b"], run["X"]
        sizes = "-".join(str(n) for n in (*(w.shape[1] for w in W), W[-1].shape[0]))
        where = _("on a {sizes} network, {samples} samples in mini-batches of {batch}, η = {eta:g}").format(
            sizes=sizes, samples=X.shape[1], batch=run["batch_size"], eta=run["learning_rate"])
        args = {k: run[k] for k in ("W", "b", "X", "Y", "learning_rate", "batch_size")}
        template = ([np.zeros(w.shape) for w in W], [np.zeros(v.shape) for v in b])
        read = run_and_read(sgd_epoch, name, {**args, "rng": np.random.default_rng(run["seed"])}, template,
                            where=where, label=_("what `{name}` returns").format(name=name), parts=("new_W", "new_b"),
                            unchanged=("W", "b", "X", "Y"),
                            hint=_("Inside the loop: Xb, Yb = X[:, batch], Y[:, batch]; gW, gb = backprop(W, b, Xb, "
                                   "Yb)."))
        if isinstance(read, Feedback):
            return read
        variants = [(message, numbers_of(reference_epoch(run, **switches))) for message, switches in sgd_slips()]
        expected = numbers_of(reference_epoch(run, gradients="central"))
        return Draw(where, read[0], expected, read[1], variants)

    short = sum(1 for _sizes, M, size, _eta in CODE_RUNS if M % size)
    return check_draws(draw, code_runs(), expected_by=_("the same epoch with central-difference gradients gives"),
                       hint=_("For each mini-batch of m columns: W ← W − (η/m)·gW, b ← b − (η/m)·gb, with gW, gb "
                              "computed at the current weights."),
                       ok_message=_("`{name}` matches an epoch computed with central-difference gradients on {runs} "
                                    "random data sets ({short} with a smaller last mini-batch), and leaves W, b, X and "
                                    "Y unchanged.").format(name=name, runs=len(CODE_RUNS), short=short))


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: "a function to write: critical_learning_rate(x), checked on three sets of points",
           2: expected_minibatch_update, 3: expected_accuracy, 4: expected_sigmoid_factor,
           5: "a function to write: sgd_epoch, checked against central-difference gradients"}
