"""Gradient descent on a loss surface you can see: two parameters, a contour plot, a path (notebook 07).

The update rule (경사 하강법, gradient descent) is ``p ← p − η ∇L(p)`` with learning rate η (학습률).
:class:`LineFit` is the two-parameter problem the notebook draws: fit ``y ≈ w·x + b`` to a few seeded
points with the mean squared error ``L(w, b) = 1/(2m) Σ (w·x + b − y)²``. Its surface is an elongated
bowl, so the whole story of the learning rate is exact: with Hessian eigenvalues λ_min ≤ λ_max,
gradient descent converges for η < 2/λ_max, zig-zags across the valley for η > 1/λ_max, diverges for
η > 2/λ_max, and crawls along the valley floor when η·λ_min is tiny.

:func:`gradient_descent` works on any loss and gradient and stops gracefully: when a parameter or the
loss leaves ``[-bound, bound]`` (or stops being finite) it reports ``"diverged"`` instead of letting
numpy overflow, so the learner never sees a NaN or a RuntimeWarning.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from ._checks import (
    MAX_ENTRIES,
    as_array,
    as_pair,
    as_scalar,
    check_callable,
    check_finite_result,
    check_int,
    check_positive,
    check_size,
    finite_call,
)
from .i18n import _, ngettext

__all__ = ["LineFit", "DescentPath", "gradient_descent", "loss_grid", "describe_run", "outcome", "status_word"]

# gradient_descent calls loss and grad once per step, ~0.15 ms with their checks: 20,000 steps take about
# 3 s (notebook 07 uses at most 5,000); more is refused up front instead of freezing the kernel.
MAX_STEPS = 20_000
MAX_POINTS = 10_000_000      # LineFit's data set
MAX_GRID_CALLS = 1_000_000   # LineFit.surface's grid (vectorized: one array operation for all points)
MAX_LOSS_CALLS = 40_000      # loss_grid calls loss once per grid point (~30 µs each): 200 × 200 in about 1 s


class LineFit:
    """Fit ``y ≈ w·x + b`` to ``n`` seeded points: a loss of two parameters ``p = (w, b)``.

    ``x`` and ``y`` have shape (n,). ``loss(p)`` is ``1/(2n) Σ (w·x + b − y)²`` (a float) and
    ``gradient(p)`` its gradient, shape (2,). The loss is quadratic, so ``hessian()`` is constant.
    """

    def __init__(self, n: int = 20, *, seed: int = 0, slope: float = 0.8, intercept: float = -1.0,
                 x_low: float = 0.0, x_high: float = 3.0, noise: float = 0.3):
        n = check_int("n", n, minimum=2, maximum=MAX_POINTS)
        rng = np.random.default_rng(check_int("seed", seed, minimum=0))
        x_low, x_high = as_scalar("x_low", x_low), as_scalar("x_high", x_high)
        if x_high <= x_low:
            raise ValueError(_("x_high must be > x_low; got {high} <= {low}").format(high=x_high, low=x_low))
        slope, intercept, noise = as_scalar("slope", slope), as_scalar("intercept", intercept), \
            as_scalar("noise", noise)
        if noise < 0:
            raise ValueError(_("noise must be >= 0 (a standard deviation); got {noise}").format(noise=noise))
        with np.errstate(over="ignore", invalid="ignore"):
            self.x = rng.uniform(x_low, x_high, n)
            self.y = slope * self.x + intercept + noise * rng.standard_normal(n)
            curvature = self.hessian()
        check_finite_result(_("the data (x, y = slope·x + intercept + noise) or its Hessian"),
                            (self.x, self.y, curvature),
                            advice=_("Use x_low, x_high, slope, intercept and noise of a more moderate size."))

    def _params(self, p) -> np.ndarray:
        p = as_array("p", p, ndim=1)
        if p.shape != (2,):
            raise ValueError(_("p must be the two parameters (w, b), shape (2,); got shape {shape}").format(
                shape=p.shape))
        return p

    def _finite(self, what: str, compute, p: np.ndarray):
        """``compute()``, refused if not finite; ``what`` is "loss" or "gradient"."""
        where = (_("the loss at p = ({w:.3g}, {b:.3g})") if what == "loss" else
                 _("the gradient at p = ({w:.3g}, {b:.3g})")).format(w=p[0], b=p[1])
        return finite_call(where, compute, advice=_("Use parameters of a more moderate size."))

    def loss(self, p) -> float:
        """L(w, b) = 1/(2n) Σ (w·x + b − y)²."""
        p = self._params(p)

        def value() -> float:
            r = p[0] * self.x + p[1] - self.y
            return float(0.5 * np.mean(r * r))
        return self._finite("loss", value, p)

    def gradient(self, p) -> np.ndarray:
        """∇L = (mean(r·x), mean(r)) with residual r = w·x + b − y; shape (2,)."""
        p = self._params(p)

        def value() -> np.ndarray:
            r = p[0] * self.x + p[1] - self.y
            return np.array([np.mean(r * self.x), np.mean(r)])
        return self._finite("gradient", value, p)

    def surface(self, w_range: tuple[float, float], b_range: tuple[float, float],
                n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The loss on an n×n grid, vectorized (same result as ``loss_grid(self.loss, ...)``, faster).

        Returns ``W, B, L``, each shape (n, n).
        """
        W, B = _grid(w_range, b_range, n)
        check_size(_("surface's residuals (n·n·{points} points)").format(points=self.x.size), W.size * self.x.size,
                   limit=MAX_ENTRIES,
                   why=_("they are held in memory at once; use loss_grid(self.loss, ...) or a smaller n"))

        def value() -> np.ndarray:
            r = W[..., None] * self.x + B[..., None] - self.y          # (n, n, m) residuals
            return 0.5 * np.mean(r * r, axis=-1)
        return W, B, finite_call(_("the loss surface"), value,
                                 advice=_("Use w_range and b_range of a more moderate size."))

    def hessian(self) -> np.ndarray:
        """The constant 2×2 Hessian [[mean(x²), mean(x)], [mean(x), 1]]."""
        return np.array([[np.mean(self.x ** 2), np.mean(self.x)], [np.mean(self.x), 1.0]])

    def minimum(self) -> np.ndarray:
        """The least-squares (w*, b*), shape (2,), solved from the normal equations."""
        return np.linalg.solve(self.hessian(), np.array([np.mean(self.x * self.y), np.mean(self.y)]))

    def eigenvalues(self) -> tuple[float, float]:
        """(λ_min, λ_max) of the Hessian: the curvatures across and along the valley."""
        low, high = np.linalg.eigvalsh(self.hessian())
        return float(low), float(high)

    def critical_learning_rate(self) -> float:
        """2/λ_max: gradient descent diverges for any larger learning rate."""
        return 2.0 / self.eigenvalues()[1]


