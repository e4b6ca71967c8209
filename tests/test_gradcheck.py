"""Numerical derivatives: convergence orders, shapes, and that x is left untouched."""

import numpy as np
import pytest
import sympy as sp

from helpers.gradcheck import central_difference, forward_difference, numerical_gradient, relative_error


def test_central_difference_is_second_order_and_forward_first_order():
    x0, exact = 0.7, np.cos(0.7)
    errs_c = [abs(central_difference(np.sin, x0, h) - exact) for h in (1e-2, 1e-3)]
    errs_f = [abs(forward_difference(np.sin, x0, h) - exact) for h in (1e-2, 1e-3)]
    assert errs_c[0] / errs_c[1] == pytest.approx(100, rel=0.05)   # O(h^2)
    assert errs_f[0] / errs_f[1] == pytest.approx(10, rel=0.05)    # O(h)


def test_numerical_gradient_matches_sympy_on_a_matrix():
    w = sp.symbols("w0:6")
    expr = sp.sin(w[0] * w[1]) + w[2] ** 3 * w[3] + sp.exp(w[4] - w[5])
    point = np.array([[0.3, -1.2, 0.5], [2.0, 0.1, -0.4]])
    subs = dict(zip(w, point.ravel(), strict=True))
    exact = np.array([float(sp.diff(expr, s).subs(subs)) for s in w]).reshape(2, 3)
    f = sp.lambdify([w], expr)
    numeric = numerical_gradient(lambda m: f(m.ravel()), point)
    assert numeric.shape == (2, 3)
    assert relative_error(numeric, exact) < 1e-8


def test_numerical_gradient_leaves_x_unchanged_and_keeps_shape():
    x = np.array([[1.0, 2.0], [3.0, 4.0]], dtype=np.float32)
    before = x.copy()
    g = numerical_gradient(lambda v: float(np.sum(v**2)), x)
    assert np.array_equal(x, before) and x.dtype == np.float32
    assert np.allclose(g, 2 * before, rtol=1e-6)


def test_numerical_gradient_of_scalar_input():
    g = numerical_gradient(lambda v: float(v) ** 3, 2.0)
    assert g.shape == () and float(g) == pytest.approx(12.0, rel=1e-9)


def test_relative_error_conventions():
    assert relative_error(0.0, 0.0) == 0.0
    assert relative_error([1.0, -2.0], [1.0, -2.0]) == 0.0
    assert relative_error(1.0, -1.0) == pytest.approx(1.0)
    assert relative_error([1.0, 3.0], [1.0, 3.000003]) == pytest.approx(0.000003 / 6.000003, rel=1e-9)
