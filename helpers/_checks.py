"""Input checks shared by every public helper.

Each check raises a ``TypeError`` or ``ValueError`` whose message names the argument and says what
was expected, so a learner sees one clear sentence instead of a numpy traceback. Every public
function in ``helpers`` validates its inputs with these before doing any arithmetic.

The messages are templates in the edition's language (:mod:`helpers.i18n`): one per kind of problem,
with fields for the argument's name (code: never translated) and what was given. A caller that
passes words in (``what`` of :func:`check_finite_result`, ``advice``, ``why``) passes them translated
with ``_()``: they are read inside the learner's error message.
"""

from __future__ import annotations

import functools
import numbers
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np

from .i18n import _, pgettext

__all__ = [
    "MAX_ENTRIES",
    "as_array",
    "as_scalar",
    "as_pair",
    "all_finite",
    "check_bool",
    "check_finite_result",
    "finite_arithmetic",
    "finite_call",
    "check_size",
    "check_str",
    "check_callable",
    "check_choice",
    "check_positive",
    "check_int",
    "check_shape",
    "check_same_shape",
]


# The largest array a helper will build: 5·10^7 entries are 400 MB of float64, about what a learner's
# laptop (or a Binder container with 1-2 GB) can spare; a request beyond it is refused before allocating.
MAX_ENTRIES = 50_000_000


def _describe(value: Any) -> str:
    """A short description of a value for an error message."""
    if isinstance(value, np.ndarray):
        return _("an array of shape {shape} and dtype {dtype}").format(shape=value.shape, dtype=value.dtype)
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return _("{kind} {text}").format(kind=type(value).__name__, text=text)


_FLOATS = (np.dtype(np.float32), np.dtype(np.float64))


def as_array(name: str, value: Any, *, ndim: int | tuple[int, ...] | None = None,
             dtype: Any = None, allow_empty: bool = False, allow_bool: bool = False) -> np.ndarray:
    """Return ``value`` as a finite floating-point array, or raise a clear error naming ``name``.

    ``ndim`` restricts the number of dimensions (an int or a tuple of allowed ints). ``dtype``
    keeps float32 input as float32 when ``None`` (other input becomes float64). Booleans are refused
    (True is not the number 1 here) unless ``allow_bool`` (class labels, predictions like ``out > 0.5``).
    A float32/float64 array that needs no conversion is returned as it is (no copy).
    """
    if type(value) is np.ndarray and value.dtype in _FLOATS and (dtype is None or value.dtype == dtype):
        arr = value                                   # the common case, checked without copies
    else:
        arr = _to_float_array(name, value, dtype, allow_bool)
    if ndim is not None:
        allowed = (ndim,) if isinstance(ndim, int) else tuple(ndim)
        if arr.ndim not in allowed:
            want = pgettext("between alternatives", " or ").join(str(n) for n in allowed)
            raise ValueError(_("{name} must have {want} dimension(s); got shape {shape}").format(
                name=name, want=want, shape=arr.shape))
    if arr.size == 0 and not allow_empty:
        raise ValueError(_("{name} must not be empty; got shape {shape}").format(name=name, shape=arr.shape))
    if not all_finite(arr):
        raise ValueError(_("{name} must be finite (no NaN or inf); got {given} containing {count} non-finite "
                           "value(s)").format(name=name, given=_describe(arr), count=int(np.sum(~np.isfinite(arr)))))
    return arr


def all_finite(arr: np.ndarray) -> bool:
    """True when every entry of a float array is finite (one vectorized pass, no warnings)."""
    return bool(np.isfinite(arr).all())


def _to_float_array(name: str, value: Any, dtype: Any, allow_bool: bool) -> np.ndarray:
    """Any array-like of real numbers as a float array (float32 kept when ``dtype`` is None)."""
    if isinstance(value, (str, bytes, Mapping)) or value is None:
        raise TypeError(_("{name} must be a number or an array of numbers; got {given}").format(
            name=name, given=_describe(value)))
    try:
        arr = np.asarray(value)
    except (ValueError, TypeError) as exc:  # ragged nested lists
        raise ValueError(_("{name} must be a rectangular array of numbers; got {given}").format(
            name=name, given=_describe(value))) from exc
    if arr.dtype == object:   # Python ints beyond int64, Fraction, sympy Float/Rational, ...: real numbers too
        arr = _object_to_float(name, value, arr)
    if not (np.issubdtype(arr.dtype, np.number) or arr.dtype == bool):
        raise TypeError(_("{name} must contain numbers; got {given}").format(name=name, given=_describe(value)))
    if arr.dtype == bool and not allow_bool:
        raise TypeError(_("{name} must contain numbers, not True/False; got {given}").format(
            name=name, given=_describe(value)))
    if np.iscomplexobj(arr):
        raise TypeError(_("{name} must contain real numbers; got complex values").format(name=name))
    if dtype is None:
        dtype = arr.dtype if arr.dtype in _FLOATS else np.float64
    return _converted(name, arr, np.dtype(dtype))


