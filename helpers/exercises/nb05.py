"""Exercises of notebook 05_node_by_node_deltas. Each ``check_*`` takes the learner's answer and returns
a :class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by helpers."""

from __future__ import annotations

import numpy as np

from ..activations import sigmoid, sigmoid_prime
from ..deltas import weight_paths
from ..mlp import init_network
from .feedback import NOT_ANSWERED, Feedback, compare_number, matches, read_count

__all__ = ["EX1", "EX2", "PATH_NET", "PATH_LAYER", "expected_delta_k", "check_delta_k", "expected_delta_j",
           "check_delta_j", "expected_path_count", "check_path_count"]

EX1 = {"z_k": 0.8, "t_k": 0.2}                      # exercise 1: one sigmoid output neuron
EX2 = {"delta_k": (0.12, -0.05),                    # exercise 2: δ_k of the two outputs,
       "w_kj": ((0.4, 0.9), (-0.7, 0.3)),           # … w_kj[k][j] (into output k from hidden j),
       "z_j": (0.5, -1.2), "j": 2}                  # … hidden net inputs; find δ_j for j = 2
PATH_NET = (3, 4, 5, 2)                             # exercise 3: layer sizes …
PATH_LAYER = 1                                      # … count the paths from a weight of W^1 to E


def expected_delta_k() -> float:
    """δ_k = (a_k − t_k)·σ'(z_k) with a_k = σ(z_k)."""
    return float((sigmoid(EX1["z_k"]) - EX1["t_k"]) * sigmoid_prime(EX1["z_k"]))


def check_delta_k(answer) -> Feedback:
    """Exercise 1: the output delta of one sigmoid neuron."""
    if answer is None:
        return NOT_ANSWERED
    a, t = sigmoid(EX1["z_k"]), EX1["t_k"]
    if matches(answer, a - t):
        return Feedback(False, "That is a_k − t_k alone: multiply by g'(z_k) = σ(z_k)(1 − σ(z_k)).")
    if matches(answer, (a - t) * a):
        return Feedback(False, "σ'(z) is σ(z)(1 − σ(z)), not σ(z).")
    return compare_number(answer, expected_delta_k(), what="δ_k", hint="δ_k = (a_k − t_k)·σ'(z_k).")


def _passed_back(j: int) -> float:
    """∂E/∂a_j = Σ_k w_kj δ_k for the hidden neuron j (0-based): column j of EX2["w_kj"]."""
    return float(sum(row[j] * d for row, d in zip(EX2["w_kj"], EX2["delta_k"], strict=True)))


def expected_delta_j() -> float:
    """δ_j = σ'(z_j) Σ_k w_kj δ_k for j = EX2['j'] (1-based)."""
    j = EX2["j"] - 1
    return float(sigmoid_prime(EX2["z_j"][j]) * _passed_back(j))


def check_delta_j(answer) -> Feedback:
    """Exercise 2: a hidden delta from the output deltas."""
    if answer is None:
        return NOT_ANSWERED
    j = EX2["j"] - 1
    back = _passed_back(j)
    row_j = sum(w * d for w, d in zip(EX2["w_kj"][j], EX2["delta_k"], strict=True))   # w_kj[j][k]: row j
    if matches(answer, back):
        return Feedback(False, "That is ∂E/∂a_j = Σ_k w_kj δ_k: multiply by g'(z_j) to get δ_j.")
    if matches(answer, sigmoid_prime(EX2["z_j"][j]) * row_j):
        return Feedback(False, "Wrong weights: use w_kj for the fixed j: the weights leaving neuron j, column j "
                               "of EX2[\"w_kj\"] (EX2[\"w_kj\"][k][j - 1] for every k), not row j.")
    return compare_number(answer, expected_delta_j(), what=f"δ_j for j = {EX2['j']}",
                          hint="δ_j = σ'(z_j)·Σ_k w_kj δ_k.")


def expected_path_count() -> int:
    """The number of paths from a weight of W^PATH_LAYER to E, counted by enumerating them."""
    weights, biases = init_network(list(PATH_NET), 0)
    x, t = np.zeros(PATH_NET[0]), np.zeros(PATH_NET[-1])
    return len(weight_paths(weights, biases, x, t, PATH_LAYER, 0, 0))


def check_path_count(answer) -> Feedback:
    """Exercise 3: how many paths lead from one weight of W^1 to the loss."""
    value = read_count(answer, "the number of paths")
    if isinstance(value, Feedback):
        return value
    expected = expected_path_count()
    if value == expected:
        return Feedback(True, f"{expected} paths: the weight fixes the neuron in layer {PATH_LAYER}; each "
                              "later layer offers a choice of neuron, and the choices multiply.")
    if value == int(np.prod(PATH_NET[PATH_LAYER:])):
        return Feedback(False, f"The weight already fixes its neuron in layer {PATH_LAYER}: count only the "
                               "choices in the later layers.")
    if value == sum(PATH_NET[PATH_LAYER + 1:]):
        return Feedback(False, "Each path picks one neuron in every later layer: multiply the choices, don't add.")
    return Feedback(False, "Count the choices: one neuron in each layer after the weight's own layer.")
