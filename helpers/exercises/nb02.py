"""Exercises of notebook 02_computational_graphs_and_gates. Each ``check_*`` takes the learner's answer
and returns a :class:`~helpers.exercises.feedback.Feedback`; expected values come from
:mod:`helpers.autograd` and :mod:`helpers.gates`, never typed in."""

from __future__ import annotations

import numpy as np

from ..autograd import Value
from ..gates import gate_patterns_circuit, sigmoid_backward, sigmoid_forward
from .feedback import NOT_ANSWERED, Feedback, compare_number, matches

__all__ = ["EX1_INPUTS", "EX2_Z", "EX2_DOUT", "EX3_X", "EX3_Y", "expected_gate_patterns_grad_w",
           "expected_sigmoid_gate_grad", "expected_fan_out_grad", "fan_out_paths",
           "check_gate_patterns_grad_w", "check_sigmoid_gate_grad", "check_fan_out_grad"]

EX1_INPUTS = {"x": 1.5, "y": -2.0, "z": -1.0, "w": 0.5}   # f = 2·(x·y + max(z, w)); w wins the max
EX2_Z, EX2_DOUT = 0.8, -2.5                               # a collapsed sigmoid gate: input and upstream
EX3_X, EX3_Y = 0.6, -1.5                                  # f = x·y + exp(x): x fans out to two gates


def expected_gate_patterns_grad_w() -> float:
    """∂f/∂w for f = 2·(x·y + max(z, w)) at EX1_INPUTS, by the autograd engine."""
    n = gate_patterns_circuit(**EX1_INPUTS)
    n["f"].backward()
    return n["w"].grad


def check_gate_patterns_grad_w(answer) -> Feedback:
    """Exercise 1: the gradient the max gate routes to w (and the ×2 gate scales)."""
    if answer is None:
        return NOT_ANSWERED
    expected = expected_gate_patterns_grad_w()
    if matches(answer, 0.0):
        return Feedback(False, "0 is what the losing input of a max gate gets. Compare z and w: which "
                               "one is larger here?")
    if matches(answer, expected / 2):
        return Feedback(False, "Right route, but the last gate multiplies by 2: its local gradient "
                               "scales everything that flows back through it.")
    return compare_number(answer, expected, what="∂f/∂w",
                          hint="Walk back: ×2 gate (local 2), add gate (local 1), max gate (1 to the "
                               "winner).")


def expected_sigmoid_gate_grad() -> float:
    """dz = dout · σ(z)(1 − σ(z)) for the collapsed sigmoid gate at EX2_Z with upstream EX2_DOUT."""
    _, cache = sigmoid_forward(EX2_Z)
    return sigmoid_backward(EX2_DOUT, cache)


def check_sigmoid_gate_grad(answer) -> Feedback:
    """Exercise 2: what a sigmoid gate sends back to its input."""
    if answer is None:
        return NOT_ANSWERED
    s, _ = sigmoid_forward(EX2_Z)
    if matches(answer, s * (1 - s)):
        return Feedback(False, "That is the local gradient σ(1 − σ) alone. The gate sends back "
                               "upstream × local: multiply by EX2_DOUT.")
    if matches(answer, EX2_DOUT * EX2_Z * (1 - EX2_Z)):
        return Feedback(False, "Use σ(z), not z, in σ(1 − σ): the gate's output, not its input.")
    return compare_number(answer, expected_sigmoid_gate_grad(), what="∂L/∂z",
                          hint="dz = dout · σ(z) · (1 − σ(z)).")


def fan_out_paths() -> dict[str, float]:
    """The two contributions to ∂f/∂x for f = x·y + exp(x): through the multiply and through exp."""
    return {"multiply": EX3_Y, "exp": float(np.exp(EX3_X))}


def expected_fan_out_grad() -> float:
    """∂f/∂x for f = x·y + exp(x) at (EX3_X, EX3_Y), by the autograd engine."""
    x, y = Value(EX3_X, "x"), Value(EX3_Y, "y")
    f = x * y + x.exp()
    f.backward()
    return x.grad


def check_fan_out_grad(answer) -> Feedback:
    """Exercise 3: a value used twice receives the sum of its two paths."""
    if answer is None:
        return NOT_ANSWERED
    for gate, value in fan_out_paths().items():
        if matches(answer, value):
            return Feedback(False, f"That is only the path through the {gate} gate. x feeds two gates, "
                                   "so its gradient is the sum of both contributions.")
    return compare_number(answer, expected_fan_out_grad(), what="∂f/∂x",
                          hint="Multiply gate sends y; exp gate sends exp(x); add them.")
