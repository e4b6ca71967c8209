"""Exercises of notebook 01_chain_rule. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import math

import numpy as np

from ..autograd import Value
from ..chain_rule import seed004_h_prime, seed004_h_prime_slip
from ..i18n import _
from .feedback import NOT_ANSWERED, Feedback, compare_number, matches

__all__ = ["EX1_X", "EX2_X", "EX3_X", "DIGITS", "check_h_prime", "check_sin_of_square", "check_two_paths",
           "expected_h_prime", "expected_sin_of_square", "expected_two_paths", "two_path_slips", "ANSWERS"]

DIGITS = 4    # every prompt of notebook 01 asks for at least this many significant digits

# Exercise points: none is a point where notebook 01 already prints the answer before the exercises
# (tests/test_chain_rule.py scans the notebook's outputs), nor an unlucky point where a slip agrees.
EX1_X = 0.25  # exercise 1: h'(x) of seed 004's composite at this x
EX2_X = 0.8   # exercise 2: d/dx sin(x²) at this x
EX3_X = 0.4   # exercise 3: dz/dx of z = u·v, u = x² + 1, v = e^(−x), at this x (not §4's example)


def expected_h_prime() -> float:
    """h'(EX1_X) for h(x) = g(f(x)), f = (x+1)², g = u³ + 2u − 5."""
    return float(seed004_h_prime(EX1_X))


def check_h_prime(answer) -> Feedback:
    """Exercise 1: the chain-rule derivative of seed 004's h at x = EX1_X."""
    if answer is None:
        return NOT_ANSWERED
    slip = float(seed004_h_prime_slip(EX1_X))
    if matches(answer, slip):
        return Feedback(False, _("{answer:g} is what the seed's formula (6x+10)(x+1)² gives. "
                                 "Substitute u = f(x) = (x+1)², not x²+1, into g'(u) = 3u² + 2.").format(
                                     answer=float(answer)))
    return compare_number(answer, expected_h_prime(), what=f"h'({EX1_X:g})", digits=DIGITS,
                          hint=_("Multiply g'(u) = 3u² + 2 at u = f(x) by f'(x) = 2(x+1)."))


def expected_sin_of_square() -> float:
    """d/dx sin(x²) at EX2_X = cos(x²)·2x."""
    return float(np.cos(EX2_X**2) * 2.0 * EX2_X)


def check_sin_of_square(answer) -> Feedback:
    """Exercise 2: d/dx sin(x²) at x = EX2_X (seed 003's f(x²) pattern with f = sin)."""
    if answer is None:
        return NOT_ANSWERED
    slip = float(np.cos(EX2_X**2) * 2.0)
    if matches(answer, slip):
        return Feedback(False, _("That is cos(x²)·2: the inner derivative of x² is 2x, not 2."))
    return compare_number(answer, expected_sin_of_square(), what=_("d/dx sin(x²) at x = {x:g}").format(x=EX2_X),
                          digits=DIGITS, hint=_("Outer derivative at the inner value, times the inner derivative."))


def expected_two_paths() -> float:
    """dz/dx for z = u·v with u = x² + 1, v = e^(−x), at EX3_X, by the autograd engine (not by the
    local derivatives the learner is asked to find)."""
    x = Value(EX3_X, "x")
    z = (x * x + 1.0) * (-x).exp()
    z.backward()
    return x.grad


def two_path_slips() -> dict[str, float]:
    """The usual wrong answers to Exercise 3, by name: one path alone, or dv/dx = +e^(−x)."""
    x = EX3_X
    u, v = x * x + 1.0, math.exp(-x)
    return {"path via u": v * 2 * x, "path via v": u * -v, "sign": v * 2 * x + u * v}


def check_two_paths(answer) -> Feedback:
    """Exercise 3: dz/dx as a sum over the path through u and the path through v."""
    if answer is None:
        return NOT_ANSWERED
    slips = two_path_slips()
    for name in ("path via u", "path via v"):
        if matches(answer, slips[name]):
            message = (_("That is only the path via u. x also reaches z through v: add the product of the "
                         "local derivatives along that path too.") if name.endswith("u") else
                       _("That is only the path via v. x also reaches z through u: add the product of the "
                         "local derivatives along that path too."))
            return Feedback(False, message)
    if matches(answer, slips["sign"]):
        return Feedback(False, _("Check dv/dx: the derivative of e^(−x) is −e^(−x) (the chain rule again, "
                                 "with inner function −x)."))
    return compare_number(answer, expected_two_paths(), what=_("dz/dx at x = {x:g}").format(x=EX3_X), digits=DIGITS,
                          hint=_("dz/dx = ∂z/∂u·du/dx + ∂z/∂v·dv/dx; find each of the four factors first."))


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: expected_h_prime, 2: expected_sin_of_square, 3: expected_two_paths}