def _converted(name: str, arr: np.ndarray, dtype: np.dtype) -> np.ndarray:
    """``arr.astype(dtype)``; finite entries that do not fit the target type are a clear ValueError."""
    if arr.dtype == dtype:
        return arr
    with np.errstate(over="ignore", invalid="ignore"):
        out = arr.astype(dtype)
    if np.issubdtype(arr.dtype, np.floating) and not np.all(np.isfinite(arr)):
        return out                     # non-finite input: the finiteness check below names it
    if not np.all(np.isfinite(out)):
        biggest = np.format_float_scientific(np.longdouble(np.max(np.abs(arr))), precision=2)
        raise ValueError(_("{name} is too large to compute with in {dtype} (beyond ±{limit:.2g}); got an entry "
                           "of size {size}").format(name=name, dtype=dtype, limit=np.finfo(dtype).max, size=biggest))
    return out


def _real_to_float(name: str, value: Any) -> float:
    """float(value) for any real number type; a value beyond float range is a clear ValueError."""
    try:
        return float(value)
    except OverflowError as exc:
        raise ValueError(_("{name} is too large to compute with (beyond ±1.8e308); got {given}").format(
            name=name, given=_describe(value))) from exc


def _object_to_float(name: str, value: Any, arr: np.ndarray) -> np.ndarray:
    """An object array whose entries are all real numbers (not bool, not complex) as float64."""
    flat = arr.ravel()
    bad = [v for v in flat if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)][:1]
    if bad or flat.size == 0:           # a list, so that a None entry is reported too
        if bad:
            raise TypeError(_("{name} must contain real numbers; got {given} with an entry {entry}").format(
                name=name, given=_describe(value), entry=_describe(bad[0])))
        raise TypeError(_("{name} must contain real numbers; got {given}").format(name=name, given=_describe(value)))
    return np.array([_real_to_float(name, v) for v in flat], dtype=np.float64).reshape(arr.shape)


def as_scalar(name: str, value: Any) -> float:
    """Return ``value`` as a finite Python float, or raise a clear error naming ``name``.

    Any real number type is accepted (int, float, numpy scalars, Fraction, sympy Float/Rational/
    Integer); bool, complex, strings and containers are not.
    """
    if isinstance(value, np.ndarray) and value.shape == () and value.dtype != object:
        value = value.item()
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, (numbers.Real, np.floating, np.integer)):
        raise TypeError(_("{name} must be a real number; got {given}").format(name=name, given=_describe(value)))
    out = _real_to_float(name, value)
    if not np.isfinite(out):
        raise ValueError(_("{name} must be finite; got {value}").format(name=name, value=out))
    return out


def check_bool(name: str, value: Any) -> bool:
    """A real boolean (True/False): the string 'no' or the number 0 is refused, not read as a flag."""
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(_("{name} must be True or False; got {given}").format(name=name, given=_describe(value)))
    return bool(value)


# Up to this many entries, arrays are joined for one finiteness pass (cheaper than a call per array);
# beyond it, copying them would cost more than it saves.
_JOIN_LIMIT = 8192


def _all_finite(value: Any) -> bool:
    """Every entry of a number, an array, or a list/tuple/dict of them (None skipped) is finite: one
    vectorized pass over all the arrays together (a check per array costs more than the arithmetic on
    the small networks of the notebooks)."""
    if isinstance(value, np.ndarray):
        return bool(np.isfinite(value).all())
    arrays: list = []
    _collect(value, arrays)
    if not arrays:
        return True
    if len(arrays) == 1 or sum(np.size(a) for a in arrays) > _JOIN_LIMIT:     # large: no copy, one pass each
        return all(bool(np.isfinite(a).all()) for a in arrays)
    return bool(np.isfinite(np.concatenate([np.ravel(a) for a in arrays])).all())


def _collect(value: Any, into: list) -> None:
    if isinstance(value, Mapping):
        for v in value.values():
            _collect(v, into)
    elif isinstance(value, (list, tuple)):
        for v in value:
            _collect(v, into)
    elif value is not None:
        into.append(value if isinstance(value, np.ndarray) else np.asarray(value))


def _text(message: str | Callable[[], str]) -> str:
    """A message, or a function that builds it: messages are built (and translated) only for an error."""
    return message() if callable(message) else message


