"""Exercises of notebook 06_matrix_form. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..mlp import backprop, init_network
from .feedback import Feedback, compare_array, read_array, read_shape

__all__ = ["bp2_data", "expected_bp2", "check_bp2", "GRAD_SHAPE_NET", "GRAD_SHAPE_BATCH", "GRAD_SHAPE_LAYER",
           "expected_grad_shape", "check_grad_shape", "bias_data", "expected_bias_grad", "check_bias_grad"]

GRAD_SHAPE_NET = (784, 30, 10)   # exercise 2: layer sizes n_0, n_1, n_2
GRAD_SHAPE_BATCH = 64            # … a batch of this many samples
GRAD_SHAPE_LAYER = 2             # … the shape of ∂C/∂W^2


def bp2_data() -> dict[str, np.ndarray]:
    """Exercise 1's data (a fresh copy each call): W_next = W^{l+1} (3, 4), delta_next = δ^{l+1} (3, 5),
    z = z^l (4, 5) for a sigmoid layer l with 4 neurons and a batch of 5 samples."""
    rng = np.random.default_rng(6)
    return {"W_next": np.round(rng.uniform(-1, 1, (3, 4)), 2),
            "delta_next": np.round(rng.uniform(-0.5, 0.5, (3, 5)), 2),
            "z": np.round(rng.uniform(-2, 2, (4, 5)), 2)}


def expected_bp2() -> np.ndarray:
    """BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ'(z^l), shape (4, 5)."""
    d = bp2_data()
    return (d["W_next"].T @ d["delta_next"]) * sigmoid_prime(d["z"])


def check_bp2(answer) -> Feedback:
    """Exercise 1: BP2 for one sigmoid layer and a batch."""
    arr = read_array(answer, "δ^l")
    if isinstance(arr, Feedback):
        return arr
    d = bp2_data()
    slips = {
        "You left out σ'(z^l): multiply elementwise by sigmoid_prime(z).": d["W_next"].T @ d["delta_next"],
        "You multiplied by σ(z^l) instead of σ'(z^l) = σ(z)(1 − σ(z)).":
            (d["W_next"].T @ d["delta_next"]) * sigmoid(d["z"]),
    }
    for message, value in slips.items():
        if arr.shape == value.shape and np.allclose(arr, value, rtol=1e-6):
            return Feedback(False, message)
    return compare_array(arr, expected_bp2(), what="δ^l",
                         hint="W^{l+1} has shape (3, 4) and δ^{l+1} (3, 5): only (W^{l+1})ᵀ δ^{l+1} "
                              "gives the (4, 5) of layer l.")


def expected_grad_shape() -> tuple[int, int]:
    """The shape of ∂C/∂W^2 for GRAD_SHAPE_NET, computed by running backprop on a zero batch."""
    weights, biases = init_network(list(GRAD_SHAPE_NET), 0)
    X = np.zeros((GRAD_SHAPE_NET[0], GRAD_SHAPE_BATCH))
    Y = np.zeros((GRAD_SHAPE_NET[-1], GRAD_SHAPE_BATCH))
    grads_W, _ = backprop(weights, biases, X, Y)
    return tuple(grads_W[GRAD_SHAPE_LAYER - 1].shape)


def check_grad_shape(answer) -> Feedback:
    """Exercise 2: the shape of ∂C/∂W^2 for a batch of GRAD_SHAPE_BATCH samples."""
    given = read_shape(answer, "the shape of ∂C/∂W^2", ndim=2)
    if isinstance(given, Feedback):
        return given
    expected = expected_grad_shape()
    if given == expected:
        return Feedback(True, f"∂C/∂W^2 has the shape of W^2 itself: {expected}. The batch size "
                              f"{GRAD_SHAPE_BATCH} disappears in the product δ^2 (a^1)ᵀ, which sums "
                              "over samples.")
    if given == expected[::-1]:
        return Feedback(False, "Transposed: W^l has shape (n_l, n_{l−1}) — rows for the layer it feeds.")
    if GRAD_SHAPE_BATCH in given:
        return Feedback(False, f"The batch size does not appear: δ^2 (a^1)ᵀ is ({expected[0]}, "
                               f"{GRAD_SHAPE_BATCH}) times ({GRAD_SHAPE_BATCH}, {expected[1]}).")
    return Feedback(False, "A gradient has the shape of the parameter it belongs to: what is W^2's shape?")


def bias_data() -> np.ndarray:
    """Exercise 3's δ^L for a batch: shape (2, 4), two output neurons, four samples (a fresh copy)."""
    return np.array([[0.5, -0.25, 0.125, 0.75], [-0.5, 0.25, 1.0, -0.125]])


def expected_bias_grad() -> np.ndarray:
    """BP3 summed over the batch: ∂C/∂b^L = Σ_x δ^{x,L}, shape (2, 1)."""
    return bias_data().sum(axis=1, keepdims=True)


def check_bias_grad(answer) -> Feedback:
    """Exercise 3: ∂C/∂b^L of the summed loss, from δ^L of a batch."""
    arr = read_array(answer, "∂C/∂b^L")
    if isinstance(arr, Feedback):
        return arr
    expected = expected_bias_grad()
    if arr.shape == (2,) and np.allclose(arr, expected.ravel()):
        return Feedback(False, "Right numbers, but b^L is a column of shape (2, 1): use keepdims=True.")
    if arr.size == 2 and np.allclose(arr.ravel(), expected.ravel() / bias_data().shape[1]):
        return Feedback(False, "That is the mean over samples; the loss here is the sum, so is its gradient "
                               "(the 1/m belongs to the update step).")
    return compare_array(arr, expected, what="∂C/∂b^L", hint="Sum δ^L over the batch's columns (axis=1).")
