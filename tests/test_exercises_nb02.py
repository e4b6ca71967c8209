"""Notebook 02's exercise checkers: right answers (by finite differences, independent of the engine)
pass, and each typical wrong answer gets its own hint."""

import numpy as np

from helpers.activations import sigmoid
from helpers.exercises import nb02
from helpers.exercises.feedback import NOT_ANSWERED
from helpers.gradcheck import central_difference


def test_gate_patterns_grad_w():
    p = nb02.EX1_INPUTS
    numeric = central_difference(lambda w: 2 * (p["x"] * p["y"] + max(p["z"], w)), p["w"])
    assert nb02.check_gate_patterns_grad_w(numeric).ok
    assert nb02.check_gate_patterns_grad_w(None) is NOT_ANSWERED
    assert "losing input" in nb02.check_gate_patterns_grad_w(0.0).message
    assert "multiplies by 2" in nb02.check_gate_patterns_grad_w(numeric / 2).message
    assert not nb02.check_gate_patterns_grad_w(numeric + 1).ok


def test_sigmoid_gate_grad():
    numeric = nb02.EX2_DOUT * central_difference(sigmoid, nb02.EX2_Z)
    assert nb02.check_sigmoid_gate_grad(numeric).ok
    s = sigmoid(nb02.EX2_Z)
    assert "local gradient" in nb02.check_sigmoid_gate_grad(s * (1 - s)).message
    assert "σ(z), not z" in nb02.check_sigmoid_gate_grad(nb02.EX2_DOUT * nb02.EX2_Z * (1 - nb02.EX2_Z)).message
    assert not nb02.check_sigmoid_gate_grad("abc").ok


def test_fan_out_grad():
    numeric = central_difference(lambda x: x * nb02.EX3_Y + np.exp(x), nb02.EX3_X)
    assert nb02.check_fan_out_grad(numeric).ok
    assert "only the path" in nb02.check_fan_out_grad(nb02.EX3_Y).message
    assert "only the path" in nb02.check_fan_out_grad(float(np.exp(nb02.EX3_X))).message
