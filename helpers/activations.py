"""Activation functions, each next to its derivative (notebooks 02, 04–07).

All functions are elementwise: they take a float or an array and return the same shape.
``sigmoid`` is numerically stable: it never computes ``exp`` of a large positive number, so
``sigmoid(-1000)`` is exactly 0.0 and ``sigmoid(1000)`` exactly 1.0, with no overflow warning.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from ._checks import as_array, check_choice

ArrayLike = float | np.ndarray


def _out(x: np.ndarray, original) -> ArrayLike:
    """Return a Python float for scalar input, an array otherwise."""
    return float(x) if np.ndim(original) == 0 and not isinstance(original, np.ndarray) else x


def _sigmoid_unguarded(arr: np.ndarray) -> np.ndarray:
    """σ on a validated float array, for a caller that already ignores floating-point underflow
    (a training epoch sets ``np.errstate`` once for all its mini-batches): no checks, no errstate."""
    e = np.abs(arr, out=np.empty_like(arr))       # (an array even for 0-d input, so it can be updated in place)
    np.negative(e, out=e)
    np.exp(e, out=e)                              # e = e^(-|z|) in [0, 1]: never overflows (may underflow to 0)
    out = np.maximum(e, arr >= 0, out=np.empty_like(arr))   # numerator: 1 where z >= 0 (e <= 1), else e
    e += 1.0
    out /= e                                      # z >= 0: 1/(1+e);  z < 0: e/(1+e)
    return out


def _sigmoid_array(arr: np.ndarray) -> np.ndarray:
    """σ on a validated float array (no checks: for hot loops whose inputs were checked once)."""
    with np.errstate(under="ignore"):             # e^(-1000) underflowing to 0.0 is the right answer
        return _sigmoid_unguarded(arr)


def sigmoid(z: ArrayLike) -> ArrayLike:
    """σ(z) = 1 / (1 + e^(−z)), computed stably: e^(−|z|) never overflows."""
    return _out(_sigmoid_array(as_array("z", z, allow_empty=True)), z)


def sigmoid_prime(z: ArrayLike) -> ArrayLike:
    """σ'(z) = σ(z)·(1 − σ(z))."""
    s = np.asarray(sigmoid(z))
    return _out(s * (1.0 - s), z)


def tanh(z: ArrayLike) -> ArrayLike:
    """tanh(z) (numpy's tanh is already stable)."""
    arr = as_array("z", z, allow_empty=True)
    return _out(np.tanh(arr), z)


def tanh_prime(z: ArrayLike) -> ArrayLike:
    """tanh'(z) = 1 − tanh²(z)."""
    t = np.tanh(as_array("z", z, allow_empty=True))
    return _out(1.0 - t * t, z)


def relu(z: ArrayLike) -> ArrayLike:
    """ReLU(z) = max(0, z)."""
    arr = as_array("z", z, allow_empty=True)
    return _out(np.maximum(arr, 0.0).astype(arr.dtype, copy=False), z)


def relu_prime(z: ArrayLike) -> ArrayLike:
    """ReLU'(z) = 1 for z > 0, else 0 (we take 0 at the kink z = 0)."""
    arr = as_array("z", z, allow_empty=True)
    return _out((arr > 0).astype(arr.dtype), z)


def softmax(z) -> np.ndarray:
    """softmax(z)_k = e^(z_k) / Σ_j e^(z_j), down each column of z (shape (k, m): one column per sample).

    Each column becomes k probabilities that add up to 1. Subtracting the column's largest entry first
    changes nothing (it cancels between numerator and denominator) and keeps e^z from overflowing.
    """
    with np.errstate(under="ignore"):             # e^(-1000) underflowing to 0.0 is the right answer
        return _softmax_unguarded(as_array("z", z, ndim=2))


def _softmax_unguarded(arr: np.ndarray) -> np.ndarray:
    """softmax on a validated 2-D float array (no checks, no errstate: for a training loop)."""
    e = np.exp(arr - arr.max(axis=0, keepdims=True))
    return e / e.sum(axis=0, keepdims=True)


def identity(z: ArrayLike) -> ArrayLike:
    """The identity (a linear output layer)."""
    arr = as_array("z", z, allow_empty=True)
    return _out(arr.copy(), z)


def identity_prime(z: ArrayLike) -> ArrayLike:
    """The identity's derivative: 1 everywhere."""
    arr = as_array("z", z, allow_empty=True)
    return _out(np.ones_like(arr), z)


ACTIVATIONS: dict[str, tuple[Callable, Callable]] = {
    "sigmoid": (sigmoid, sigmoid_prime),
    "tanh": (tanh, tanh_prime),
    "relu": (relu, relu_prime),
    "identity": (identity, identity_prime),
}
ACTIVATION_NAMES: tuple[str, ...] = tuple(ACTIVATIONS)

# The same functions without input checks, for code that validated its arrays once and then calls
# them in a loop (helpers.mlp). Float arrays in, arrays of the same dtype out.
UNCHECKED: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "sigmoid": _sigmoid_array,
    "tanh": np.tanh,
    "relu": lambda z: np.maximum(z, 0.0, dtype=z.dtype),
    "identity": lambda z: z,
}


def get_activation(name: str) -> tuple[Callable, Callable]:
    """Return ``(f, f_prime)`` for an activation named "sigmoid", "tanh", "relu" or "identity"."""
    check_choice("activation", name, ACTIVATION_NAMES)
    return ACTIVATIONS[name]
