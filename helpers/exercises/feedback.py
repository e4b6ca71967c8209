"""Friendly feedback for exercises: the toolkit every ``check_*`` function is built on.

A checker first *reads* the learner's answer with :func:`read_number`, :func:`read_count`,
:func:`read_shape` or :func:`read_array`. Each returns the value, or a :class:`Feedback` that says
kindly what kind of answer was expected (a string, a bool, NaN, a list where one number is meant,
3.7 where a whole number is meant … never pass as "Correct"). Then :func:`compare_number` /
:func:`compare_array` compare it with the expected value computed by helpers. Checkers of a
learner's *function* use :mod:`helpers.exercises.functions` on top of this module.

Every message is written in English inside ``_()`` and shown in the edition's language
(:mod:`helpers.i18n`). The pieces a checker passes in are part of the sentence the learner reads, so
**callers pass them translated**: ``what=_("the gradient ∂E/∂w5")``, ``hint=_("Multiply …")``
(``what`` names the quantity: in Korean a noun phrase, placed where the Korean templates need no
particle after it; ``hint`` is one or more whole sentences, appended after the message). A ``what``
that is only symbols (``what="∂f/∂w"``) needs no translation. Numbers are formatted by the templates,
identically in both editions.
"""

from __future__ import annotations

import numbers
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..i18n import N_, _, language, ngettext
from ..i18n import _ as _catalogue  # for N_-marked constants, looked up where shown (not extracted again)

__all__ = ["Feedback", "NOT_ANSWERED", "describe", "read_number", "read_count", "read_shape", "read_array",
           "matches", "given_digits", "rounds_to", "agrees_to", "compare_number", "compare_array", "shape_advice"]


@dataclass(frozen=True)
class Feedback:
    """The reply to one exercise attempt. Displays as one line; ``bool(fb)`` is ``fb.ok``."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return f"{'✅' if self.ok else '❌'} {_verdict(self.ok)} {self.message}"

    def _repr_markdown_(self) -> str:
        return f"{'✅' if self.ok else '❌'} **{_verdict(self.ok)}** {self.message}"


def _verdict(ok: bool) -> str:
    return _("Correct.") if ok else _("Not yet.")


@dataclass(frozen=True, repr=False, eq=False)
class _CatalogueFeedback(Feedback):
    """A Feedback made once at import whose ``message`` is looked up in the catalogue when it is read
    (the edition is decided per call, never at import). Equal to a Feedback with the same ok and message."""

    def __getattribute__(self, name: str):
        value = object.__getattribute__(self, name)
        return _catalogue(value) if name == "message" else value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Feedback) and (self.ok, self.message) == (other.ok, other.message)

    def __hash__(self) -> int:
        return hash((self.ok, self.message))


NOT_ANSWERED = _CatalogueFeedback(False, N_("Replace `None` with your answer and run the cell again."))


def describe(value: Any) -> str:
    """A short, address-free description of what a learner gave ("the text '35'", "a list of 2 items"),
    in the edition's language."""
    if value is None:
        return _("None")
    if isinstance(value, (bool, np.bool_)):
        return _("the boolean {value}").format(value=bool(value))
    if isinstance(value, (str, bytes)):
        text = value if len(value) <= 30 else value[:27] + "..."
        return _("the text {text!r}").format(text=text)
    if isinstance(value, np.ndarray):
        return _("an array of shape {shape}").format(shape=value.shape)
    if isinstance(value, (list, tuple)):
        n = len(value)
        return ngettext("a {kind} of {n} item", "a {kind} of {n} items", n).format(kind=type(value).__name__, n=n)
    if isinstance(value, dict):
        n = len(value)
        return ngettext("a dict with {n} key", "a dict with {n} keys", n).format(n=n)
    if isinstance(value, numbers.Real) and not isinstance(value, numbers.Integral):
        return _("the number {value:.6g}").format(value=float(value))
    if callable(value):
        return _("the function {name}").format(name=getattr(value, "__name__", type(value).__name__))
    text = repr(value)
    if " at 0x" in text or len(text) > 40:      # no memory addresses in stored outputs
        return _("a {kind}").format(kind=type(value).__name__)
    return _("{kind} {text}").format(kind=type(value).__name__, text=text)


