"""Forward mode and reverse mode: why backprop goes backward (notebook 03_vectors_matrices_jacobians).

A chain of layers y_k = tanh(W_k y_{k-1}), y_0 = x, has the Jacobian J = J_K ⋯ J_2 J_1, where layer k's
Jacobian is J_k = diag(1 − y_k²) W_k (03: a matrix product, then a diagonal elementwise gate). Neither
mode ever builds J or any J_k; each pushes one vector through the layers:

- **forward mode**, a Jacobian–vector product (JVP): v ← (1 − y_k²) ⊙ (W_k v), layer 1 first. One JVP
  gives J v: how every output moves along one input direction (a column of J for a unit vector v).
- **reverse mode**, a vector–Jacobian product (VJP): u ← W_kᵀ ((1 − y_k²) ⊙ u), layer K first. One VJP
  gives Jᵀ u: the gradient of the one number uᵀ y_K with respect to every input (a row of J). This is
  backprop: 03's dx = Wᵀ dq, after the diagonal gate.

Every function takes an optional ``counter`` (a dict) and adds to ``counter["products"]`` one per
matrix–vector product and to ``counter["multiply_adds"]`` the size of that matrix, so a notebook can
count what each mode costs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from ._checks import as_array, check_int, check_size
from .i18n import _

__all__ = ["chain_forward", "jvp", "vjp", "jacobian_by_jvps", "jacobian_by_vjps"]

MAX_PASSES = 2_000     # jacobian_by_*: one Python pass through the chain per input (or output)


def _count(counter: dict | None, W: np.ndarray) -> None:
    if counter is not None:                         # checked by _chain before any product
        counter["products"] = counter.get("products", 0) + 1
        counter["multiply_adds"] = counter.get("multiply_adds", 0) + W.size


def _checked_counter(counter) -> None:
    if counter is None:
        return
    if not isinstance(counter, dict):
        raise TypeError(_("counter must be a dict (e.g. {{}}) that counts products, or None; got {kind}").format(
            kind=type(counter).__name__))
    for key in ("products", "multiply_adds"):
        if key in counter:
            check_int(f"counter[{key!r}]", counter[key], minimum=0)


def _unit(n: int, i: int) -> np.ndarray:
    e = np.zeros(n)
    e[i] = 1.0
    return e


def _chain(weights: Sequence, x) -> tuple[list[np.ndarray], np.ndarray]:
    if isinstance(weights, (str, bytes, np.ndarray)) or not isinstance(weights, Sequence) or not weights:
        raise TypeError(_("weights must be a non-empty list of matrices [W_1, …, W_K]; got {weights}").format(
            weights=repr(weights)[:120]))
    weights = [as_array(f"weights[{k}]", W, ndim=2, dtype=np.float64) for k, W in enumerate(weights)]
    x = as_array("x", x, ndim=1, dtype=np.float64)
    width = x.shape[0]
    for k, W in enumerate(weights):
        if W.shape[1] != width:
            message = (_("weights[{k}] must have {width} columns to take x's {width} entries; got shape {shape}")
                       if k == 0 else
                       _("weights[{k}] must have {width} columns to take the previous layer's {width} values; got "
                         "shape {shape}"))
            raise ValueError(message.format(k=k, width=width, shape=W.shape))
        width = W.shape[0]
    return weights, x


def chain_forward(weights: Sequence, x, counter: dict | None = None) -> list[np.ndarray]:
    """The forward pass: [y_0 = x, y_1, …, y_K] with y_k = tanh(W_k y_{k-1}); W_k of shape (n_k, n_{k-1})."""
    _checked_counter(counter)
    weights, x = _chain(weights, x)
    hs = [x]
    for W in weights:
        _count(counter, W)
        hs.append(np.tanh(W @ hs[-1]))
    return hs


def jvp(weights: Sequence, x, v, counter: dict | None = None) -> np.ndarray:
    """Forward mode: J v, shape (n_K,), for a direction v of x's shape (d,); layer 1 first."""
    _checked_counter(counter)
    hs = chain_forward(weights, x)                   # the forward pass (not counted here)
    v = as_array("v", v, ndim=1, dtype=np.float64)
    if v.shape != hs[0].shape:
        raise ValueError(_("v must have x's shape {want}; got {got}").format(want=hs[0].shape, got=v.shape))
    for W, h in zip(weights, hs[1:], strict=True):
        _count(counter, W)
        v = (1 - h**2) * (W @ v)                     # J_k v: matrix product, then the diagonal tanh′
    return v


def vjp(weights: Sequence, x, u, counter: dict | None = None) -> np.ndarray:
    """Reverse mode: Jᵀ u, shape (d,), for u of the output's shape (n_K,); layer K first (backprop)."""
    _checked_counter(counter)
    hs = chain_forward(weights, x)
    u = as_array("u", u, ndim=1, dtype=np.float64)
    if u.shape != hs[-1].shape:
        raise ValueError(_("u must have the output's shape {want} (the rows of the last of weights); got {got}").format(
            want=hs[-1].shape, got=u.shape))
    for W, h in zip(reversed(list(weights)), reversed(hs[1:]), strict=True):
        _count(counter, W)
        u = np.asarray(W).T @ ((1 - h**2) * u)       # J_kᵀ u: the diagonal tanh′, then Wᵀ (03's dx = Wᵀ dq)
    return u


def jacobian_by_jvps(weights: Sequence, x, counter: dict | None = None) -> np.ndarray:
    """The whole Jacobian (n_K, d) from d JVPs, one per input (column j = J e_j)."""
    d = chain_forward(weights, x)[0].shape[0]
    check_size(_("jacobian_by_jvps's {count} JVPs (one per input)").format(count=d), d, limit=MAX_PASSES,
               why=_("each is a pass through every layer in Python"))
    return np.column_stack([jvp(weights, x, _unit(d, j), counter) for j in range(d)])


def jacobian_by_vjps(weights: Sequence, x, counter: dict | None = None) -> np.ndarray:
    """The whole Jacobian (n_K, d) from n_K VJPs, one per output (row i = (Jᵀ e_i)ᵀ)."""
    n = chain_forward(weights, x)[-1].shape[0]
    check_size(_("jacobian_by_vjps's {count} VJPs (one per output)").format(count=n), n, limit=MAX_PASSES,
               why=_("each is a pass through every layer in Python"))
    return np.vstack([vjp(weights, x, _unit(n, i), counter) for i in range(n)])
