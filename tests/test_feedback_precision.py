"""A right answer is right at the digits the prompt asks for: compare_number accepts the full value, the
value rounded to the digits the learner wrote, and an answer right to the asked digits whose further
digits are off (rounded intermediates); it asks for more digits when fewer agree and rejects a near miss.
Expected values here are typed from an independent computation (sympy), not from the code under test."""

from __future__ import annotations

import pytest
import sympy as sp

from helpers.exercises.feedback import agrees_to, compare_number, given_digits, matches, rounds_to

X = sp.Symbol("x")
# h(x) = g(f(x)), f = (x+1)², g = u³ + 2u − 5, at x = 0.25 (notebook 01's Exercise 1)
H_PRIME = float(sp.diff(((X + 1) ** 2) ** 3 + 2 * (X + 1) ** 2 - 5, X).subs(X, sp.Rational(1, 4)))


@pytest.mark.parametrize("answer,digits", [(0.0827, (3, -4)), (23.3105, (6, -4)), (1500.0, (2, 2)), (7, (1, 0)),
                                           (1.23e-05, (3, -7)), (0.0, (0, 0)), (-0.5348, (4, -4))])
def test_given_digits_reads_what_the_learner_wrote(answer, digits):
    assert given_digits(answer) == digits


def test_h_prime_is_what_sympy_says():
    assert H_PRIME == pytest.approx(23.310546875, abs=1e-12)


@pytest.mark.parametrize("answer", [23.310546875, 23.3105, 23.31, 23.311, 23.3106, 23.3104])
def test_right_answers_at_four_digits_pass(answer):
    fb = compare_number(answer, H_PRIME, what="h'(0.25)", digits=4)
    assert fb.ok, fb.message
    assert fb.message[0].isupper()


@pytest.mark.parametrize("answer,words", [(23.3, "at least 4 significant digits"), (23.0, "at least 4"),
                                          (23.32, "off by"), (23.3, "agrees as far as it goes"),
                                          (-23.3105, "wrong sign"), (0.0, "off by")])
def test_near_misses_and_too_few_digits_do_not_pass(answer, words):
    fb = compare_number(answer, H_PRIME, what="h'(0.25)", digits=4)
    assert not fb.ok and words in fb.message, fb.message
    assert fb.message[0].isupper()


def test_agrees_to_is_half_a_unit_of_the_asked_digit():
    assert agrees_to(0.0836316, 0.0836314277, 3) and agrees_to(0.08365, 0.0836314277, 3)
    assert not agrees_to(0.0837, 0.0836314277, 3) and not agrees_to(1.0, 0.0, 3)


def test_rounds_to_and_matches():
    assert rounds_to(0.0827, 0.082667628) and not rounds_to(0.0826, 0.082667628)
    assert matches(0.139, 0.1385) and not matches(0.14, 0.1385)   # 2 digits cannot name a slip
