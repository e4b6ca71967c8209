"""Exercises of notebook 04_worked_example_222. Each ``check_*`` takes the learner's answer and
returns a :class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by
:mod:`helpers.example222` at the published starting point, never typed in."""

from __future__ import annotations

import numpy as np

from ..example222 import PARAM_NAMES, backward, forward, gradients, start_params
from ..gradcheck import numerical_gradient
from ..reference import EXAMPLE_222_START, GRADCHECK_H
from .feedback import NOT_ANSWERED, Feedback, compare_number, describe, matches
from .functions import Draw, check_draws, function_problem, run_and_read

__all__ = ["check_dE_dw6", "check_dE_dw2", "check_direction_w7", "check_w6_after_update",
           "expected_dE_dw6", "expected_dE_dw2", "expected_direction_w7", "expected_w6_after_update",
           "CODE_SEED", "N_RANDOM", "code_params", "slipped_gradients", "BACKWARD_222_SLIPS", "check_backward_222"]


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


# ---- write-it-yourself: the whole backward pass as a function of the ten parameters ------------------
CODE_SEED, N_RANDOM = 4, 4     # the checker tries the published start and N_RANDOM seeded random draws

# Each slip: the message that names it, and the switches of slipped_gradients that reproduce it.
BACKWARD_222_SLIPS: tuple[tuple[str, dict], ...] = (
    ("Wrong sign everywhere: ∂E/∂out_o = out_o − target (E = ½(target − out)², and the inner derivative "
     "of target − out is −1).", {"sign": -1.0}),
    ("Your gradients are twice the right ones: the ½ in E = ½(target − out)² cancels the 2 of the square.",
     {"factor": 2.0}),
    ("δ_o needs σ′ of the output: δ_o = (out_o − t)·out_o(1 − out_o).", {"out_prime": False}),
    ("Going back into a hidden neuron, multiply by its σ′: out_h(1 − out_h).", {"hidden_prime": False}),
    ("∂net/∂w is the activation the weight carries (out_h1 for w5, i1 for w1), not 1 — seed 004's slip.",
     {"carry": "one"}),
    ("Each weight carries the activation of the neuron it comes *from*: w5 (h1 → o1) carries out_h1, w6 "
     "(h2 → o1) carries out_h2; w1 carries i1, w2 carries i2.", {"carry": "swapped"}),
    ("Only one path: out_h1 reaches E through o1 *and* o2, so add both: δ_o1·w5 + δ_o2·w7 (for h2: "
     "δ_o1·w6 + δ_o2·w8) before multiplying by σ′(net_h).", {"paths": ("o1",)}),
    ("Only one path: out_h1 reaches E through o1 *and* o2, so add both: δ_o1·w5 + δ_o2·w7 (for h2: "
     "δ_o1·w6 + δ_o2·w8) before multiplying by σ′(net_h).", {"paths": ("o2",)}),
    ("Wrong weights on the paths back: h1 reaches o1 through w5 and o2 through w7 (the weights *leaving* "
     "h1), not w5 and w6.", {"back": "transposed"}),
    ("b2 feeds both outputs and b1 both hidden neurons: a shared bias's gradient is the sum of both deltas, "
     "δ_o1 + δ_o2.", {"bias": (0,)}),
    ("b2 feeds both outputs and b1 both hidden neurons: a shared bias's gradient is the sum of both deltas, "
     "δ_o1 + δ_o2.", {"bias": (1,)}),
)


def slipped_gradients(params: dict, *, sign: float = 1.0, factor: float = 1.0, out_prime: bool = True,
                      hidden_prime: bool = True, carry: str = "right", paths: tuple = ("o1", "o2"),
                      back: str = "right", bias: tuple = (0, 1)) -> np.ndarray:
    """∂E/∂p in PARAM_NAMES order, with the switches set to reproduce one slip (all defaults: right).

    Built from the forward pass of :mod:`helpers.example222` (shape (10,)).
    """
    f = forward(params)
    p = params
    d_o = [sign * factor * (f[o] - t) * (f[o] * (1 - f[o]) if out_prime else 1.0)
           for o, t in (("out_o1", f["t1"]), ("out_o2", f["t2"]))]
    h, i = [f["out_h1"], f["out_h2"]], [f["i1"], f["i2"]]
    rule = {"right": lambda a, k: a[k], "swapped": lambda a, k: a[1 - k], "one": lambda a, k: 1.0}[carry]
    w_back = {"right": ((p["w5"], p["w7"]), (p["w6"], p["w8"])),       # h1 → (o1, o2), h2 → (o1, o2)
              "transposed": ((p["w5"], p["w6"]), (p["w7"], p["w8"]))}[back]
    d_h = [sum(d_o[n] * w_back[j][n] for n, o in enumerate(("o1", "o2")) if o in paths)
           * (h[j] * (1 - h[j]) if hidden_prime else 1.0) for j in range(2)]
    grads = [d_h[j] * rule(i, k) for j in range(2) for k in range(2)]          # w1, w2, w3, w4
    grads += [d_o[n] * rule(h, k) for n in range(2) for k in range(2)]         # w5, w6, w7, w8
    grads += [sum(d_h[n] for n in bias), sum(d_o[n] for n in bias)]            # b1, b2
    return np.array(grads)


def code_params() -> list[dict[str, float]]:
    """The published starting parameters, then N_RANDOM seeded draws of all ten from [−1, 1]."""
    rng = np.random.default_rng(CODE_SEED)
    draws = [dict(zip(PARAM_NAMES, rng.uniform(-1.0, 1.0, len(PARAM_NAMES)).tolist(), strict=True))
             for _ in range(N_RANDOM)]
    return [start_params(), *draws]


def _E_of(vector: np.ndarray) -> float:
    return forward(dict(zip(PARAM_NAMES, vector.tolist(), strict=True)))["E_total"]


def check_backward_222(backward_222) -> Feedback:
    """Exercise 5: the learner's ``backward_222(params) -> dict`` (∂E_total/∂p for the ten names
    w1..w8, b1, b2, at the published inputs and targets), against central differences of E_total at
    the published start and at N_RANDOM random parameter draws."""
    name = "backward_222"
    problem = function_problem(backward_222, name, "check_backward_222")
    if problem is not None:
        return problem
    template = dict.fromkeys(PARAM_NAMES, 0.0)

    def draw(numbered: tuple[int, dict]) -> Draw | Feedback:
        n, params = numbered
        where = "at the published start" if n == 0 else f"at random parameters no. {n}"
        read = run_and_read(backward_222, name, {"params": dict(params)}, template, where=where,
                            label=f"the dict `{name}` returns")
        if isinstance(read, Feedback):
            return read
        numeric = numerical_gradient(_E_of, np.array([params[k] for k in PARAM_NAMES]), GRADCHECK_H)
        variants = [(message, slipped_gradients(params, **switches)) for message, switches in BACKWARD_222_SLIPS]
        return Draw(where, read[0], numeric, [f"∂E/∂{k}" for k in PARAM_NAMES], variants)

    return check_draws(draw, enumerate(code_params()),
                       hint="Output weights: δ_o · (the activation the weight carries); hidden weights: "
                            "(δ_o1·w + δ_o2·w) · σ′(net_h) · input.",
                       ok_message=f"All ten gradients agree with central differences at the published start and "
                                  f"at {N_RANDOM} random parameter draws.")
