"""Bad input to public helpers raises TypeError/ValueError naming the argument and what was expected."""

import numpy as np
import pytest

from helpers import activations, losses
from helpers.gradcheck import central_difference, forward_difference, numerical_gradient, relative_error
from helpers.series import lesson, nav_bar


def square_sum(v):
    return float(np.sum(np.asarray(v) ** 2))


CASES = [
    # (call, exception, words the message must contain)
    (lambda: activations.sigmoid("abc"), TypeError, ["z", "number"]),
    (lambda: activations.sigmoid(None), TypeError, ["z"]),
    (lambda: activations.sigmoid(np.array([1.0, np.nan])), ValueError, ["z", "finite"]),
    (lambda: activations.relu([[1, 2], [3]]), ValueError, ["z", "rectangular"]),
    (lambda: activations.tanh(np.array([1 + 2j])), TypeError, ["z", "real"]),
    (lambda: activations.sigmoid([np.inf]), ValueError, ["z", "finite"]),
    (lambda: activations.get_activation("softmax"), ValueError, ["activation", "sigmoid"]),
    (lambda: losses.mse([0.1, 0.2], [0.1, 0.2, 0.3]), ValueError, ["a", "y", "same shape"]),
    (lambda: losses.mse([0.1, "x"], [0.1, 0.2]), TypeError, ["a", "numbers"]),
    (lambda: losses.cross_entropy([1.5, 0.2], [1.0, 0.0]), ValueError, ["a", "probabilities"]),
    (lambda: losses.cross_entropy([0.5, 0.2], [2.0, 0.0]), ValueError, ["y", "[0, 1]"]),
    (lambda: losses.get_loss("hinge"), ValueError, ["loss", "mse"]),
    (lambda: numerical_gradient("not a function", np.ones(3)), TypeError, ["f", "callable"]),
    (lambda: numerical_gradient(square_sum, np.ones(3), h=0), ValueError, ["h", "> 0"]),
    (lambda: numerical_gradient(square_sum, np.ones(3), h=-1e-5), ValueError, ["h", "> 0"]),
    (lambda: numerical_gradient(square_sum, np.array([])), ValueError, ["x", "empty"]),
    (lambda: numerical_gradient(square_sum, [1.0, np.nan]), ValueError, ["x", "finite"]),
    (lambda: numerical_gradient(lambda v: np.ones(2), np.ones(3)), TypeError, ["f", "single number"]),
    (lambda: numerical_gradient(lambda v: float("nan"), np.ones(2)), ValueError, ["f", "non-finite"]),
    (lambda: central_difference(np.sin, "0.5"), TypeError, ["x", "real number"]),
    (lambda: forward_difference(np.sin, 0.5, h=float("inf")), ValueError, ["h", "finite"]),
    (lambda: forward_difference(42, 0.5), TypeError, ["f", "callable"]),
    (lambda: relative_error([1.0, 2.0], [1.0]), ValueError, ["a", "b", "same shape"]),
    (lambda: relative_error("1", 1.0), TypeError, ["a"]),
    (lambda: lesson("99"), ValueError, ["slug_or_number"]),
    (lambda: nav_bar("not_a_notebook"), ValueError, ["slug"]),
]


@pytest.mark.parametrize("call, exc, words", CASES, ids=[f"case{i:02d}" for i in range(len(CASES))])
def test_bad_input_gets_a_clear_error(call, exc, words):
    with pytest.raises(exc) as info:
        call()
    message = str(info.value)
    for word in words:
        assert word in message, f"message {message!r} should mention {word!r}"

