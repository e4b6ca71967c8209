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


# ---- the Korean edition: every slip diagnosis and hint in Korean; the English unchanged ----------------
KOREAN_SLIPS = [
    ({"bp1_prime": "none"}, "BP1: δ^L = (a^L − y) ⊙ σ′(z^L)입니다. σ′(z^L)을 빠뜨렸습니다."),
    ({"bp2_prime": "none"}, "BP2: 행렬 곱 다음에 σ′(z^l)을 원소별로 곱하세요"),
    ({"bp2_prime": "sigma"}, "σ(z) 자체를 곱했습니다."),
    ({"bp1_prime": "of_z"}, "z 자체로 z(1 − z)를 계산했습니다."),
    ({"transpose": False}, "BP2는 전치 (W^{l+1})ᵀ를 거쳐 뒤로 갑니다."),
    ({"mean": True}, "m으로 나누었습니다(평균)"),
    ({"sign": -1.0}, "부호가 틀렸습니다."),
    ({"sum_b": False}, "BP3은 δ^l을 배치(열)에 대해 합합니다"),
    ({"bp4": "same"}, "BP4는 δ^l을 앞 층의 활성값과 짝짓습니다"),
    ({"transposed_dW": True}, "전치되었습니다. BP4는 δ^l (a^{l−1})ᵀ이고"),
    ({"reverse": True}, "리스트의 순서가 거꾸로입니다."),
]


def _english_words(text):
    from tools.korean_text import english_words

    return english_words(text)[0]


@pytest.mark.parametrize(("switches", "words"), KOREAN_SLIPS)
def test_each_slip_is_named_in_korean(switches, words, monkeypatch):
    monkeypatch.setenv("BP_LANG", "ko")
    fb = nb06.check_backprop_batch(lambda W, b, X, Y: learner_backprop(W, b, X, Y, **switches))
    assert not fb.ok and words in fb.message, fb.message


def test_korean_feedback_of_the_short_exercises(monkeypatch):
    monkeypatch.setenv("BP_LANG", "ko")
    d = nb06.bp2_data()
    cases = [
        (nb06.check_bp2(d["W_next"].T @ d["delta_next"]),
         "σ'(z^l)을 빠뜨렸습니다. sigmoid_prime(z)를 원소별로 곱하세요."),
        (nb06.check_grad_shape((30, 10)), "전치되었습니다. W^l의 모양은 (n_l, n_{l−1})입니다."),
        (nb06.check_grad_shape((10, 64)),
         "배치 크기는 나타나지 않습니다. δ^2 (a^1)ᵀ는 (10, 64) 곱하기 (64, 30)입니다."),
        (nb06.check_grad_shape((10, 30)), "∂C/∂W^2는 W^2와 모양이 같습니다: (10, 30). 배치 크기(64)는"),
        (nb06.check_bias_grad([1.125, 0.625]), "수는 맞지만 b^L은 (2, 1) 모양의 열입니다. keepdims=True를 쓰세요."),
        (nb06.check_bias_grad([[1.125 / 4], [0.625 / 4]]), "적은 값은 샘플에 대한 평균입니다."),
        (nb06.check_bp2(np.vectorize(lambda v: float(f"{v:.2g}"))(nb06.expected_bp2())),
         "여러분의 δ^l: 적은 자릿수까지는 맞지만, 모든 원소를 유효숫자 3자리 이상으로"),
    ]
    for fb, words in cases:
        assert words in fb.message, fb.message
        assert _english_words(fb.message) == [], fb.message
    right = nb06.check_backprop_batch(backprop_batch)
    said = ("`backprop_batch`의 결과가 무작위 신경망 4개(2-3-3-3, 3-4-2, 4-5-3-2, 2-2; 배치 크기 3~6)에서 "
            "중앙 차분과 일치합니다. BP1–BP4가 옳습니다.")
    assert right.ok and said in right.message, right.message
    assert _english_words(right.message) == []


def test_english_feedback_is_unchanged(monkeypatch):
    monkeypatch.setenv("BP_LANG", "en")
    right = nb06.check_backprop_batch(backprop_batch)
    assert right.message == ("`backprop_batch` agrees with central differences on 4 random networks (2-3-3-3, 3-4-2, "
                             "4-5-3-2, 2-2; batches of 3 to 6): BP1–BP4 are right.")
    assert nb06.check_grad_shape((10, 30)).message == (
        "∂C/∂W^2 has the shape of W^2 itself: (10, 30). The batch size 64 disappears in the product δ^2 (a^1)ᵀ, "
        "which sums over samples.")
