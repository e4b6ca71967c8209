"""Checking a function the learner wrote (the write-it-yourself exercises of notebooks 02, 04, 06, 07).

A checker (1) refuses what is not a function (:func:`function_problem`), (2) calls it on several
seeded draws of random inputs with :func:`call`, which turns the stub's ``NotImplementedError``, a
missing ``return``, any exception and any change to the caller's arguments into kind feedback,
(3) reads each result against the shape of the expected one with :func:`flatten`, and (4) lets
:func:`judge` compare it with the expected values (central differences, or a helpers reference) and
with named mistaken variants (computed by helpers): every wrong entry that a variant explains gets
that variant's message, which names the likely mistake.

Messages are shown in the edition's language (:mod:`helpers.i18n`). What a checker passes in is part
of what the learner reads, so callers pass it translated, with ``_()``: ``where`` (a phrase placing the
draw, "on a 3-4-2 network with a batch of 5"), ``hint``, ``instead``, ``ok_message``, the variants'
messages, ``label`` when it has words ("what `f` returns"), and ``expected_by`` (English: a phrase
that a number follows, "central differences give"; Korean: a noun phrase followed by a colon,
"중앙 차분으로 구한 값"). Names of functions and arguments (``name``, ``checker``) are code: not
translated.
"""

from __future__ import annotations

import copy
import inspect
import sys
import traceback
import warnings
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ..i18n import _, ngettext, pgettext
from .feedback import Feedback, _cap, _with_hint, describe, read_array, read_number, shape_advice

__all__ = ["Draw", "EngineCalled", "function_problem", "engine_call", "engine_feedback", "call", "flatten",
           "run_and_read", "judge", "check_draws", "numbers_of", "same_value"]

RTOL, ATOL = 1e-6, 1e-9   # a learner's entry agrees with the expected one within these
ShapeHint = Callable[[str, tuple, tuple], str]


def function_problem(fn: Any, name: str, checker: str) -> Feedback | None:
    """Feedback when ``fn`` is not a function (None: it is one)."""
    if fn is None:
        return Feedback(False, _("Define `{name}` with a `def` in the exercise cell, then pass it: "
                                 "`{checker}({name})`.").format(name=name, checker=checker))
    if not callable(fn):
        return Feedback(False, _("Pass the function itself, without calling it: `{checker}({name})`, not "
                                 "`{checker}({name}(…))`. You passed {given}.").format(checker=checker, name=name,
                                                                                      given=describe(fn)))
    return None


def same_value(a: Any, b: Any) -> bool:
    """Whether two argument values are identical (arrays entry by entry, containers item by item)."""
    if isinstance(a, np.ndarray) or isinstance(b, np.ndarray):
        return (isinstance(a, np.ndarray) and isinstance(b, np.ndarray) and a.shape == b.shape
                and a.dtype == b.dtype and bool(np.array_equal(a, b, equal_nan=True)))
    if isinstance(a, (list, tuple)):
        return (type(a) is type(b) and len(a) == len(b)
                and all(same_value(x, y) for x, y in zip(a, b, strict=True)))
    if isinstance(a, Mapping):
        return isinstance(b, Mapping) and a.keys() == b.keys() and all(same_value(a[k], b[k]) for k in a)
    try:
        return bool(a == b)
    except Exception:   # an object without a usable ==: treat as unchanged
        return True


def _line_in(fn: Callable, exc: BaseException) -> str:
    """The line of the learner's own function where ``exc`` was raised (or '' if not inside it)."""
    code = getattr(fn, "__code__", None)
    if code is None:
        return ""
    frames = [f for f in traceback.extract_tb(exc.__traceback__) if f.filename == code.co_filename]
    return frames[-1].line.strip() if frames and frames[-1].line else ""


def _exception_feedback(fn: Callable, name: str, exc: Exception, where: str, hint: str) -> Feedback:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else ""
    text = text if len(text) <= 200 else text[:197] + "..."
    line = _line_in(fn, exc)
    fields = {"name": name, "error": type(exc).__name__, "text": text, "where": where, "line": line}
    if text and line:
        message = _("`{name}` raised {error}: {text} ({where}) in the line `{line}`.")
    elif text:
        message = _("`{name}` raised {error}: {text} ({where}).")
    elif line:
        message = _("`{name}` raised {error} ({where}) in the line `{line}`.")
    else:
        message = _("`{name}` raised {error} ({where}).")
    return Feedback(False, _with_hint(message.format(**fields), hint))


