"""helpers._checks: what the shared checks accept and return (their error messages are rows of
tests/test_bad_input_table.py)."""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from helpers import _checks as checks


def test_as_array_returns_a_float_array_without_copying_when_it_can():
    x64, x32 = np.arange(6.0).reshape(2, 3), np.ones(3, np.float32)
    assert checks.as_array("x", x64) is x64 and checks.as_array("x", x32) is x32
    assert checks.as_array("x", [1, 2]).dtype == np.float64
    assert checks.as_array("x", x32, dtype=np.float64).dtype == np.float64
    np.testing.assert_array_equal(checks.as_array("x", [Fraction(1, 2), sp.Float(0.25), 10**20]),
                                  [0.5, 0.25, 1e20])
    np.testing.assert_array_equal(checks.as_array("labels", [True, False], allow_bool=True), [1.0, 0.0])
    assert checks.as_array("x", [], allow_empty=True).shape == (0,)


def test_all_finite_is_exact_even_when_the_sum_overflows():
    assert checks.all_finite(np.array([1e308, 1e308, -1e308]))           # the sum overflows, entries do not
    assert checks.all_finite(np.float32([3e38, 3e38]))
    assert not checks.all_finite(np.array([1.0, np.nan]))
    assert not checks.all_finite(np.array([np.inf, -np.inf, 1.0]))


def test_as_scalar_takes_any_real_number_type():
    for value, expected in ((Fraction(1, 4), 0.25), (sp.Rational(3, 4), 0.75), (np.int64(3), 3.0),
                            (np.float32(0.5), 0.5), (10**20, 1e20), (np.array(2.5), 2.5)):
        out = checks.as_scalar("v", value)
        assert isinstance(out, float) and out == expected


def test_check_choice_compares_numbers_by_value_and_everything_else_by_type():
    assert checks.check_choice("eta", 1, (0.5, 1.0)) == 1
    assert checks.check_choice("name", np.str_("tanh"), ("tanh", "relu")) == "tanh"
    for bad in (True, "1", [1.0], np.array([1.0]), None):
        with pytest.raises(ValueError, match="eta must be one of"):
            checks.check_choice("eta", bad, (0.5, 1.0))
    assert checks.check_choice("mode", None, (None, "fast")) is None


def test_check_finite_result_walks_containers_and_passes_values_through():
    value = {"a": [np.ones(2), None], "b": (1.0, np.float32(2.0))}
    assert checks.check_finite_result("the result", value) is value
    with pytest.raises(ValueError, match="the result is too large for this computation.*Use less."):
        checks.check_finite_result("the result", {"a": [np.ones(2), np.array([np.inf])]}, advice="Use less.")


def test_finite_arithmetic_turns_every_kind_of_overflow_into_one_value_error():
    for overflow in (lambda: np.exp(np.array([1000.0])), lambda: 10.0 ** 400, lambda: 1.0 / (1e-200 ** 2),
                     lambda: np.array([1e308]) * 10):
        with pytest.raises(ValueError, match="x is too large for this computation"):
            with checks.finite_arithmetic("x"):
                overflow()
    with checks.finite_arithmetic("x"):                        # underflow to 0 is fine
        assert np.exp(np.array([-1000.0]))[0] == 0.0


def test_finite_call_checks_python_float_results_too():
    assert checks.finite_call("y", lambda: 2.0 * 3.0) == 6.0
    with pytest.raises(ValueError, match="y is too large"):
        checks.finite_call("y", lambda: 1e200 * 1e200)       # Python's float * overflows to inf silently


def test_check_size_as_pair_and_check_str():
    assert checks.check_size("grid", checks.MAX_ENTRIES) == checks.MAX_ENTRIES
    with pytest.raises(ValueError, match=f"grid asks for {checks.MAX_ENTRIES + 1:,} entries"):
        checks.check_size("grid", checks.MAX_ENTRIES + 1)
    assert checks.as_pair("span", [Fraction(1, 2), 3], increasing=True) == (0.5, 3.0)
    assert checks.check_str("slug", "04") == "04"
    with pytest.raises(TypeError, match="slug must be a string"):
        checks.check_str("slug", 4)


def test_real_numbers_beyond_float_range_are_named():
    with pytest.raises(ValueError, match="v is too large to compute with"):
        checks.as_scalar("v", 10**400)
    assert math.isfinite(checks.as_scalar("v", 10**308))
