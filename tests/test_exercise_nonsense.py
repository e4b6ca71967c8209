"""Checkers never pass nonsense: answers of the wrong kind — text, booleans, NaN, inf, lists
where one number is meant, 10.7 where a whole number is meant, a function where a value is meant, a value
where a function is meant — get specific, kind feedback, never "Correct" and never a traceback."""

from fractions import Fraction

import numpy as np
import pytest
import sympy as sp

from helpers.autograd import Value
from helpers.exercises import nb00, nb01, nb02, nb03, nb04, nb05, nb06, nb07

NONSENSE = [
    # (checker, answer, words the feedback must contain)
    (nb03.check_gradient_shape, "35", "not the text '35'"),
    (nb03.check_gradient_shape, [3.7, 5.2], "numpy refuses np.zeros((3.7, 5.2))"),
    (nb03.check_gradient_shape, (3.0, 5.0), "write (3, 5)"),
    (nb03.check_gradient_shape, 15, "you gave the single number 15"),
    (nb03.check_gradient_shape, (3, 5, 1), "yours has 3"),
    (nb03.check_gradient_shape, (True, 5), "yours contains the boolean True"),
    (nb03.check_gradient_shape, ("3", "5"), "yours contains the text '3'"),
    (nb03.check_gradient_shape, (0, 5), "at least 1"),
    (nb06.check_grad_shape, "(10, 30)", "not the text '(10, 30)'"),
    (nb06.check_grad_shape, {"rows": 10}, "you gave a dict with 1 key"),
    (nb05.check_path_count, 10.7, "a whole number; you gave 10.7"),
    (nb05.check_path_count, 10.0, "write 10, not 10.0"),
    (nb05.check_path_count, "10", "Remove the quotes"),
    (nb05.check_path_count, True, "True/False count as 1/0"),
    (nb01.check_h_prime, "23.31", "Remove the quotes"),
    (nb01.check_h_prime, float("nan"), "NaN (not a number)"),
    (nb01.check_sin_of_square, float("inf"), "you gave inf"),
    (nb01.check_two_paths, [1.0, 2.0], "is one number; you gave a list of 2 items"),
    (nb02.check_gate_patterns_grad_w, np.array([2.0]), "is one number; you gave an array of shape (1,)"),
    (nb02.check_sigmoid_gate_grad, 1 + 2j, "a real number; you gave the complex number"),
    (nb02.check_fan_out_grad, False, "you gave the boolean False"),
    (nb02.check_fan_out_grad, Value(1.0, "x"), "you gave a Value node. Its gradient is `.grad`"),
    (nb04.check_dE_dw6, sp.Symbol("w6"), "is a number; you gave Symbol w6"),
    (nb04.check_w6_after_update, print, "you gave the function print"),
    (nb04.check_direction_w7, True, "Answer 'up' or 'down', a word in quotes; you gave the boolean True"),
    (nb04.check_direction_w7, -1, "a word in quotes; you gave int -1"),
    (nb05.check_delta_k, None, "Replace `None` with your answer"),
    (nb05.check_delta_j, [0.12, -0.05], "is one number; you gave a list of 2 items"),
    (nb05.check_delta_j, "0.0165", "Remove the quotes"),
    (nb07.check_accuracy, "94%", "is a number; you gave the text '94%'"),
    (nb07.check_accuracy, 10 ** 400, "too large for a float"),
    (nb03.check_dW, "dq xᵀ", "should be an array of numbers"),
    (nb03.check_dW, [["0.1", "0.2"]], "contains text such as '0.1'"),
    (nb03.check_dx, [1.0, float("nan"), 0.0, 2.0], "contains nan at entry (1,)"),
    (nb03.check_relu_jacobian, np.diag([True, False, False, True]), "contains True/False values"),
    (nb06.check_bp2, [[1.0, 2.0], [3.0]], "your rows have different lengths"),
    (nb06.check_bias_grad, [[Fraction(1, 2)], [sp.Symbol("x")]], "should contain numbers only"),
    (nb07.check_minibatch_update, {"W": 1}, "should be an array of numbers"),
    (nb07.check_minibatch_update, [[1.0, 2.0]], "should have shape (2, 2); yours has shape (1, 2)"),
    (nb07.check_sigmoid_factor, np.array([[0.0039]]), "is one number"),
    (nb00.check_nielsen_symbol, 26, "Answer with a letter in quotes, like 'q'; you gave int 26"),
    (nb00.check_nielsen_symbol, ["z"], "you gave a list of 1 item"),
]


@pytest.mark.parametrize(("checker", "answer", "words"), NONSENSE,
                         ids=[f"{c.__module__.rsplit('.', 1)[1]}.{c.__name__}-{i}" for i, (c, _, _) in
                              enumerate(NONSENSE)])
def test_nonsense_gets_specific_feedback(checker, answer, words):
    fb = checker(answer)
    assert not fb.ok, f"{checker.__name__}({answer!r}) said Correct"
    assert words in fb.message, fb.message
    assert fb.message[0].isupper() or fb.message[0] in "`∂δ(", fb.message   # a sentence
    assert " at 0x" not in fb.message                                    # no memory addresses


FUNCTION_CHECKERS = [nb02.check_multiply_backward, nb02.check_tanh, nb04.check_backward_222,
                     nb06.check_backprop_batch, nb07.check_sgd_epoch]
NOT_FUNCTIONS = [(None, "with a `def` in the exercise cell"), (0.5, "Pass the function itself"),
                 ("backprop_batch", "Pass the function itself"), ([1, 2], "You passed a list of 2 items")]


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS, ids=lambda c: c.__name__)
@pytest.mark.parametrize(("value", "words"), NOT_FUNCTIONS, ids=["None", "number", "text", "list"])
def test_function_checkers_refuse_what_is_not_a_function_kindly(checker, value, words):
    fb = checker(value)
    assert not fb.ok and words in fb.message, fb.message


def raises_zero_division(*args):
    return 1 / 0


def returns_text(*args):
    return "done"


@pytest.mark.parametrize("checker", FUNCTION_CHECKERS, ids=lambda c: c.__name__)
def test_function_checkers_report_a_learners_exception_as_feedback(checker):
    fb = checker(raises_zero_division)
    assert not fb.ok and "raised ZeroDivisionError: division by zero" in fb.message, fb.message
    assert "in the line `return 1 / 0`" in fb.message


@pytest.mark.parametrize("checker", [c for c in FUNCTION_CHECKERS if c is not nb02.check_tanh],
                         ids=lambda c: c.__name__)
def test_function_checkers_refuse_a_result_of_the_wrong_kind(checker):
    fb = checker(returns_text)
    assert not fb.ok and "the text 'done'" in fb.message, fb.message


def test_tanh_checker_refuses_a_result_of_the_wrong_kind():
    fb = nb02.check_tanh(returns_text)
    assert not fb.ok and "should return a new Value" in fb.message and "the text 'done'" in fb.message
