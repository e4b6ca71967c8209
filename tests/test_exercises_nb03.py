"""Notebook 03's checkers: the write-it-yourself Exercise 5 (a batched linear layer's backward) passes a right
function, names each slip, refuses the engine's own functions; the array exercises say Correct in a sentence."""

import numpy as np
import pytest

from helpers import jacobians
from helpers.exercises import nb03


def right(dQ, X, W):
    return dQ @ X.T, W.T @ dQ


def test_a_right_function_passes_and_the_draws_are_what_they_claim():
    assert nb03.check_linear_backward_batch(right).ok
    shapes = [(dQ.shape[0], X.shape[0], X.shape[1]) for dQ, X, _ in nb03.batch_draws()]
    assert shapes == list(nb03.BATCH_DRAWS) and shapes[0][0] == shapes[0][1] == shapes[0][2]


@pytest.mark.parametrize("index", range(len(nb03.layer_slips())))
def test_each_slip_gets_its_own_message(index):
    message, slip = nb03.layer_slips()[index]
    feedback = nb03.check_linear_backward_batch(lambda dQ, X, W: slip(dQ, X, W))
    assert not feedback.ok and message in feedback.message, feedback.message


@pytest.mark.parametrize("engine", ["linear_backward_batch", "linear_backward"])
def test_the_engines_own_functions_are_refused(engine):
    if engine == "linear_backward_batch":
        def shortcut(dQ, X, W):
            return jacobians.linear_backward_batch(dQ, X, W)
    else:
        def shortcut(dQ, X, W):
            parts = [jacobians.linear_backward(dQ[:, k], X[:, k], W) for k in range(X.shape[1])]
            return sum(p[0] for p in parts), np.column_stack([p[1] for p in parts])
    feedback = nb03.check_linear_backward_batch(shortcut)
    assert not feedback.ok and f"helpers.jacobians.{engine}" in feedback.message
    assert feedback.message.startswith("Your `linear_backward_batch` calls")


def test_summing_dx_over_the_batch_gets_a_shape_hint():
    feedback = nb03.check_linear_backward_batch(lambda dQ, X, W: (dQ @ X.T, (W.T @ dQ).sum(axis=1)))
    assert not feedback.ok and "one column per sample" in feedback.message


def test_the_stub_a_non_function_and_changed_inputs_get_kind_feedback():
    def stub(dQ, X, W):
        raise NotImplementedError
    assert "NotImplementedError" in nb03.check_linear_backward_batch(stub).message
    assert not nb03.check_linear_backward_batch(None).ok
    def in_place(dQ, X, W):
        X *= 2
        return dQ @ X.T, W.T @ dQ
    assert "in place" in nb03.check_linear_backward_batch(in_place).message


def test_messages_start_with_a_capital_letter():
    fbs = [nb03.check_relu_jacobian(nb03.expected_relu_jacobian()), nb03.check_dW(nb03.expected_dW()),
           nb03.check_dx(nb03.expected_dx()), nb03.check_linear_backward_batch(right)]
    assert all(fb.ok for fb in fbs)
    assert all(fb.message[:1].isupper() or not fb.message[:1].isalpha() for fb in fbs), [f.message for f in fbs]


def test_answers_cover_every_exercise():
    assert sorted(nb03.ANSWERS) == [1, 2, 3, 4, 5] and isinstance(nb03.ANSWERS[5], str)