class EngineCalled(Exception):
    """Raised inside the learner's function when it calls one of the engine's own functions that the
    exercise asks them to write themselves (see :func:`engine_call`)."""

    def __init__(self, label: str):
        super().__init__(label)
        self.label = label


def _code_of(target: Any) -> Any:
    """The code object a call of ``target`` (a function, method, property or bound method) runs."""
    if isinstance(target, property):
        target = target.fget
    target = inspect.unwrap(getattr(target, "__func__", target))
    code = getattr(target, "__code__", None)
    if code is None:
        raise TypeError(_("forbidden must map Python functions to labels; got {target!r}").format(target=target))
    return code


class engine_call:   # noqa: N801 (used as a context manager, like a function)
    """While active, a call of any function in ``forbidden`` (a mapping: function -> the label shown to
    the learner, e.g. ``{Value.tanh: "Value.tanh"}``) raises :class:`EngineCalled` at once: the checker
    notices a learner's function that hands the work to the engine instead of doing it. It watches calls
    with ``sys.setprofile`` (restored afterwards), so no helpers function is patched."""

    def __init__(self, forbidden: Mapping[Any, str] | None):
        self.codes = {_code_of(f): label for f, label in (forbidden or {}).items()}

    def _watch(self, frame, event, arg):
        if event == "call" and frame.f_code in self.codes:
            raise EngineCalled(self.codes[frame.f_code])

    def __enter__(self):
        self.previous = sys.getprofile()
        if self.codes:
            sys.setprofile(self._watch)
        return self

    def __exit__(self, *exc):
        sys.setprofile(self.previous)
        return False


def engine_feedback(name: str, label: str, instead: str = "") -> Feedback:
    """The kind reply to a learner whose ``name`` calls the engine's ``label`` instead of doing the work."""
    if instead:
        return Feedback(False, _("Your `{name}` calls `{label}`, the engine's own version of what this exercise asks "
                                 "you to write, so it would pass without showing your own steps. Using the engine "
                                 "is the right thing in real work; here, write the steps yourself: {instead}."
                                 ).format(name=name, label=label, instead=instead))
    return Feedback(False, _("Your `{name}` calls `{label}`, the engine's own version of what this exercise asks "
                             "you to write, so it would pass without showing your own steps. Using the engine "
                             "is the right thing in real work; here, write the steps yourself."
                             ).format(name=name, label=label))


def call(fn: Callable, name: str, args: Mapping[str, Any], *, where: str, hint: str = "",
         unchanged: Iterable[str] | None = None, source: Callable | None = None,
         forbidden: Mapping[Any, str] | None = None, instead: str = "") -> Any:
    """``fn(*args.values())`` with the learner's mistakes turned into Feedback (returned, not raised).

    ``args`` maps parameter names to values (names are used in messages); ``where`` describes the draw
    ("on a 3-4-2 network with a batch of 5"); ``hint`` is added when the call raises. The arguments
    named in ``unchanged`` (default: all) must not be modified in place. ``source`` is the learner's
    function whose line is quoted when the call raises (default ``fn``). numpy warnings inside the
    learner's code are silenced: a NaN or inf result is reported by :func:`flatten` instead.
    ``forbidden`` maps engine functions the exercise asks the learner not to call to their labels; a
    call of one gets :func:`engine_feedback` (``instead`` says what to write in its place).
    """
    watched = list(args) if unchanged is None else list(unchanged)
    before = {k: copy.deepcopy(args[k]) for k in watched}
    with warnings.catch_warnings(), np.errstate(all="ignore"):
        warnings.simplefilter("ignore")
        try:
            with engine_call(forbidden):
                out = fn(*args.values())
        except EngineCalled as called:
            return engine_feedback(name, called.label, instead)
        except NotImplementedError:
            return Feedback(False, _("`{name}` still raises NotImplementedError, as the stub does. Write the body "
                                     "of `{name}`, then run this cell again.").format(name=name))
        except Exception as exc:  # the learner's bug: reported kindly, never a traceback
            return _exception_feedback(source or fn, name, exc, where, hint)
    changed = [k for k in watched if not same_value(args[k], before[k])]
    if changed:
        which = pgettext("between the names of a list", " and ").join(f"`{k}`" for k in changed)
        return Feedback(False, ngettext(
            "`{name}` changed its argument {which} in place ({where}). Leave the inputs as they are and return "
            "new values: the caller may still need the old ones.",
            "`{name}` changed its arguments {which} in place ({where}). Leave the inputs as they are and return "
            "new values: the caller may still need the old ones.", len(changed)).format(name=name, which=which,
                                                                                       where=where))
    if out is None:
        return Feedback(False, _("`{name}` returned None. Write the body of `{name}` and end it with "
                                 "`return …`, then run this cell again.").format(name=name))
    return out


