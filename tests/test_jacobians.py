"""helpers.jacobians and the notebook-03 exercises: Jacobians against finite differences and sympy,
the ‖W·x‖² example against the published CS231n numbers, the 3-D tensor ∂q/∂W and the shape rule."""

import numpy as np
import pytest
import sympy as sp

from helpers.activations import relu, relu_prime, sigmoid, sigmoid_prime
from helpers.exercises import nb03
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.jacobians import (
    contract_upstream,
    dq_dW_tensor,
    elementwise_jacobian,
    jacobian_entries,
    jacobian_memory_bytes,
    linear_backward,
    norm_wx_backward,
    norm_wx_forward,
    numerical_jacobian,
)
from helpers.reference import CS231N_NORM_WX as REF


def test_numerical_jacobian_matches_sympy():
    a, b, c = sp.symbols("a b c")
    outputs = sp.Matrix([a * b + sp.sin(c), a**2 * c, sp.exp(b - c)])
    exact_expr = outputs.jacobian([a, b, c])
    point = np.array([0.3, -1.2, 0.8])
    exact = np.array(exact_expr.subs(dict(zip((a, b, c), point, strict=True))), dtype=float)
    f = sp.lambdify([(a, b, c)], list(outputs))
    numeric = numerical_jacobian(lambda v: np.array(f(v)), point)
    assert numeric.shape == (3, 3)
    assert relative_error(numeric, exact) < 1e-8


def test_numerical_jacobian_shapes_and_leaves_x_alone():
    x = np.array([1.0, 2.0])
    before = x.copy()
    J = numerical_jacobian(lambda v: np.array([v[0] * v[1], v[0], v[1], 1.0]), x)
    assert J.shape == (4, 2) and np.array_equal(x, before)
    assert numerical_jacobian(lambda v: float(v @ v), x).shape == (1, 2)


@pytest.mark.parametrize("f, f_prime", [(sigmoid, sigmoid_prime), (relu, relu_prime),
                                        (np.tanh, lambda z: 1 - np.tanh(z) ** 2)])
def test_elementwise_jacobians_are_diagonal_and_match_finite_differences(f, f_prime):
    x = np.random.default_rng(3).normal(size=6) + 0.05   # stays away from ReLU's kink at 0
    J = elementwise_jacobian(f_prime, x)
    assert np.array_equal(J, np.diag(np.diag(J)))
    assert np.allclose(J, numerical_jacobian(f, x), atol=1e-8)
    upstream = np.random.default_rng(4).normal(size=6)
    assert np.allclose(J.T @ upstream, f_prime(x) * upstream)   # multiply elementwise instead


def test_jacobian_size_of_a_4096_wide_layer():
    assert jacobian_entries(4096, 4096) == 16_777_216
    assert jacobian_memory_bytes(4096, 4096) == 134_217_728       # 128 MiB of float64
    assert jacobian_memory_bytes(4096, 4096, bytes_per_entry=4) == 2**26


def test_norm_wx_matches_the_published_numbers():
    q, f = norm_wx_forward(REF["W"], REF["x"])
    grads = norm_wx_backward(REF["W"], REF["x"])
    assert np.allclose(q, REF["q"], atol=1e-12) and f == pytest.approx(REF["f"], abs=1e-12)
    assert np.allclose(grads["grad_q"], REF["grad_q"], atol=1e-12)
    assert np.allclose(grads["grad_W"], REF["grad_W"], atol=1e-12)
    assert np.allclose(grads["grad_x"], REF["grad_x"], atol=1e-12)


def test_norm_wx_gradients_match_finite_differences_and_scale_with_upstream():
    rng = np.random.default_rng(7)
    W, x = rng.normal(size=(3, 4)), rng.normal(size=4)
    grads = norm_wx_backward(W, x, df=2.5)
    numeric_W = numerical_gradient(lambda m: norm_wx_forward(m, x)[1], W)
    numeric_x = numerical_gradient(lambda v: norm_wx_forward(W, v)[1], x)
    assert relative_error(grads["grad_W"], 2.5 * numeric_W) < 1e-7
    assert relative_error(grads["grad_x"], 2.5 * numeric_x) < 1e-7


def test_the_3d_tensor_matches_finite_differences_and_contracts_to_grad_q_x_transpose():
    rng = np.random.default_rng(11)
    W, x = rng.normal(size=(3, 2)), rng.normal(size=2)
    T = dq_dW_tensor(W, x)
    assert T.shape == (3, 3, 2)
    numeric = numerical_jacobian(lambda w: (w.reshape(3, 2) @ x), W.ravel()).reshape(3, 3, 2)
    assert np.allclose(T, numeric, atol=1e-9)
    grad_q = norm_wx_backward(W, x)["grad_q"]
    assert np.allclose(contract_upstream(grad_q, T), np.outer(grad_q, x))
    assert np.allclose(contract_upstream(grad_q, T), np.tensordot(grad_q, T, axes=(0, 0)))


