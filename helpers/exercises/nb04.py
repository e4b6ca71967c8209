"""Exercises of notebook 04_worked_example_222. Each ``check_*`` takes the learner's answer and
returns a :class:`~helpers.exercises.feedback.Feedback`; the expected values are computed by
:mod:`helpers.example222`, never typed in.

The number exercises are posed where the notebook prints nothing (tests/test_exercise_answers_hidden.py
scans it): Exercises 1, 2 and 4 take the *second* step of gradient descent, at the weights after the
published first update (:func:`after_one_update`); Exercise 3 asks the direction of E for w7 when o2's
target is :data:`EX3_TARGETS` instead of the published 0.99.
"""

from __future__ import annotations

import numpy as np

from .. import example222, mlp
from ..example222 import PARAM_NAMES, backward, forward, gradients, start_params, update
from ..gradcheck import numerical_gradient
from ..i18n import _
from ..reference import EXAMPLE_222_START, GRADCHECK_H
from .feedback import NOT_ANSWERED, Feedback, compare_number, describe, matches
from .functions import Draw, check_draws, function_problem, run_and_read

__all__ = ["check_dE_dw6", "check_dE_dw2", "check_direction_w7", "check_w6_after_update",
           "expected_dE_dw6", "expected_dE_dw2", "expected_direction_w7", "expected_w6_after_update",
           "after_one_update", "EX3_TARGETS", "DIGITS", "DIGITS_EX4", "ANSWERS", "FORBIDDEN",
           "CODE_SEED", "N_RANDOM", "code_params", "slipped_gradients", "backward_222_slips", "instead",
           "check_backward_222"]

DIGITS = 3                       # the prompts ask for 3 significant digits or more …
DIGITS_EX4 = 4                   # … and 4 for Exercise 4: one step barely changes ∂E/∂w6, so at 3 digits the
                                 # second update and the slip "reuse the first gradient" agree
EX3_TARGETS = (EXAMPLE_222_START["t1"], 0.6)   # exercise 3: o2's target is 0.6 instead of 0.99
ETA = EXAMPLE_222_START["learning_rate"]


def after_one_update() -> dict[str, float]:
    """The ten parameters after the published first update (the stated algorithm, η = 0.5)."""
    return update(start_params(), ETA)[0]


def expected_dE_dw6() -> float:
    """Exercise 1: ∂E_total/∂w6 after one update, ∂E/∂out_o1 · ∂out_o1/∂net_o1 · out_h2 there."""
    return gradients(after_one_update())["w6"]


def check_dE_dw6(answer) -> Feedback:
    """Exercise 1: ∂E_total/∂w6 at the weights after one update, as a product of three factors."""
    if answer is None:
        return NOT_ANSWERED
    g = backward(after_one_update())
    if matches(answer, gradients()["w6"]):
        return Feedback(False, _("That is ∂E/∂w6 at the starting weights, the number section 3 printed. After the "
                                 "update every forward value has changed: take out_o1 and out_h2 from "
                                 "ex.forward(new)."))
    if matches(answer, g["dE_dnet_o1"]):
        return Feedback(False, _("That is ∂E/∂out_o1 · ∂out_o1/∂net_o1 times 1 — seed 004's slip. The third "
                                 "factor ∂net_o1/∂w6 is the activation that w6 carries: out_h2."))
    if matches(answer, g["dE_dw5"]):
        return Feedback(False, _("That is ∂E/∂w5. w6 connects h2 (not h1) to o1: use out_h2 as the last factor."))
    return compare_number(answer, expected_dE_dw6(), what=_("∂E_total/∂w6 after one update"), digits=DIGITS,
                          hint=_("Multiply (out_o1 − t1) · out_o1(1 − out_o1) · out_h2, all from ex.forward(new)."))


def expected_dE_dw2() -> float:
    """Exercise 2: ∂E_total/∂w2 after one update: (δ_o1·w5 + δ_o2·w7)·σ'(net_h1)·i2 with the new weights."""
    return gradients(after_one_update())["w2"]


