"""The exercise toolkit (helpers.exercises.feedback and .functions): what counts as a number, a count,
a shape or an array; how a learner's function is called, read and judged."""

import warnings
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from helpers.exercises.feedback import (
    NOT_ANSWERED,
    Feedback,
    describe,
    matches,
    read_array,
    read_count,
    read_number,
    read_shape,
)
from helpers.exercises.functions import Draw, call, check_draws, flatten, judge, numbers_of, same_value


@pytest.mark.parametrize("value", [0.25, 1, np.float32(0.25), np.float64(0.25), np.int64(3), Fraction(1, 4),
                                   sp.Float(0.25), sp.Rational(1, 4), sp.Integer(3), np.array(0.25)])
def test_every_real_number_type_is_a_number(value):
    assert read_number(value, "x") == float(value)


def test_matches_is_false_for_anything_that_is_not_one_number():
    assert matches(0.5, 0.5) and matches(Fraction(1, 2), 0.5)
    assert not any(matches(v, 0.5) for v in ("0.5", [0.5], np.array([0.5]), None, True, {0.5}))
    assert not matches(True, 1.0) and not matches("1", 1.0)


def test_counts_shapes_and_arrays_accept_what_they_should():
    assert read_count(10, "n") == 10 and read_count(np.int64(10), "n") == 10 and read_count(np.array(10), "n") == 10
    assert read_shape((3, 5), "s", 2) == (3, 5) and read_shape([3, 5], "s", 2) == (3, 5)
    assert read_shape(np.array([3, 5]), "s", 2) == (3, 5) and read_shape((np.int64(3), 5), "s", 2) == (3, 5)
    arr = read_array([[Fraction(1, 2), sp.Float(0.25)]], "a")
    assert isinstance(arr, np.ndarray) and arr.dtype == np.float64 and arr.tolist() == [[0.5, 0.25]]
    assert read_number(None, "x") is NOT_ANSWERED and read_array(None, "a") is NOT_ANSWERED
    assert read_shape(None, "s", 2) is NOT_ANSWERED and read_count(None, "n") is NOT_ANSWERED


def test_describe_never_shows_a_memory_address():
    class Thing:
        pass
    assert describe(Thing()) == "a Thing"
    assert describe(None) == "None" and describe(2.0) == "the number 2" and describe("x" * 50).endswith("...'")


def test_feedback_displays_as_one_line():
    assert repr(Feedback(True, "fine.")) == "✅ Correct. fine."
    assert Feedback(False, "no.")._repr_markdown_() == "❌ **Not yet.** no."
    assert not Feedback(False, "no.") and Feedback(True, "yes.")


def test_same_value_compares_arrays_and_containers_entry_by_entry():
    a = [np.array([1.0, 2.0]), {"w": 1.0}]
    assert same_value(a, [np.array([1.0, 2.0]), {"w": 1.0}])
    assert not same_value(a, [np.array([1.0, 2.5]), {"w": 1.0}])
    assert not same_value(a, [np.array([1.0, 2.0]), {"w": 1.5}])
    assert not same_value(np.array([1.0]), np.array([1.0], dtype=np.float32))
    assert same_value(np.array([np.nan]), np.array([np.nan]))


def test_call_turns_the_learners_problems_into_feedback_and_silences_numpy_warnings():
    def stub(x):
        raise NotImplementedError

    def overflow(x):
        return np.exp(np.array([1000.0]))

    def mutate(x):
        x[0] = 5.0
        return x
    args = {"x": np.array([1.0])}
    assert "still raises NotImplementedError" in call(stub, "f", args, where="here").message
    with warnings.catch_warnings():
        warnings.simplefilter("error")                          # a warning reaching us would fail the test
        out = call(overflow, "f", args, where="here")
    assert np.isinf(out[0])
    fb = call(mutate, "f", {"x": np.array([1.0])}, where="at x = 1")
    assert "changed its argument `x` in place (at x = 1)" in fb.message
    assert np.array_equal(call(mutate, "f", {"x": np.array([1.0])}, where="", unchanged=()), [5.0])


def test_flatten_reads_results_against_the_expected_structure():
    template = ([np.zeros((2, 1))], 0.0)
    values, labels = flatten(([[[1.0], [2.0]]], 3), template, "out", parts=("g", "s"))
    assert values.tolist() == [1.0, 2.0, 3.0] and labels == ["g[0][0, 0]", "g[0][1, 0]", "s"]
    assert "`g[0]` should have shape (2, 1); yours has shape (2,). A column" in \
        flatten(([[1.0, 2.0]], 3.0), template, "out", parts=("g", "s")).message
    assert "out should be a tuple of 2 items (g, s); yours is the number 1" in \
        flatten(1.0, template, "out", parts=("g", "s")).message
    assert "yours is missing b and has the unexpected key(s) 'c'" in \
        flatten({"a": 1.0, "c": 2.0}, {"a": 0.0, "b": 0.0}, "d").message
    assert numbers_of(([np.ones((2, 1))], {"k": np.nan})).shape == (3,)


def _draw(got, expected, variants):
    return Draw("here", np.array(got, float), np.array(expected, float), ["a", "b"],
                [(m, np.array(v, float)) for m, v in variants])


def test_judge_names_the_variant_that_explains_most_then_the_rest():
    variants = [("half", [0.5, 1.0]), ("both doubled", [2.0, 4.0]), ("first doubled", [2.0, 2.0])]
    assert judge([_draw([1.0, 2.0], [1.0, 2.0], variants)], ok_message="yes", hint="h").ok
    assert judge([_draw([2.0, 4.0], [1.0, 2.0], variants)], ok_message="", hint="h").message == "both doubled"
    assert judge([_draw([2.0, 2.0], [1.0, 2.0], variants)], ok_message="", hint="h").message == "both doubled"
    fb = judge([_draw([0.5, 9.0], [1.0, 2.0], variants)], ok_message="", hint="h")
    assert fb.message == "half b here: yours is 9; central differences give 2. h"


def test_check_draws_reports_an_earlier_slip_before_a_later_crash():
    variants = [("the slip", [2.0, 2.0])]
    crash = Feedback(False, "crashed")
    items = [_draw([2.0, 2.0], [1.0, 1.0], variants), crash]
    assert check_draws(lambda d: d, items, ok_message="", hint="").message == "the slip"
    items = [_draw([1.0, 1.0], [1.0, 1.0], variants), crash]
    assert check_draws(lambda d: d, items, ok_message="", hint="") is crash