def _too_large(what: str, advice: str) -> str:
    if advice:
        return _("{what} is too large for this computation (it overflowed to inf or NaN in floating point). "
                 "{advice}").format(what=what, advice=advice)
    return _("{what} is too large for this computation (it overflowed to inf or NaN in floating point)."
             ).format(what=what)


def check_finite_result(what: str | Callable[[], str], value: Any, *,
                        advice: str | Callable[[], str] = "") -> Any:
    """Refuse a result that overflowed to inf or became NaN although its inputs were finite.

    ``what`` names the quantity (e.g. ``_("the loss")``); ``advice`` says what to change (e.g.
    ``_("Use smaller weights.")``): both translated by the caller. ``value`` may be a number, an array,
    or a list/tuple/dict of them (None entries are skipped). Returns ``value`` unchanged when every entry is finite.
    ``what`` and ``advice`` may be functions that build the text, called only when the check fails.
    """
    if not _all_finite(value):
        raise ValueError(_too_large(_text(what), _text(advice)))
    return value


@contextmanager
def finite_arithmetic(what: str, advice: str = "") -> Iterator[None]:
    """Run a computation with numpy's overflow/invalid/divide errors raised (underflow to 0 is fine),
    and turn any overflow — numpy's FloatingPointError, Python's OverflowError ('Numerical result out
    of range') or a ZeroDivisionError from a result that underflowed to 0 — into the same ValueError
    as :func:`check_finite_result`. Python's float ``*`` and ``+`` overflow to inf silently: check such
    results with :func:`check_finite_result` as well. Local to the ``with`` block, never global.
    """
    try:
        with np.errstate(over="raise", invalid="raise", divide="raise", under="ignore"):
            yield
    except (FloatingPointError, OverflowError, ZeroDivisionError) as exc:
        raise ValueError(_too_large(what, advice)) from exc


def finite_call(what: str, compute: Callable[[], Any], *, advice: str = "") -> Any:
    """``compute()`` inside :func:`finite_arithmetic`, its result checked by :func:`check_finite_result`:
    the one-line way to say "this formula must not overflow" (numpy arrays and Python floats alike)."""
    with finite_arithmetic(what, advice):
        out = compute()
    return check_finite_result(what, out, advice=advice)


def check_size(what: str | Callable[[], str], entries: int, *, limit: int = MAX_ENTRIES,
               why: str | Callable[[], str] = "") -> int:
    """Refuse a request for more than ``limit`` entries (default :data:`MAX_ENTRIES`) *before*
    allocating or looping: ``what`` names the argument(s) that set the size, ``why`` says what would
    happen (e.g. "it is built entry by entry in Python"); either may be a function that builds the text,
    called only for the error (a hot path then pays nothing for it). Returns ``entries``."""
    if entries > limit:
        what, why = _text(what), _text(why)
        if why:
            raise ValueError(_("{what} asks for {entries:,} entries, more than the limit of {limit:,}: {why}. "
                               "Use smaller sizes.").format(what=what, entries=entries, limit=limit, why=why))
        raise ValueError(_("{what} asks for {entries:,} entries, more than the limit of {limit:,}. Use smaller "
                           "sizes.").format(what=what, entries=entries, limit=limit))
    return entries


def check_str(name: str, value: Any) -> str:
    """A string (a name, a label, a slug)."""
    if not isinstance(value, str):
        raise TypeError(_("{name} must be a string; got {given}").format(name=name, given=_describe(value)))
    return value


def as_pair(name: str, value: Any, *, increasing: bool = False) -> tuple[float, float]:
    """Two finite real numbers, e.g. a range (low, high); ``increasing`` requires low < high."""
    if isinstance(value, (str, bytes, Mapping)) or not hasattr(value, "__len__") or len(value) != 2:
        if increasing:
            raise TypeError(_("{name} must be a pair of two numbers (low, high); got {given}").format(
                name=name, given=_describe(value)))
        raise TypeError(_("{name} must be a pair of two numbers; got {given}").format(name=name,
                                                                                     given=_describe(value)))
    low, high = as_scalar(f"{name}[0]", value[0]), as_scalar(f"{name}[1]", value[1])
    if increasing and not low < high:
        raise ValueError(_("{name} must be (low, high) with low < high; got ({low}, {high})").format(
            name=name, low=low, high=high))
    return low, high


def check_positive(name: str, value: Any) -> float:
    """A finite real number > 0 (a step size, a learning rate)."""
    out = as_scalar(name, value)
    if out <= 0:
        raise ValueError(_("{name} must be > 0; got {value}").format(name=name, value=out))
    return out


