"""Exercises of notebook 03_vectors_matrices_jacobians. Each ``check_*`` returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..activations import relu_prime
from ..jacobians import elementwise_jacobian, linear_backward
from .feedback import Feedback, compare_array, read_array, read_shape

__all__ = ["EX1_W_SHAPE", "EX2_DQ", "EX2_X", "EX2_W", "EX3_X", "check_gradient_shape", "check_dW",
           "check_dx", "check_relu_jacobian", "expected_dW", "expected_dx", "expected_relu_jacobian"]

EX1_W_SHAPE = (3, 5)                              # q = W·x with W of this shape
EX2_DQ = np.array([1.0, -2.0, 0.5])               # upstream gradient ∂L/∂q, shape (3,)
EX2_X = np.array([0.1, 0.2, 0.3, 0.4])            # input x, shape (4,)
EX2_W = np.array([[1.0, 0.0, -1.0, 2.0],          # weights W, shape (3, 4)
                  [0.5, 1.0, 0.0, -1.0],
                  [2.0, -1.0, 1.0, 0.0]])
EX3_X = np.array([1.5, -2.0, 0.0, 0.25])          # input of a ReLU gate


def check_gradient_shape(answer) -> Feedback:
    """Exercise 1: the shape of ∂L/∂W for W of shape EX1_W_SHAPE (a tuple)."""
    shape = read_shape(answer, "the shape of ∂L/∂W", ndim=len(EX1_W_SHAPE))
    if isinstance(shape, Feedback):
        return shape
    if shape == EX1_W_SHAPE:
        return Feedback(True, f"∂L/∂W has W's shape {EX1_W_SHAPE}: one number per weight.")
    if shape == EX1_W_SHAPE[::-1]:
        return Feedback(False, "Transposed: the gradient has exactly W's shape, rows first.")
    return Feedback(False, f"{shape} is not it. Each weight W_ij gets one partial derivative.")


def expected_dW() -> np.ndarray:
    """dW = dq xᵀ for EX2_DQ and EX2_X, shape (3, 4)."""
    return linear_backward(EX2_DQ, EX2_X, EX2_W)[0]


def expected_dx() -> np.ndarray:
    """dx = Wᵀ dq for EX2_W and EX2_DQ, shape (4,)."""
    return linear_backward(EX2_DQ, EX2_X, EX2_W)[1]


def check_dW(answer) -> Feedback:
    """Exercise 2: dW for q = W·x given the upstream gradient dq (EX2_DQ) and x (EX2_X)."""
    arr = read_array(answer, "dW")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == expected_dW().T.shape:
        return Feedback(False, "Shape (4, 3) is transposed: dW must have W's shape (3, 4). Try dq xᵀ.")
    return compare_array(arr, expected_dW(), what="dW", hint="dW_ij = dq_i · x_j, i.e. np.outer(dq, x).")


def check_dx(answer) -> Feedback:
    """Exercise 3: dx = Wᵀ dq for EX2_W and EX2_DQ."""
    arr = read_array(answer, "dx")
    if isinstance(arr, Feedback):
        return arr
    if arr.shape == EX2_DQ.shape:
        return Feedback(False, "Shape (3,) is q's shape: dx must have x's shape (4,). Multiply by Wᵀ.")
    return compare_array(arr, expected_dx(), what="dx", hint="dx = W.T @ dq.")


def expected_relu_jacobian() -> np.ndarray:
    """Jacobian of ReLU at EX3_X: diag(1 where x > 0, else 0), shape (4, 4)."""
    return elementwise_jacobian(relu_prime, EX3_X)


def check_relu_jacobian(answer) -> Feedback:
    """Exercise 4: the full Jacobian of y = max(0, x) at EX3_X (a 4×4 array)."""
    return compare_array(answer, expected_relu_jacobian(), what="the ReLU Jacobian",
                         hint="Diagonal: 1 where x_i > 0, 0 elsewhere (also at x_i = 0); "
                              "zeros off the diagonal.")
