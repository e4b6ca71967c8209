"""Friendly feedback for exercises (used by every ``check_*`` function)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np


@dataclass(frozen=True)
class Feedback:
    """The reply to one exercise attempt. Displays as one line; ``bool(fb)`` is ``fb.ok``."""

    ok: bool
    message: str

    def __bool__(self) -> bool:
        return self.ok

    def __repr__(self) -> str:
        return ("✅ Correct. " if self.ok else "❌ Not yet. ") + self.message

    def _repr_markdown_(self) -> str:
        return ("✅ **Correct.** " if self.ok else "❌ **Not yet.** ") + self.message


NOT_ANSWERED = Feedback(False, "Replace `None` with your answer and run the cell again.")


def matches(answer: Any, value: float, rtol: float = 1e-6, atol: float = 1e-12) -> bool:
    """Whether a learner's answer is (numerically) ``value``; False for anything not a number.

    The ``check_*`` functions use it to recognise a typical wrong answer and name the slip.
    """
    try:
        return bool(np.isclose(float(answer), value, rtol=rtol, atol=atol))
    except (TypeError, ValueError):
        return False


def compare_number(answer: Any, expected: float, *, what: str, rtol: float = 1e-6,
                   atol: float = 1e-9, hint: str = "") -> Feedback:
    """Compare a learner's numeric answer with the expected value and say how far off it is."""
    if answer is None:
        return NOT_ANSWERED
    try:
        value = float(answer)
    except (TypeError, ValueError):
        return Feedback(False, f"{what} should be a number; you gave {type(answer).__name__} {answer!r}.")
    if not np.isfinite(value):
        return Feedback(False, f"{what} should be a finite number; you gave {value}.")
    if np.isclose(value, expected, rtol=rtol, atol=atol):
        return Feedback(True, f"{what} = {expected:.9g}.")
    if np.isclose(-value, expected, rtol=rtol, atol=atol):
        return Feedback(False, f"{what}: right size, wrong sign. {hint}".strip())
    return Feedback(False, f"{what}: you gave {value:.9g}, which is off by {value - expected:+.3g}. {hint}".strip())


def compare_array(answer: Any, expected: np.ndarray, *, what: str, rtol: float = 1e-6,
                  atol: float = 1e-9, hint: str = "") -> Feedback:
    """Compare an array answer: first its shape, then its values."""
    if answer is None:
        return NOT_ANSWERED
    try:
        arr = np.asarray(answer, dtype=float)
    except (TypeError, ValueError):
        return Feedback(False, f"{what} should be an array of numbers; you gave {type(answer).__name__}.")
    expected = np.asarray(expected, dtype=float)
    if arr.shape != expected.shape:
        message = f"{what} should have shape {expected.shape}; yours has shape {arr.shape}. {hint}"
        return Feedback(False, message.strip())
    if np.allclose(arr, expected, rtol=rtol, atol=atol):
        return Feedback(True, f"{what} matches (shape {expected.shape}).")
    worst = np.unravel_index(np.argmax(np.abs(arr - expected)), arr.shape)
    return Feedback(False, f"{what}: entry {tuple(int(i) for i in worst)} is {arr[worst]:.6g}, expected "
                           f"something else. {hint}".strip())