def check_dE_dw2(answer) -> Feedback:
    """Exercise 2: ∂E_total/∂w2 after one update, whose path to E splits at h1 into two paths."""
    if answer is None:
        return NOT_ANSWERED
    new, start = after_one_update(), start_params()
    g = backward(new)
    tail = g["dout_h1_dnet_h1"] * g["dnet_h1_dw2"]
    if matches(answer, gradients()["w2"]):
        return Feedback(False, _("That is ∂E/∂w2 at the starting weights (section 4's table). Compute it at the "
                                 "weights after the update: the deltas, out_h1 and w5, w7 have all moved."))
    for out, key in (("o1", "dE_o1_dout_h1"), ("o2", "dE_o2_dout_h1")):
        if matches(answer, g[key] * tail):
            message = _("That is only the path through {out}. out_h1 reaches E through both "
                        "outputs: add the two paths before multiplying by σ'(net_h1) · i2.")
            return Feedback(False, message.format(out=out))
    old_paths = (g["dE_dnet_o1"] * start["w5"] + g["dE_dnet_o2"] * start["w7"]) * tail
    if matches(answer, old_paths):
        return Feedback(False, _("The paths back run through the weights as they are now: use the updated w5 and w7 "
                                 "(new['w5'], new['w7']), not the starting 0.40 and 0.50."))
    transposed = (g["dE_dnet_o1"] * new["w5"] + g["dE_dnet_o2"] * new["w6"]) * tail
    if matches(answer, transposed):
        return Feedback(False, _("Wrong weights on the paths back: h1 reaches o1 through w5 and o2 through w7 (the "
                                 "weights leaving h1), not w5 and w6."))
    return compare_number(answer, expected_dE_dw2(), what=_("∂E_total/∂w2 after one update"), digits=DIGITS,
                          hint=_("(δ_o1·w5 + δ_o2·w7) · out_h1(1 − out_h1) · i2, with "
                                 "δ_o = (out_o − t)·out_o(1 − out_o) and everything taken after the update."))


def expected_direction_w7() -> str:
    """Exercise 3: 'down' if a small increase of w7 lowers E_total at the start with targets EX3_TARGETS,
    else 'up' (the sign of ∂E/∂w7 there)."""
    return "down" if backward(targets=EX3_TARGETS)["dE_dw7"] < 0 else "up"


def check_direction_w7(answer) -> Feedback:
    """Exercise 3: with o2's target EX3_TARGETS[1], does nudging w7 up make E_total go 'up' or 'down'?"""
    if answer is None:
        return NOT_ANSWERED
    if not isinstance(answer, str):
        return Feedback(False, _("Answer 'up' or 'down', a word in quotes; you gave {given}.").format(
            given=describe(answer)))
    text = answer.strip().lower()
    aliases = {"up": "up", "+": "up", "increase": "up", "down": "down", "-": "down", "decrease": "down",
               "위": "up", "증가": "up", "올라감": "up", "아래": "down", "감소": "down", "내려감": "down"}
    if text not in aliases:
        return Feedback(False, _("Answer 'up' or 'down'; you gave {given!r}.").format(given=answer))
    expected = expected_direction_w7()
    p, t2 = start_params(), EX3_TARGETS[1]
    e0 = forward(p, targets=EX3_TARGETS)["E_total"]
    e1 = forward({**p, "w7": p["w7"] + 1e-3}, targets=EX3_TARGETS)["E_total"]
    slope = backward(targets=EX3_TARGETS)["dE_dw7"]
    if aliases[text] == expected:
        return Feedback(True, _("With target {t2}, E_total goes {direction}: w7 + 0.001 gives E = {e1:.6f} (from "
                                "{e0:.6f}), because ∂E/∂w7 = {slope:+.6f}.").format(
            t2=t2, direction=_("up") if expected == "up" else _("down"), e1=e1, e0=e0, slope=slope))
    return Feedback(False, _("Look at the sign of ∂E/∂w7 = δ_o2 · out_h1. With target {t2}, is out_o2 "
                             "({out_o2:.3f}) below or above its target? That decides the sign of "
                             "out_o2 − t2, and so of δ_o2.").format(t2=t2, out_o2=forward(p)["out_o2"]))


def expected_w6_after_update() -> float:
    """Exercise 4: w6 after the second update: w6⁺ − η ∂E/∂w6 at the weights after the first."""
    return update(after_one_update(), ETA)[0]["w6"]


def check_w6_after_update(answer) -> Feedback:
    """Exercise 4: w6 after the second gradient-descent step with η = 0.5 (to DIGITS_EX4 digits)."""
    if answer is None:
        return NOT_ANSWERED
    new = after_one_update()
    g_new, g_start = gradients(new)["w6"], gradients()["w6"]
    slips = (
        (new["w6"] + ETA * g_new, _("You added η·∂E/∂w6. Gradient descent steps against the gradient: subtract it.")),
        (new["w6"] - ETA * g_start, _("You reused the gradient of the first update. The second step needs ∂E/∂w6 at "
                                      "the new weights: that is Exercise 1's number.")),
        (new["w6"], _("That is w6 after the first update (section 5's table). Take one more step from it.")),
        (EXAMPLE_222_START["w6"] - ETA * g_new, _("Start the second step from w6 after the first update "
                                                  "(new['w6']), not from 0.45.")),
    )
    for value, message in slips:
        if matches(answer, value, digits=DIGITS_EX4):
            return Feedback(False, message)
    return compare_number(answer, expected_w6_after_update(), what=_("w6 after the second update"), digits=DIGITS_EX4,
                          hint=_("w6⁺⁺ = w6⁺ − η · ∂E/∂w6, with ∂E/∂w6 taken at the weights after the first update."))


