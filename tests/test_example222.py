"""Tests of helpers.example222 (the 2-2-2 worked example of notebook 04): against the published
digits in helpers.reference, against central differences of the forward pass, and against the
independent matrix-form implementation in helpers.mlp."""

from __future__ import annotations

import numpy as np
import pytest

from helpers import example222 as ex
from helpers import mlp
from helpers.gradcheck import numerical_gradient, relative_error
from helpers.reference import (
    EXAMPLE_222_BACKWARD,
    EXAMPLE_222_FORWARD,
    EXAMPLE_222_PUBLISHED_LATER,
    EXAMPLE_222_START,
    EXAMPLE_222_UPDATED,
    published_tolerance,
    value,
)

LATER = EXAMPLE_222_PUBLISHED_LATER


def matches(x: float, text: str) -> bool:
    """x equals the published number to its published digits."""
    return abs(x - value(text)) <= published_tolerance(text)


def as_vector(params):
    return np.array([params[n] for n in ex.PARAM_NAMES])


def as_params(vector):
    return dict(zip(ex.PARAM_NAMES, (float(v) for v in vector), strict=True))


def matrix_form(params):
    """The same network in helpers.mlp's matrix form: W^l (2, 2), b^l (2, 1), x (2, 1)."""
    weights = [np.array(W) for W in ex.weight_matrices(params)]
    biases = [np.full((2, 1), params["b1"]), np.full((2, 1), params["b2"])]
    x = np.array([[EXAMPLE_222_START["i1"]], [EXAMPLE_222_START["i2"]]])
    y = np.array([[EXAMPLE_222_START["t1"]], [EXAMPLE_222_START["t2"]]])
    return weights, biases, x, y


# ---- published numbers ---------------------------------------------------------------------------
@pytest.mark.parametrize("name", sorted(EXAMPLE_222_FORWARD))
def test_forward_reproduces_published_digits(name):
    assert matches(ex.forward()[name], EXAMPLE_222_FORWARD[name])


@pytest.mark.parametrize("name", sorted(EXAMPLE_222_BACKWARD))
def test_backward_reproduces_published_digits(name):
    assert matches(ex.backward()[name], EXAMPLE_222_BACKWARD[name])


@pytest.mark.parametrize("name", sorted(EXAMPLE_222_UPDATED))
def test_update_reproduces_published_weights(name):
    new, _ = ex.update()  # biases fixed, hidden gradients through the old w5..w8 (the stated algorithm)
    assert matches(new[name], EXAMPLE_222_UPDATED[name])
    assert new["b1"] == EXAMPLE_222_START["b1"] and new["b2"] == EXAMPLE_222_START["b2"]


def test_published_error_after_one_update_needs_updated_output_weights():
    stated = ex.forward(ex.update()[0])["E_total"]
    variant = ex.forward(ex.update(hidden_uses_updated=True)[0])["E_total"]
    assert matches(variant, LATER["E_after_1_update"])
    assert not matches(stated, LATER["E_after_1_update"])
    # the stated algorithm, done independently in matrix form (BP1-BP4), biases kept fixed
    weights, biases, x, y = matrix_form(ex.start_params())
    grads_w, _ = mlp.backprop(weights, biases, x, y)
    stepped = [W - EXAMPLE_222_START["learning_rate"] * gW for W, gW in zip(weights, grads_w, strict=True)]
    assert stated == pytest.approx(mlp.total_loss(stepped, biases, x, y), rel=1e-13)


def test_published_error_after_10000_is_the_stated_algorithm_one_step_early():
    _, losses = ex.train(steps=10_000)
    assert matches(losses[9_999], LATER["E_after_10000_updates"])      # printed in iteration 10,000
    assert not matches(losses[10_000], LATER["E_after_10000_updates"])  # after 10,000 updates
    _, losses_variant = ex.train(steps=10_000, hidden_uses_updated=True)
    assert not any(matches(e, LATER["E_after_10000_updates"]) for e in losses_variant[9_990:])


def test_published_outputs_after_10000_need_updated_output_weights():
    stated, _ = ex.train(steps=10_000)
    variant, _ = ex.train(steps=10_000, hidden_uses_updated=True)
    f_stated, f_variant = ex.forward(stated), ex.forward(variant)
    assert matches(f_variant["out_o1"], LATER["out_o1_after_10000_updates"])
    assert matches(f_variant["out_o2"], LATER["out_o2_after_10000_updates"])
    assert not matches(f_stated["out_o1"], LATER["out_o1_after_10000_updates"])
    # The published outputs themselves imply an error that is not the published error:
    implied = 0.5 * ((0.01 - value(LATER["out_o1_after_10000_updates"])) ** 2
                     + (0.99 - value(LATER["out_o2_after_10000_updates"])) ** 2)
    assert abs(implied - value(LATER["E_after_10000_updates"])) > 1e-8