@dataclass(frozen=True)
class DescentPath:
    """The result of :func:`gradient_descent`.

    ``points`` shape (k+1, d): the start and every parameter vector visited; ``losses`` shape (k+1,);
    ``status`` is ``"converged"`` (every gradient entry below ``tol`` in size), ``"diverged"``
    (left the bound) or ``"stopped"`` (ran out of steps); ``steps`` = k updates made.
    """

    points: np.ndarray
    losses: np.ndarray
    status: str
    steps: int

    @property
    def final(self) -> np.ndarray:
        return self.points[-1]

    @property
    def final_loss(self) -> float:
        return float(self.losses[-1])


def _call_loss(loss: Callable, p: np.ndarray) -> float:
    """loss(p) as a float (possibly inf/NaN: the caller decides); anything but one number is an error.
    Callers run it under ``np.errstate(all="ignore")`` (once per run, not per call: it costs ~20 µs)."""
    value = loss(p.copy())
    if value is None:
        raise TypeError(_("loss returned None at p = {p}: the function must `return` the loss (a number)").format(p=p))
    if isinstance(value, np.ndarray) and value.size == 1:
        value = value.reshape(()).item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise TypeError(_("loss must return a single number; at p = {p} it returned {kind}").format(
            p=p, kind=type(value).__name__))
    return float(value)


def _call_grad(grad: Callable, p: np.ndarray) -> np.ndarray:
    """grad(p) as a float array of p's shape (possibly non-finite: the caller decides); run under
    ``np.errstate(all="ignore")`` like :func:`_call_loss`."""
    value = grad(p.copy())
    if value is None:
        raise TypeError(_("grad returned None at p = {p}: the function must `return` the gradient (an array of shape "
                          "{shape})").format(p=p, shape=p.shape))
    try:
        g = np.asarray(value, dtype=float)
    except (TypeError, ValueError) as exc:
        raise TypeError(_("grad must return an array of numbers of shape {shape}; got {kind}").format(
            shape=p.shape, kind=type(value).__name__)) from exc
    if g.shape != p.shape:
        raise ValueError(_("grad must return an array of shape {shape}, one entry per parameter like start; got shape "
                           "{got}").format(shape=p.shape, got=g.shape))
    return g