@pytest.mark.parametrize("n, d", [(1, 1), (2, 5), (4, 3), (7, 2)])
def test_shape_rule_matches_finite_differences(n, d):
    rng = np.random.default_rng(100 * n + d)
    W, x, dq = rng.normal(size=(n, d)), rng.normal(size=d), rng.normal(size=n)
    dW, dx = linear_backward(dq, x, W)
    assert dW.shape == W.shape and dx.shape == x.shape
    loss_W = lambda m: float(dq @ (m @ x))    # noqa: E731  (L = dqᵀ q has ∂L/∂q = dq)
    loss_x = lambda v: float(dq @ (W @ v))    # noqa: E731
    assert relative_error(dW, numerical_gradient(loss_W, W)) < 1e-7
    assert relative_error(dx, numerical_gradient(loss_x, x)) < 1e-7


@pytest.mark.parametrize("call, error, match", [
    (lambda: norm_wx_forward([[1.0, 2.0]], [1.0, 2.0, 3.0]), ValueError, "columns"),
    (lambda: norm_wx_forward([1.0, 2.0], [1.0, 2.0]), ValueError, "W must have 2"),
    (lambda: norm_wx_backward(REF["W"], REF["x"], df="one"), TypeError, "df"),
    (lambda: linear_backward([1.0, 2.0, 3.0], REF["x"], REF["W"]), ValueError, "dq"),
    (lambda: contract_upstream([1.0], np.zeros((2, 2, 2))), ValueError, "tensor"),
    (lambda: numerical_jacobian(np.sin, [[1.0]]), ValueError, "x must have 1"),
    (lambda: numerical_jacobian(None, [1.0]), TypeError, "f must be a function"),
    (lambda: elementwise_jacobian(lambda z: z[:1], [1.0, 2.0]), ValueError, "one slope"),
    (lambda: jacobian_entries(0, 3), ValueError, "n_out"),
    (lambda: numerical_jacobian(lambda v: np.zeros((2, 2)), [1.0]), ValueError, "f\\(x\\)"),
])
def test_bad_inputs_raise_clear_errors(call, error, match):
    with pytest.raises(error, match=match):
        call()


def test_exercise_checks():
    # Exercise 1: Q = W X with W (3, 5) on 7 samples; ∂L/∂X has X's shape (5, 7), typed here
    assert nb03.EX1_W_SHAPE == (3, 5) and nb03.EX1_BATCH == 7
    assert nb03.check_gradient_shape((5, 7))
    assert "Transposed" in nb03.check_gradient_shape((7, 5)).message
    assert "W's shape" in nb03.check_gradient_shape((3, 5)).message
    assert "Q's shape" in nb03.check_gradient_shape((3, 7)).message
    assert not nb03.check_gradient_shape((5, 5))
    dW = nb03.EX2_DQ[:, None] * nb03.EX2_X[None, :]            # written out independently
    assert nb03.check_dW(dW) and not nb03.check_dW(dW.T)
    dx = np.array([sum(nb03.EX2_W[i, j] * nb03.EX2_DQ[i] for i in range(3)) for j in range(4)])
    assert nb03.check_dx(dx) and "x's shape" in nb03.check_dx(nb03.EX2_DQ).message
    assert nb03.check_relu_jacobian(np.diag([1.0, 0.0, 0.0, 1.0]))   # EX4_X = [1.5, -2, 0, 0.25]
    assert np.array_equal(nb03.EX4_X, [1.5, -2.0, 0.0, 0.25])
    assert not nb03.check_relu_jacobian(np.eye(4)) and not nb03.check_dW(None)


def test_linear_backward_batch_is_the_sum_of_per_sample_rules_and_central_differences():
    from helpers.gradcheck import numerical_gradient
    from helpers.jacobians import linear_backward, linear_backward_batch
    rng = np.random.default_rng(12)
    dQ, X, W = rng.normal(size=(2, 6)), rng.normal(size=(3, 6)), rng.normal(size=(2, 3))
    dW, dX = linear_backward_batch(dQ, X, W)
    per = [linear_backward(dQ[:, k], X[:, k], W) for k in range(6)]
    assert np.allclose(dW, sum(p[0] for p in per), rtol=1e-13) and np.allclose(dX, np.column_stack([p[1] for p in per]))
    assert np.allclose(dW, numerical_gradient(lambda M: float(np.sum(dQ * (M @ X))), W), rtol=1e-7)
    with pytest.raises(ValueError, match="must fit together"):
        linear_backward_batch(dQ, X.T, W)
