"""Tests of helpers.deltas (notebook 05): the node-by-node formulas against sympy's derivatives, central
differences and helpers.mlp; the seeds' slips fail the same checks; paths sum to the gradient."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from helpers.activations import get_activation
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
    return {"a_i": rng.uniform(-1, 1, l), "w_ji": rng.uniform(-1, 1, (m, l)), "b_j": rng.uniform(-1, 1, m),
            "w_kj": rng.uniform(-1, 1, (n, m)), "b_k": rng.uniform(-1, 1, n), "t_k": rng.uniform(0, 1, n)}


def test_every_formula_equals_sympys_derivative_for_a_generic_activation():
    results = verify_formulas(symbolic_network(2, 3, 2, "g"))
    assert len(results) == 6 + 2 + 3 + 6 + 3
    assert all(ok for _, ok in results), [name for name, ok in results if not ok]
    names = [name for name, _ in results]
    assert names[:2] == ["dE/dw_k1j1", "dE/dw_k1j2"] and "dE/dw_k2j3" in names     # into ← from
    assert "dE/dw_j3i2" in names and not any(n.startswith(("dE/dw_i", "dE/dw_j1k")) for n in names)


def test_symbols_are_named_and_stored_into_from():
    net = symbolic_network(2, 3, 4, "g")
    assert net.w_ji.shape == (3, 2) and net.w_kj.shape == (4, 3)
    assert net.w_ji[2, 1] == sp.Symbol("w_j3i2", real=True) and net.w_kj[3, 0] == sp.Symbol("w_k4j1", real=True)
    z_k1 = net.b_k[0] + sum(sp.Symbol(f"w_k1j{j + 1}", real=True) * net.a_j[j] for j in range(3))
    assert sp.expand(net.z_k[0] - z_k1) == 0
    f = symbolic_formulas(net)
    assert f["dE_dw_kj"].shape == (4, 3) and f["dE_dw_ji"].shape == (3, 2)
    assert sp.expand(f["dE_dw_ji"][2, 1] - f["delta_j"][2] * net.a_i[1]) == 0


def test_a_wrong_formula_is_not_proved_zero():
    net = symbolic_network(1, 2, 1, "g")
    f = symbolic_formulas(net)
    wrong = f["delta_j"][0] * net.a_j[0]                                # δ_j a_j instead of δ_j a_i
    assert not is_zero(sp.diff(net.E, net.w_ji[0, 0]) - wrong)


def test_symbolic_formulas_with_sigmoid_match_numbers():
    net = symbolic_network(2, 2, 2, "sigmoid")
    values = random_values(net, seed=3)
    f = symbolic_formulas(net)
    num = node_by_node([values[s] for s in net.a_i], np.array(net.w_ji.subs(values), dtype=float),
                       [values[s] for s in net.b_j], np.array(net.w_kj.subs(values), dtype=float),
                       [values[s] for s in net.b_k], [values[s] for s in net.t_k])
    for j in range(2):
        assert float(f["delta_j"][j].subs(values)) == pytest.approx(num["delta_j"][j], rel=1e-12)
    for key in ("dE_dw_kj", "dE_dw_ji"):
        np.testing.assert_allclose(np.array(f[key].subs(values), dtype=float), num[key], rtol=1e-12)
    assert float(net.E.subs(values)) == pytest.approx(num["E"], rel=1e-12)


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "identity"])
def test_node_by_node_matches_central_differences_and_backprop(activation):
    v = numbers(3, 4, 2, seed=1)

    def E(**changes):
        return node_by_node(**{**v, **changes}, activation=activation)["E"]

    out = node_by_node(**v, activation=activation)
    for name, key in (("w_ji", "dE_dw_ji"), ("w_kj", "dE_dw_kj"), ("b_j", "dE_db_j"), ("b_k", "dE_db_k")):
        numeric = numerical_gradient(lambda p, name=name: E(**{name: p}), v[name])
        assert out[key].shape == v[name].shape
        assert relative_error(out[key], numeric) < 1e-7
    numeric_a_i = numerical_gradient(lambda p: E(a_i=p), v["a_i"])
    assert relative_error(v["w_ji"].T @ out["delta_j"], numeric_a_i) < 1e-7    # ∂E/∂a_i = Σ_j w_ji δ_j
    numeric_a_j = numerical_gradient(lambda a: 0.5 * np.sum((get_activation(activation)[0](v["w_kj"] @ a + v["b_k"])
                                                             - v["t_k"]) ** 2), out["a_j"])
    assert relative_error(out["dE_da_j"], numeric_a_j) < 1e-7                 # ∂E/∂a_j = Σ_k w_kj δ_k
    weights, biases = to_matrix_form(v["w_ji"], v["b_j"], v["w_kj"], v["b_k"])
    assert np.array_equal(weights[0], v["w_ji"]) and np.array_equal(weights[1], v["w_kj"])   # no transpose
    assert biases[0].shape == (4, 1) and biases[1].shape == (2, 1)
    gW, gb = backprop(weights, biases, v["a_i"].reshape(-1, 1), v["t_k"].reshape(-1, 1), activation=activation)
    np.testing.assert_allclose(gW[0], out["dE_dw_ji"], rtol=1e-12)            # W^1[j, i] = w_ji
    np.testing.assert_allclose(gW[1], out["dE_dw_kj"], rtol=1e-12)            # W^2[k, j] = w_kj
    np.testing.assert_allclose(gb[0][:, 0], out["delta_j"], rtol=1e-12)
    np.testing.assert_allclose(gb[1][:, 0], out["delta_k"], rtol=1e-12)


def test_seed000_slips_disagree_with_the_derivative():
    v = numbers(2, 2, 2, seed=2)
    out = node_by_node(**v)
    slip2 = seed000_bp2_slip(out["delta_k"], v["w_kj"], out["z_j"])
    assert relative_error(slip2, out["delta_j"]) > 0.01
    slip4 = seed000_bp4_slip(out["delta_k"], out["a_j"])
    assert relative_error(slip4, out["dE_dw_kj"]) > 0.01
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
    with pytest.raises(ValueError, match=r"w_kj must have shape \(1, 2\)"):
        node_by_node([1.0], [[1.0], [2.0]], [0.0, 0.0], [[1.0]], [0.0], [0.5])
    with pytest.raises(ValueError, match=r"w_ji must have shape \(2, 1\).*got \(1, 2\) — the transpose"):
        node_by_node([1.0], [[1.0, 2.0]], [0.0, 0.0], [[1.0, 2.0]], [0.0], [0.5])     # the seeds' from → to layout
    with pytest.raises(ValueError, match=r"w_kj must have shape \(1, 2\).*the transpose: w_kj\[k, j\]"):
        to_matrix_form([[1.0], [2.0]], [0.0, 0.0], [[1.0], [2.0]], [0.0])
    with pytest.raises(ValueError, match="activation must be one of"):
        symbolic_network(activation="softmax")
    with pytest.raises(ValueError, match="l must be <= 6"):
        symbolic_network(l=9)
    weights, biases = init_network([2, 2], 0)
    with pytest.raises(ValueError, match="layer must be <= 1"):
        weight_paths(weights, biases, [0.1, 0.2], [0.0, 1.0], 2, 0, 0)


def test_compact_names_the_subexpressions():
    from helpers.deltas import compact
    net = symbolic_network(2, 3, 2, "g")
    shown = compact(sp.diff(net.E, net.w_kj[0, 0]), net)
    a_j1, z_k1, t_k1 = sp.symbols("a_j1 z_k1 t_k1", real=True)
    g, g_p = sp.Function("g"), sp.Function("g'")
    assert sp.expand(shown - a_j1 * (g(z_k1) - t_k1) * g_p(z_k1)) == 0
