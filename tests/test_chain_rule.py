"""helpers.chain_rule and the notebook-01 exercises: step-size theory, seed 004's composite (the
slip and the correct derivative, against sympy and finite differences), and the sum over paths."""

import numpy as np
import pytest
import sympy as sp

from helpers.chain_rule import (
    EPS,
    best_step,
    seed004_f,
    seed004_g,
    seed004_h,
    seed004_h_prime,
    seed004_h_prime_slip,
    step_size_errors,
    sum_over_paths,
    theoretical_best_step,
    two_path_example,
)
from helpers.exercises import nb01
from helpers.exercises.feedback import NOT_ANSWERED
from helpers.gradcheck import central_difference, relative_error

X = sp.symbols("x")
H_EXPR = ((X + 1) ** 2) ** 3 + 2 * (X + 1) ** 2 - 5


def test_seed004_functions_match_their_formulas():
    assert seed004_f(2.0) == 9.0
    assert seed004_g(2.0) == 7.0
    for x in (-1.3, 0.0, 0.5, 2.0):
        assert seed004_h(x) == pytest.approx(float(H_EXPR.subs(X, x)), rel=1e-13)


def test_seed004_correct_derivative_agrees_with_sympy_and_finite_differences():
    exact = sp.diff(H_EXPR, X)
    correct = (3 * (X + 1) ** 4 + 2) * 2 * (X + 1)
    assert sp.simplify(exact - correct) == 0
    for x in (-2.0, -0.5, 0.0, 0.5, 1.0, 3.0):
        assert seed004_h_prime(x) == pytest.approx(float(exact.subs(X, x)), rel=1e-12)
        assert relative_error(central_difference(seed004_h, x, 1e-5), seed004_h_prime(x)) < 1e-7


def test_seed004_slip_disagrees_with_sympy_and_finite_differences():
    slip = (6 * X + 10) * (X + 1) ** 2
    assert sp.simplify(sp.diff(H_EXPR, X) - slip) != 0
    for x in (-2.0, 0.5, 1.0, 3.0):
        assert seed004_h_prime_slip(x) == pytest.approx(float(slip.subs(X, x)))
        assert relative_error(central_difference(seed004_h, x, 1e-5), seed004_h_prime_slip(x)) > 0.1
    # ... yet the two formulas happen to agree at a few points (x = 0 among them): one check is not enough
    assert seed004_h_prime_slip(0.0) == seed004_h_prime(0.0) == 10.0


def test_seed004_functions_accept_arrays():
    xs = np.array([0.0, 1.0])
    assert np.allclose(seed004_h_prime(xs), [seed004_h_prime(0.0), seed004_h_prime(1.0)])


def test_best_steps_are_near_theory_for_both_differences():
    x = 0.5
    hs = np.logspace(-14, -1, 131)
    forward, central = step_size_errors(seed004_h, seed004_h_prime, x, hs)
    f2 = float(sp.diff(H_EXPR, X, 2).subs(X, x))
    f3 = float(sp.diff(H_EXPR, X, 3).subs(X, x))
    h_fwd = theoretical_best_step("forward", seed004_h(x), f2)
    h_cen = theoretical_best_step("central", seed004_h(x), f3)
    assert 0.1 < best_step(hs, forward) / h_fwd < 10
    assert 0.1 < best_step(hs, central) / h_cen < 10
    assert 0.1 < h_fwd / np.sqrt(EPS) < 10 and 0.1 < h_cen / np.cbrt(EPS) < 10
    assert central.min() < forward.min() / 100       # the central difference is much more accurate


def test_truncation_error_shrinks_with_the_expected_order():
    forward, central = step_size_errors(np.exp, np.exp, 1.0, [1e-2, 1e-3])
    assert forward[0] / forward[1] == pytest.approx(10, rel=0.05)
    assert central[0] / central[1] == pytest.approx(100, rel=0.05)


def test_best_step_smoothing_and_raw_minimum():
    hs = np.array([1.0, 2.0, 3.0, 4.0, 5.0])
    errors = np.array([5.0, 4.0, 3.0, 0.1, 3.0])
    assert best_step(hs, errors, window=1) == 4.0
    assert best_step(hs, np.array([5.0, 1.0, 0.0, 1.0, 5.0]), window=3) == 3.0   # exact zero is allowed


def test_sum_over_paths_matches_finite_differences():
    for x in (-1.0, 0.3, 0.7, 2.0):
        p = two_path_example(x)
        total = sum_over_paths([p["dz_du"], p["dz_dv"]], [p["du_dx"], p["dv_dx"]])
        numeric = central_difference(lambda t: two_path_example(t)["z"], x, 1e-5)
        assert relative_error(total, numeric) < 1e-8
        one_path = p["dz_du"] * p["du_dx"]
        assert relative_error(one_path, numeric) > 1e-3