# ---- independent checks ----------------------------------------------------------------------------
@pytest.mark.parametrize("seed", [None, 0, 1])
def test_gradients_match_central_differences(seed):
    params = ex.start_params()
    if seed is not None:
        rng = np.random.default_rng(seed)
        params = as_params(rng.normal(0.0, 1.0, size=len(ex.PARAM_NAMES)))
    numeric = numerical_gradient(lambda v: ex.forward(as_params(v))["E_total"], as_vector(params))
    analytic = as_vector(ex.gradients(params))
    assert relative_error(analytic, numeric) < 1e-7


def test_chain_factors_multiply_to_the_gradients():
    g = ex.backward()
    assert g["dE_dw5"] == pytest.approx(g["dE_dout_o1"] * g["dout_o1_dnet_o1"] * g["dnet_o1_dw5"], rel=1e-15)
    assert g["dE_dout_h1"] == pytest.approx(g["dE_o1_dout_h1"] + g["dE_o2_dout_h1"], rel=1e-15)
    assert g["dnet_o1_dw5"] == ex.forward()["out_h1"]   # seed 004's slip says 1
    assert g["dE_dw1"] == pytest.approx(g["dE_dout_h1"] * g["dout_h1_dnet_h1"] * EXAMPLE_222_START["i1"])


def test_forward_and_gradients_match_matrix_form():
    rng = np.random.default_rng(7)
    params = as_params(rng.normal(0.0, 1.0, size=len(ex.PARAM_NAMES)))
    weights, biases, x, y = matrix_form(params)
    _, activations = mlp.forward(weights, biases, x)
    f = ex.forward(params)
    np.testing.assert_allclose(activations[1].ravel(), [f["out_h1"], f["out_h2"]], rtol=1e-13)
    np.testing.assert_allclose(activations[2].ravel(), [f["out_o1"], f["out_o2"]], rtol=1e-13)
    gW, gb = mlp.backprop(weights, biases, x, y)
    g = ex.gradients(params)
    np.testing.assert_allclose(gW[0], [[g["w1"], g["w2"]], [g["w3"], g["w4"]]], rtol=1e-12)
    np.testing.assert_allclose(gW[1], [[g["w5"], g["w6"]], [g["w7"], g["w8"]]], rtol=1e-12)
    assert g["b1"] == pytest.approx(gb[0].sum(), rel=1e-12)   # b1 is shared: its gradient is the sum
    assert g["b2"] == pytest.approx(gb[1].sum(), rel=1e-12)


def test_hidden_uses_updated_paths_go_through_new_output_weights():
    new, g = ex.update(hidden_uses_updated=True)
    g_old = ex.backward()
    assert g["dE_dout_h1"] == pytest.approx(g_old["dE_dnet_o1"] * new["w5"] + g_old["dE_dnet_o2"] * new["w7"])
    assert g["dE_dw5"] == g_old["dE_dw5"]
    assert new["w5"] == pytest.approx(value(EXAMPLE_222_UPDATED["w5"]), abs=1e-8)  # w5..w8 unchanged by it


def test_update_biases_moves_biases_by_their_gradients():
    new, g = ex.update(update_biases=True, learning_rate=0.25)
    grads = ex.gradients()
    assert new["b1"] == pytest.approx(0.35 - 0.25 * grads["b1"])
    assert new["b2"] == pytest.approx(0.60 - 0.25 * grads["b2"])
    assert g["dE_db2"] == grads["b2"]


def test_train_losses_and_callback():
    calls = []
    params, losses = ex.train(steps=5, callback=calls.append)
    assert calls == [1, 2, 3, 4, 5] and len(losses) == 6
    assert losses[0] == ex.forward()["E_total"] and losses[-1] == ex.forward(params)["E_total"]
    assert all(b < a for a, b in zip(losses, losses[1:], strict=False))
    p1, _ = ex.update()
    assert ex.train(steps=1)[0] == p1
    assert ex.train(steps=0)[0] == ex.start_params()


def test_weight_matrices_follow_edge_convention():
    params = {n: float(i) for i, n in enumerate(ex.PARAM_NAMES)}
    mats = ex.weight_matrices(params)
    for name, (layer, j, k) in ex.EDGE_OF.items():
        assert mats[layer - 1][j][k] == params[name]


def test_sigmoid_is_stable_and_matches_activations():
    from helpers.activations import sigmoid
    for z in (-1000.0, -3.0, 0.0, 0.7, 1000.0):
        assert ex._sigmoid(z) == pytest.approx(sigmoid(z), rel=1e-15, abs=0.0)