def _safe_step(loss: Callable, grad: Callable, p: np.ndarray, g: np.ndarray, lr: float,
               bound: float) -> tuple[np.ndarray, float, np.ndarray] | None:
    """One update p − η∇L(p), or None if it leaves the bound (overflow is checked, never warned: the
    caller runs it under ``np.errstate(all="ignore")``)."""
    new = p - lr * g
    if not (np.all(np.isfinite(new)) and np.max(np.abs(new)) <= bound):
        return None
    value = _call_loss(loss, new)
    new_grad = _call_grad(grad, new)
    if not (np.isfinite(value) and abs(value) <= bound and np.all(np.isfinite(new_grad))):
        return None
    return new, value, new_grad


def _start(loss: Callable, grad: Callable, p: np.ndarray) -> tuple[float, np.ndarray]:
    """Loss and gradient at the start point, which must both be finite (there is no step to blame)."""
    value, g = _call_loss(loss, p), _call_grad(grad, p)
    if not np.isfinite(value):
        raise ValueError(_("loss returned {value} at the start p = {p}: it must return a finite number there (descent "
                           "cannot start from a NaN or infinite loss)").format(value=value, p=p))
    if not np.all(np.isfinite(g)):
        raise ValueError(_("grad returned a non-finite value {g} at the start p = {p}: it must be finite there").format(
            g=g, p=p))
    return value, g


def gradient_descent(loss: Callable, grad: Callable, start, learning_rate: float, steps: int = 50, *,
                     tol: float = 1e-8, bound: float = 1e6) -> DescentPath:
    """Run ``p ← p − η ∇L(p)`` from ``start`` for at most ``steps`` updates.

    ``loss(p) -> float`` and ``grad(p) -> array`` shaped like ``start`` (shape (d,)). Stops early with
    ``"converged"`` when max |∂L/∂p_i| < ``tol`` and with ``"diverged"`` when a parameter or the loss
    would leave ``[-bound, bound]``; the diverging point is not stored, so every stored number is finite.
    """
    check_callable("loss", loss)
    check_callable("grad", grad)
    p = as_array("start", start, ndim=1).astype(float)
    lr = check_positive("learning_rate", learning_rate)
    steps = check_int("steps", steps, minimum=0)
    if steps > MAX_STEPS:
        raise ValueError(_("steps must be <= {limit} (each step calls loss and grad in Python; more would freeze the "
                           "kernel for minutes); got {steps}: use fewer steps or a larger learning_rate").format(
            limit=MAX_STEPS, steps=steps))
    tol, bound = check_positive("tol", tol), check_positive("bound", bound)
    if np.max(np.abs(p)) > bound:
        raise ValueError(_("start must lie inside [-bound, bound] = [-{bound:g}, {bound:g}]; got {p}").format(
            bound=bound, p=p))
    with np.errstate(all="ignore"):          # every non-finite value is checked and refused or stops the run
        value, g = _start(loss, grad, p)
        points, losses = [p.copy()], [value]
        status = "stopped"
        for _step in range(steps):
            if np.max(np.abs(g)) < tol:  # max-norm: cannot overflow
                status = "converged"
                break
            result = _safe_step(loss, grad, p, g, lr, bound)
            if result is None:
                status = "diverged"
                break
            p, value, g = result
            points.append(p.copy())
            losses.append(value)
        else:
            if np.max(np.abs(g)) < tol:
                status = "converged"
    return DescentPath(np.array(points), np.array(losses), status, len(points) - 1)


def _grid(w_range, b_range, n: int) -> tuple[np.ndarray, np.ndarray]:
    n = check_int("n", n, minimum=2)
    check_size(_("the grid (n·n points)"), n * n, limit=MAX_GRID_CALLS,
               why=_("a contour plot needs a few thousand; the loss is evaluated at every one"))
    w_lo, w_hi = as_pair("w_range", w_range, increasing=True)
    b_lo, b_hi = as_pair("b_range", b_range, increasing=True)
    return finite_call(_("the grid spacing"), lambda: np.meshgrid(np.linspace(w_lo, w_hi, n),
                                                              np.linspace(b_lo, b_hi, n)),
                       advice=_("Use w_range and b_range whose width stays below 1.8e308."))