def flatten(value: Any, template: Any, label: str, shape_hint: ShapeHint | None = None,
            parts: Sequence[str] | None = None) -> tuple[np.ndarray, list[str]] | Feedback:
    """The numbers of ``value`` in the order of ``template`` (a float, an array, or a tuple/list/dict of
    those), with a label for each entry; or Feedback when ``value`` is not built like ``template``.

    ``parts`` names the items of a top-level tuple (e.g. ``("dx", "dy")``): their entries are labelled
    by these names instead of ``label[i]``."""
    if isinstance(template, float):
        number = read_number(value, _as_code(label))
        return number if isinstance(number, Feedback) else (np.array([number]), [label])
    if isinstance(template, np.ndarray):
        return _flatten_array(value, template, label, shape_hint)
    if isinstance(template, Mapping):
        return _flatten_dict(value, template, label, shape_hint)
    kind = type(template).__name__
    names = list(parts) if parts else [f"{label}[{i}]" for i in range(len(template))]
    if not isinstance(value, (list, tuple)) or len(value) != len(template):
        if parts:
            return Feedback(False, _("{label} should be a {kind} of {n} items ({parts}); yours is {given}.").format(
                label=label, kind=kind, n=len(template), parts=", ".join(parts), given=describe(value)))
        return Feedback(False, _("{label} should be a {kind} of {n} items; yours is {given}.").format(
            label=label, kind=kind, n=len(template), given=describe(value)))
    return _join([flatten(v, t, n, shape_hint) for v, t, n in zip(value, template, names, strict=True)])


def _as_code(label: str) -> str:
    """A label as the learner reads it: ``dx`` in backticks; a label that already quotes code
    ("what `f` returns", or its translation) as it is (backticks inside backticks break the markdown)."""
    return label if "`" in label else f"`{label}`"


def _flatten_array(value, template: np.ndarray, label: str, shape_hint: ShapeHint | None):
    arr = read_array(value, _as_code(label))
    if isinstance(arr, Feedback):
        return arr
    if arr.shape != template.shape:
        advice = (shape_hint(label, arr.shape, template.shape) if shape_hint else "") or \
            shape_advice(arr.shape, template.shape)
        return Feedback(False, _with_hint(_("{label} should have shape {want}; yours has shape {got}.").format(
            label=_cap(_as_code(label)), want=template.shape, got=arr.shape), advice))
    labels = [f"{label}[{', '.join(str(i) for i in idx)}]" for idx in np.ndindex(template.shape)]
    return arr.ravel(), labels


def _flatten_dict(value, template: Mapping, label: str, shape_hint: ShapeHint | None):
    if not isinstance(value, Mapping):
        return Feedback(False, _("{label} should be a dict with keys {keys}; yours is {given}.").format(
            label=label, keys=", ".join(template), given=describe(value)))
    missing = ", ".join(map(str, (k for k in template if k not in value)))
    unknown = ", ".join(map(repr, (k for k in value if k not in template)))
    fields = {"label": label, "keys": ", ".join(template), "missing": missing, "unknown": unknown}
    if missing and unknown:
        return Feedback(False, _("{label} should have exactly the keys {keys}; yours is missing {missing} and has "
                                 "the unexpected key(s) {unknown}.").format(**fields))
    if missing:
        return Feedback(False, _("{label} should have exactly the keys {keys}; yours is missing {missing}."
                                 ).format(**fields))
    if unknown:
        return Feedback(False, _("{label} should have exactly the keys {keys}; yours has the unexpected key(s) "
                                 "{unknown}.").format(**fields))
    return _join([flatten(value[k], t, f"{label}['{k}']", shape_hint) for k, t in template.items()])


def _join(parts: list) -> tuple[np.ndarray, list[str]] | Feedback:
    for part in parts:
        if isinstance(part, Feedback):
            return part
    if not parts:
        return np.zeros(0), []
    return np.concatenate([p[0] for p in parts]), [label for p in parts for label in p[1]]


@dataclass(frozen=True)
class Draw:
    """One call of the learner's function: its flattened result, the expected values, and the
    mistaken variants ((message, values) pairs, the same messages in every draw) for the same inputs;
    ``where`` describes the inputs."""

    where: str
    got: np.ndarray
    expected: np.ndarray
    labels: list[str]
    variants: Sequence[tuple[str, np.ndarray]]