def _cap(text: str) -> str:
    """``text`` with its first letter capitalised (an English message starts a sentence); unchanged in
    Korean, which has no capitals (and whose ``what`` may start with a symbol such as w5)."""
    return text if language() == "ko" else text[:1].upper() + text[1:]


def _number_problem(answer: Any, what: str) -> str | None:
    """Why ``answer`` is not one real number (None when it is one)."""
    what = _cap(what)
    if isinstance(answer, (bool, np.bool_)):
        return _("{what} is a number; you gave {given} (True/False count as 1/0 in Python, not here)."
                 ).format(what=what, given=describe(answer))
    if isinstance(answer, (str, bytes)):
        try:
            float(answer)
            return _("{what} is a number; you gave {given}. Remove the quotes.").format(what=what,
                                                                                       given=describe(answer))
        except ValueError:
            return _("{what} is a number; you gave {given}.").format(what=what, given=describe(answer))
    if isinstance(answer, (complex, np.complexfloating)):
        return _("{what} is a real number; you gave the complex number {number}.").format(what=what, number=answer)
    if isinstance(answer, (list, tuple, np.ndarray)):
        return _("{what} is one number; you gave {given}. Pick the entry you mean (e.g. x[0] or x.item()) or "
                 "compute a single number.").format(what=what, given=describe(answer))
    if hasattr(answer, "data") and hasattr(answer, "grad") and not isinstance(answer, np.ndarray):
        return _("{what} is a number; you gave a Value node. Its gradient is `.grad`, its value `.data`."
                 ).format(what=what)
    if not isinstance(answer, numbers.Real):
        return _("{what} is a number; you gave {given}.").format(what=what, given=describe(answer))
    return None


def _unwrap(answer: Any) -> Any:
    """A 0-d numeric array (what some numpy functions return) as its Python number."""
    if isinstance(answer, np.ndarray) and answer.shape == () and answer.dtype.kind in "iuf":
        return answer.item()
    return answer


def read_number(answer: Any, what: str) -> float | Feedback:
    """One finite real number (int, float, numpy scalar, Fraction, sympy Float …), or the reason why not.

    Refused with specific feedback: None (not answered), bool, text, complex, lists and arrays
    (other than a 0-d array), NaN and inf.
    """
    if answer is None:
        return NOT_ANSWERED
    answer = _unwrap(answer)
    problem = _number_problem(answer, what)
    if problem:
        return Feedback(False, problem)
    try:
        value = float(answer)
    except OverflowError:
        return Feedback(False, _("{what}: your number is too large for a float (beyond ±1.8e308)."
                                 ).format(what=_cap(what)))
    if np.isnan(value):
        return Feedback(False, _("{what}: you gave NaN (not a number), the result of 0/0 or inf − inf somewhere "
                                 "in your computation. Print the intermediate values to find where."
                                 ).format(what=_cap(what)))
    if not np.isfinite(value):
        return Feedback(False, _("{what}: you gave {value}; a computation overflowed. Print the intermediate "
                                 "values to find where.").format(what=_cap(what), value=value))
    return value


def read_count(answer: Any, what: str) -> int | Feedback:
    """A whole number (int or numpy integer). 10.7, and even 10.0, get feedback instead of rounding."""
    value = read_number(answer, what)
    if isinstance(value, Feedback):
        return value
    if isinstance(_unwrap(answer), numbers.Integral):
        return int(answer)
    if float(value).is_integer():
        return Feedback(False, _("{what} is a whole number: write {whole}, not {given!r} (an int, not a float)."
                                 ).format(what=_cap(what), whole=int(value), given=value))
    return Feedback(False, _("{what} is a count, a whole number; you gave {value:g}.").format(what=_cap(what),
                                                                                             value=value))