def loss_grid(loss: Callable, w_range: tuple[float, float], b_range: tuple[float, float],
              n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluate ``loss((w, b))`` on an n×n grid for a contour plot.

    Returns ``W, B, L``, each shape (n, n) (``W`` varies along columns, as ``np.meshgrid`` gives).
    """
    check_callable("loss", loss)
    n = check_int("n", n, minimum=2)
    check_size(_("loss_grid's n·n calls of loss"), n * n, limit=MAX_LOSS_CALLS,
               why=_("each grid point is one Python call of loss; LineFit.surface computes a grid in one go"))
    W, B = _grid(w_range, b_range, n)
    with np.errstate(all="ignore"):          # a non-finite loss is refused just below
        L = np.array([_call_loss(loss, np.array([w, b])) for w, b in zip(W.ravel(), B.ravel(), strict=True)])
    return W, B, check_finite_result(_("the loss on the grid"), L.reshape(W.shape),
                                     advice=_("Use a grid where the loss is finite (smaller ranges)."))


def describe_run(problem: LineFit, path: DescentPath, learning_rate: float, *, near: float = 1e-3) -> str:
    """One plain sentence on how a run went: converges, crawls, zig-zags, diverging or diverged.

    "Crawls" means the loss is still more than ``near`` above the minimum after all steps.
    """
    if not isinstance(problem, LineFit):
        raise TypeError(_("problem must be a LineFit; got {kind}").format(kind=type(problem).__name__))
    if not isinstance(path, DescentPath):
        raise TypeError(_("path must be the DescentPath that gradient_descent returned; got {kind}").format(
            kind=type(path).__name__))
    lr = check_positive("learning_rate", learning_rate)
    near = check_positive("near", near)
    low, high = problem.eigenvalues()
    best = problem.loss(problem.minimum())
    if path.status == "diverged":
        return _("diverged after {steps} steps: η = {lr:.3g} > 2/λ_max = {limit:.3g}").format(
            steps=path.steps, lr=lr, limit=2 / high)
    if path.final_loss > path.losses[0]:
        return _("diverging: loss grew from {first:.4g} to {last:.4g} in {steps} steps (η = {lr:.3g} > "
                 "2/λ_max = {limit:.3g})").format(first=path.losses[0], last=path.final_loss, steps=path.steps,
                                                  lr=lr, limit=2 / high)
    gap = path.final_loss - best
    zigzag = lr * high > 1
    if gap > near:
        text = (_("crawls with a zig-zag across the valley: loss {loss:.4f} after {steps} steps, minimum {best:.4f}")
                if zigzag else _("crawls: loss {loss:.4f} after {steps} steps, minimum {best:.4f}"))
    else:
        text = (_("converges with a zig-zag across the valley: loss {loss:.4f} after {steps} steps, minimum "
                  "{best:.4f}") if zigzag else _("converges: loss {loss:.4f} after {steps} steps, minimum {best:.4f}"))
    return text.format(loss=path.final_loss, steps=path.steps, best=best)


def outcome(path: DescentPath) -> str:
    """How a run ended, in words: "converged after 12 steps", "diverged after 1 step", "stopped after 40
    steps" (the run used all its steps)."""
    if not isinstance(path, DescentPath):
        raise TypeError(_("path must be the DescentPath that gradient_descent returned; got {kind}").format(
            kind=type(path).__name__))
    if path.status == "converged":
        text = ngettext("converged after {steps} step", "converged after {steps} steps", path.steps)
    elif path.status == "diverged":
        text = ngettext("diverged after {steps} step", "diverged after {steps} steps", path.steps)
    else:
        text = ngettext("stopped after {steps} step", "stopped after {steps} steps", path.steps)
    return text.format(steps=path.steps)


def status_word(path: DescentPath) -> str:
    """The run's status in words: "converged", "diverged" or "stopped" (see :class:`DescentPath`)."""
    if not isinstance(path, DescentPath):
        raise TypeError(_("path must be the DescentPath that gradient_descent returned; got {kind}").format(
            kind=type(path).__name__))
    if path.status == "converged":
        return _("converged")
    return _("diverged") if path.status == "diverged" else _("stopped")
