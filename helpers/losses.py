"""Losses and their gradients with respect to the output activation ``a`` (notebooks 04–07).

Both losses are **summed** over every element (all outputs of all samples), matching the series'
convention that the total loss is the sum of per-sample losses C = ½ Σ_k (a_k − y_k)².
float32 works as float64 does: cross-entropy keeps ``a`` away from 0 and 1 by an amount that the
array's own dtype can represent, and :func:`sigmoid_cross_entropy` computes the same loss from the
net input z (no clipping at all), exact even where σ(z) rounds to 0 or 1.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import as_array, check_choice, check_finite_result, check_same_shape
from .activations import softmax
from .i18n import _

# Probabilities are kept at least this far from 0 and 1 before taking logs, so the loss stays finite
# (float64); float32 uses its own machine epsilon (1.2e-7), since 1 − 1e-12 rounds to 1.0 there.
EPS = 1e-12


def clip_margin(dtype) -> float:
    """How far from 0 and 1 cross-entropy keeps ``a``: 1e-12, or the dtype's epsilon if larger (float32)."""
    try:
        info = np.finfo(np.dtype(dtype))
    except (TypeError, ValueError) as exc:
        raise TypeError(_("dtype must be a floating-point dtype such as np.float64 or np.float32; got {dtype}")
                        .format(dtype=repr(dtype)[:120])) from exc
    return max(EPS, float(info.eps))


def _pair(a, y, a_name: str = "a") -> tuple[np.ndarray, np.ndarray]:
    a_arr = as_array(a_name, a)
    y_arr = as_array("y", y)
    check_same_shape(a_name, a_arr, "y", y_arr)
    return a_arr, y_arr


def mse(a, y) -> float:
    """C = ½ Σ (a − y)², summed over all elements (computed in float64, whatever the input's dtype)."""
    a_arr, y_arr = _pair(a, y)
    with np.errstate(over="ignore", invalid="ignore"):
        r = a_arr.astype(np.float64) - y_arr
        value = float(0.5 * np.sum(r * r))
    return check_finite_result(_("the loss ½Σ(a − y)²"), value,
                               advice=_("Use a and y of a size whose squared differences stay below 1.8e308."))


def mse_grad(a, y) -> np.ndarray:
    """∂C/∂a = a − y (same shape and dtype as ``a``)."""
    a_arr, y_arr = _pair(a, y)
    with np.errstate(over="ignore", invalid="ignore"):
        grad = a_arr - y_arr
    return check_finite_result(_("the gradient a − y"), grad, advice=_("Use a and y below about 1e308 in size."))


def _check_probabilities(a_arr: np.ndarray, y_arr: np.ndarray) -> None:
    if np.any((a_arr < 0) | (a_arr > 1)):
        raise ValueError(_("a must hold probabilities in [0, 1] for cross-entropy (use a sigmoid output); "
                           "got values from {low:.4g} to {high:.4g}").format(low=a_arr.min(), high=a_arr.max()))
    _check_targets(y_arr)


def _check_targets(y_arr: np.ndarray) -> None:
    if np.any((y_arr < 0) | (y_arr > 1)):
        raise ValueError(_("y must hold targets in [0, 1] for cross-entropy; got values from {low:.4g} to {high:.4g}")
                         .format(low=y_arr.min(), high=y_arr.max()))


def _clipped(a_arr: np.ndarray) -> np.ndarray:
    """``a`` kept in [ε, 1 − ε] with ε = :func:`clip_margin` of its dtype (both bounds representable)."""
    eps = clip_margin(a_arr.dtype)
    return np.clip(a_arr, eps, 1.0 - eps)


def cross_entropy(a, y) -> float:
    """C = −Σ [y ln a + (1 − y) ln(1 − a)], with ``a`` kept in [ε, 1 − ε] so it stays finite
    (ε = 1e-12 in float64, 1.2e-7 in float32: see :func:`clip_margin`)."""
    a_arr, y_arr = _pair(a, y)
    _check_probabilities(a_arr, y_arr)
    a_safe = _clipped(a_arr)
    return float(-np.sum(y_arr * np.log(a_safe) + (1.0 - y_arr) * np.log1p(-a_safe)))