# ---- bad input ---------------------------------------------------------------------------------------
def test_bad_params_name_the_problem():
    good = ex.start_params()
    with pytest.raises(ValueError, match="missing \\['b2'\\]"):
        ex.forward({k: v for k, v in good.items() if k != "b2"})
    with pytest.raises(ValueError, match="unknown \\['w9'\\]"):
        ex.forward({**good, "w9": 1.0})
    with pytest.raises(ValueError, match="params\\['w3'\\] must be finite"):
        ex.forward({**good, "w3": float("nan")})
    with pytest.raises(TypeError, match="params\\['w1'\\] must be a real number"):
        ex.backward({**good, "w1": "0.15"})
    with pytest.raises(TypeError, match="params must be a dict"):
        ex.gradients([0.15] * 10)
    with pytest.raises(ValueError, match="inputs must be a pair"):
        ex.forward(good, inputs=(1.0, 2.0, 3.0))
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        ex.update(good, -0.5)
    with pytest.raises(ValueError, match="output_weights must be a dict with keys w5, w6, w7, w8"):
        ex.backward(good, output_weights={"w5": 0.4})
    with pytest.raises(TypeError, match="output_weights\\['w7'\\] must be a real number"):
        ex.backward(good, output_weights={"w5": 0.4, "w6": 0.4, "w7": None, "w8": 0.4})
    with pytest.raises(ValueError, match="steps must be >= 0"):
        ex.train(good, -1)
    with pytest.raises(TypeError, match="steps must be a whole number"):
        ex.train(good, 2.5)


# ---- exercises of notebook 04 (helpers.exercises.nb04) --------------------------------------------
def test_exercise_checks_accept_right_and_explain_wrong_answers():
    """Exercises 1, 2 and 4 take the second step (at the weights after the published first update);
    Exercise 3 changes o2's target. Expected values here come from central differences."""
    from helpers.exercises import nb04
    new = {**ex.start_params(), **{k: value(v) for k, v in EXAMPLE_222_UPDATED.items()}}
    assert all(abs(nb04.after_one_update()[k] - new[k]) <= 5e-9 for k in ex.WEIGHT_NAMES)
    new = nb04.after_one_update()
    numeric = numerical_gradient(lambda v: ex.forward(as_params(v))["E_total"], as_vector(new))
    g, g0 = ex.backward(new), ex.gradients()
    assert nb04.expected_dE_dw6() == pytest.approx(numeric[ex.PARAM_NAMES.index("w6")], rel=1e-7)
    assert nb04.check_dE_dw6(nb04.expected_dE_dw6()).ok
    assert "seed 004" in nb04.check_dE_dw6(g["dE_dnet_o1"]).message
    assert "w5" in nb04.check_dE_dw6(g["dE_dw5"]).message
    assert "at the starting weights" in nb04.check_dE_dw6(g0["w6"]).message
    assert not nb04.check_dE_dw6(None).ok
    assert nb04.expected_dE_dw2() == pytest.approx(numeric[ex.PARAM_NAMES.index("w2")], rel=1e-6)
    assert nb04.check_dE_dw2(nb04.expected_dE_dw2()).ok
    one_path = g["dE_o1_dout_h1"] * g["dout_h1_dnet_h1"] * EXAMPLE_222_START["i2"]
    assert "only the path through o1" in nb04.check_dE_dw2(one_path).message
    assert "at the starting weights" in nb04.check_dE_dw2(g0["w2"]).message
    old_paths = (g["dE_dnet_o1"] * 0.40 + g["dE_dnet_o2"] * 0.50) * g["dout_h1_dnet_h1"] * EXAMPLE_222_START["i2"]
    assert "use the updated w5 and w7" in nb04.check_dE_dw2(old_paths).message
    e = lambda w7: ex.forward({**ex.start_params(), "w7": w7}, targets=nb04.EX3_TARGETS)["E_total"]  # noqa: E731
    direction = "up" if e(0.5 + 1e-4) > e(0.5 - 1e-4) else "down"
    assert nb04.EX3_TARGETS[1] != EXAMPLE_222_START["t2"] and ex.gradients()["w7"] < 0   # published target: "down"
    assert direction == nb04.expected_direction_w7() == "up"
    assert nb04.check_direction_w7("up").ok and not nb04.check_direction_w7("down").ok
    assert "Answer 'up' or 'down'" in nb04.check_direction_w7("sideways").message
    second = new["w6"] - EXAMPLE_222_START["learning_rate"] * numeric[ex.PARAM_NAMES.index("w6")]
    assert nb04.expected_w6_after_update() == pytest.approx(second, rel=1e-9)
    assert nb04.check_w6_after_update(second).ok
    assert "subtract" in nb04.check_w6_after_update(new["w6"] + 0.5 * g["dE_dw6"]).message
    assert "reused the gradient" in nb04.check_w6_after_update(new["w6"] - 0.5 * g0["w6"]).message
    assert "after the first update" in nb04.check_w6_after_update(value(EXAMPLE_222_UPDATED["w6"])).message
    assert not nb04.check_w6_after_update("abc").ok


def test_train_refuses_more_than_max_steps_naming_the_limit():
    assert ex.MAX_STEPS == 100_000
    with pytest.raises(ValueError, match=r"steps must be at most MAX_STEPS = 100,000 per call .*got 100,001"):
        ex.train(None, ex.MAX_STEPS + 1)


def test_core_is_what_the_facades_run():
    from helpers.core import example222 as core
    for name in ("forward", "backward", "update", "train"):
        assert getattr(ex, name).__wrapped__ is getattr(core, name)
    f = core.forward(ex.start_params(), ex.INPUTS, ex.TARGETS)
    assert f == ex.forward()
    assert core.backward(ex.start_params(), f) == ex.backward()
