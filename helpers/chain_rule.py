"""Derivatives as sensitivities, the step size of numerical differentiation, and the chain rule
(notebook 01_chain_rule).

Three ideas live here:

- **Step size.** A finite difference has two errors that pull in opposite directions: truncation
  error (the Taylor terms the formula drops) falls as h shrinks, round-off error (about eps·|f|/h,
  from subtracting two nearly equal floating-point numbers) rises. :func:`step_size_errors` measures
  both differences' errors over many h; :func:`theoretical_best_step` gives the h that balances them.
- **Seed 004's composite** h(x) = g(f(x)) with f(x) = (x+1)², g(u) = u³ + 2u − 5, together with
  the derivative the seed note concluded (a slip) and the correct one.
- **Sum over paths.** When x reaches z along several routes, dz/dx adds one product per route:
  :func:`sum_over_paths`, shown on :func:`two_path_example`.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np

from ._checks import (
    as_array,
    as_scalar,
    check_callable,
    check_choice,
    check_finite_result,
    check_int,
    check_size,
    finite_call,
)
from .gradcheck import central_difference, forward_difference
from .i18n import _

__all__ = [
    "EPS",
    "step_size_errors",
    "best_step",
    "theoretical_best_step",
    "seed004_f",
    "seed004_g",
    "seed004_h",
    "seed004_h_prime",
    "seed004_h_prime_slip",
    "sum_over_paths",
    "two_path_example",
]

EPS = float(np.finfo(np.float64).eps)  # 2.22e-16: the gap between 1.0 and the next float64
METHODS = ("forward", "central")
# The error balance assumes a small step: a "best step" above this says f_value / higher_derivative is
# not a function's value and derivative at one point (for e^x at 0 the best steps are 2e-8 and 7e-6).
MAX_BEST_STEP = 1e3
MIN_BEST_STEP = float(np.finfo(np.float64).tiny)   # 2.2e-308, the smallest normal float


def step_size_errors(f: Callable[[float], float], f_prime: Callable[[float], float], x: float,
                     hs) -> tuple[np.ndarray, np.ndarray]:
    """Absolute errors |difference − f'(x)| of the forward and central differences at each step.

    ``hs``: 1-D array of positive step sizes, shape (k,). Returns ``(forward_errors,
    central_errors)``, each of shape (k,). ``f_prime`` gives the exact derivative.
    """
    check_callable("f", f)
    check_callable("f_prime", f_prime)
    x = as_scalar("x", x)
    steps = as_array("hs", hs, ndim=1)
    if np.any(steps <= 0):
        raise ValueError(_("hs must contain only positive step sizes; got a smallest entry {smallest:g}").format(
            smallest=steps.min()))
    check_size(_("hs (four calls of f per step)"), steps.size, limit=100_000,
               why=_("each step size costs four calls of f, a long wait for a plot of a few hundred points"))
    value = f_prime(x)
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8:
        raise TypeError(_("f_prime must return a float64 number (the exact derivative); it returned {dtype}, "
                          "whose rounding would be measured as the differences' error: compute it in float64").format(
                              dtype=dtype))
    exact = as_scalar("f_prime(x)", value)
    try:
        forward = np.array([abs(forward_difference(f, x, h) - exact) for h in steps])
        central = np.array([abs(central_difference(f, x, h) - exact) for h in steps])
    except ValueError as exc:                     # a step the differences refuse: say which entry of hs
        raise ValueError(_("hs must hold steps the differences can take at x = {x:g}: {error}").format(
            x=x, error=exc)) from exc
    return check_finite_result(_("the error |difference − f'(x)|"), (forward, central),
                               advice=_("f'(x) and the differences are too far apart to subtract in floats."))


def best_step(hs, errors, window: int = 5) -> float:
    """The step in ``hs`` (shape (k,), increasing) where the error curve is lowest.

    Round-off error jitters from one h to the next, so the curve is first smoothed: log10(error) is
    averaged over ``window`` neighbouring steps (odd, >= 1; ``window=1`` is the raw minimum).
    """
    steps = as_array("hs", hs, ndim=1)
    errs = as_array("errors", errors, ndim=1)
    if steps.shape != errs.shape:
        raise ValueError(_("hs and errors must have the same shape; got {hs_shape} and {errors_shape}").format(
            hs_shape=steps.shape, errors_shape=errs.shape))
    if np.any(errs < 0):
        raise ValueError(_("errors must be absolute errors (>= 0); got a smallest entry {smallest:g}").format(
            smallest=errs.min()))
    window = check_int("window", window, minimum=1, maximum=steps.size)
    if window % 2 == 0:
        raise ValueError(_("window must be odd so the average is centred; got {window}").format(window=window))
    log_err = np.log10(np.maximum(errs, 1e-300))   # an exact 0 error must not give -inf
    padded = np.pad(log_err, window // 2, mode="edge")
    smooth = np.convolve(padded, np.ones(window) / window, mode="valid")
    return float(steps[int(np.argmin(smooth))])


def theoretical_best_step(method: str, f_value: float, higher_derivative: float) -> float:
    """The h that balances truncation and round-off error (notebook 01).

    Each stored value of f is rounded to nearest, off by at most eps/2·|f|, so a difference of two is
    off by at most eps·|f| (notebook 01 measures the eps/2):
    forward: error ≈ h·|f''|/2 + eps·|f|/h, smallest at h* = sqrt(2·eps·|f| / |f''|)  (~ sqrt(eps));
    central: error ≈ h²·|f'''|/6 + eps·|f|/(2h), smallest at h* = (3·eps·|f| / (2·|f'''|))^(1/3)  (~ eps^(1/3)).
    ``higher_derivative`` is f''(x) for "forward" and f'''(x) for "central"; both it and ``f_value``
    must be non-zero (otherwise the balance has no finite optimum).
    """
    check_choice("method", method, METHODS)
    f_abs = abs(as_scalar("f_value", f_value))
    d_abs = abs(as_scalar("higher_derivative", higher_derivative))
    if f_abs == 0 or d_abs == 0:
        raise ValueError(_("f_value and higher_derivative must be non-zero for the error balance to have "
                           "a finite optimum; got f_value={f_value}, higher_derivative={higher_derivative}").format(
                               f_value=f_value, higher_derivative=higher_derivative))
    if method == "forward":
        h = float(np.sqrt(2.0 * EPS * f_abs / d_abs))
        if not 0 < h < math.inf:                   # EPS·|f|/|f''| left the float range: same formula in logs
            h = math.exp(0.5 * (math.log(2.0 * EPS) + math.log(f_abs) - math.log(d_abs)))
    else:
        h = float(np.cbrt(1.5 * EPS * f_abs / d_abs))
        if not 0 < h < math.inf:
            h = math.exp((math.log(1.5 * EPS) + math.log(f_abs) - math.log(d_abs)) / 3.0)
    if not MIN_BEST_STEP <= h <= MAX_BEST_STEP:
        side = (_("a step above {limit:g} is no small step (the error estimates hold only for small h)").format(
                    limit=MAX_BEST_STEP)
                if h > MAX_BEST_STEP else _("a step below {limit:.3g} (the smallest normal float) vanishes in x ± h "
                                            "unless x itself is that tiny").format(limit=MIN_BEST_STEP))
        raise ValueError(_("f_value / higher_derivative is too extreme: the balance gives a best step of {h:.3g}, "
                           "and {side}; got f_value={f_value}, higher_derivative={higher_derivative}: pass |f(x)| and "
                           "|f''(x)| (forward) or |f'''(x)| (central) at the point you differentiate").format(
                               h=h, side=side, f_value=f_value, higher_derivative=higher_derivative))
    return h