def check_int(name: str, value: Any, *, minimum: int | None = None, maximum: int | None = None) -> int:
    """A whole number, optionally within [minimum, maximum]."""
    if isinstance(value, bool) or not isinstance(value, (numbers.Integral, np.integer)):
        raise TypeError(_("{name} must be a whole number; got {given}").format(name=name, given=_describe(value)))
    out = int(value)
    if minimum is not None and out < minimum:
        raise ValueError(_("{name} must be >= {minimum}; got {value}").format(name=name, minimum=minimum, value=out))
    if maximum is not None and out > maximum:
        raise ValueError(_("{name} must be <= {maximum}; got {value}").format(name=name, maximum=maximum, value=out))
    return out


def check_callable(name: str, value: Any) -> Callable:
    """A function (or any callable)."""
    if not callable(value):
        raise TypeError(_("{name} must be a function (callable); got {given}").format(name=name,
                                                                                     given=_describe(value)))
    return value


def check_choice(name: str, value: Any, choices: Any) -> Any:
    """One of a fixed set of options (e.g. an activation name); any other value, of any type (a list,
    an array, None), is a ValueError that lists the options."""
    choices = list(choices)
    if not any(_same_option(value, c) for c in choices):
        got = repr(value) if isinstance(value, (str, int, float, type(None))) else _describe(value)
        raise ValueError(_("{name} must be one of {options}; got {given}").format(
            name=name, options=", ".join(repr(c) for c in choices), given=got))
    return value


def _same_option(value: Any, option: Any) -> bool:
    """value == option, without numpy's elementwise comparison and without True standing for 1."""
    if option is None or value is None:
        return value is option
    if isinstance(value, (bool, np.bool_)) != isinstance(option, (bool, np.bool_)):
        return False
    if isinstance(option, numbers.Real) and isinstance(value, numbers.Real):
        return bool(value == option)                  # 1 is the option 1.0; np.float64(0.5) is 0.5
    return isinstance(value, type(option)) and bool(value == option)


def check_shape(name: str, arr: np.ndarray, expected: tuple, why: str = "") -> None:
    """``arr.shape`` must equal ``expected``; ``why`` explains where the expectation comes from."""
    if tuple(arr.shape) != tuple(expected):
        if why:
            raise ValueError(_("{name} must have shape {want} {why}; got {got}").format(
                name=name, want=tuple(expected), why=why, got=tuple(arr.shape)))
        raise ValueError(_("{name} must have shape {want}; got {got}").format(name=name, want=tuple(expected),
                                                                             got=tuple(arr.shape)))


def check_same_shape(name_a: str, a: np.ndarray, name_b: str, b: np.ndarray) -> None:
    """Two arrays that are compared element by element must have the same shape."""
    if a.shape != b.shape:
        raise ValueError(_("{name_a} and {name_b} must have the same shape; got {shape_a} and {shape_b}").format(
            name_a=name_a, name_b=name_b, shape_a=a.shape, shape_b=b.shape))


def guarded(core: Callable, validate: Callable[..., dict], check: Callable[[Any, dict], Any] | None = None,
            doc: str | None = None, what: Callable[[dict], str] | None = None) -> Callable:
    """The public face of a check-free core function (``helpers.core``): the one wrapper every façade uses.

    ``validate(*args, **kwargs)`` checks the caller's arguments (a clear TypeError/ValueError naming the
    argument otherwise) and returns the core's keyword arguments, converted; the core runs once, with
    numpy's floating-point warnings silenced (an overflow shows up as inf/NaN in its result); then
    ``check(result, arguments)`` refuses a non-finite or absurd result with a clear error and returns
    what the caller gets (default: the result). Python's float arithmetic raises OverflowError instead
    of returning inf: that becomes a ValueError naming ``what(arguments)`` (default: the core's name).
    The wrapper keeps the core's name, signature and
    ``__wrapped__`` (so ``inspect.getsource`` shows the core); ``doc`` replaces the docstring.
    """
    @functools.wraps(core)
    def public(*args: Any, **kwargs: Any) -> Any:
        arguments = validate(*args, **kwargs)
        try:
            with np.errstate(over="ignore", invalid="ignore", divide="ignore", under="ignore"):
                result = core(**arguments)
        except (OverflowError, ZeroDivisionError) as exc:      # Python floats overflow with an exception
            name = core.__name__ if what is None else what(arguments)
            raise ValueError(_("the result of {name} is too large for this computation (beyond ±1.8e308, the "
                               "largest float); use smaller inputs").format(name=name)) from exc
        return result if check is None else check(result, arguments)
    if doc is not None:
        public.__doc__ = doc
    return public
