"""Losses and their gradients with respect to the output activation ``a`` (notebooks 04–07).

Both losses are **summed** over every element (all outputs of all samples), matching the series'
convention that the total loss is the sum of per-sample losses C = ½ Σ_k (a_k − y_k)².
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import as_array, check_choice, check_same_shape

# Probabilities are kept this far from 0 and 1 before taking logs, so the loss stays finite.
EPS = 1e-12


def _pair(a, y) -> tuple[np.ndarray, np.ndarray]:
    a_arr = as_array("a", a)
    y_arr = as_array("y", y)
    check_same_shape("a", a_arr, "y", y_arr)
    return a_arr, y_arr


def mse(a, y) -> float:
    """C = ½ Σ (a − y)², summed over all elements."""
    a_arr, y_arr = _pair(a, y)
    return float(0.5 * np.sum((a_arr - y_arr) ** 2))


def mse_grad(a, y) -> np.ndarray:
    """∂C/∂a = a − y (same shape as ``a``)."""
    a_arr, y_arr = _pair(a, y)
    return a_arr - y_arr


def _check_probabilities(a_arr: np.ndarray, y_arr: np.ndarray) -> None:
    if np.any((a_arr < 0) | (a_arr > 1)):
        raise ValueError("a must hold probabilities in [0, 1] for cross-entropy (use a sigmoid output); "
                         f"got values from {a_arr.min():.4g} to {a_arr.max():.4g}")
    if np.any((y_arr < 0) | (y_arr > 1)):
        raise ValueError(f"y must hold targets in [0, 1] for cross-entropy; got values from "
                         f"{y_arr.min():.4g} to {y_arr.max():.4g}")


def cross_entropy(a, y) -> float:
    """C = −Σ [y ln a + (1 − y) ln(1 − a)], with ``a`` kept in [EPS, 1 − EPS] so it stays finite."""
    a_arr, y_arr = _pair(a, y)
    _check_probabilities(a_arr, y_arr)
    a_safe = np.clip(a_arr, EPS, 1.0 - EPS)
    return float(-np.sum(y_arr * np.log(a_safe) + (1.0 - y_arr) * np.log1p(-a_safe)))


def cross_entropy_grad(a, y) -> np.ndarray:
    """∂C/∂a = (a − y) / (a (1 − a)), with the same clipping as :func:`cross_entropy`.

    Multiplied by σ'(z) = a(1 − a) this gives δ^L = a − y: the σ' factor cancels.
    """
    a_arr, y_arr = _pair(a, y)
    _check_probabilities(a_arr, y_arr)
    a_safe = np.clip(a_arr, EPS, 1.0 - EPS)
    return (a_safe - y_arr) / (a_safe * (1.0 - a_safe))


LOSSES: dict[str, tuple[Callable, Callable]] = {
    "mse": (mse, mse_grad),
    "cross_entropy": (cross_entropy, cross_entropy_grad),
}
LOSS_NAMES: tuple[str, ...] = tuple(LOSSES)


def get_loss(name: str) -> tuple[Callable, Callable]:
    """Return ``(loss, loss_grad)`` for a loss named "mse" or "cross_entropy"."""
    check_choice("loss", name, LOSS_NAMES)
    return LOSSES[name]
