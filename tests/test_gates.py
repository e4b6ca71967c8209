"""helpers.gates: each forward/backward pair against central differences, plus bad inputs."""

from __future__ import annotations

import math
import warnings

import numpy as np
import pytest

from helpers import gates
from helpers.gradcheck import numerical_gradient, relative_error

GOOD = 1e-7
DOUT = -1.7  # an arbitrary upstream gradient, so the tests see "dout ×" being applied


def check_binary(forward, backward, x, y):
    _, cache = forward(x, y)
    analytic = np.array(backward(DOUT, cache))
    numeric = DOUT * numerical_gradient(lambda p: forward(p[0], p[1])[0], np.array([x, y]))
    assert relative_error(analytic, numeric) < GOOD, (analytic, numeric)


@pytest.mark.parametrize("name", ["add", "multiply", "max"])
@pytest.mark.parametrize("point", [(1.3, -0.4), (-2.0, 3.5)])
def test_binary_gates_match_finite_differences(name, point):
    check_binary(getattr(gates, f"{name}_forward"), getattr(gates, f"{name}_backward"), *point)


UNARY = {
    "reciprocal": ((), 0.8),
    "exp": ((), -0.6),
    "sigmoid": ((), 0.9),
    "add_constant": ((2.5,), 0.3),
    "scale": ((-3.0,), 1.1),
}


@pytest.mark.parametrize("name", sorted(UNARY))
def test_unary_gates_match_finite_differences(name):
    forward, backward = getattr(gates, f"{name}_forward"), getattr(gates, f"{name}_backward")
    extra, x = UNARY[name]
    _, cache = forward(x, *extra)
    numeric = DOUT * numerical_gradient(lambda p: forward(float(p[0]), *extra)[0], np.array([x]))
    assert relative_error([backward(DOUT, cache)], numeric) < GOOD


def test_gate_patterns():
    assert gates.add_backward(DOUT, gates.add_forward(2.0, 5.0)[1]) == (DOUT, DOUT)        # distributes
    assert gates.multiply_backward(DOUT, gates.multiply_forward(2.0, 5.0)[1]) == (DOUT * 5, DOUT * 2)  # swaps
    assert gates.max_backward(DOUT, gates.max_forward(2.0, 5.0)[1]) == (0.0, DOUT)         # routes
    copies, cache = gates.copy_forward(4.0, n=3)
    assert copies == (4.0, 4.0, 4.0)
    assert gates.copy_backward([1.0, -2.0, 0.5], cache) == -0.5                             # adds
    assert gates.copy_backward(np.array([1.0, -2.0, 0.5]), cache) == -0.5


def test_copy_gate_backward_equals_the_derivative_of_a_function_using_x_three_times():
    def f(x):
        a, b, c = gates.copy_forward(x, n=3)[0]
        return a * a + 3 * b + math.sin(c)
    x = 0.7
    douts = [2 * x, 3.0, math.cos(x)]  # ∂f/∂(each copy)
    dx = gates.copy_backward(douts, gates.copy_forward(x, n=3)[1])
    numeric = numerical_gradient(lambda p: f(float(p[0])), np.array([x]))
    assert relative_error([dx], numeric) < GOOD


def test_sigmoid_local_gradient_is_s_times_one_minus_s_and_stable():
    s, cache = gates.sigmoid_forward(0.0)
    assert s == 0.5 and gates.sigmoid_backward(1.0, cache) == 0.25
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert gates.sigmoid_forward(-1000.0)[0] == 0.0
        assert gates.sigmoid_forward(1000.0)[0] == 1.0


def test_bad_inputs_give_clear_errors():
    with pytest.raises(TypeError, match="x must be a real number"):
        gates.multiply_forward("2", 1.0)
    with pytest.raises(ValueError, match="y must be finite"):
        gates.add_forward(1.0, math.nan)
    with pytest.raises(TypeError, match="dout must be a real number"):
        gates.multiply_backward(None, (1.0, 2.0))
    with pytest.raises(ValueError, match="non-zero"):
        gates.reciprocal_forward(0.0)
    with pytest.raises(ValueError, match="709.78"):
        gates.exp_forward(1000.0)
    with pytest.raises(ValueError, match="sequence of 2"):
        gates.copy_backward([1.0], gates.copy_forward(1.0)[1])
    with pytest.raises(ValueError, match="n must be >= 1"):
        gates.copy_forward(1.0, n=0)
    with pytest.raises(ValueError, match="w must have 3 entries"):
        gates.sigmoid_neuron_circuit([1.0, 2.0], [1.0, 2.0])
