"""Notebook 06's write-it-yourself checker: a right backprop_batch (BP1–BP4, written here as a learner
would) passes; each mistaken one gets the message that names its slip."""

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.exercises import nb06
from helpers.mlp import backprop, numerical_gradients


def learner_backprop(W, b, X, Y, *, bp1_prime="right", bp2_prime="right", transpose=True, sum_b=True,
                     keepdims=True, mean=False, sign=1.0, bp4="previous", transposed_dW=False, reverse=False,
                     in_place=False):
    """BP1–BP4 for a batch (columns are samples), one switch per slip."""
    def prime(kind, z):
        s = sigmoid(z)
        return {"right": s * (1 - s), "none": 1.0, "sigma": s, "of_z": z * (1 - z)}[kind]

    zs, acts = [], [X]
    for Wl, bl in zip(W, b, strict=True):
        zs.append(Wl @ acts[-1] + bl)
        acts.append(sigmoid(zs[-1]))
    L, m = len(W), X.shape[1]
    grads_W, grads_b = [None] * L, [None] * L
    delta = sign * (acts[-1] - Y) * prime(bp1_prime, zs[-1])                      # BP1
    for k in range(L, 0, -1):                                                     # layer k, W^k = W[k - 1]
        if k < L:
            delta = ((W[k].T if transpose else W[k]) @ delta) * prime(bp2_prime, zs[k - 1])   # BP2
        grads_b[k - 1] = delta.sum(axis=1, keepdims=keepdims) if sum_b else delta    # BP3
        grads_W[k - 1] = delta @ (acts[k - 1] if bp4 == "previous" else acts[k]).T  # BP4
        if transposed_dW:
            grads_W[k - 1] = grads_W[k - 1].T
        if mean:
            grads_W[k - 1], grads_b[k - 1] = grads_W[k - 1] / m, grads_b[k - 1] / m
    if in_place:
        W[0] -= 0.1 * grads_W[0]
    if reverse:
        return grads_W[::-1], grads_b[::-1]
    return grads_W, grads_b


def backprop_batch(W, b, X, Y):
    return learner_backprop(W, b, X, Y)


def test_right_answer_passes_and_the_networks_are_what_they_claim():
    assert nb06.check_backprop_batch(backprop_batch).ok
    nets = nb06.code_networks()
    assert [([W[0].shape[1]] + [w.shape[0] for w in W], X.shape[1]) for W, _, X, _ in nets] == \
        [(list(sizes), m) for sizes, m in nb06.CODE_NETS]
    for W, b, X, Y in nets:
        mine, numeric = backprop_batch(W, b, X, Y), numerical_gradients(W, b, X, Y)
        for got, want in zip(mine[0] + mine[1], numeric[0] + numeric[1], strict=True):
            assert np.allclose(got, want, rtol=1e-6, atol=1e-10)
        for got, want in zip(sum(nb06.slipped_backprop(W, b, X, Y), []), sum(backprop(W, b, X, Y), []),
                             strict=True):
            assert np.allclose(got, want, rtol=1e-13, atol=1e-15)


@pytest.mark.parametrize(("switches", "words"), [
    ({"bp1_prime": "none"}, "BP1: δ^L = (a^L − y) ⊙ σ′(z^L); you left out σ′(z^L)."),
    ({"bp2_prime": "none"}, "BP2: after the matrix product, multiply elementwise by σ′(z^l)"),
    ({"bp1_prime": "sigma", "bp2_prime": "sigma"}, "you multiplied by σ(z) itself"),
    ({"bp2_prime": "sigma"}, "you multiplied by σ(z) itself"),
    ({"bp1_prime": "sigma"}, "you multiplied by σ(z) itself"),
    ({"bp1_prime": "of_z", "bp2_prime": "of_z"}, "you computed z(1 − z) from z itself"),
    ({"bp1_prime": "of_z"}, "you computed z(1 − z) from z itself"),
    ({"bp2_prime": "of_z"}, "you computed z(1 − z) from z itself"),
    ({"transpose": False}, "BP2 goes back through the transpose (W^{l+1})ᵀ"),
    ({"mean": True}, "you divided by m (the mean)"),
    ({"sign": -1.0}, "Wrong sign: δ^L = (a^L − y)"),
    ({"sum_b": False}, "BP3 sums δ^l over the batch"),
    ({"keepdims": False}, "use keepdims=True"),
    ({"bp4": "same"}, "BP4 pairs δ^l with the activations of the layer before"),
    ({"transposed_dW": True}, "Transposed: BP4 is δ^l (a^{l−1})ᵀ"),
    ({"reverse": True}, "Your lists are in reverse order"),
    ({"in_place": True}, "changed its argument `W` in place"),
])
def test_each_slip_is_named(switches, words):
    fb = nb06.check_backprop_batch(lambda W, b, X, Y: learner_backprop(W, b, X, Y, **switches))
    assert not fb.ok and words in fb.message, fb.message
    assert "yours is " not in fb.message, fb.message       # the slip explains every wrong entry


