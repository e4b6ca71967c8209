"""Exercises of notebook 01_chain_rule. Each ``check_*`` takes the learner's answer and returns a
:class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..chain_rule import seed004_h_prime, seed004_h_prime_slip, sum_over_paths, two_path_example
from .feedback import NOT_ANSWERED, Feedback, compare_number, matches

__all__ = ["EX1_X", "EX2_X", "EX3_X", "check_h_prime", "check_sin_of_square", "check_two_paths",
           "expected_h_prime", "expected_sin_of_square", "expected_two_paths"]

# Exercise points: none is a point where notebook 01 already prints the answer before the exercises
# (tests/test_chain_rule.py scans the notebook's outputs), nor an unlucky point where a slip agrees.
EX1_X = 0.25  # exercise 1: h'(x) of seed 004's composite at this x
EX2_X = 0.8   # exercise 2: d/dx sin(x²) at this x
EX3_X = 1.3   # exercise 3: dz/dx of the two-path example at this x


def expected_h_prime() -> float:
    """h'(EX1_X) for h(x) = g(f(x)), f = (x+1)², g = u³ + 2u − 5."""
    return float(seed004_h_prime(EX1_X))


def check_h_prime(answer) -> Feedback:
    """Exercise 1: the chain-rule derivative of seed 004's h at x = EX1_X."""
    if answer is None:
        return NOT_ANSWERED
    slip = float(seed004_h_prime_slip(EX1_X))
    if matches(answer, slip):
        return Feedback(False, f"{float(answer):g} is what the seed's formula (6x+10)(x+1)² gives. "
                               "Substitute u = f(x) = (x+1)², not x²+1, into g'(u) = 3u² + 2.")
    return compare_number(answer, expected_h_prime(), what=f"h'({EX1_X:g})",
                          hint="Multiply g'(u) = 3u² + 2 at u = f(x) by f'(x) = 2(x+1).")


def expected_sin_of_square() -> float:
    """d/dx sin(x²) at EX2_X = cos(x²)·2x."""
    return float(np.cos(EX2_X**2) * 2.0 * EX2_X)


def check_sin_of_square(answer) -> Feedback:
    """Exercise 2: d/dx sin(x²) at x = EX2_X (seed 003's f(x²) pattern with f = sin)."""
    if answer is None:
        return NOT_ANSWERED
    slip = float(np.cos(EX2_X**2) * 2.0)
    if matches(answer, slip):
        return Feedback(False, "That is cos(x²)·2: the inner derivative of x² is 2x, not 2.")
    return compare_number(answer, expected_sin_of_square(), what=f"d/dx sin(x²) at x = {EX2_X:g}",
                          hint="Outer derivative at the inner value, times the inner derivative.")


def expected_two_paths() -> float:
    """dz/dx for z = u·v + v², u = x², v = sin x at EX3_X: the sum over both paths."""
    p = two_path_example(EX3_X)
    return sum_over_paths([p["dz_du"], p["dz_dv"]], [p["du_dx"], p["dv_dx"]])


def check_two_paths(answer) -> Feedback:
    """Exercise 3: dz/dx as a sum over the path through u and the path through v."""
    if answer is None:
        return NOT_ANSWERED
    p = two_path_example(EX3_X)
    one_path = {"u": p["dz_du"] * p["du_dx"], "v": p["dz_dv"] * p["dv_dx"]}
    for name, value in one_path.items():
        if matches(answer, value):
            return Feedback(False, f"That is only the path through {name}. x also reaches z along "
                                   "the other path: add both products.")
    return compare_number(answer, expected_two_paths(), what=f"dz/dx at x = {EX3_X:g}",
                          hint="dz/dx = ∂z/∂u·du/dx + ∂z/∂v·dv/dx.")


# Exercise number -> its answer, computed (tests/test_exercise_answers_hidden.py checks that no stored
# output above the exercise prints it, in either edition).
ANSWERS = {1: expected_h_prime, 2: expected_sin_of_square, 3: expected_two_paths}