@pytest.mark.parametrize("call, error", [
    (lambda: step_size_errors("sin", np.cos, 1.0, [1e-3]), TypeError),
    (lambda: step_size_errors(np.sin, np.cos, 1.0, [1e-3, -1e-3]), ValueError),
    (lambda: step_size_errors(np.sin, np.cos, float("nan"), [1e-3]), ValueError),
    (lambda: best_step([1.0, 2.0], [1.0]), ValueError),
    (lambda: best_step([1.0, 2.0], [1.0, 2.0], window=2), ValueError),
    (lambda: theoretical_best_step("backward", 1.0, 1.0), ValueError),
    (lambda: theoretical_best_step("central", 1.0, 0.0), ValueError),
    (lambda: sum_over_paths([1.0, 2.0], [1.0]), ValueError),
    (lambda: seed004_h("x"), TypeError),
    (lambda: two_path_example(None), TypeError),
])
def test_bad_inputs_raise_clear_errors(call, error):
    with pytest.raises(error):
        call()


def test_bad_input_message_names_the_argument():
    with pytest.raises(ValueError, match="method must be one of"):
        theoretical_best_step("left", 1.0, 1.0)


def ex3_z(t: float) -> float:
    """Exercise 3's composite, written out: z = u·v with u = t² + 1, v = e^(−t)."""
    return (t * t + 1.0) * np.exp(-t)


def at_digits(value: float, digits: int) -> float:
    """``value`` rounded to ``digits`` significant digits, as a learner would write it."""
    return float(f"{value:.{digits}g}")


@pytest.mark.parametrize(("check", "expected"), [
    (nb01.check_h_prime, lambda: float(sp.diff(H_EXPR, X).subs(X, nb01.EX1_X))),
    (nb01.check_sin_of_square, lambda: float(sp.diff(sp.sin(X**2), X).subs(X, nb01.EX2_X))),
    (nb01.check_two_paths, lambda: central_difference(ex3_z, nb01.EX3_X, 1e-5)),
])
def test_exercise_checks_accept_the_right_answer_at_the_prompts_digits_and_in_full(check, expected):
    value = expected()                                   # sympy or central differences, not the checker's helper
    assert check(value), check(value)
    for digits in range(nb01.DIGITS, 10):                # the prompts ask for at least DIGITS significant digits
        assert check(at_digits(value, digits)), (digits, check(at_digits(value, digits)))
    fewer = check(at_digits(value, nb01.DIGITS - 1))
    assert not fewer and "at least 4 significant digits" in fewer.message
    assert check(None) is NOT_ANSWERED and not check("abc")


def test_the_prompts_precision_is_the_one_the_issue_names():
    assert nb01.check_h_prime(23.3105)                  # a correct 6-digit hand answer
    assert nb01.check_h_prime(23.31)


def test_exercise_checks_name_each_slip():
    slip = nb01.check_h_prime(seed004_h_prime_slip(nb01.EX1_X))
    assert not slip and "x²+1" in slip.message
    assert "2x" in nb01.check_sin_of_square(float(np.cos(nb01.EX2_X**2) * 2)).message
    assert "2x" in nb01.check_sin_of_square(at_digits(float(np.cos(nb01.EX2_X**2) * 2), 4)).message
    x = nb01.EX3_X
    u, v = x * x + 1, np.exp(-x)
    via_u, via_v = v * 2 * x, u * -v
    assert "only the path via u" in nb01.check_two_paths(via_u).message
    assert "only the path via v" in nb01.check_two_paths(at_digits(via_v, 4)).message
    assert "−e^(−x)" in nb01.check_two_paths(via_u + u * v).message      # dv/dx taken as +e^(−x)
    assert not nb01.check_two_paths(via_u - via_v)


def test_exercise_points_avoid_the_slips_unlucky_points():
    # seed 004's slip agrees with h' at -1, -0.362029 and 0; cos(x²)·2 agrees with cos(x²)·2x at 1
    # and where cos(x²) = 0; a single path equals the sum where the other path's product is 0
    assert abs(seed004_h_prime_slip(nb01.EX1_X) - nb01.expected_h_prime()) > 1.0
    assert relative_error(float(np.cos(nb01.EX2_X**2) * 2), nb01.expected_sin_of_square()) > 0.1
    for slip in nb01.two_path_slips().values():
        assert relative_error(slip, nb01.expected_two_paths()) > 0.1


def test_exercise_answers_are_not_printed_before_the_exercises():
    import pathlib

    import nbformat

    path = pathlib.Path(__file__).resolve().parents[1] / "notebooks" / "01_chain_rule.ipynb"
    cells = nbformat.read(path, as_version=4).cells
    first_exercise = next(i for i, c in enumerate(cells) if "## Exercises" in c.source)
    shown = " ".join(c.source + " ".join(str(o.get("text", "")) + str(o.get("data", {}).get("text/plain", ""))
                                       for o in c.get("outputs", []))
                     for c in cells[:first_exercise])
    for x_value in (nb01.EX1_X, nb01.EX2_X, nb01.EX3_X):
        assert x_value not in {-2.0, -1.0, -0.5, 0.0, 0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 2.5}
    for value in (nb01.expected_h_prime(), nb01.expected_sin_of_square(), nb01.expected_two_paths()):
        for digits in (2, 4, 6):
            assert f"{value:.{digits}f}" not in shown, (value, digits)
