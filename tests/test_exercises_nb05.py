"""Notebook 05's checkers: the right answers pass; each slip (written here as a learner would make it, from
the exercise's own data) gets the message that names it. Expected values come from sympy or from
enumerating the paths, not from the checker."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from helpers.exercises import nb05
from helpers.mlp import init_network
from helpers.paths import weight_paths

S = sp.Symbol("s")
SIGMA = 1 / (1 + sp.exp(-S))


def sympy_sigmoid(z: float) -> float:
    return float(SIGMA.subs(S, z))


def sympy_sigmoid_prime(z: float) -> float:
    return float(sp.diff(SIGMA, S).subs(S, z))


def test_delta_k_right_and_slips():
    z, t = nb05.EX1["z_k"], nb05.EX1["t_k"]
    a = sympy_sigmoid(z)
    assert nb05.check_delta_k((a - t) * sympy_sigmoid_prime(z)).ok
    assert "g'(z_k)" in nb05.check_delta_k(a - t).message
    assert "not σ(z)" in nb05.check_delta_k((a - t) * a).message
    assert not nb05.check_delta_k(None).ok and not nb05.check_delta_k("0.1").ok


def test_ex2_stores_the_weights_into_from():
    """EX2["w_kj"][k][j] is the weight into output k from hidden j: n = 2 rows (outputs), m = 2 columns."""
    w = nb05.EX2["w_kj"]
    assert "w_jk" not in nb05.EX2 and len(w) == len(nb05.EX2["delta_k"]) and len(w[0]) == len(nb05.EX2["z_j"])


def right_delta_j() -> float:
    """δ_j = σ'(z_j) Σ_k w_kj δ_k with sympy's σ', from the exercise's data read column by column."""
    j = nb05.EX2["j"] - 1
    w_kj = sp.Matrix(nb05.EX2["w_kj"])
    delta_k = sp.Matrix(nb05.EX2["delta_k"])
    return sympy_sigmoid_prime(nb05.EX2["z_j"][j]) * float((w_kj[:, j].T * delta_k)[0])


def test_delta_j_right_answer_passes():
    assert nb05.check_delta_j(right_delta_j()).ok
    assert nb05.expected_delta_j() == pytest.approx(right_delta_j(), rel=1e-12)


def test_delta_j_names_the_missing_slope_and_the_transposed_weights():
    j = nb05.EX2["j"] - 1
    w_kj, delta_k = np.array(nb05.EX2["w_kj"]), np.array(nb05.EX2["delta_k"])
    slope = sympy_sigmoid_prime(nb05.EX2["z_j"][j])
    passed_back = float(w_kj[:, j] @ delta_k)                       # Σ_k w_kj δ_k, column j
    assert "multiply by g'(z_j)" in nb05.check_delta_j(passed_back).message
    row_j = slope * float(w_kj[j, :] @ delta_k)                     # row j: the weights into output j
    assert abs(row_j - right_delta_j()) > 1e-3                      # the data tell the two apart
    message = nb05.check_delta_j(row_j).message
    assert "use w_kj for the fixed j: the weights leaving neuron j" in message and "not row j" in message
    assert not nb05.check_delta_j(right_delta_j() * 1.5).ok


def test_path_count_right_and_slips():
    weights, biases = init_network(list(nb05.PATH_NET), 0)
    counted = len(weight_paths(weights, biases, np.zeros(nb05.PATH_NET[0]), np.zeros(nb05.PATH_NET[-1]),
                               nb05.PATH_LAYER, 0, 0))
    assert counted == 5 * 2 == nb05.expected_path_count()
    assert nb05.check_path_count(counted).ok
    assert "later layers" in nb05.check_path_count(4 * 5 * 2).message
    assert "multiply" in nb05.check_path_count(5 + 2).message
    assert not nb05.check_path_count(11).ok


# ---- Exercise 4: node_deltas, the δ loops written by hand ----------------------------------------
def learner_deltas(a_i, w_ji, b_j, w_kj, b_k, t_k, *, sign=1.0, out_prime=True, hidden_prime=True,
                   prime="right", weights="right", slope_at="j", outputs="all", half=True):
    """The node-by-node δ loops as a learner writes them, with sympy's σ and one switch per slip."""
    l, m, n = len(a_i), len(b_j), len(b_k)   # noqa: E741
    z_j = [b_j[j] + sum(w_ji[j, i] * a_i[i] for i in range(l)) for j in range(m)]
    a_j = [sympy_sigmoid(z) for z in z_j]
    z_k = [b_k[k] + sum(w_kj[k, j] * a_j[j] for j in range(m)) for k in range(n)]
    a_k = [sympy_sigmoid(z) for z in z_k]
    slope = sympy_sigmoid_prime if prime == "right" else sympy_sigmoid
    two = 1.0 if half else 2.0
    delta_k = [sign * two * (a_k[k] - t_k[k]) * (slope(z_k[k]) if out_prime else 1.0) for k in range(n)]
    ks = {"all": range(n), "first": [0], "last": [n - 1]}[outputs]
    w = (lambda k, j: w_kj[j, k]) if weights == "transposed" else (lambda k, j: w_kj[k, j])
    if slope_at != "j":   # σ′ inside the sum: of hidden neuron number k (seed 000 literally) or of output k
        z = z_j if slope_at == "hidden k" else z_k
        delta_j = [sum(w(k, j) * delta_k[k] * slope(z[k]) for k in ks) for j in range(m)]
    else:
        delta_j = [(slope(z_j[j]) if hidden_prime else 1.0) * sum(w(k, j) * delta_k[k] for k in ks)
                   for j in range(m)]
    return np.array(delta_k), np.array(delta_j)


