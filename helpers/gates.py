"""Modular gates (게이트) with a cache, and the CS231n example circuits (notebook 02).

Each gate is a pair in the style of CS231n's ``layers.py``::

    out, cache = multiply_forward(x, y)      # remember what the backward pass will need
    dx, dy = multiply_backward(dout, cache)  # upstream gradient × local gradient, per input

All inputs are scalars (Python floats); ``dout`` is the upstream gradient ∂L/∂out and each returned
gradient is ∂L/∂input = dout × ∂out/∂input. The circuit builders at the end return the lecture's
circuits as :class:`helpers.autograd.Value` graphs with every node labelled.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from helpers._checks import as_array, as_scalar, check_bool, check_finite_result, check_int
from helpers.autograd import Value

__all__ = [
    "add_forward", "add_backward", "multiply_forward", "multiply_backward", "max_forward", "max_backward",
    "copy_forward", "copy_backward", "reciprocal_forward", "reciprocal_backward", "exp_forward",
    "exp_backward", "add_constant_forward", "add_constant_backward", "scale_forward", "scale_backward",
    "sigmoid_forward", "sigmoid_backward", "add_mul_circuit", "sigmoid_neuron_circuit",
    "gate_patterns_circuit", "staged_circuit",
]


MAX_COPIES = 1_000_000   # copy_forward builds an n-tuple


def _dout(dout: float) -> float:
    return as_scalar("dout", dout)


def _cache(cache, n: int, gate: str) -> tuple[float, ...]:
    """The cache a ``*_forward`` gate returned: a tuple of ``n`` finite numbers."""
    if not isinstance(cache, tuple) or len(cache) != n:
        raise TypeError(f"cache must be the tuple of {n} number(s) that {gate}_forward returned; got {cache!r}"[:200])
    return tuple(as_scalar(f"cache[{i}]", v) for i, v in enumerate(cache))


def _finite(what: str, value, *inputs: float):
    """``value`` if every number in it is finite; otherwise a ValueError naming ``what`` and the inputs."""
    shown = ", ".join(f"{v:.3g}" for v in inputs)
    return check_finite_result(what, value, advice=f"With the inputs ({shown}) it leaves the float range "
                                                     "(±1.8e308); use inputs of a more moderate size.")


# ---- binary gates ------------------------------------------------------------------------------
def add_forward(x: float, y: float) -> tuple[float, tuple]:
    """out = x + y. The add gate distributes: both local gradients are 1."""
    x, y = as_scalar("x", x), as_scalar("y", y)
    return _finite("x + y", x + y, x, y), ()


def add_backward(dout: float, cache: tuple) -> tuple[float, float]:
    """(dx, dy) = (dout · 1, dout · 1)."""
    dout = _dout(dout)
    _cache(cache, 0, "add")
    return dout, dout


def multiply_forward(x: float, y: float) -> tuple[float, tuple[float, float]]:
    """out = x · y; the cache keeps (x, y) because each local gradient is the *other* input."""
    x, y = as_scalar("x", x), as_scalar("y", y)
    return _finite("x · y", x * y, x, y), (x, y)


def multiply_backward(dout: float, cache: tuple[float, float]) -> tuple[float, float]:
    """(dx, dy) = (dout · y, dout · x): the multiply gate swaps and scales."""
    dout = _dout(dout)
    x, y = _cache(cache, 2, "multiply")
    return _finite("dout · y or dout · x", (dout * y, dout * x), dout, x, y)


def max_forward(x: float, y: float) -> tuple[float, tuple[bool]]:
    """out = max(x, y); the cache remembers which input won (``x`` on a tie)."""
    x, y = as_scalar("x", x), as_scalar("y", y)
    return max(x, y), (x >= y,)


def max_backward(dout: float, cache: tuple[bool]) -> tuple[float, float]:
    """The max gate routes: the winner gets all of ``dout``, the loser gets 0."""
    dout = _dout(dout)
    if not isinstance(cache, tuple) or len(cache) != 1:
        raise TypeError(f"cache must be the tuple (x_won,) that max_forward returned; got {cache!r}"[:200])
    x_won = check_bool("cache[0] (x_won)", cache[0])
    return (dout, 0.0) if x_won else (0.0, dout)


def copy_forward(x: float, n: int = 2) -> tuple[tuple[float, ...], tuple[int]]:
    """Fan-out: the same value sent to ``n`` consumers (returns an ``n``-tuple of copies)."""
    x = as_scalar("x", x)
    n = check_int("n", n, minimum=1, maximum=MAX_COPIES)
    return (x,) * n, (n,)


def copy_backward(douts: Sequence[float], cache: tuple[int]) -> float:
    """A copy gate adds: dx = sum of the upstream gradients of all ``n`` copies (``douts``: n numbers)."""
    if not isinstance(cache, tuple) or len(cache) != 1:
        raise TypeError(f"cache must be the tuple (n,) that copy_forward returned; got {cache!r}"[:200])
    n = check_int("cache[0] (n)", cache[0], minimum=1, maximum=MAX_COPIES)
    if isinstance(douts, np.ndarray) and douts.ndim == 1:
        douts = douts.tolist()
    if isinstance(douts, (str, bytes)) or not isinstance(douts, Sequence) or len(douts) != n:
        raise ValueError(f"douts must be a sequence of {n} upstream gradients, one per copy; got {douts!r}"[:200])
    values = [as_scalar(f"douts[{i}]", d) for i, d in enumerate(douts)]
    try:
        return _finite("the sum of douts", math.fsum(values), max(values), min(values))
    except OverflowError as exc:   # math.fsum raises instead of returning inf
        raise ValueError("the sum of douts is too large for this computation (beyond ±1.8e308); "
                         "use smaller upstream gradients") from exc


# ---- unary gates -------------------------------------------------------------------------------
def reciprocal_forward(x: float) -> tuple[float, tuple[float]]:
    """out = 1/x (x ≠ 0)."""
    x = as_scalar("x", x)
    if x == 0.0:
        raise ValueError("x must be non-zero for the 1/x gate; got 0.0")
    return _finite("1/x", 1.0 / x, x), (x,)


def reciprocal_backward(dout: float, cache: tuple[float]) -> float:
    """dx = dout · (−1/x²)."""
    dout = _dout(dout)
    (x,) = _cache(cache, 1, "reciprocal")
    if x == 0.0:
        raise ValueError("cache[0] (x) must be non-zero for the 1/x gate; got 0.0")
    try:
        slope = -1.0 / x ** 2
    except (OverflowError, ZeroDivisionError):   # x² beyond the float range (or underflowed to 0)
        slope = -1.0 / x / x
    return _finite("dout · (−1/x²)", dout * slope, dout, x)


def exp_forward(x: float) -> tuple[float, tuple[float]]:
    """out = eˣ; the cache keeps the output, because d eˣ/dx = eˣ."""
    x = as_scalar("x", x)
    if x > 709.78:
        raise ValueError(f"x must be at most 709.78 for exp to stay finite; got {x}")
    out = math.exp(x)
    return out, (out,)


def exp_backward(dout: float, cache: tuple[float]) -> float:
    """dx = dout · eˣ."""
    dout = _dout(dout)
    (out,) = _cache(cache, 1, "exp")
    return _finite("dout · eˣ", dout * out, dout, out)


def add_constant_forward(x: float, c: float) -> tuple[float, tuple]:
    """out = x + c: the local gradient is 1 whatever c is."""
    x, c = as_scalar("x", x), as_scalar("c", c)
    return _finite("x + c", x + c, x, c), ()


def add_constant_backward(dout: float, cache: tuple) -> float:
    """dx = dout · 1."""
    dout = _dout(dout)
    _cache(cache, 0, "add_constant")
    return dout


def scale_forward(x: float, a: float) -> tuple[float, tuple[float]]:
    """out = a · x: the local gradient is a."""
    x, a = as_scalar("x", x), as_scalar("a", a)
    return _finite("a · x", a * x, a, x), (a,)


def scale_backward(dout: float, cache: tuple[float]) -> float:
    """dx = dout · a."""
    dout = _dout(dout)
    (a,) = _cache(cache, 1, "scale")
    return _finite("dout · a", dout * a, dout, a)


def sigmoid_forward(x: float) -> tuple[float, tuple[float]]:
    """out = σ(x) = 1/(1 + e⁻ˣ), computed without overflow for any finite x; the cache keeps σ(x)."""
    x = as_scalar("x", x)
    s = 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))
    return s, (s,)


def sigmoid_backward(dout: float, cache: tuple[float]) -> float:
    """dx = dout · σ(1 − σ): the whole collapsed sigmoid gate needs only its own output."""
    dout = _dout(dout)
    (s,) = _cache(cache, 1, "sigmoid")
    if not 0.0 <= s <= 1.0:
        raise ValueError(f"cache[0] (σ(x)) must be in [0, 1], as sigmoid_forward returns it; got {s}")
    return dout * s * (1.0 - s)


# ---- the lecture's circuits as Value graphs -------------------------------------------------------
def _entries(name: str, values, size: int) -> dict[str, float]:
    """``values`` (``size`` numbers) as {name0: …, name1: …}, validated under ``name``."""
    arr = as_array(name, values, ndim=1)
    if arr.shape != (size,):
        raise ValueError(f"{name} must have {size} entries; got {arr.shape[0]}")
    return {f"{name}{i}": float(v) for i, v in enumerate(arr)}


def _leaves(**inputs) -> dict[str, Value]:
    """One labelled input Value per keyword, each validated under its own name (x, not 'data')."""
    return {name: Value(as_scalar(name, v), name) for name, v in inputs.items()}


def add_mul_circuit(x: float, y: float, z: float) -> dict[str, Value]:
    """f = (x + y) · z with the intermediate q = x + y. Returns the labelled nodes by name."""
    nodes = _leaves(x=x, y=y, z=z)
    nodes["q"] = nodes["x"] + nodes["y"]
    nodes["f"] = nodes["q"] * nodes["z"]
    nodes["q"].label, nodes["f"].label = "q", "f"
    return nodes


def sigmoid_neuron_circuit(w: Sequence[float], x: Sequence[float],
                           collapsed: bool = False) -> dict[str, Value]:
    """f = σ(w0·x0 + w1·x1 + w2), gate by gate (−1, exp, +1, 1/x) or with one sigmoid gate.

    ``w`` has 3 entries (two weights and a bias), ``x`` has 2. Returns the labelled nodes by name.
    """
    collapsed = check_bool("collapsed", collapsed)
    n = _leaves(**_entries("w", w, 3), **_entries("x", x, 2))   # inputs w0, w1, w2, x0, x1 (checked)
    n["w0x0"] = n["w0"] * n["x0"]
    n["w1x1"] = n["w1"] * n["x1"]
    n["s"] = n["w0x0"] + n["w1x1"]
    n["dot"] = n["s"] + n["w2"]
    if collapsed:
        n["f"] = n["dot"].sigmoid()
    else:
        n["neg"] = -n["dot"]
        n["exp"] = n["neg"].exp()
        n["den"] = n["exp"] + 1.0
        n["f"] = n["den"] ** -1
    for name, node in n.items():
        node.label = name
    return n


def gate_patterns_circuit(x: float, y: float, z: float, w: float) -> dict[str, Value]:
    """f = 2 · (x·y + max(z, w)): add, multiply and max gates in one circuit."""
    n = _leaves(x=x, y=y, z=z, w=w)
    n["xy"] = n["x"] * n["y"]
    n["m"] = n["z"].max(n["w"])
    n["sum"] = n["xy"] + n["m"]
    n["f"] = n["sum"] * 2.0
    for name, node in n.items():
        node.label = name
    return n


def staged_circuit(x: float, y: float) -> dict[str, Value]:
    """f = (x + σ(y)) / (σ(x) + (x + y)²), staged as in the CS231n notes; x and y fan out."""
    n = _leaves(x=x, y=y)
    n["sigy"] = n["y"].sigmoid()
    n["num"] = n["x"] + n["sigy"]
    n["sigx"] = n["x"].sigmoid()
    n["xpy"] = n["x"] + n["y"]
    n["xpysqr"] = n["xpy"] ** 2
    n["den"] = n["sigx"] + n["xpysqr"]
    n["invden"] = n["den"] ** -1
    n["f"] = n["num"] * n["invden"]
    for name, node in n.items():
        node.label = name
    return n