# ---- Seed 004: h(x) = g(f(x)) -------------------------------------------------------------------
def _number(name: str, value):
    """A float for scalar input, a float array for array input (validated either way)."""
    if isinstance(value, (np.ndarray, list, tuple)):
        return as_array(name, value)
    return as_scalar(name, value)


def _formula(what: str, name: str, value, formula):
    """``formula`` of the validated ``value`` (float or array); an overflow is a clear ValueError."""
    v = _number(name, value)
    if np.ndim(v):
        where = _("{what} at |{name}| up to {size:.3g}").format(what=what, name=name, size=np.max(np.abs(v)))
    else:
        where = _("{what} at {name} = {value:.3g}").format(what=what, name=name, value=v)
    return finite_call(where, lambda: formula(v),
                       advice=_("Use a smaller {name} (the result must stay below 1.8e308).").format(name=name))


def _f(x):
    return (x + 1.0) ** 2


def _g(u):
    return u**3 + 2.0 * u - 5.0


def seed004_f(x):
    """Inner function f(x) = (x + 1)² (scalar or array)."""
    return _formula("seed004_f(x) = (x + 1)²", "x", x, _f)


def seed004_g(u):
    """Outer function g(u) = u³ + 2u − 5 (scalar or array)."""
    return _formula("seed004_g(u) = u³ + 2u − 5", "u", u, _g)


