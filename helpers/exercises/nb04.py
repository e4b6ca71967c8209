"""Exercises of notebook 04_worked_example_222. Each ``check_*`` takes the learner's answer and
returns a :class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by
:mod:`helpers.example222` at the published starting point, never typed in."""

from __future__ import annotations

from ..example222 import backward, forward, gradients, start_params
from ..reference import EXAMPLE_222_START
from .feedback import NOT_ANSWERED, Feedback, compare_number, describe, matches

__all__ = ["check_dE_dw6", "check_dE_dw2", "check_direction_w7", "check_w6_after_update",
           "expected_dE_dw6", "expected_dE_dw2", "expected_direction_w7", "expected_w6_after_update"]


def expected_dE_dw6() -> float:
    """∂E_total/∂w6 at the start: ∂E/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w6 (= out_h2)."""
    return gradients()["w6"]


def check_dE_dw6(answer) -> Feedback:
    """Exercise 1: ∂E_total/∂w6 by hand, as a product of three factors."""
    if answer is None:
        return NOT_ANSWERED
    g = backward()
    if matches(answer, g["dE_dnet_o1"]):
        return Feedback(False, "That is ∂E/∂out_o1 · ∂out_o1/∂net_o1 times 1 — seed 004's slip. The third "
                               "factor ∂net_o1/∂w6 is the activation that w6 carries: out_h2.")
    if matches(answer, g["dE_dw5"]):
        return Feedback(False, "That is ∂E/∂w5. w6 connects h2 (not h1) to o1: "
                               "use out_h2 as the last factor.")
    return compare_number(answer, expected_dE_dw6(), what="∂E_total/∂w6",
                          hint="Multiply (out_o1 − target_o1) · out_o1(1 − out_o1) · out_h2.")


def expected_dE_dw2() -> float:
    """∂E_total/∂w2 at the start: the sum over the paths through o1 and o2, times σ'(net_h1) · i2."""
    return gradients()["w2"]


def check_dE_dw2(answer) -> Feedback:
    """Exercise 2: ∂E_total/∂w2, whose path to E splits at h1 into two paths (through o1 and o2)."""
    if answer is None:
        return NOT_ANSWERED
    g = backward()
    tail = g["dout_h1_dnet_h1"] * g["dnet_h1_dw2"]
    for out, key in (("o1", "dE_o1_dout_h1"), ("o2", "dE_o2_dout_h1")):
        if matches(answer, g[key] * tail):
            return Feedback(False, f"That is only the path through {out}. out_h1 reaches E through both "
                                   "outputs: add the two paths before multiplying by σ'(net_h1) · i2.")
    return compare_number(answer, expected_dE_dw2(), what="∂E_total/∂w2",
                          hint="(δ_o1·w5 + δ_o2·w7) · out_h1(1 − out_h1) · i2, with δ_o = ∂E/∂net_o.")


def expected_direction_w7() -> str:
    """'down' if a small increase of w7 lowers E_total at the start, else 'up' (the sign of ∂E/∂w7)."""
    return "down" if gradients()["w7"] < 0 else "up"


def check_direction_w7(answer) -> Feedback:
    """Exercise 3: predict whether nudging w7 up makes E_total go 'up' or 'down'."""
    if answer is None:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return Feedback(False, f"Answer 'up' or 'down', a word in quotes; you gave {describe(answer)}.")
    text = answer.strip().lower()
    aliases = {"up": "up", "+": "up", "increase": "up", "down": "down", "-": "down", "decrease": "down"}
    if text not in aliases:
        return Feedback(False, f"Answer 'up' or 'down'; you gave {answer!r}.")
    expected = expected_direction_w7()
    p = start_params()
    e0 = forward(p)["E_total"]
    e1 = forward({**p, "w7": p["w7"] + 1e-3})["E_total"]
    if aliases[text] == expected:
        return Feedback(True, f"E_total goes {expected}: w7 + 0.001 gives E = {e1:.9f} (from {e0:.9f}), "
                              f"because ∂E/∂w7 = {gradients()['w7']:+.9f}.")
    return Feedback(False, "Look at the sign of ∂E/∂w7 = δ_o2 · out_h1: out_o2 is below its target 0.99, "
                           "so δ_o2 is negative.")


def expected_w6_after_update() -> float:
    """w6 after one update with the published learning rate: w6 − η ∂E/∂w6."""
    return EXAMPLE_222_START["w6"] - EXAMPLE_222_START["learning_rate"] * gradients()["w6"]


def check_w6_after_update(answer) -> Feedback:
    """Exercise 4: the new w6 after one gradient-descent step with η = 0.5."""
    if answer is None:
        return NOT_ANSWERED
    wrong_sign = EXAMPLE_222_START["w6"] + EXAMPLE_222_START["learning_rate"] * gradients()["w6"]
    if matches(answer, wrong_sign):
        return Feedback(False, "You added η·∂E/∂w6. Gradient descent steps against the gradient: "
                               "subtract it.")
    return compare_number(answer, expected_w6_after_update(), what="w6⁺", hint="w6⁺ = w6 − η · ∂E/∂w6.")