def read_shape(answer: Any, what: str, ndim: int) -> tuple[int, ...] | Feedback:
    """A shape: a tuple (or list, or 1-D integer array) of ``ndim`` positive whole numbers."""
    example = "(3, 5)" if ndim == 2 else str(tuple(range(3, 3 + ndim)))
    if answer is None:
        return NOT_ANSWERED
    if isinstance(answer, (str, bytes)):
        return Feedback(False, _("A shape is a tuple of whole numbers like {example}, not {given}."
                                 ).format(example=example, given=describe(answer)))
    if isinstance(answer, numbers.Number) and not isinstance(answer, (bool, np.bool_)):
        return Feedback(False, _("{what} has {ndim} numbers, in a tuple like {example}; you gave the single "
                                 "number {number!r}.").format(what=_cap(what), ndim=ndim, example=example,
                                                               number=answer))
    if isinstance(answer, np.ndarray) and answer.ndim == 1 and answer.dtype.kind in "iu":
        answer = tuple(answer.tolist())
    if not isinstance(answer, (tuple, list)):
        return Feedback(False, _("Give {what} as a tuple like {example}; you gave {given}."
                                 ).format(what=what, example=example, given=describe(answer)))
    bad = next((n for n in answer if isinstance(n, (bool, np.bool_)) or not isinstance(n, numbers.Integral)), None)
    if bad is not None:
        return Feedback(False, _shape_entry_problem(answer, bad, example))
    if len(answer) != ndim:
        return Feedback(False, _("{what} has {ndim} numbers (one per axis); yours has {count}: {shape}."
                                 ).format(what=_cap(what), ndim=ndim, count=len(answer), shape=tuple(answer)))
    if any(n < 1 for n in answer):
        return Feedback(False, _("Every entry of {what} is at least 1; you gave {shape}.").format(
            what=what, shape=tuple(answer)))
    return tuple(int(n) for n in answer)


def _shape_entry_problem(answer: Any, bad: Any, example: str) -> str:
    """Why an entry of a would-be shape is not a whole number."""
    if isinstance(bad, numbers.Real) and not isinstance(bad, (bool, np.bool_)):
        if all(isinstance(n, numbers.Real) and float(n).is_integer() for n in answer):
            return _("The entries of a shape are whole numbers like {example} (numpy refuses np.zeros((3.7, 5.2))): "
                     "write {fixed}; you gave {shape}.").format(example=example, fixed=tuple(int(n) for n in answer),
                                                               shape=tuple(answer))
        return _("The entries of a shape are whole numbers like {example} (numpy refuses np.zeros((3.7, 5.2))): "
                 "count the rows and columns; you gave {shape}.").format(example=example, shape=tuple(answer))
    return _("The entries of a shape are whole numbers like {example}; yours contains {given}."
             ).format(example=example, given=describe(bad))


def _array_problem(arr: np.ndarray, what: str) -> str | None:
    kind = arr.dtype.kind
    if kind in "US":
        return _("{what} contains text such as {sample!r}; use numbers, not strings.").format(
            what=_cap(what), sample=str(arr.ravel()[0]))
    if kind == "b":
        return _("{what} contains True/False values; convert them to numbers first (e.g. x.astype(float))."
                 ).format(what=_cap(what))
    if kind == "c":
        return _("{what} contains complex numbers; it should be real.").format(what=_cap(what))
    if kind == "O":
        bad = next((v for v in arr.ravel() if isinstance(v, (bool, np.bool_)) or not isinstance(v, numbers.Real)),
                   None)
        if bad is not None or arr.size == 0:
            return _("{what} should contain numbers only; it contains {given}.").format(what=_cap(what),
                                                                                        given=describe(bad))
    return None


