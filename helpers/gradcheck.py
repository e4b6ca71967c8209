"""Numerical derivatives and gradient checking (notebooks 01–07).

The centred difference (f(x + h) − f(x − h)) / 2h has error O(h²); the forward difference
(f(x + h) − f(x)) / h has error O(h). CS231n's convention: h ≈ 1e-5 and the relative error
|a − n| / max(|a| + |n|, tiny); about 1e-7 or less means the analytic gradient is right.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import as_array, as_scalar, check_callable, check_positive

TINY = 1e-300  # guards the relative error's denominator when both numbers are 0


def _call_scalar(f: Callable, x, what: str) -> float:
    value = f(x)
    try:
        out = float(value)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"f must return a single number; at {what} it returned "
                        f"{type(value).__name__}") from exc
    if not np.isfinite(out):
        raise ValueError(f"f returned a non-finite value ({out}) at {what}; choose a smaller h or another x")
    return out


def forward_difference(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """(f(x + h) − f(x)) / h for a scalar function of one variable."""
    check_callable("f", f)
    x = as_scalar("x", x)
    h = check_positive("h", h)
    return (_call_scalar(f, x + h, f"x + h = {x + h}") - _call_scalar(f, x, f"x = {x}")) / h


def central_difference(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """(f(x + h) − f(x − h)) / 2h for a scalar function of one variable."""
    check_callable("f", f)
    x = as_scalar("x", x)
    h = check_positive("h", h)
    return (_call_scalar(f, x + h, f"x + h = {x + h}") - _call_scalar(f, x - h, f"x - h = {x - h}")) / (2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x`` (any array shape).

    ``f`` receives an array of ``x``'s shape; ``x`` itself is never modified (a float64 copy is
    perturbed one entry at a time). Returns an array of ``x``'s shape.
    """
    check_callable("f", f)
    h = check_positive("h", h)
    point = np.array(as_array("x", x), dtype=np.float64)
    grad = np.zeros_like(point)
    flat, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat.size):
        old = flat[i]
        flat[i] = old + h
        f_plus = _call_scalar(f, point.copy(), f"x + h·e_{i}")
        flat[i] = old - h
        f_minus = _call_scalar(f, point.copy(), f"x − h·e_{i}")
        flat[i] = old
        flat_grad[i] = (f_plus - f_minus) / (2 * h)
    return grad


def relative_error(a, b) -> float:
    """max over entries of |a − b| / max(|a| + |b|, tiny); 0.0 when both are exactly equal."""
    a_arr = as_array("a", a)
    b_arr = as_array("b", b)
    if a_arr.shape != b_arr.shape:
        raise ValueError(f"a and b must have the same shape; got {a_arr.shape} and {b_arr.shape}")
    a64, b64 = a_arr.astype(np.float64), b_arr.astype(np.float64)
    denom = np.maximum(np.abs(a64) + np.abs(b64), TINY)
    return float(np.max(np.abs(a64 - b64) / denom))
