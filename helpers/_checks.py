"""Input checks shared by every public helper.

Each check raises a ``TypeError`` or ``ValueError`` whose message names the argument and says what
was expected, so a learner sees one clear sentence instead of a numpy traceback. Every public
function in ``helpers`` validates its inputs with these before doing any arithmetic.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np

__all__ = [
    "as_array",
    "as_scalar",
    "check_bool",
    "check_finite_result",
    "check_callable",
    "check_choice",
    "check_positive",
    "check_int",
    "check_shape",
    "check_same_shape",
]


def _describe(value: Any) -> str:
    """A short description of a value for an error message."""
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{type(value).__name__} {text}"


def as_array(name: str, value: Any, *, ndim: int | tuple[int, ...] | None = None,
             dtype: Any = None, allow_empty: bool = False) -> np.ndarray:
    """Return ``value`` as a finite floating-point array, or raise a clear error naming ``name``.

    ``ndim`` restricts the number of dimensions (an int or a tuple of allowed ints). ``dtype``
    keeps float32 input as float32 when ``None`` (other input becomes float64).
    """
    if isinstance(value, (str, bytes)) or value is None:
        raise TypeError(f"{name} must be a number or an array of numbers; got {_describe(value)}")
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(f"{name} must be a rectangular array of numbers; got {_describe(value)}") from exc
    if arr.dtype == object:   # Python ints beyond int64, Fraction, sympy Float/Rational, ...: real numbers too
        arr = _object_to_float(name, value, arr)
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(f"{name} must contain numbers; got {_describe(value)}")
    if np.iscomplexobj(arr):
        raise TypeError(f"{name} must contain real numbers; got complex values")
    if dtype is None:
        dtype = arr.dtype if arr.dtype in (np.float32, np.float64) else np.float64
    arr = arr.astype(dtype, copy=False)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = " or ".join(str(n) for n in allowed)
            raise ValueError(f"{name} must have {want} dimension(s); got shape {arr.shape}")
    if arr.size == 0 and not allow_empty:
        raise ValueError(f"{name} must not be empty; got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite (no NaN or inf); got {_describe(arr)} containing "
                         f"{int(np.sum(~np.isfinite(arr)))} non-finite value(s)")
    return arr


def _real_to_float(name: str, value: Any) -> float:
    """float(value) for any real number type; a value beyond float range is a clear ValueError."""
    try:
        return float(value)
    except OverflowError as exc:
        raise ValueError(f"{name} is too large to compute with (beyond ±1.8e308); got {_describe(value)}") from exc


def _object_to_float(name: str, value: Any, arr: np.ndarray) -> np.ndarray:
    """An object array whose entries are all real numbers (not bool, not complex) as float64."""
    flat = arr.ravel()
    bad = next((v for v in flat if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)), None)
    if bad is not None or flat.size == 0:
        raise TypeError(f"{name} must contain real numbers; got {_describe(value)}"
                        + (f" with an entry {_describe(bad)}" if bad is not None else ""))
    return np.array([_real_to_float(name, v) for v in flat], dtype=np.float64).reshape(arr.shape)


def as_scalar(name: str, value: Any) -> float:
    """Return ``value`` as a finite Python float, or raise a clear error naming ``name``.

    Any real number type is accepted (int, float, numpy scalars, Fraction, sympy Float/Rational/
    Integer); bool, complex, strings and containers are not.
    """
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype != object:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(f"{name} must be a real number; got {_describe(value)}")
    out = _real_to_float(name, value)
    if not np.isfinite(out):
        raise ValueError(f"{name} must be finite; got {out}")
    return out


def check_bool(name: str, value: Any) -> bool:
    """A real boolean (True/False): the string 'no' or the number 0 is refused, not read as a flag."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False; got {_describe(value)}")
    return bool(value)


def check_finite_result(what: str, value: Any, *, advice: str = "") -> Any:
    """Refuse a result that overflowed to inf or became NaN although its inputs were finite.

    ``what`` names the quantity (e.g. "the loss"); ``advice`` says what to change (e.g. "use smaller
    weights"). Returns ``value`` unchanged when every entry is finite.
    """
    if not np.all(np.isfinite(value)):
        hint = f" {advice}" if advice else ""
        raise ValueError(f"{what} is too large for this computation (it overflowed to inf or NaN in "
                         f"floating point).{hint}")
    return value


def check_positive(name: str, value: Any) -> float:
    """A finite real number > 0 (a step size, a learning rate)."""
    out = as_scalar(name, value)
    if out <= 0:
        raise ValueError(f"{name} must be > 0; got {out}")
    return out


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, optionally within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(f"{name} must be a whole number; got {_describe(value)}")
    out = int(value)
    if minimum is not None and out < minimum:
        raise ValueError(f"{name} must be >= {minimum}; got {out}")
    if maximum is not None and out > maximum:
        raise ValueError(f"{name} must be <= {maximum}; got {out}")
    return out


def check_callable(name: str, value: Any) -> Callable:
    """A function (or any callable)."""
    if not callable(value):
        raise TypeError(f"{name} must be a function (callable); got {_describe(value)}")
    return value


def check_choice(name: str, value: Any, choices: Any) -> Any:
    """One of a fixed set of options (e.g. an activation name)."""
    choices = list(choices)
    if value not in choices:
        raise ValueError(f"{name} must be one of {', '.join(repr(c) for c in choices)}; got {value!r}")
    return value


def check_shape(name: str, arr: np.ndarray, expected: tuple, why: str = "") -> None:
    """``arr.shape`` must equal ``expected``; ``why`` explains where the expectation comes from."""
    if tuple(arr.shape) != tuple(expected):
        reason = f" {why}" if why else ""
        raise ValueError(f"{name} must have shape {tuple(expected)}{reason}; got {tuple(arr.shape)}")


def check_same_shape(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Two arrays that are compared element by element must have the same shape."""
    if a.shape != b.shape:
        raise ValueError(f"{name_a} and {name_b} must have the same shape; got {a.shape} and {b.shape}")
