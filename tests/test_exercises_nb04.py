"""Notebook 04's write-it-yourself checker: a right backward_222 passes; each mistaken one (written here
as a learner would write it) gets the message that names its slip."""

import numpy as np
import pytest

from helpers import example222 as ex
from helpers.exercises import nb04
from helpers.gradcheck import numerical_gradient


def learner_backward(params, *, sign=1.0, half=True, out_prime=True, hidden_prime=True, carry="right",
                     paths=("o1", "o2"), back="right", bias="both"):
    """The 2-2-2 backward pass written out by hand, name by name, with one switch per slip."""
    f = ex.forward(params)
    p, (i1, i2), (t1, t2) = params, ex.INPUTS, ex.TARGETS
    k = 1.0 if half else 2.0
    d_o1 = sign * k * (f["out_o1"] - t1) * (f["out_o1"] * (1 - f["out_o1"]) if out_prime else 1)
    d_o2 = sign * k * (f["out_o2"] - t2) * (f["out_o2"] * (1 - f["out_o2"]) if out_prime else 1)
    w_h1, w_h2 = ((p["w5"], p["w7"]), (p["w6"], p["w8"])) if back == "right" else ((p["w5"], p["w6"]),
                                                                                   (p["w7"], p["w8"]))
    use = [1.0 if "o1" in paths else 0.0, 1.0 if "o2" in paths else 0.0]
    s1 = f["out_h1"] * (1 - f["out_h1"]) if hidden_prime else 1
    s2 = f["out_h2"] * (1 - f["out_h2"]) if hidden_prime else 1
    d_h1 = (use[0] * d_o1 * w_h1[0] + use[1] * d_o2 * w_h1[1]) * s1
    d_h2 = (use[0] * d_o1 * w_h2[0] + use[1] * d_o2 * w_h2[1]) * s2
    h1, h2, a1, a2 = f["out_h1"], f["out_h2"], i1, i2
    if carry == "one":
        h1 = h2 = a1 = a2 = 1.0
    elif carry == "swapped":
        h1, h2, a1, a2 = h2, h1, a2, a1
    grads = {"w1": d_h1 * a1, "w2": d_h1 * a2, "w3": d_h2 * a1, "w4": d_h2 * a2,
             "w5": d_o1 * h1, "w6": d_o1 * h2, "w7": d_o2 * h1, "w8": d_o2 * h2,
             "b1": d_h1 + d_h2, "b2": d_o1 + d_o2}
    if bias == "first":
        grads.update(b1=d_h1, b2=d_o1)
    return grads


def backward_222(params):
    return learner_backward(params)


def test_right_answer_passes_and_agrees_with_central_differences_and_helpers():
    assert nb04.check_backward_222(backward_222).ok
    for params in nb04.code_params():
        vector = np.array([params[k] for k in ex.PARAM_NAMES])
        numeric = numerical_gradient(lambda v: ex.forward(dict(zip(ex.PARAM_NAMES, v, strict=True)))["E_total"],
                                     vector)
        mine = np.array([backward_222(params)[k] for k in ex.PARAM_NAMES])
        assert np.allclose(mine, numeric, rtol=1e-6, atol=1e-10)
        assert np.allclose(nb04.slipped_gradients(params), [ex.gradients(params)[k] for k in ex.PARAM_NAMES],
                           rtol=1e-13, atol=0)


def test_the_draws_are_the_published_start_and_random_points():
    draws = nb04.code_params()
    assert draws[0] == ex.start_params() and len(draws) == 1 + nb04.N_RANDOM
    assert all(-1 <= v <= 1 for d in draws[1:] for v in d.values())


@pytest.mark.parametrize(("switches", "words"), [
    ({"sign": -1.0}, "Wrong sign everywhere"),
    ({"half": False}, "twice the right ones"),
    ({"out_prime": False}, "δ_o needs σ′ of the output"),
    ({"hidden_prime": False}, "multiply by its σ′"),
    ({"carry": "one"}, "seed 004's slip"),
    ({"carry": "swapped"}, "carries the activation of the neuron it comes *from*"),
    ({"paths": ("o1",)}, "Only one path"),
    ({"paths": ("o2",)}, "Only one path"),
    ({"back": "transposed"}, "Wrong weights on the paths back"),
    ({"bias": "first"}, "a shared bias's gradient is the sum"),
])
def test_each_slip_is_named(switches, words):
    fb = nb04.check_backward_222(lambda params: learner_backward(params, **switches))
    assert not fb.ok and words in fb.message, fb.message
    assert "yours is " not in fb.message, fb.message       # the slip explains every wrong entry