def _close(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    return np.isclose(a, b, rtol=RTOL, atol=ATOL)


def judge(draws: list[Draw], *, ok_message: str, hint: str, expected_by: str | None = None) -> Feedback:
    """Correct when every entry of every draw agrees with the expected values. Otherwise the named
    variants explain the wrong entries, greedily: first the variant that explains the most of them (the
    earlier one on a tie), then the one that explains most of the rest, …; each contributes its message.
    An entry no variant explains is shown with the expected value and ``hint``; ``expected_by`` says where
    that value comes from (default: "central differences give", translated)."""
    wrong = np.concatenate([~_close(d.got, d.expected) for d in draws])
    if not wrong.any():
        return Feedback(True, ok_message)
    fits = [np.concatenate([_close(d.got, d.variants[k][1]) & ~_close(d.variants[k][1], d.expected)
                            for d in draws]) for k in range(len(draws[0].variants))]
    messages: list[str] = []
    while fits:
        gains = [int(np.sum(wrong & fit)) for fit in fits]
        best = int(np.argmax(gains))
        if gains[best] == 0:
            break
        message = draws[0].variants[best][0]
        messages += [] if message in messages else [message]
        wrong &= ~fits[best]
    if wrong.any():
        first = int(np.flatnonzero(wrong)[0])
        for d in draws:
            if first < d.got.size:
                # i18n: where the expected value comes from; English: a number follows it; Korean: a noun
                # phrase ("…으로 구한 값"), the template puts a colon after it
                by = _("central differences give") if expected_by is None else expected_by
                messages.append(_with_hint(_("{label} {where}: yours is {got:.6g}; {expected_by} {expected:.6g}."
                                             ).format(label=d.labels[first], where=d.where, got=d.got[first],
                                                      expected_by=by, expected=d.expected[first]), hint))
                break
            first -= d.got.size
    return Feedback(False, " ".join(messages))


def run_and_read(fn: Callable, name: str, args: Mapping[str, Any], template: Any, *, where: str, label: str,
                 parts: Sequence[str] | None = None, shape_hint: ShapeHint | None = None, hint: str = "",
                 unchanged: Iterable[str] | None = None,
                 precheck: Callable[[Any], Feedback | None] | None = None,
                 forbidden: Mapping[Any, str] | None = None, instead: str = ""
                 ) -> tuple[np.ndarray, list[str]] | Feedback:
    """:func:`call` then :func:`flatten`: the learner's result as labelled numbers, or Feedback.
    ``precheck(result)`` may recognise a slip (e.g. lists in reverse order) before the shapes are read."""
    out = call(fn, name, args, where=where, hint=hint, unchanged=unchanged, forbidden=forbidden, instead=instead)
    if isinstance(out, Feedback):
        return out
    early = precheck(out) if precheck else None
    if early is not None:
        return early
    flat = flatten(out, template, label, shape_hint, parts)
    if isinstance(flat, Feedback):
        return Feedback(False, f"{_cap(where)}: {flat.message}")
    return flat


def numbers_of(structure: Any) -> np.ndarray:
    """All numbers of a result computed by helpers (floats, arrays, and lists/tuples/dicts of them), in
    order, as one flat float array (NaN allowed): the counterpart of :func:`flatten` for trusted values."""
    if isinstance(structure, Mapping):
        structure = list(structure.values())
    if isinstance(structure, (list, tuple)):
        parts = [numbers_of(item) for item in structure]
        return np.concatenate(parts) if parts else np.zeros(0)
    return np.asarray(structure, dtype=np.float64).ravel()


def check_draws(make_draw: Callable[[Any], Draw | Feedback], inputs: Iterable[Any], *, ok_message: str,
                hint: str, expected_by: str | None = None) -> Feedback:
    """``make_draw`` on every input, then :func:`judge`. When a draw fails outright (an exception, a
    wrong shape …), a mistake the earlier draws already show is reported first: the same slip often
    computes on one network and crashes on the next."""
    draws: list[Draw] = []
    for item in inputs:
        draw = make_draw(item)
        if isinstance(draw, Feedback):
            so_far = judge(draws, ok_message="", hint=hint, expected_by=expected_by) if draws else None
            return so_far if so_far is not None and not so_far.ok else draw
        draws.append(draw)
    return judge(draws, ok_message=ok_message, hint=hint, expected_by=expected_by)