# ---- write-it-yourself: the whole backward pass as a function of the ten parameters ------------------
CODE_SEED, N_RANDOM = 4, 4     # the checker tries the published start and N_RANDOM seeded random draws

# Each slip: the message that names it (in the running edition's language), and the switches of
# slipped_gradients that reproduce it.
def backward_222_slips() -> tuple[tuple[str, dict], ...]:
    """(message, switches) for every slip Exercise 5's checker names."""
    one_path = _("Only one path: out_h1 reaches E through o1 *and* o2, so add both: δ_o1·w5 + δ_o2·w7 (for h2: "
                 "δ_o1·w6 + δ_o2·w8) before multiplying by σ′(net_h).")
    shared_bias = _("b2 feeds both outputs and b1 both hidden neurons: a shared bias's gradient is the sum of both "
                    "deltas, δ_o1 + δ_o2.")
    return (
        (_("Wrong sign everywhere: ∂E/∂out_o = out_o − target (E = ½(target − out)², and the inner derivative "
           "of target − out is −1)."), {"sign": -1.0}),
        (_("Your gradients are twice the right ones: the ½ in E = ½(target − out)² cancels the 2 of the square."),
         {"factor": 2.0}),
        (_("δ_o needs σ′ of the output: δ_o = (out_o − t)·out_o(1 − out_o)."), {"out_prime": False}),
        (_("Going back into a hidden neuron, multiply by its σ′: out_h(1 − out_h)."), {"hidden_prime": False}),
        (_("∂net/∂w is the activation the weight carries (out_h1 for w5, i1 for w1), not 1 — seed 004's slip."),
         {"carry": "one"}),
        (_("Each weight carries the activation of the neuron it comes *from*: w5 (h1 → o1) carries out_h1, w6 "
           "(h2 → o1) carries out_h2; w1 carries i1, w2 carries i2."), {"carry": "swapped"}),
        (one_path, {"paths": ("o1",)}),
        (one_path, {"paths": ("o2",)}),
        (_("Wrong weights on the paths back: h1 reaches o1 through w5 and o2 through w7 (the weights *leaving* "
           "h1), not w5 and w6."), {"back": "transposed"}),
        (shared_bias, {"bias": (0,)}),
        (shared_bias, {"bias": (1,)}),
    )


# The engine's own backward passes: Exercise 5 asks for the steps, so calling one of these is refused kindly.
FORBIDDEN = {example222.gradients: "ex.gradients", example222.backward: "ex.backward",
             example222.update: "ex.update", example222.train: "ex.train", mlp.backprop: "helpers.mlp.backprop"}


def instead() -> str:
    """What Exercise 5 asks for instead of a forbidden call (completes the checker's sentence)."""
    return _("the two output deltas δ_o = (out_o − t)·out_o(1 − out_o), the two hidden deltas as sums over two "
             "paths, then every gradient as the delta of the neuron the parameter feeds × the activation it carries")


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
        where = _("at the published start") if n == 0 else _("at random parameters no. {n}").format(n=n)
        read = run_and_read(backward_222, name, {"params": dict(params)}, template, where=where,
                            label=_("the dict `{name}` returns").format(name=name), forbidden=FORBIDDEN,
                            instead=instead())
        if isinstance(read, Feedback):
            return read
        numeric = numerical_gradient(_E_of, np.array([params[k] for k in PARAM_NAMES]), GRADCHECK_H)
        variants = [(message, slipped_gradients(params, **switches)) for message, switches in backward_222_slips()]
        return Draw(where, read[0], numeric, [f"∂E/∂{k}" for k in PARAM_NAMES], variants)

    return check_draws(draw, enumerate(code_params()),
                       hint=_("Output weights: δ_o · (the activation the weight carries); hidden weights: "
                              "(δ_o1·w + δ_o2·w) · σ′(net_h) · input."),
                       ok_message=_("All ten gradients agree with central differences at the published start and "
                                    "at {n} random parameter draws.").format(n=N_RANDOM))


# Exercise number -> the answer (tests/test_exercise_answers_hidden.py checks no cell above prints it).
ANSWERS = {1: expected_dE_dw6, 2: expected_dE_dw2,
           3: "a word, 'up' or 'down' (the direction is the sign of ∂E/∂w7 with o2's target 0.6)",
           4: expected_w6_after_update, 5: "a function to write: backward_222(params)"}
