"""Exercises of notebook 07_training. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid_prime
from ..descent import LineFit
from .feedback import NOT_ANSWERED, Feedback, compare_array, compare_number, matches, read_array

__all__ = ["EX1_SEED", "EX2_W", "EX2_GRAD_SUM", "EX2_M", "EX2_ETA", "EX3_CONFUSION", "EX4_LAYERS",
           "check_critical_learning_rate", "check_minibatch_update", "check_accuracy", "check_sigmoid_factor",
           "expected_critical_learning_rate", "expected_minibatch_update", "expected_accuracy",
           "expected_sigmoid_factor"]

EX1_SEED = 7                                  # exercise 1: LineFit(seed=EX1_SEED)
EX2_W = np.array([[0.5, -0.2], [0.1, 0.3]])   # exercise 2: a weight matrix W^l ...
EX2_GRAD_SUM = np.array([[4.0, -2.0], [1.0, 6.0]])  # ... Σ_x ∂C_x/∂W^l (what backprop returns)
EX2_M = 8                                     # ... mini-batch size m
EX2_ETA = 0.5                                 # ... learning rate η
EX3_CONFUSION = np.array([[48, 1, 1], [2, 45, 3], [0, 4, 46]])  # exercise 3: rows true, columns predicted
EX4_LAYERS = 4                                # exercise 4: sigmoid layers a gradient passes back through


def expected_critical_learning_rate() -> float:
    """2/λ_max for LineFit(seed=EX1_SEED)."""
    return LineFit(seed=EX1_SEED).critical_learning_rate()


def check_critical_learning_rate(answer) -> Feedback:
    """Exercise 1: the critical learning rate 2/λ_max of LineFit(seed=EX1_SEED) (converges for every η below it)."""
    if answer is None:
        return NOT_ANSWERED
    low, high = LineFit(seed=EX1_SEED).eigenvalues()
    if matches(answer, 1.0 / high):
        return Feedback(False, "1/λ_max is where the zig-zag starts; descent still converges for every η "
                               "below twice that.")
    if matches(answer, 2.0 / low):
        return Feedback(False, "That uses λ_min. The most curved direction (λ_max) is the first to blow up.")
    return compare_number(answer, expected_critical_learning_rate(), what="the critical learning rate",
                          hint="Take the eigenvalues of problem.hessian() and compute 2/λ_max.")


def expected_minibatch_update() -> np.ndarray:
    """W − (η/m) Σ_x ∂C_x/∂W (seed 000's mini-batch rule)."""
    return EX2_W - EX2_ETA / EX2_M * EX2_GRAD_SUM


def check_minibatch_update(answer) -> Feedback:
    """Exercise 2: the new W^l after one mini-batch step with the summed gradient EX2_GRAD_SUM."""
    arr = read_array(answer, "the updated W")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == EX2_W.shape and np.allclose(arr, EX2_W - EX2_ETA * EX2_GRAD_SUM):
        return Feedback(False, "You used the summed gradient without dividing by m: the rule is η/m Σ_x.")
    if arr.shape == EX2_W.shape and np.allclose(arr, EX2_W + EX2_ETA / EX2_M * EX2_GRAD_SUM):
        return Feedback(False, "Right size, wrong direction: gradient descent subtracts the gradient.")
    return compare_array(arr, expected_minibatch_update(), what="the updated W",
                         hint="W − (η/m)·(summed gradient).")


def expected_accuracy() -> float:
    """Correct predictions (the diagonal) over all predictions."""
    return float(np.trace(EX3_CONFUSION) / EX3_CONFUSION.sum())


def check_accuracy(answer) -> Feedback:
    """Exercise 3: the accuracy that the confusion matrix EX3_CONFUSION records."""
    if answer is None:
        return NOT_ANSWERED
    if matches(answer, 100 * expected_accuracy()):
        return Feedback(False, "That is a percentage; give the fraction between 0 and 1.")
    return compare_number(answer, expected_accuracy(), what="the accuracy",
                          hint="Sum the diagonal (correct predictions) and divide by the sum of all entries.")


def expected_sigmoid_factor() -> float:
    """The largest factor σ' can contribute through EX4_LAYERS sigmoid layers: σ'(0)^EX4_LAYERS."""
    return float(sigmoid_prime(0.0)) ** EX4_LAYERS


def check_sigmoid_factor(answer) -> Feedback:
    """Exercise 4: the largest possible product of EX4_LAYERS sigmoid derivatives."""
    if answer is None:
        return NOT_ANSWERED
    if matches(answer, 0.5 ** EX4_LAYERS):
        return Feedback(False, "σ(0) = 0.5 is the value of the sigmoid; its slope σ'(0) = σ(0)(1 − σ(0)) "
                               "is smaller.")
    return compare_number(answer, expected_sigmoid_factor(),
                          what=f"the largest factor through {EX4_LAYERS} layers",
                          hint="σ'(z) = σ(z)(1 − σ(z)) is largest at z = 0; multiply it once per layer.")
