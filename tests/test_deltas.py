"""Tests of helpers.deltas (notebook 05): the node-by-node formulas against sympy's derivatives, central
differences and helpers.mlp; the seeds' slips fail the same checks; paths sum to the gradient."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from helpers.deltas import (
    is_zero,
    node_by_node,
    random_values,
    seed000_bp2_slip,
    seed000_bp4_slip,
    symbolic_formulas,
    symbolic_network,
    to_matrix_form,
    verify_formulas,
    weight_paths,
)
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.mlp import backprop, init_network


def numbers(l=2, m=3, n=2, seed=0):  # noqa: E741
    rng = np.random.default_rng(seed)
    return {"a_i": rng.uniform(-1, 1, l), "w_ij": rng.uniform(-1, 1, (l, m)), "b_j": rng.uniform(-1, 1, m),
            "w_jk": rng.uniform(-1, 1, (m, n)), "b_k": rng.uniform(-1, 1, n), "t_k": rng.uniform(0, 1, n)}


def test_every_formula_equals_sympys_derivative_for_a_generic_activation():
    results = verify_formulas(symbolic_network(2, 3, 2, "g"))
    assert len(results) == 6 + 2 + 3 + 6 + 3
    assert all(ok for _, ok in results), [name for name, ok in results if not ok]


def test_a_wrong_formula_is_not_proved_zero():
    net = symbolic_network(1, 2, 1, "g")
    f = symbolic_formulas(net)
    wrong = f["delta_j"][0] * net.a_j[0]                                # δ_j a_j instead of δ_j a_i
    assert not is_zero(sp.diff(net.E, net.w_ij[0, 0]) - wrong)


def test_symbolic_formulas_with_sigmoid_match_numbers():
    net = symbolic_network(2, 2, 2, "sigmoid")
    values = random_values(net, seed=3)
    f = symbolic_formulas(net)
    num = node_by_node([values[s] for s in net.a_i], np.array(net.w_ij.subs(values), dtype=float),
                       [values[s] for s in net.b_j], np.array(net.w_jk.subs(values), dtype=float),
                       [values[s] for s in net.b_k], [values[s] for s in net.t_k])
    for j in range(2):
        assert float(f["delta_j"][j].subs(values)) == pytest.approx(num["delta_j"][j], rel=1e-12)
    assert float(net.E.subs(values)) == pytest.approx(num["E"], rel=1e-12)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
def test_node_by_node_matches_central_differences_and_backprop(activation):
    v = numbers(3, 4, 2, seed=1)

    def E(**changes):
        return node_by_node(**{**v, **changes}, activation=activation)["E"]

    out = node_by_node(**v, activation=activation)
    for name, key in (("w_ij", "dE_dw_ij"), ("w_jk", "dE_dw_jk"), ("b_j", "dE_db_j"), ("b_k", "dE_db_k")):
        numeric = numerical_gradient(lambda p, name=name: E(**{name: p}), v[name])
        assert relative_error(out[key], numeric) < 1e-7
    numeric_a_i = numerical_gradient(lambda p: E(a_i=p), v["a_i"])
    assert relative_error(v["w_ij"] @ out["delta_j"], numeric_a_i) < 1e-7      # ∂E/∂a_i = Σ_j δ_j w_ij
    weights, biases = to_matrix_form(v["w_ij"], v["b_j"], v["w_jk"], v["b_k"])
    gW, gb = backprop(weights, biases, v["a_i"].reshape(-1, 1), v["t_k"].reshape(-1, 1), activation=activation)
    np.testing.assert_allclose(gW[0], out["dE_dw_ij"].T, rtol=1e-12)          # W^1[j, i] = w_ij
    np.testing.assert_allclose(gW[1], out["dE_dw_jk"].T, rtol=1e-12)
    np.testing.assert_allclose(gb[0][:, 0], out["delta_j"], rtol=1e-12)


def test_seed000_slips_disagree_with_the_derivative():
    v = numbers(2, 2, 2, seed=2)
    out = node_by_node(**v)
    weights, _ = to_matrix_form(v["w_ij"], v["b_j"], v["w_jk"], v["b_k"])
    slip2 = seed000_bp2_slip(out["delta_k"], weights[1], out["z_j"])
    assert relative_error(slip2, out["delta_j"]) > 0.01
    slip4 = seed000_bp4_slip(out["delta_k"], out["a_j"])
    assert relative_error(slip4, out["dE_dw_jk"].T) > 0.01
    with pytest.raises(ValueError, match="equal size"):
        seed000_bp4_slip([1.0, 2.0], [1.0, 2.0, 3.0])


@pytest.mark.parametrize("layer_sizes", [(2, 3, 2, 2), (3, 2, 4), (2, 2)])
def test_paths_sum_to_the_gradient_of_every_weight(layer_sizes):
    weights, biases = init_network(list(layer_sizes), 4, scale=1.0)
    rng = np.random.default_rng(5)
    x, t = rng.uniform(-1, 1, layer_sizes[0]), rng.uniform(0, 1, layer_sizes[-1])
    grads, _ = backprop(weights, biases, x.reshape(-1, 1), t.reshape(-1, 1))
    for layer in range(1, len(layer_sizes)):
        for j in range(layer_sizes[layer]):
            for k in range(layer_sizes[layer - 1]):
                paths = weight_paths(weights, biases, x, t, layer, j, k)
                assert len(paths) == int(np.prod(layer_sizes[layer + 1:]))
                assert all(p.edges[0] == (layer, j, k) for p in paths)
                assert len({p.edges for p in paths}) == len(paths)                # all different
                assert sum(p.value for p in paths) == pytest.approx(grads[layer - 1][j, k], rel=1e-12, abs=1e-15)


def test_bad_input():
    with pytest.raises(ValueError, match="w_jk must have shape"):
        node_by_node([1.0], [[1.0, 2.0]], [0.0, 0.0], [[1.0]], [0.0], [0.5])
    with pytest.raises(ValueError, match="activation must be one of"):
        symbolic_network(activation="softmax")
    with pytest.raises(ValueError, match="l must be <= 6"):
        symbolic_network(l=9)
    weights, biases = init_network([2, 2], 0)
    with pytest.raises(ValueError, match="layer must be <= 1"):
        weight_paths(weights, biases, [0.1, 0.2], [0.0, 1.0], 2, 0, 0)


def test_nb05_exercises_accept_the_right_answers_and_name_the_slips():
    from helpers.activations import sigmoid, sigmoid_prime
    from helpers.exercises import nb05
    a = sigmoid(nb05.EX1["z_k"])
    assert nb05.check_delta_k((a - nb05.EX1["t_k"]) * a * (1 - a))
    assert "g'(z_k)" in nb05.check_delta_k(a - nb05.EX1["t_k"]).message
    assert not nb05.check_delta_k(None) and not nb05.check_delta_k("0.1")
    j = nb05.EX2["j"] - 1
    back = sum(d * w for d, w in zip(nb05.EX2["delta_k"], nb05.EX2["w_jk"][j], strict=True))
    assert nb05.check_delta_j(back * sigmoid_prime(nb05.EX2["z_j"][j]))
    assert "multiply by g'(z_j)" in nb05.check_delta_j(back).message
    wrong = sigmoid_prime(nb05.EX2["z_j"][j]) * sum(nb05.EX2["delta_k"][k] * nb05.EX2["w_jk"][k][j] for k in range(2))
    assert "row j" in nb05.check_delta_j(wrong).message
    assert nb05.check_path_count(5 * 2) and nb05.expected_path_count() == 10
    assert "later layers" in nb05.check_path_count(4 * 5 * 2).message
    assert "multiply" in nb05.check_path_count(5 + 2).message


def test_compact_names_the_subexpressions():
    from helpers.deltas import compact
    net = symbolic_network(2, 3, 2, "g")
    shown = compact(sp.diff(net.E, net.w_jk[0, 0]), net)
    a_j1, z_k1, t_k1 = sp.symbols("a_j1 z_k1 t_k1", real=True)
    g, g_p = sp.Function("g"), sp.Function("g'")
    assert sp.expand(shown - a_j1 * (g(z_k1) - t_k1) * g_p(z_k1)) == 0