def read_array(answer: Any, what: str) -> np.ndarray | Feedback:
    """An array of finite real numbers (a numpy array or nested lists), as float64, or the reason why not."""
    if answer is None:
        return NOT_ANSWERED
    if isinstance(answer, (str, bytes, dict, set)) or callable(answer):
        return Feedback(False, _("{what} should be an array of numbers (a numpy array or nested lists); "
                                 "you gave {given}.").format(what=_cap(what), given=describe(answer)))
    try:
        arr = np.asarray(answer)
    except (ValueError, TypeError):
        return Feedback(False, _("{what}: your rows have different lengths; every row needs the same number "
                                 "of entries.").format(what=_cap(what)))
    problem = _array_problem(arr, what)
    if problem:
        return Feedback(False, problem)
    try:
        arr = arr.astype(np.float64)
    except (OverflowError, TypeError, ValueError):
        return Feedback(False, _("{what} has an entry too large for a float (beyond ±1.8e308)."
                                 ).format(what=_cap(what)))
    if not np.all(np.isfinite(arr)):
        where = tuple(int(i) for i in np.argwhere(~np.isfinite(arr))[0])
        if where:
            return Feedback(False, _("{what} contains {value} at entry {entry}: a computation went wrong there "
                                     "(0/0, an overflow). Print the intermediate values to find where."
                                     ).format(what=_cap(what), value=arr[where], entry=where))
        return Feedback(False, _("{what} contains {value}: a computation went wrong there (0/0, an overflow). "
                                 "Print the intermediate values to find where.").format(what=_cap(what),
                                                                                       value=arr[where]))
    return arr


def given_digits(answer: Any) -> tuple[int, int] | None:
    """How precisely a learner wrote a number: (significant digits, exponent of the last digit).

    Read from the shortest text that gives the number back (Python's ``repr``): 0.0827 -> (3, -4),
    23.3105 -> (6, -4), 1500.0 -> (2, 2), 7 -> (1, 0). None for anything but one finite real number.
    """
    value = read_number(answer, "answer")
    if isinstance(value, Feedback):
        return None
    if value == 0:
        return (0, 0)     # 0 has no significant digit: it agrees with nothing "as far as it goes"
    text = repr(abs(value)) if not isinstance(_unwrap(answer), numbers.Integral) else str(abs(int(_unwrap(answer))))
    if "e" in text:
        digits_text, _e, exp_text = text.partition("e")
        digits = digits_text.replace(".", "").lstrip("0")
        decimals = len(digits_text.split(".")[1]) if "." in digits_text and digits_text.split(".")[1] != "0" else 0
        return (max(len(digits), 1), int(exp_text) - decimals)
    whole, _dot, frac = text.partition(".")
    frac = "" if frac == "0" else frac
    digits = (whole + frac).lstrip("0")
    if not frac:
        stripped = digits.rstrip("0")
        return (max(len(stripped), 1), len(digits) - len(stripped))
    return (max(len(digits), 1), -len(frac))


def rounds_to(answer: Any, value: float) -> bool:
    """Whether ``answer`` is ``value`` rounded to the digits the learner wrote (0.0827 for 0.08266763):
    within half a unit of its last digit (plus a hair for the float's own rounding)."""
    precision = given_digits(answer)
    if precision is None or not np.isfinite(value):
        return False
    half_unit = 0.5 * 10.0 ** precision[1]
    return abs(float(_unwrap(answer)) - value) <= half_unit * (1 + 1e-9) + 1e-15 * abs(value)


def agrees_to(value: float, expected: float, digits: int) -> bool:
    """Whether ``value`` is within half a unit of ``expected``'s ``digits``-th significant digit: right to
    that many digits, even when the learner's further digits are off (rounded intermediate values)."""
    if expected == 0 or not np.isfinite(expected):
        return False
    unit = 10.0 ** (np.floor(np.log10(abs(expected))) - digits + 1)
    return abs(value - expected) <= 0.5 * unit * (1 + 1e-9)


def matches(answer: Any, value: float, rtol: float = 1e-6, atol: float = 1e-12, digits: int = 3) -> bool:
    """Whether a learner's answer is (numerically) ``value``: within ``rtol``/``atol``, or ``value`` rounded
    to the digits the learner wrote, when that is at least ``digits`` significant digits. False for
    anything not one real number. The ``check_*`` functions use it to recognise a typical wrong answer and
    name the slip (slips are chosen far enough from the right answer that 3 digits tell them apart)."""
    number = read_number(answer, "answer")
    if not isinstance(number, float):
        return False
    if np.isclose(number, value, rtol=rtol, atol=atol):
        return True
    precision = given_digits(answer)
    return precision is not None and precision[0] >= digits and rounds_to(answer, value)


