"""Unit tests of helpers.mlp: BP1–BP4 against central differences, the published 2-2-2 numbers,
the per-sample loop, the stable sigmoid + cross-entropy δ^L, the training step and bad input."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import reference as ref
from helpers.activations import sigmoid, sigmoid_prime
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.losses import cross_entropy_grad
from helpers.mlp import (
    backprop,
    backprop_per_sample,
    forward,
    init_network,
    output_error,
    total_loss,
    train_step,
)


def random_net(sizes, seed=0, bias=True):
    rng = np.random.default_rng(seed)
    pairs = zip(sizes[:-1], sizes[1:], strict=True)
    weights = [rng.standard_normal((n_out, n_in)) / np.sqrt(n_in) for n_in, n_out in pairs]
    biases = [rng.standard_normal((n_out, 1)) for n_out in sizes[1:]] if bias else None
    return weights, biases, rng


def numerical_grads(weights, biases, X, Y, **kw):
    """Central differences of total_loss with respect to every W^l and b^l."""
    gW, gb = [], []
    for i in range(len(weights)):
        def f_w(w, i=i):
            return total_loss(weights[:i] + [w] + weights[i + 1:], biases, X, Y, **kw)
        gW.append(numerical_gradient(f_w, weights[i]))
        if biases is not None:
            def f_b(b, i=i):
                return total_loss(weights, biases[:i] + [b] + biases[i + 1:], X, Y, **kw)
            gb.append(numerical_gradient(f_b, biases[i]))
    return gW, (gb if biases is not None else None)


def net_222():
    s = ref.EXAMPLE_222_START
    weights = [np.array([[s["w1"], s["w2"]], [s["w3"], s["w4"]]]),
               np.array([[s["w5"], s["w6"]], [s["w7"], s["w8"]]])]
    biases = [np.full((2, 1), s["b1"]), np.full((2, 1), s["b2"])]
    X = np.array([[s["i1"]], [s["i2"]]])
    Y = np.array([[s["t1"]], [s["t2"]]])
    return weights, biases, X, Y


def close_to_published(value, text):
    return abs(value - ref.value(text)) <= ref.published_tolerance(text)


# ---- forward --------------------------------------------------------------------------------------
def test_forward_shapes_and_first_activation_is_X():
    weights, biases, rng = random_net([3, 5, 2])
    X = rng.standard_normal((3, 7))
    zs, activations = forward(weights, biases, X)
    assert [z.shape for z in zs] == [(5, 7), (2, 7)]
    assert [a.shape for a in activations] == [(3, 7), (5, 7), (2, 7)]
    np.testing.assert_array_equal(activations[0], X)
    np.testing.assert_allclose(zs[0], weights[0] @ X + biases[0], rtol=1e-15)


def test_forward_reproduces_the_published_222_forward_pass():
    weights, biases, X, Y = net_222()
    zs, activations = forward(weights, biases, X)
    pub = ref.EXAMPLE_222_FORWARD
    assert close_to_published(zs[0][0, 0], pub["net_h1"])
    assert close_to_published(activations[1][0, 0], pub["out_h1"])
    assert close_to_published(activations[1][1, 0], pub["out_h2"])
    assert close_to_published(zs[1][0, 0], pub["net_o1"])
    assert close_to_published(activations[2][0, 0], pub["out_o1"])
    assert close_to_published(activations[2][1, 0], pub["out_o2"])
    assert close_to_published(total_loss(weights, biases, X, Y), pub["E_total"])


def test_backprop_reproduces_the_published_222_gradients():
    weights, biases, X, Y = net_222()
    grads_W, _ = backprop(weights, biases, X, Y)
    assert close_to_published(grads_W[1][0, 0], ref.EXAMPLE_222_BACKWARD["dE_dw5"])
    assert close_to_published(grads_W[0][0, 0], ref.EXAMPLE_222_BACKWARD["dE_dw1"])


# ---- backprop against central differences -------------------------------------------------------------
@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
@pytest.mark.parametrize("loss", ["mse", "cross_entropy"])
def test_backprop_matches_central_differences(activation, loss):
    weights, biases, rng = random_net([4, 5, 3, 2], seed=1)
    X = rng.standard_normal((4, 6))
    Y = rng.uniform(0, 1, (2, 6))
    kw = {"activation": activation, "loss": loss, "output_activation": "sigmoid" if loss == "cross_entropy"
          else None}
    grads_W, grads_b = backprop(weights, biases, X, Y, **kw)
    num_W, num_b = numerical_grads(weights, biases, X, Y, **kw)
    for g, n in zip(grads_W + grads_b, num_W + num_b, strict=True):
        assert g.shape == n.shape
        assert relative_error(g, n) < ref.GRADCHECK_GOOD


def test_bias_free_network_gradients_and_grads_b_is_None():
    weights, _, rng = random_net([3, 4, 2], seed=2, bias=False)
    X, Y = rng.standard_normal((3, 5)), rng.standard_normal((2, 5))
    grads_W, grads_b = backprop(weights, None, X, Y, activation="tanh", output_activation="identity")
    assert grads_b is None
    num_W, _ = numerical_grads(weights, None, X, Y, activation="tanh", output_activation="identity")
    for g, n in zip(grads_W, num_W, strict=True):
        assert relative_error(g, n) < ref.GRADCHECK_GOOD


def test_gradient_is_of_the_summed_loss():
    weights, biases, rng = random_net([2, 3, 2], seed=3)
    X, Y = rng.standard_normal((2, 4)), rng.uniform(0, 1, (2, 4))
    grads_W, _ = backprop(weights, biases, X, Y)
    one_by_one = [backprop(weights, biases, X[:, i:i + 1], Y[:, i:i + 1])[0] for i in range(4)]
    for layer in range(2):
        np.testing.assert_allclose(grads_W[layer], sum(g[layer] for g in one_by_one), rtol=1e-12)


def test_per_sample_loop_equals_batched():
    weights, biases, rng = random_net([5, 4, 3], seed=4)
    X, Y = rng.standard_normal((5, 9)), rng.uniform(0, 1, (3, 9))
    for bias in (biases, None):
        a = backprop(weights, bias, X, Y, activation="relu", loss="cross_entropy",
                     output_activation="sigmoid")
        b = backprop_per_sample(weights, bias, X, Y, activation="relu", loss="cross_entropy",
                                output_activation="sigmoid")
        for g, h in zip(a[0] + (a[1] or []), b[0] + (b[1] or []), strict=True):
            np.testing.assert_allclose(g, h, rtol=1e-12, atol=1e-14)


# ---- BP1 with sigmoid + cross-entropy ---------------------------------------------------------------------
def test_cross_entropy_sigmoid_delta_equals_general_bp1_where_both_are_finite():
    rng = np.random.default_rng(5)
    z = rng.uniform(-5, 5, (3, 8))
    a, y = sigmoid(z), rng.uniform(0, 1, (3, 8))
    general = cross_entropy_grad(a, y) * sigmoid_prime(z)          # ∇_a C ⊙ σ'(z^L), computed the long way
    np.testing.assert_allclose(output_error(a, z, y, "cross_entropy", "sigmoid"), general, rtol=1e-12)
    np.testing.assert_allclose(output_error(a, z, y, "cross_entropy", "sigmoid"), a - y, rtol=1e-15)


def test_cross_entropy_sigmoid_delta_is_stable_at_saturation():
    z = np.array([[-800.0, -40.0, 40.0, 800.0]])
    a, y = sigmoid(z), np.array([[1.0, 1.0, 0.0, 0.0]])
    delta = output_error(a, z, y, "cross_entropy", "sigmoid")
    assert np.all(np.isfinite(delta))
    np.testing.assert_array_equal(delta, a - y)                   # ≈ ∓1: the wrong answer still learns fast
    mse_delta = output_error(a, z, y, "mse", "sigmoid")            # MSE keeps σ': a tiny δ (slow learning)
    assert np.all(np.abs(mse_delta) < 1e-16)


# ---- training step and initialisation -------------------------------------------------------------------
def test_train_step_is_the_mean_update_and_does_not_mutate():
    weights, biases, rng = random_net([3, 4, 2], seed=6)
    X, Y = rng.standard_normal((3, 8)), rng.uniform(0, 1, (2, 8))
    w_copy, b_copy = [w.copy() for w in weights], [b.copy() for b in biases]
    new_w, new_b = train_step(weights, biases, X, Y, 0.5)
    grads_W, grads_b = backprop(weights, biases, X, Y)
    for old, new, g in zip(weights + biases, new_w + new_b, grads_W + grads_b, strict=True):
        np.testing.assert_allclose(new, old - 0.5 / 8 * g, rtol=1e-15)
    for a, b in zip(weights + biases, w_copy + b_copy, strict=True):
        np.testing.assert_array_equal(a, b)
    assert total_loss(new_w, new_b, X, Y) < total_loss(weights, biases, X, Y)


def test_train_step_reproduces_the_published_222_output_weight_update():
    weights, biases, X, Y = net_222()
    new_w, _ = train_step(weights, biases, X, Y, ref.EXAMPLE_222_START["learning_rate"])
    for name, (i, j) in {"w5": (0, 0), "w6": (0, 1), "w7": (1, 0), "w8": (1, 1)}.items():
        assert close_to_published(new_w[1][i, j], ref.EXAMPLE_222_UPDATED[name])
    for name, (i, j) in {"w1": (0, 0), "w2": (0, 1), "w3": (1, 0), "w4": (1, 1)}.items():
        assert close_to_published(new_w[0][i, j], ref.EXAMPLE_222_UPDATED[name])


def test_init_network_shapes_scale_and_seed():
    weights, biases = init_network([400, 300, 10], np.random.default_rng(0))
    assert [w.shape for w in weights] == [(300, 400), (10, 300)]
    assert [b.shape for b in biases] == [(300, 1), (10, 1)]
    assert abs(weights[0].std() - 1 / np.sqrt(400)) < 0.05 / np.sqrt(400)
    again, _ = init_network([400, 300, 10], 0)
    np.testing.assert_array_equal(weights[0], again[0])
    w32, b32 = init_network([3, 2], 1, scale=0.1, dtype=np.float32)
    assert w32[0].dtype == np.float32 and b32[0].dtype == np.float32


def test_float32_network_computes_in_float32():
    weights, biases = init_network([6, 5, 3], 7, dtype=np.float32)
    rng = np.random.default_rng(8)
    X, Y = rng.standard_normal((6, 4)), rng.uniform(0, 1, (3, 4))
    g32, b32 = backprop(weights, biases, X, Y)
    assert all(g.dtype == np.float32 for g in g32 + b32)
    g64, b64 = backprop([w.astype(np.float64) for w in weights], [b.astype(np.float64) for b in biases], X, Y)
    for a, b in zip(g32 + b32, g64 + b64, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-6)


# ---- bad input -----------------------------------------------------------------------------------------
def test_mismatched_weight_shape_names_layer_and_expected_shape():
    weights, biases, rng = random_net([3, 4, 2])
    weights[1] = np.zeros((2, 5))
    with pytest.raises(ValueError, match=r"weights\[1\] \(W\^2\) must have shape \(2, 4\)"):
        backprop(weights, None, np.zeros((3, 1)), np.zeros((2, 1)))


def test_bias_must_be_a_column():
    weights, biases, _ = random_net([3, 4, 2])
    biases[0] = np.zeros(4)
    with pytest.raises(ValueError, match=r"biases\[0\] \(b\^1\) must have shape \(4, 1\)"):
        forward(weights, biases, np.zeros((3, 2)))


def test_transposed_batch_gets_a_hint():
    weights, biases, _ = random_net([3, 4, 2])
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\).*transpose"):
        forward(weights, biases, np.zeros((5, 3)))
    with pytest.raises(ValueError, match=r"Y must have shape \(2, 5\)"):
        backprop(weights, biases, np.zeros((3, 5)), np.zeros((2, 4)))


@pytest.mark.parametrize("kwargs, error, pattern", [
    ({"activation": "softplus"}, ValueError, "activation must be one of"),
    ({"loss": "hinge"}, ValueError, "loss must be one of"),
    ({"loss": "cross_entropy", "activation": "tanh"}, ValueError, "output_activation='sigmoid'"),
])
def test_bad_names(kwargs, error, pattern):
    weights, biases, _ = random_net([2, 2])
    with pytest.raises(error, match=pattern):
        backprop(weights, biases, np.zeros((2, 1)), np.zeros((2, 1)), **kwargs)


def test_bad_containers_learning_rate_and_init_arguments():
    weights, biases, _ = random_net([2, 2])
    X = np.zeros((2, 1))
    with pytest.raises(TypeError, match="weights must be a non-empty list"):
        forward(np.zeros((2, 2)), None, X)
    with pytest.raises(TypeError, match="biases must be None"):
        forward(weights, biases + biases, X)
    with pytest.raises(ValueError, match="must be finite"):
        forward(weights, biases, np.array([[np.nan], [0.0]]))
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        train_step(weights, biases, X, X, -0.1)
    with pytest.raises(TypeError, match="layer_sizes"):
        init_network([3], 0)
    with pytest.raises(ValueError, match=r"layer_sizes\[1\] must be >= 1"):
        init_network([3, 0], 0)
    with pytest.raises(TypeError, match="rng must be"):
        init_network([3, 2], "seed")


@pytest.mark.parametrize("name", ["sigmoid", "tanh", "relu", "identity"])
def test_derivative_read_off_the_activation_equals_f_prime_of_z(name):
    from helpers.activations import get_activation
    from helpers.core.mlp import PRIME_FROM_A
    f, f_prime = get_activation(name)
    z = np.linspace(-30, 30, 600).reshape(3, -1) + 0.025     # no z exactly at the ReLU kink
    np.testing.assert_allclose(PRIME_FROM_A[name](f(z)), f_prime(z), rtol=1e-12, atol=1e-300)


# ---- the gradient-check helpers -------------------------------------------------------------------------
def test_numerical_gradients_and_gradient_check():
    from helpers.mlp import gradient_check, numerical_gradients
    weights, biases, rng = random_net([3, 4, 2], seed=9)
    X, Y = rng.standard_normal((3, 5)), rng.uniform(0, 1, (2, 5))
    num_W, num_b = numerical_grads(weights, biases, X, Y, activation="tanh")
    mine_W, mine_b = numerical_gradients(weights, biases, X, Y, activation="tanh")
    for a, b in zip(num_W + num_b, mine_W + mine_b, strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-12, atol=1e-14)
    assert numerical_gradients(weights, None, X, Y)[1] is None
    assert gradient_check(weights, biases, X, Y, activation="tanh") < ref.GRADCHECK_GOOD
    wrong = [w.T for w in weights[:1]] + weights[1:]           # a shape slip is caught before any maths
    with pytest.raises(ValueError, match=r"W\^1"):
        gradient_check(wrong, biases, X, Y)


# ---- exercises of notebook 06 ---------------------------------------------------------------------------
def test_nb06_exercises_accept_the_right_answers_and_name_the_slips():
    from helpers.activations import sigmoid_prime
    from helpers.exercises import nb06
    d = nb06.bp2_data()
    right = (d["W_next"].T @ d["delta_next"]) * sigmoid_prime(d["z"])
    assert nb06.check_bp2(right)
    assert not nb06.check_bp2(None)
    assert "σ'" in nb06.check_bp2(d["W_next"].T @ d["delta_next"]).message
    assert not nb06.check_bp2(right + 0.01)
    assert nb06.check_grad_shape((10, 30)) and nb06.expected_grad_shape() == (10, 30)
    assert "Transposed" in nb06.check_grad_shape((30, 10)).message
    assert "batch size" in nb06.check_grad_shape((10, 64)).message
    assert not nb06.check_grad_shape("ten by thirty")
    delta = nb06.bias_data()
    assert nb06.check_bias_grad(delta.sum(axis=1, keepdims=True))
    assert "keepdims" in nb06.check_bias_grad(delta.sum(axis=1)).message
    assert "mean" in nb06.check_bias_grad(delta.mean(axis=1, keepdims=True)).message