def test_transpose_slip_is_named_from_the_square_network_before_it_crashes_on_the_next():
    fb = nb06.check_backprop_batch(lambda W, b, X, Y: learner_backprop(W, b, X, Y, transpose=False))
    assert "raised" not in fb.message, fb.message
    assert nb06.CODE_NETS[0][0][1:] == (3, 3, 3)      # the first network is the square one


def only_weights(W, b, X, Y):
    return learner_backprop(W, b, X, Y)[0]


def crashes_on_shapes(W, b, X, Y):
    return W[0] @ W[1], None


def returns_arrays_with_nan(W, b, X, Y):
    grads_W, grads_b = learner_backprop(W, b, X, Y)
    grads_W[0] = grads_W[0] * np.nan
    return grads_W, grads_b


def stub(W, b, X, Y):
    raise NotImplementedError


@pytest.mark.parametrize(("fn", "words"), [
    (only_weights, "should be a tuple of 2 items (grads_W, grads_b)"),
    (crashes_on_shapes, "raised ValueError: matmul"),
    (crashes_on_shapes, "BP2: δ^l = ((W^{l+1})ᵀ δ^{l+1}) ⊙ σ′(z^l)"),
    (returns_arrays_with_nan, "contains nan at entry (0, 0)"),
    (stub, "still raises NotImplementedError"),
    (lambda W, b, X, Y: None, "returned None"),
    (backprop_batch(*nb06.code_networks()[1]), "Pass the function itself"),
])
def test_other_mistakes_get_kind_feedback(fn, words):
    fb = nb06.check_backprop_batch(fn)
    assert not fb.ok and words in fb.message, fb.message


# ---- the engine's shortcut is refused; rounded answers at the prompt's digits are right ---------
@pytest.mark.parametrize("engine", ["backprop", "backprop_per_sample", "train_step", "output_error"])
def test_calling_helpers_mlp_instead_of_writing_bp1_to_bp4_is_refused(engine):
    import helpers.mlp as mlp

    def shortcut(W, b, X, Y):
        if engine == "train_step":
            new_W, new_b = mlp.train_step(W, b, X, Y, 1.0)
            m = X.shape[1]
            return ([(w - nw) * m for w, nw in zip(W, new_W, strict=True)],
                    [(c - nc) * m for c, nc in zip(b, new_b, strict=True)])
        if engine == "output_error":
            zs, acts = mlp.forward(W, b, X)
            mlp.output_error(acts[-1], zs[-1], Y)
        return mlp.backprop(W, b, X, Y) if engine != "backprop_per_sample" else mlp.backprop_per_sample(W, b, X, Y)

    feedback = nb06.check_backprop_batch(shortcut)
    assert not feedback.ok and f"helpers.mlp.{engine}" in feedback.message, feedback.message


@pytest.mark.parametrize("digits", [3, 4, 6])
def test_bp2_rounded_to_three_or_more_significant_digits_is_right(digits):
    rounded = np.vectorize(lambda v: float(f"{v:.{digits}g}"))(nb06.expected_bp2())
    assert nb06.check_bp2(rounded).ok


def test_bp2_with_too_few_digits_asks_for_more_and_a_wrong_one_is_wrong():
    two = np.vectorize(lambda v: float(f"{v:.2g}"))(nb06.expected_bp2())
    feedback = nb06.check_bp2(two)
    assert not feedback.ok and "at least 3 significant digits" in feedback.message
    assert not nb06.check_bp2(nb06.expected_bp2() * 1.01).ok


def test_the_bias_answer_typed_by_hand_is_right_and_answers_cover_every_exercise():
    assert nb06.check_bias_grad([[1.125], [0.625]]).ok
    assert sorted(nb06.ANSWERS) == [1, 2, 3, 4] and isinstance(nb06.ANSWERS[4], str)