def compare_number(answer: Any, expected: float, *, what: str, digits: int = 3, rtol: float = 1e-6,
                   atol: float = 1e-9, hint: str = "") -> Feedback:
    """Compare a learner's numeric answer with the expected value and say how far off it is.

    Right: the full value (within ``rtol``/``atol``), the value rounded to the digits the learner wrote
    when that is at least ``digits`` significant digits (the precision the prompt asks for), or an answer
    with at least ``digits`` digits that is right to ``digits`` of them (its further digits off, as with
    rounded intermediate values: 23.3106 for 23.3105469 at 4 digits).
    Consistent but with fewer digits: asked for more. A value of the wrong sign: said so.
    """
    value = read_number(answer, what)
    if isinstance(value, Feedback):
        return value
    if np.isclose(value, expected, rtol=rtol, atol=atol):
        return Feedback(True, _("Exactly: {what} = {expected:.9g}.").format(what=what, expected=expected))
    precision = given_digits(answer)
    if precision[0] >= 1 and rounds_to(answer, expected):
        if precision[0] >= digits:
            return Feedback(True, _("Right: {what} = {expected:.9g}, and your {given:.{digits}g} is that value "
                                    "rounded to the {digits} significant digits you gave.").format(
                what=what, expected=expected, given=value, digits=precision[0]))
        return Feedback(False, _("Your {given:g} agrees as far as it goes, but give {what} to at least {digits} "
                                 "significant digits, so that a near miss cannot pass.").format(
            given=value, what=what, digits=digits))
    if precision[0] >= digits and agrees_to(value, expected, digits):
        return Feedback(True, _("Right to the {digits} significant digits asked: {what} = {expected:.{digits}g} "
                                "(in full {expected:.9g}). Your last digits differ a little, as they do when "
                                "intermediate values are rounded.").format(digits=digits, what=what,
                                                                           expected=expected))
    if matches(-value, expected, rtol=rtol, atol=atol, digits=digits):
        return Feedback(False, _with_hint(_("Right size, wrong sign for {what}.").format(what=what), hint))
    return Feedback(False, _with_hint(_("You gave {given:.9g} for {what}, which is off by {off:+.3g}.").format(
        given=value, what=what, off=value - expected), hint))


def _with_hint(message: str, hint: str) -> str:
    """A message and, after it, the caller's hint (one or more whole sentences, already translated)."""
    return f"{message} {hint}".strip()


def shape_advice(got: tuple, want: tuple) -> str:
    """The likely reason for a shape mismatch: transposed, a flat vector for a column, or vice versa."""
    if len(got) == 2 and got == want[::-1] and got != want:
        return _("Transposed: swap the two axes (rows first).")
    if len(want) == 2 and want[1] == 1 and got == (want[0],):
        return _("A column has shape (n, 1): use keepdims=True or reshape(-1, 1).")
    if len(got) == 2 and got[1] == 1 and want == (got[0],):
        return _("That is a column; this one is a flat vector: use .ravel().")
    return ""


def compare_array(answer: Any, expected: np.ndarray, *, what: str, rtol: float = 1e-6,
                  atol: float = 1e-9, hint: str = "") -> Feedback:
    """Compare an array answer: first what it contains, then its shape, then its values."""
    arr = read_array(answer, what)
    if isinstance(arr, Feedback):
        return arr
    expected = np.asarray(expected, dtype=float)
    if arr.shape != expected.shape:
        advice = shape_advice(arr.shape, expected.shape) or hint
        return Feedback(False, _with_hint(_("{what} should have shape {want}; yours has shape {got}.").format(
            what=_cap(what), want=expected.shape, got=arr.shape), advice))
    if np.allclose(arr, expected, rtol=rtol, atol=atol):
        return Feedback(True, _("{what} matches (shape {shape}).").format(what=_cap(what), shape=expected.shape))
    worst = np.unravel_index(np.argmax(np.abs(arr - expected)), arr.shape)
    return Feedback(False, _with_hint(_("{what}: entry {entry} is {value:.6g}, expected something else.").format(
        what=_cap(what), entry=tuple(int(i) for i in worst), value=arr[worst]), hint))