def seed004_h(x):
    """The composite h(x) = g(f(x)) = (x+1)⁶ + 2(x+1)² − 5."""
    return _formula("seed004_h(x) = g(f(x))", "x", x, lambda x: _g(_f(x)))


def seed004_h_prime(x):
    """The correct derivative by the chain rule: g'(f(x))·f'(x) = (3(x+1)⁴ + 2)·2(x+1)."""
    def formula(x):
        u = (x + 1.0) ** 2                  # u = f(x)
        return (3.0 * u**2 + 2.0) * 2.0 * (x + 1.0)
    return _formula("seed004_h_prime(x)", "x", x, formula)


def seed004_h_prime_slip(x):
    """The derivative seed 004 concluded, (6x + 10)(x + 1)² — kept to show that it is wrong."""
    return _formula("seed004_h_prime_slip(x)", "x", x, lambda x: (6.0 * x + 10.0) * (x + 1.0) ** 2)


# ---- Sum over paths -------------------------------------------------------------------------------
def sum_over_paths(outer_partials: Sequence[float], inner_derivatives: Sequence[float]) -> float:
    """dz/dx = Σ_p ∂z/∂u_p · du_p/dx: one product per path from x to z (notebook 01).

    ``outer_partials``: ∂z/∂u_p for each intermediate u_p, shape (P,); ``inner_derivatives``:
    du_p/dx, shape (P,). This sum is what δ_j = g'(z_j) Σ_k w_kj δ_k does in notebook 05.
    """
    outer = as_array("outer_partials", outer_partials, ndim=1)
    inner = as_array("inner_derivatives", inner_derivatives, ndim=1)
    if outer.shape != inner.shape:
        raise ValueError(_("outer_partials and inner_derivatives must list the same paths; got "
                           "{outer} and {inner} entries").format(outer=outer.shape[0], inner=inner.shape[0]))
    return finite_call(_("the sum over paths Σ_p ∂z/∂u_p · du_p/dx"), lambda: float(np.dot(outer, inner)),
                       advice=_("The products of outer_partials and inner_derivatives must stay below 1.8e308."))


def two_path_example(x: float) -> dict[str, float]:
    """z = u·v + v² with u = x², v = sin x: x reaches z along two paths (through u and through v).

    Returns the forward values (u, v, z) and the local derivatives: du_dx = 2x, dv_dx = cos x,
    dz_du = v, dz_dv = u + 2v.
    """
    x = as_scalar("x", x)
    u, v = x * x, float(np.sin(x))
    out = {"x": x, "u": u, "v": v, "z": u * v + v * v,
           "du_dx": 2.0 * x, "dv_dx": float(np.cos(x)), "dz_du": v, "dz_dv": u + 2.0 * v}
    return check_finite_result(_("u = x² at x = {x:.3g}").format(x=x), out, advice=_("Use |x| below 1e154."))
