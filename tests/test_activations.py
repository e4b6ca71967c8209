"""Activations: values, derivatives against central differences, stability at extreme inputs."""

import warnings

import numpy as np
import pytest

from helpers import activations as act
from helpers.gradcheck import numerical_gradient, relative_error

# Away from saturation: there the derivative is ~1e-6 and the difference quotient is mostly round-off.
POINTS = np.array([-3.0, -2.0, -0.3, 0.4, 1.7, 2.5])


@pytest.mark.parametrize("name", act.ACTIVATION_NAMES)
def test_derivative_matches_central_difference(name):
    f, f_prime = act.get_activation(name)
    numeric = numerical_gradient(lambda z: float(np.sum(f(z))), POINTS)
    assert relative_error(f_prime(POINTS), numeric) < 1e-7


def test_sigmoid_matches_textbook_formula_where_it_is_safe():
    z = np.linspace(-30, 30, 61)
    assert np.allclose(act.sigmoid(z), 1.0 / (1.0 + np.exp(-z)), rtol=1e-15, atol=0)


def test_sigmoid_is_exact_and_quiet_at_plus_minus_1000():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            out = act.sigmoid(np.array([-1000.0, 1000.0]))
            prime = act.sigmoid_prime(np.array([-1000.0, 1000.0]))
    assert out[0] == 0.0 and out[1] == 1.0
    assert prime[0] == 0.0 and prime[1] == 0.0


def test_sigmoid_symmetry_and_midpoint():
    z = np.linspace(-40, 40, 81)
    assert np.allclose(act.sigmoid(z) + act.sigmoid(-z), 1.0, atol=1e-15)
    assert act.sigmoid(0.0) == 0.5


def test_relu_kink_convention():
    assert act.relu_prime(np.array([-1.0, 0.0, 1.0])).tolist() == [0.0, 0.0, 1.0]
    assert act.relu(np.array([-1.0, 0.0, 2.5])).tolist() == [0.0, 0.0, 2.5]


def test_tanh_saturates_without_warning():
    with np.errstate(all="raise"):
        assert act.tanh(800.0) == 1.0
        assert act.tanh_prime(800.0) == 0.0
