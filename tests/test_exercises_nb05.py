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