def test_a_slip_in_one_group_of_weights_only_is_still_named():
    def slip_in_output_weights_only(params):
        grads = learner_backward(params)
        grads.update({k: v for k, v in learner_backward(params, carry="one").items() if k in ex.OUTPUT_WEIGHTS})
        return grads
    fb = nb04.check_backward_222(slip_in_output_weights_only)
    assert not fb.ok and "seed 004's slip" in fb.message and "yours is" not in fb.message, fb.message


def mutates(params):
    grads = learner_backward(params)
    params["w5"] -= 0.5 * grads["w5"]
    return grads


def missing_b1(params):
    grads = learner_backward(params)
    del grads["b1"]
    return grads


def returns_list(params):
    return list(learner_backward(params).values())


def typo(params):
    return {"w1": params["w11"]}


def unexplained(params):
    return {**learner_backward(params), "w3": 0.123}


@pytest.mark.parametrize(("fn", "words"), [
    (mutates, "changed its argument `params` in place"),
    (missing_b1, "is missing b1"),
    (returns_list, "should be a dict with keys w1"),
    (typo, "raised KeyError: 'w11'"),
    (unexplained, "∂E/∂w3 at the published start: yours is 0.123; central differences give"),
    (lambda params: None, "returned None"),
    (lambda params: {**learner_backward(params), "w2": "0.1"}, "is a number; you gave the text '0.1'"),
    ({"w1": 0.1}, "Pass the function itself"),
])
def test_other_mistakes_get_kind_feedback(fn, words):
    fb = nb04.check_backward_222(fn)
    assert not fb.ok and words in fb.message, fb.message


# ---- Exercises 1-4: right answers at the digits the prompts ask for ------------------------------
ROUNDED = [(nb04.check_dE_dw6, nb04.expected_dE_dw6, nb04.DIGITS),
           (nb04.check_dE_dw2, nb04.expected_dE_dw2, nb04.DIGITS),
           (nb04.check_w6_after_update, nb04.expected_w6_after_update, nb04.DIGITS_EX4)]


@pytest.mark.parametrize(("check", "expected", "digits"), ROUNDED, ids=["ex1", "ex2", "ex4"])
def test_a_right_answer_rounded_to_the_prompts_digits_passes(check, expected, digits):
    value = expected()
    for d in range(digits, 10):
        assert check(float(f"{value:.{d}g}")).ok, (d, check(float(f"{value:.{d}g}")))
    too_few = check(float(f"{value:.{digits - 1}g}"))
    assert not too_few.ok and f"at least {digits} significant digits" in too_few.message, too_few.message


def test_every_named_slip_is_told_apart_at_the_prompts_digits():
    """A slip recognised at the digits the prompt asks for must not round to the right answer there."""
    g, g0, new = ex.backward(nb04.after_one_update()), ex.gradients(), nb04.after_one_update()
    tail = g["dout_h1_dnet_h1"] * ex.INPUTS[1]
    slips = {nb04.expected_dE_dw6: [g0["w6"], g["dE_dnet_o1"], g["dE_dw5"]],
             nb04.expected_dE_dw2: [g0["w2"], g["dE_o1_dout_h1"] * tail, g["dE_o2_dout_h1"] * tail],
             nb04.expected_w6_after_update: [new["w6"] - 0.5 * g0["w6"], new["w6"] + 0.5 * g["dE_dw6"], new["w6"]]}
    for expected, values in slips.items():
        digits = nb04.DIGITS_EX4 if expected is nb04.expected_w6_after_update else nb04.DIGITS
        for slip in values:
            assert f"{slip:.{digits}g}" != f"{expected():.{digits}g}", (expected.__name__, slip)


# ---- Exercise 5 refuses the engine's own backward pass ----------------------------------------------
@pytest.mark.parametrize(("fn", "label"), [
    (lambda p: ex.gradients(p), "ex.gradients"),
    (lambda p: {k: ex.backward(p)["dE_d" + k] for k in ex.PARAM_NAMES}, "ex.backward"),
    (lambda p: {k: ex.update(p)[1]["dE_d" + k] for k in ex.PARAM_NAMES}, "ex.update"),
])
def test_exercise_5_refuses_the_engines_gradients_kindly(fn, label):
    fb = nb04.check_backward_222(fn)
    assert not fb.ok and f"calls `{label}`" in fb.message and "write the steps yourself" in fb.message, fb.message