def cross_entropy_grad(a, y) -> np.ndarray:
    """∂C/∂a = (a − y) / (a (1 − a)), with the same clipping as :func:`cross_entropy`.

    Multiplied by σ'(z) = a(1 − a) this gives δ^L = a − y: the σ' factor cancels.
    """
    a_arr, y_arr = _pair(a, y)
    _check_probabilities(a_arr, y_arr)
    a_safe = _clipped(a_arr)
    return (a_safe - y_arr) / (a_safe * (1.0 - a_safe))


def sigmoid_cross_entropy(z, y) -> float:
    """Cross-entropy of a sigmoid output a = σ(z), computed from the net input z (shape of y):

        C = Σ [ln(1 + e^z) − y·z] = Σ [max(z, 0) + ln(1 + e^(−|z|)) − y·z]

    the same number as ``cross_entropy(sigmoid(z), y)`` where σ(z) is not saturated, and exact where
    it is (σ(40) rounds to 1.0, but the loss of z = 40 for y = 0 is 40, not the clipped 27.6).
    Computed in float64; never overflows for finite z.
    """
    z_arr, y_arr = _pair(z, y, "z")
    _check_targets(y_arr)
    return _sigmoid_cross_entropy(z_arr, y_arr)


def _sigmoid_cross_entropy(z: np.ndarray, y: np.ndarray) -> float:
    """:func:`sigmoid_cross_entropy` without input checks (helpers.mlp validates once)."""
    z64 = z.astype(np.float64, copy=False)
    with np.errstate(under="ignore", over="ignore"):
        # per entry: max(z, 0) − y·z + ln(1 + e^(−|z|)) = z·([z ≥ 0] − y) + ln(1 + e^(−|z|)), each term ≥ 0
        terms = z64 * ((z64 >= 0) - y) + np.log1p(np.exp(-np.abs(z64)))
        value = float(np.sum(terms))
    return check_finite_result(_("the cross-entropy loss"), value, advice=_("Use net inputs z below about 1e300."))


def softmax_cross_entropy(z, y) -> float:
    """Cross-entropy of a softmax output p = softmax(z) against one-hot targets y, summed over the
    samples (columns; z and y of shape (k, m)), computed from z:

        C = −Σ_k y_k ln p_k = ln Σ_j e^(z_j) − Σ_k y_k z_k      (per sample, when Σ_k y_k = 1)

    ``ln Σ_j e^(z_j)`` is taken after subtracting the column's largest z, so it never overflows.
    """
    z_arr, y_arr = _pair(z, y, "z")
    _check_targets(y_arr)
    if z_arr.ndim != 2 or not np.allclose(y_arr.sum(axis=0), 1.0):
        raise ValueError(_("y must have shape (k, m) with each column a probability distribution (one-hot: a 1 "
                           "in the row of the right class), as z"))
    top = z_arr.max(axis=0, keepdims=True)
    with np.errstate(under="ignore"):
        log_sum = top[0] + np.log(np.exp(z_arr - top).sum(axis=0))
    value = float(np.sum(log_sum - np.sum(y_arr * z_arr, axis=0)))
    return check_finite_result(_("the softmax cross-entropy loss"), value,
                               advice=_("Use net inputs z below about 1e300."))


def softmax_cross_entropy_grad(z, y) -> np.ndarray:
    """∂C/∂z = softmax(z) − y (shape (k, m)): the scores minus the one-hot targets.

    From C = ln Σ_j e^(z_j) − Σ_k y_k z_k: ∂C/∂z_i = e^(z_i)/Σ_j e^(z_j) − y_i = p_i − y_i. The same
    δ^L = a^L − y as a sigmoid output with its own cross-entropy (notebook 06).
    """
    z_arr, y_arr = _pair(z, y, "z")
    _check_targets(y_arr)
    return softmax(z_arr) - y_arr


LOSSES: dict[str, tuple[Callable, Callable]] = {
    "mse": (mse, mse_grad),
    "cross_entropy": (cross_entropy, cross_entropy_grad),
}
LOSS_NAMES: tuple[str, ...] = tuple(LOSSES)


def get_loss(name: str) -> tuple[Callable, Callable]:
    """Return ``(loss, loss_grad)`` for a loss named "mse" or "cross_entropy"."""
    check_choice("loss", name, LOSS_NAMES)
    return LOSSES[name]
