"""Numerical derivatives and gradient checking (notebooks 01–07).

The centred difference (f(x + h) − f(x − h)) / 2h has error O(h²); the forward difference
(f(x + h) − f(x)) / h has error O(h). CS231n's convention: h ≈ 1e-5 and the relative error
|a − n| / max(|a| + |n|, tiny); about 1e-7 or less means the analytic gradient is right.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from ._checks import as_array, as_scalar, check_callable, check_finite_result, check_positive, check_size
from .i18n import _

TINY = 1e-300  # guards the relative error's denominator when both numbers are 0
# numerical_gradient calls f twice per entry and copies x for each call (so f cannot change it): the work
# grows as entries², about 1 s at 5,000 entries and 4 s at 10,000; beyond that a kernel seems frozen.
MAX_ENTRIES = 10_000


def _call_scalar(f: Callable, x, what: str) -> float:
    """f(x) as a finite float64 number, or a clear error naming the point ``what``. Callers run it under
    ``np.errstate(all="ignore")``: a non-finite value is refused here, with its point."""
    try:
        value = f(x)
    except (OverflowError, ZeroDivisionError, FloatingPointError) as exc:
        raise ValueError(_("f could not be evaluated at {point}: {error}: {text}; choose a smaller h or another x"
                           ).format(point=what, error=type(exc).__name__, text=exc)) from exc
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8:
        # float32 rounds f to 7 digits, float16 to 3: over a step of 1e-5 the difference is mostly rounding
        raise TypeError(_("f must return a float64 number; at {point} it returned {dtype} (about {digits} "
                          "significant digits), which makes the difference quotient mostly rounding error: "
                          "compute f in float64 (e.g. x.astype(np.float64))").format(
            point=what, dtype=dtype, digits=np.finfo(dtype).precision))
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()          # a 1-element array is one number (no numpy warning)
    try:
        out = float(value)
    except (TypeError, ValueError, OverflowError) as exc:
        raise TypeError(_("f must return a single number; at {point} it returned {kind}").format(
            point=what, kind=type(value).__name__)) from exc
    if isinstance(value, (bool, np.bool_, str, bytes)):
        raise TypeError(_("f must return a single number; at {point} it returned {kind}").format(
            point=what, kind=type(value).__name__))
    if not math.isfinite(out):
        raise ValueError(_("f returned a non-finite value ({value}) at {point}; choose a smaller h or another x"
                           ).format(value=out, point=what))
    return out


def _steps(x, h, *, central: bool) -> tuple[float, float]:
    """Validated x and h: h small (at most max(1, |x|)), x ± h finite and different from x (h not below
    the float spacing at x)."""
    x, h = as_scalar("x", x), check_positive("h", h)
    if h > max(1.0, abs(x)):
        raise ValueError(_("h must be a small step, at most max(1, |x|) = {largest:.3g}: a difference quotient "
                           "approximates the derivative only as h shrinks; got h = {h:.3g} (CS231n uses h = 1e-5)"
                           ).format(largest=max(1.0, abs(x)), h=h))
    for point in ((x + h, x - h) if central else (x + h,)):
        if not np.isfinite(point):
            raise ValueError(_("x ± h must stay finite; got x = {x}, h = {h}").format(x=x, h=h))
        if point == x:
            raise ValueError(_("h must be larger than the gap between floats near x ({gap:.3g}): x + h rounds to x; "
                               "got x = {x}, h = {h}").format(gap=np.spacing(abs(x)), x=x, h=h))
    return x, h


def _quotient(difference: float, denominator: float) -> float:
    """difference / denominator, refused when it overflows or when a non-zero difference underflows to 0.0."""
    quotient = difference / denominator
    if difference != 0 and quotient == 0:
        raise ValueError(_("the difference quotient {difference:.3g} / {denominator:.3g} underflows to zero: "
                           "use a smaller h").format(difference=difference, denominator=denominator))
    if not math.isfinite(quotient):
        check_finite_result(_("the difference quotient"), quotient,
                            advice=_("f changes by more than 1.8e308 over the step: use a smaller h or another x."))
    return quotient


def forward_difference(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """(f(x + h) − f(x)) / h for a scalar function of one variable."""
    check_callable("f", f)
    x, h = _steps(x, h, central=False)
    with np.errstate(all="ignore"):
        return _quotient(_call_scalar(f, x + h, f"x + h = {x + h}") - _call_scalar(f, x, f"x = {x}"), h)


def central_difference(f: Callable[[float], float], x: float, h: float = 1e-5) -> float:
    """(f(x + h) − f(x − h)) / 2h for a scalar function of one variable."""
    check_callable("f", f)
    x, h = _steps(x, h, central=True)
    with np.errstate(all="ignore"):
        return _quotient(_call_scalar(f, x + h, f"x + h = {x + h}") - _call_scalar(f, x - h, f"x - h = {x - h}"), 2 * h)


def numerical_gradient(f: Callable[[np.ndarray], float], x, h: float = 1e-5) -> np.ndarray:
    """Central-difference gradient of a scalar function ``f`` at ``x`` (any array shape).

    ``f`` receives an array of ``x``'s shape; ``x`` itself is never modified (a float64 copy is
    perturbed one entry at a time). Returns an array of ``x``'s shape.
    """
    check_callable("f", f)
    h = check_positive("h", h)
    point = np.array(as_array("x", x), dtype=np.float64)
    check_size(_("x (one pair of calls of f per entry)"), point.size, limit=MAX_ENTRIES,
               why=_("numerical_gradient calls f twice per entry, which would take minutes"))
    largest = float(np.max(np.abs(point)))
    if h > max(1.0, largest):
        raise ValueError(_("h must be a small step, at most max(1, largest |x|) = {largest:.3g}: a difference "
                           "quotient approximates the derivative only as h shrinks; got h = {h:.3g} (CS231n uses "
                           "h = 1e-5)").format(largest=max(1.0, largest), h=h))
    if not np.all(np.isfinite(point + h) & np.isfinite(point - h) & (point + h != point)):
        raise ValueError(_("h must keep x ± h finite and different from x at every entry; got h = {h} for "
                           "entries of x up to {largest:.3g}").format(h=h, largest=np.max(np.abs(point))))
    grad = np.zeros_like(point)
    flat, flat_grad = point.reshape(-1), grad.reshape(-1)
    with np.errstate(all="ignore"):
        for i in range(flat.size):
            old = flat[i]
            flat[i] = old + h
            f_plus = _call_scalar(f, point.copy(), f"x + h·e_{i}")
            flat[i] = old - h
            f_minus = _call_scalar(f, point.copy(), f"x − h·e_{i}")
            flat[i] = old
            flat_grad[i] = _quotient(f_plus - f_minus, 2 * h)
    return grad


def relative_error(a, b) -> float:
    """max over entries of |a − b| / max(|a| + |b|, tiny); 0.0 when both are exactly equal."""
    a_arr = as_array("a", a)
    b_arr = as_array("b", b)
    if a_arr.shape != b_arr.shape:
        raise ValueError(_("a and b must have the same shape; got {shape_a} and {shape_b}").format(
            shape_a=a_arr.shape, shape_b=b_arr.shape))
    # Halving both is exact and keeps |a| + |b| and a − b below the float limit (1e308 + 1e308 would
    # overflow); the ratio is unchanged: |a/2 − b/2| / (|a/2| + |b/2|) = |a − b| / (|a| + |b|).
    a_half, b_half = a_arr.astype(np.float64) / 2, b_arr.astype(np.float64) / 2
    denom = np.maximum(np.abs(a_half) + np.abs(b_half), TINY / 2)
    return float(np.max(np.abs(a_half - b_half) / denom))