def test_node_deltas_right_answer_passes_and_the_draws_include_square_and_non_square_layers():
    assert nb05.check_node_deltas(learner_deltas).ok
    sizes = [(len(v["a_i"]), len(v["b_j"]), len(v["b_k"])) for v in nb05.delta_draws()]
    assert any(m == n for _, m, n in sizes) and any(m != n for _, m, n in sizes)


@pytest.mark.parametrize(("switches", "words"), [
    ({"sign": -1.0}, "Wrong sign"),
    ({"out_prime": False}, "δ_k needs σ′ of the output"),
    ({"hidden_prime": False}, "δ_j needs σ′ of the hidden neuron"),
    ({"prime": "sigma"}, "not σ(z)"),
    ({"weights": "transposed"}, "Wrong index on the weights"),
    ({"slope_at": "hidden k"}, "σ′ belongs to the neuron whose delta you compute"),
    ({"slope_at": "output k"}, "δ_k already contains σ′(z_k)"),
    ({"outputs": "first"}, "Only one output's path"),
    ({"outputs": "last"}, "Only one output's path"),
    ({"half": False}, "twice the right ones"),
])
def test_node_deltas_names_each_slip(switches, words):
    fb = nb05.check_node_deltas(lambda *args: learner_deltas(*args, **switches))
    assert not fb.ok and words in fb.message, fb.message
    assert "yours is" not in fb.message, fb.message          # the slip explains every wrong entry


def vectorised(a_i, w_ji, b_j, w_kj, b_k, t_k):
    a_j = 1 / (1 + np.exp(-(w_ji @ a_i + b_j)))
    a_k = 1 / (1 + np.exp(-(w_kj @ a_j + b_k)))
    delta_k = (a_k - t_k) * a_k * (1 - a_k)
    return delta_k, a_j * (1 - a_j) * (w_kj.T @ delta_k)


def transposed_dot(a_i, w_ji, b_j, w_kj, b_k, t_k):
    delta_k, _ = learner_deltas(a_i, w_ji, b_j, w_kj, b_k, t_k)
    return delta_k, np.dot(w_kj.T, delta_k)


def engine(a_i, w_ji, b_j, w_kj, b_k, t_k):
    from helpers.deltas import node_by_node
    out = node_by_node(a_i, w_ji, b_j, w_kj, b_k, t_k)
    return out["delta_k"], out["delta_j"]


def via_backprop(a_i, w_ji, b_j, w_kj, b_k, t_k):
    from helpers.mlp import backprop
    _, grads_b = backprop([w_ji, w_kj], [b_j.reshape(-1, 1), b_k.reshape(-1, 1)], a_i.reshape(-1, 1),
                          t_k.reshape(-1, 1))
    return grads_b[1][:, 0], grads_b[0][:, 0]


@pytest.mark.parametrize(("fn", "words"), [
    (vectorised, "uses the matrix product `@`"),
    (transposed_dot, "uses `.dot`"),
    (engine, "calls `helpers.deltas.node_by_node`"),
    (via_backprop, "calls `helpers.mlp.backprop`"),
])
def test_node_deltas_refuses_the_matrix_shortcut_and_the_engine(fn, words):
    fb = nb05.check_node_deltas(fn)
    assert not fb.ok and words in fb.message, fb.message


def test_node_deltas_other_mistakes_get_kind_feedback():
    def stub(*args):
        raise NotImplementedError
    assert "NotImplementedError" in nb05.check_node_deltas(stub).message
    assert "Pass the function itself" in nb05.check_node_deltas((1, 2)).message
    swapped = nb05.check_node_deltas(lambda *args: learner_deltas(*args)[::-1])
    assert not swapped.ok and "in the order (delta_k, delta_j)" in swapped.message, swapped.message


def test_ex1_and_ex2_accept_answers_rounded_to_three_digits():
    for check, value in ((nb05.check_delta_k, nb05.expected_delta_k()), (nb05.check_delta_j, nb05.expected_delta_j())):
        assert check(float(f"{value:.3g}")).ok and check(float(f"{value:.5g}")).ok
        assert not check(float(f"{value:.2g}")).ok
