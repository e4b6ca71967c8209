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

from ._checks import as_array, as_scalar, check_callable, check_int, check_positive

__all__ = ["LineFit", "DescentPath", "gradient_descent", "loss_grid", "describe_run"]


class LineFit:
    """Fit ``y ≈ w·x + b`` to ``n`` seeded points: a loss of two parameters ``p = (w, b)``.

    ``x`` and ``y`` have shape (n,). ``loss(p)`` is ``1/(2n) Σ (w·x + b − y)²`` (a float) and
    ``gradient(p)`` its gradient, shape (2,). The loss is quadratic, so ``hessian()`` is constant.
    """

    def __init__(self, n: int = 20, *, seed: int = 0, slope: float = 0.8, intercept: float = -1.0,
                 x_low: float = 0.0, x_high: float = 3.0, noise: float = 0.3):
        n = check_int("n", n, minimum=2)
        rng = np.random.default_rng(check_int("seed", seed, minimum=0))
        x_low, x_high = as_scalar("x_low", x_low), as_scalar("x_high", x_high)
        if x_high <= x_low:
            raise ValueError(f"x_high must be > x_low; got {x_high} <= {x_low}")
        self.x = rng.uniform(x_low, x_high, n)
        self.y = as_scalar("slope", slope) * self.x + as_scalar("intercept", intercept) \
            + as_scalar("noise", noise) * rng.standard_normal(n)

    def _params(self, p) -> np.ndarray:
        p = as_array("p", p, ndim=1)
        if p.shape != (2,):
            raise ValueError(f"p must be the two parameters (w, b), shape (2,); got shape {p.shape}")
        return p

    def loss(self, p) -> float:
        """L(w, b) = 1/(2n) Σ (w·x + b − y)²."""
        w, b = self._params(p)
        r = w * self.x + b - self.y
        return float(0.5 * np.mean(r * r))

    def gradient(self, p) -> np.ndarray:
        """∇L = (mean(r·x), mean(r)) with residual r = w·x + b − y; shape (2,)."""
        w, b = self._params(p)
        r = w * self.x + b - self.y
        return np.array([np.mean(r * self.x), np.mean(r)])

    def surface(self, w_range: tuple[float, float], b_range: tuple[float, float],
                n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The loss on an n×n grid, vectorized (same result as ``loss_grid(self.loss, ...)``, faster).

        Returns ``W, B, L``, each shape (n, n).
        """
        W, B = _grid(w_range, b_range, n)
        r = W[..., None] * self.x + B[..., None] - self.y          # (n, n, m) residuals
        return W, B, 0.5 * np.mean(r * r, axis=-1)

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


def _safe_step(loss: Callable, grad: Callable, p: np.ndarray, lr: float,
               bound: float) -> tuple[np.ndarray, float, np.ndarray] | None:
    """One update p − η∇L(p), or None if it leaves the bound (overflow is checked, never warned)."""
    with np.errstate(over="ignore", invalid="ignore"):
        g = np.asarray(grad(p), dtype=float)
        new = p - lr * g
        if not (np.all(np.isfinite(new)) and np.max(np.abs(new)) <= bound):
            return None
        value = float(loss(new))
        new_grad = np.asarray(grad(new), dtype=float)
    if not (np.isfinite(value) and abs(value) <= bound and np.all(np.isfinite(new_grad))):
        return None
    return new, value, new_grad


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
    tol, bound = check_positive("tol", tol), check_positive("bound", bound)
    points, losses = [p.copy()], [float(loss(p))]
    g = np.asarray(grad(p), dtype=float)
    status = "stopped"
    for _ in range(steps):
        if np.max(np.abs(g)) < tol:  # max-norm: cannot overflow
            status = "converged"
            break
        result = _safe_step(loss, grad, p, lr, bound)
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
    w_lo, w_hi = (as_scalar("w_range", v) for v in w_range)
    b_lo, b_hi = (as_scalar("b_range", v) for v in b_range)
    if w_hi <= w_lo or b_hi <= b_lo:
        raise ValueError("w_range and b_range must each be (low, high) with low < high")
    return np.meshgrid(np.linspace(w_lo, w_hi, n), np.linspace(b_lo, b_hi, n))


def loss_grid(loss: Callable, w_range: tuple[float, float], b_range: tuple[float, float],
              n: int = 60) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Evaluate ``loss((w, b))`` on an n×n grid for a contour plot.

    Returns ``W, B, L``, each shape (n, n) (``W`` varies along columns, as ``np.meshgrid`` gives).
    """
    check_callable("loss", loss)
    W, B = _grid(w_range, b_range, n)
    L = np.array([loss(np.array([w, b])) for w, b in zip(W.ravel(), B.ravel(), strict=True)]).reshape(n, n)
    return W, B, L


def describe_run(problem: LineFit, path: DescentPath, learning_rate: float, *, near: float = 1e-3) -> str:
    """One plain sentence on how a run went: converges, crawls, zig-zags, diverging or diverged.

    "Crawls" means the loss is still more than ``near`` above the minimum after all steps.
    """
    lr = check_positive("learning_rate", learning_rate)
    low, high = problem.eigenvalues()
    best = problem.loss(problem.minimum())
    if path.status == "diverged":
        return f"diverged after {path.steps} steps: η = {lr:.3g} > 2/λ_max = {2 / high:.3g}"
    if path.final_loss > path.losses[0]:
        return (f"diverging: loss grew from {path.losses[0]:.4g} to {path.final_loss:.4g} in {path.steps} "
                f"steps (η = {lr:.3g} > 2/λ_max = {2 / high:.3g})")
    gap = path.final_loss - best
    zigzag = " with a zig-zag across the valley" if lr * high > 1 else ""
    if gap > near:
        return f"crawls{zigzag}: loss {path.final_loss:.4f} after {path.steps} steps, minimum {best:.4f}"
    return f"converges{zigzag}: loss {path.final_loss:.4f} after {path.steps} steps, minimum {best:.4f}"
