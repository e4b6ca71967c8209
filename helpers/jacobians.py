"""Jacobians of vector gates, and the ‖W·x‖² example (notebook 03_vectors_matrices_jacobians).

Conventions (the same letters as the notebook): column vectors as 1-D arrays; d counts inputs and n
outputs. A gate y = f(x) with x of shape (d,) and y of shape (n,) has the Jacobian J of shape
(n, d), J[i, j] = ∂y_i/∂x_j. Backward through the gate multiplies the upstream gradient:
dx = Jᵀ dy.

In the worked example ∇q, ∇W, ∇x are short for ∂f/∂q, ∂f/∂W, ∂f/∂x; inside a bigger graph with loss
L the upstream gradient ∂L/∂q is written dq (the same thing with L in place of f).

The worked example (Stanford CS231n, "Backpropagation, Intuitions" / lecture 4):
q = W·x with W of shape (n, d) and x of shape (d,), f = ‖q‖² = Σ_i q_i². Then
∇q = 2q, ∇W = ∇q xᵀ (shape (n, d)), ∇x = Wᵀ ∇q (shape (d,)).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import (
    as_array,
    as_scalar,
    check_callable,
    check_finite_result,
    check_int,
    check_positive,
    check_size,
    finite_call,
)
from .i18n import _

# dq_dW_tensor fills its tensor entry by entry in Python (about a second per million entries).
MAX_TENSOR_ENTRIES = 1_000_000


def _advice() -> str:
    """What to change when q = W·x or a gradient overflows."""
    return _("Use entries of W and x of a more moderate size (products must stay below 1.8e308).")



__all__ = [
    "numerical_jacobian",
    "elementwise_jacobian",
    "jacobian_entries",
    "jacobian_memory_bytes",
    "norm_wx_forward",
    "norm_wx_backward",
    "dq_dW_tensor",
    "contract_upstream",
    "linear_backward",
    "linear_backward_batch",
]


def numerical_jacobian(f: Callable[[np.ndarray], np.ndarray], x, h: float = 1e-5) -> np.ndarray:
    """Central-difference Jacobian of a vector function ``f`` at ``x``.

    ``x``: shape (d,); ``f(x)``: shape (n,) (a scalar counts as n = 1). Returns J of shape (n, d)
    with J[i, j] ≈ (f(x + h e_j)_i − f(x − h e_j)_i) / 2h. ``x`` itself is never modified.
    """
    check_callable("f", f)
    h = check_positive("h", h)
    point = np.array(as_array("x", x, ndim=1), dtype=np.float64)
    largest = float(np.max(np.abs(point)))
    if h > max(1.0, largest):
        raise ValueError(_("h must be a small step, at most max(1, largest |x|) = {bound:.3g}: a difference "
                           "quotient approximates the derivative only as h shrinks; got h = {h:.3g}").format(
                               bound=max(1.0, largest), h=h))
    if not np.all(np.isfinite(point + h) & (point + h != point) & (point - h != point)):
        raise ValueError(_("h must keep x ± h finite and different from x at every entry; got h = {h} for "
                           "entries of x up to {largest:.3g}").format(h=h, largest=np.max(np.abs(point))))
    y0 = _evaluate(f, point, "f(x)")
    check_size(_("the Jacobian of f ({outputs} outputs × {inputs} inputs)").format(outputs=y0.size, inputs=point.size),
               y0.size * point.size)
    jac = np.zeros((y0.size, point.size))
    for j in range(point.size):
        old = point[j]
        point[j] = old + h
        y_plus = _evaluate(f, point, "f(x + h e_j)")
        point[j] = old - h
        y_minus = _evaluate(f, point, "f(x - h e_j)")
        point[j] = old
        if y_plus.shape != y0.shape or y_minus.shape != y0.shape:
            raise ValueError(_("f must return the same shape at every point; got {first} and {plus}/{minus}").format(
                first=y0.shape, plus=y_plus.shape, minus=y_minus.shape))
        with np.errstate(over="ignore", invalid="ignore"):
            jac[:, j] = (y_plus - y_minus) / (2.0 * h)
    return check_finite_result(_("the difference quotient (f(x + h e_j) − f(x − h e_j)) / 2h"), jac,
                               advice=_("f changes by more than 1.8e308 over the step: use a larger h or another x."))


def _evaluate(f: Callable, point: np.ndarray, what: str) -> np.ndarray:
    """f at a copy of ``point`` as a finite 1-D float array (numpy's overflow warnings stay inside)."""
    with np.errstate(all="ignore"):                 # a non-finite value is refused by as_array, by name
        value = f(point.copy())
    dtype = getattr(value, "dtype", None)
    if isinstance(dtype, np.dtype) and dtype.kind == "f" and dtype.itemsize < 8:
        raise TypeError(_("f must return float64 values; {what} returned {dtype} (about {digits} significant "
                          "digits), which makes the difference quotient mostly rounding error: compute f in "
                          "float64").format(what=what, dtype=dtype, digits=np.finfo(dtype).precision))
    return np.atleast_1d(as_array(what, value, ndim=(0, 1)))


def elementwise_jacobian(f_prime: Callable[[np.ndarray], np.ndarray], x) -> np.ndarray:
    """Jacobian of an elementwise gate y_i = f(x_i): diagonal, diag(f'(x)), shape (d, d).

    Off-diagonal entries are 0 because y_i does not depend on x_j for j ≠ i.
    """
    check_callable("f_prime", f_prime)
    point = as_array("x", x, ndim=1)
    check_size(_("the Jacobian diag(f'(x)) of x with {entries:,} entries ({entries:,}²)").format(entries=point.size),
               point.size ** 2,
               why=_("it would need {gigabytes:.3g} GB, almost all zeros; multiply by f'(x) elementwise "
                     "instead").format(gigabytes=point.size ** 2 * 8 / 1e9))
    slopes = as_array("f_prime(x)", f_prime(point), ndim=1)
    if slopes.shape != point.shape:
        raise ValueError(_("f_prime must return one slope per entry of x, shape {want}; got {got}").format(
            want=point.shape, got=slopes.shape))
    return np.diag(slopes.astype(np.float64))


def jacobian_entries(n_out: int, n_in: int) -> int:
    """Number of entries of the Jacobian of a gate with n_in inputs and n_out outputs: n_out·n_in."""
    return check_int("n_out", n_out, minimum=1) * check_int("n_in", n_in, minimum=1)


def jacobian_memory_bytes(n_out: int, n_in: int, bytes_per_entry: int = 8) -> int:
    """Memory to store that Jacobian densely (8 bytes per float64 entry, 4 per float32)."""
    return jacobian_entries(n_out, n_in) * check_int("bytes_per_entry", bytes_per_entry, minimum=1)


def _w_and_x(W, x) -> tuple[np.ndarray, np.ndarray]:
    W = as_array("W", W, ndim=2, dtype=np.float64)
    x = as_array("x", x, ndim=1, dtype=np.float64)
    if W.shape[1] != x.shape[0]:
        raise ValueError(_("W must have as many columns as x has entries ({entries}) so that q = W·x is defined; "
                           "got W of shape {shape}").format(entries=x.shape[0], shape=W.shape))
    return W, x


def norm_wx_forward(W, x) -> tuple[np.ndarray, float]:
    """Forward pass of f = ‖W·x‖²: returns q = W·x (shape (n,)) and f = Σ q_i² (a float).

    ``W``: shape (n, d); ``x``: shape (d,).
    """
    W, x = _w_and_x(W, x)
    return finite_call(_("q = W·x or f = ‖q‖²"), lambda: _norm_forward(W, x), advice=_advice())


def _norm_forward(W: np.ndarray, x: np.ndarray) -> tuple[np.ndarray, float]:
    q = W @ x
    return q, float(q @ q)


def norm_wx_backward(W, x, df: float = 1.0) -> dict[str, np.ndarray]:
    """Backward pass of f = ‖W·x‖² with upstream gradient ``df`` (1.0 when f is the loss).

    Returns ``grad_q`` = 2q·df (shape (n,)), ``grad_W`` = grad_q xᵀ (shape (n, d)),
    ``grad_x`` = Wᵀ grad_q (shape (d,)).
    """
    W, x = _w_and_x(W, x)
    df = as_scalar("df", df)

    def backward() -> dict[str, np.ndarray]:
        grad_q = 2.0 * (W @ x) * df
        grad_W, grad_x = _linear_backward(grad_q, x, W)
        return {"grad_q": grad_q, "grad_W": grad_W, "grad_x": grad_x}
    return finite_call(_("the gradients of ‖W·x‖² with df = {df:.3g}").format(df=df), backward,
                       advice=_("Use entries of W and x of a more moderate size (products must stay below 1.8e308). "
                                "With large W and x, use a df of moderate size too."))


def dq_dW_tensor(W, x) -> np.ndarray:
    """The full 3-D Jacobian of q = W·x with respect to W: T[i, k, l] = ∂q_i/∂W_kl, shape (n, n, d).

    Since q_i = Σ_l W_il x_l, ∂q_i/∂W_kl = x_l when k == i and 0 otherwise: most entries are zero.
    Built entry by entry so nothing is hidden; notebook 03 contracts it with ∇q to get ∇q xᵀ.
    """
    W, x = _w_and_x(W, x)
    n, d = W.shape
    check_size(_("dq_dW_tensor of W with shape {shape} (n·n·d)").format(shape=W.shape), n * n * d,
               limit=MAX_TENSOR_ENTRIES,
               why=_("the tensor is filled entry by entry in Python (about a second per million entries); "
                     "the point is that nobody needs it: ∇W = ∇q xᵀ"))
    tensor = np.zeros((n, n, d))
    for i in range(n):
        for k in range(n):
            for col in range(d):
                tensor[i, k, col] = x[col] if k == i else 0.0
    return tensor


def contract_upstream(grad_q, tensor) -> np.ndarray:
    """Chain rule with the 3-D Jacobian: ∂f/∂W_kl = Σ_i ∂f/∂q_i · ∂q_i/∂W_kl.

    ``grad_q``: shape (n,); ``tensor``: shape (n, n, d). Returns shape (n, d).
    """
    g = as_array("grad_q", grad_q, ndim=1)
    t = as_array("tensor", tensor, ndim=3)
    if t.shape[0] != g.shape[0]:
        raise ValueError(_("tensor's first axis must match grad_q's length {length}; got tensor of shape "
                           "{shape}").format(length=g.shape[0], shape=t.shape))
    return finite_call("Σ_i ∂f/∂q_i · ∂q_i/∂W_kl", lambda: np.einsum("i,ikl->kl", g, t),
                       advice=_("Use grad_q and tensor entries of a more moderate size."))


def linear_backward(dq, x, W) -> tuple[np.ndarray, np.ndarray]:
    """Backward through q = W·x given the upstream gradient dq: the shape rule.

    ``dq``: shape (n,); ``x``: shape (d,); ``W``: shape (n, d). Returns dW = dq xᵀ (shape (n, d),
    same as W) and dx = Wᵀ dq (shape (d,), same as x).
    """
    W, x = _w_and_x(W, x)
    dq = as_array("dq", dq, ndim=1, dtype=np.float64)
    if dq.shape[0] != W.shape[0]:
        raise ValueError(_("dq must have one entry per row of W ({rows}); got shape {shape}").format(
            rows=W.shape[0], shape=dq.shape))
    return finite_call(_("dW = dq xᵀ or dx = Wᵀ dq"), lambda: _linear_backward(dq, x, W), advice=_advice())


def _linear_backward(dq: np.ndarray, x: np.ndarray, W: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    return np.outer(dq, x), W.T @ dq


def linear_backward_batch(dQ, X, W) -> tuple[np.ndarray, np.ndarray]:
    """Backward through Q = W·X for a batch X of shape (d, m) whose columns are samples.

    ``dQ``: the upstream gradient ∂L/∂Q, shape (n, m); ``W``: shape (n, d). Each sample's dW is
    dq xᵀ; the batch's is their sum, dQ Xᵀ (shape (n, d)); dX = Wᵀ dQ (shape (d, m)), one column per sample.
    """
    W = as_array("W", W, ndim=2, dtype=np.float64)
    X = as_array("X", X, ndim=2, dtype=np.float64)
    dQ = as_array("dQ", dQ, ndim=2, dtype=np.float64)
    if X.shape[0] != W.shape[1] or dQ.shape != (W.shape[0], X.shape[1]):
        raise ValueError(_("W (n, d), X (d, m) and dQ (n, m) must fit together; got W {W}, X {X}, dQ {dQ}").format(
            W=W.shape, X=X.shape, dQ=dQ.shape))
    return finite_call(_("dW = dQ Xᵀ or dX = Wᵀ dQ"), lambda: (dQ @ X.T, W.T @ dQ), advice=_advice())
