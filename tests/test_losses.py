"""Losses: values by hand, gradients against central differences, the cross-entropy cancellation."""

import numpy as np
import pytest

from helpers import losses
from helpers.activations import sigmoid, sigmoid_prime
from helpers.gradcheck import numerical_gradient, relative_error

RNG = np.random.default_rng(7)
A = RNG.uniform(0.05, 0.95, size=(3, 4))
Y = RNG.uniform(0.0, 1.0, size=(3, 4))


def test_mse_is_half_sum_of_squares():
    assert losses.mse([0.75, 0.25], [1.0, 0.0]) == pytest.approx(0.5 * (0.25**2 + 0.25**2), abs=1e-16)


def test_cross_entropy_by_hand():
    expected = -(np.log(0.8) + np.log(1 - 0.3))
    assert losses.cross_entropy([0.8, 0.3], [1.0, 0.0]) == pytest.approx(expected, rel=1e-14)


@pytest.mark.parametrize("name", losses.LOSS_NAMES)
def test_gradient_matches_central_difference(name):
    loss, grad = losses.get_loss(name)
    numeric = numerical_gradient(lambda a: loss(a, Y), A)
    assert relative_error(grad(A, Y), numeric) < 1e-7


def test_cross_entropy_cancels_sigmoid_prime():
    z = RNG.normal(size=(2, 5)) * 3
    y = (RNG.uniform(size=(2, 5)) > 0.5).astype(float)
    a = sigmoid(z)
    delta = losses.cross_entropy_grad(a, y) * sigmoid_prime(z)
    assert np.allclose(delta, a - y, rtol=1e-9, atol=1e-12)


def test_cross_entropy_stays_finite_at_saturation():
    with np.errstate(all="raise"):
        value = losses.cross_entropy([1.0, 0.0], [0.0, 1.0])
        grad = losses.cross_entropy_grad([1.0, 0.0], [0.0, 1.0])
    assert np.isfinite(value) and value > 50
    assert np.all(np.isfinite(grad))


def test_losses_sum_over_samples():
    for name in losses.LOSS_NAMES:
        loss, _ = losses.get_loss(name)
        per_sample = sum(loss(A[:, [i]], Y[:, [i]]) for i in range(A.shape[1]))
        assert loss(A, Y) == pytest.approx(per_sample, rel=1e-13)


def test_errors_a_learner_meets_are_in_the_korean_edition_s_language(monkeypatch):
    from tools.korean_text import english_words

    monkeypatch.setenv("BP_LANG", "ko")
    with pytest.raises(ValueError) as info:
        losses.cross_entropy([1.2], [1.0])
    assert str(info.value) == ("교차 엔트로피의 a에는 [0, 1] 범위의 확률이 들어가야 합니다(시그모이드 출력을 쓰세요). "
                               "받은 값의 범위: 1.2부터 1.2까지")
    with pytest.raises(ValueError, match=r"교차 엔트로피의 y에는 \[0, 1\] 범위의 목표값이") as target:
        losses.sigmoid_cross_entropy([3.0], [2.0])
    with pytest.raises(ValueError, match=r"y는 z와 같은 \(k, m\) 모양이어야 하고") as one_hot:
        losses.softmax_cross_entropy(np.zeros((2, 3)), np.zeros((2, 3)))
    with pytest.raises(TypeError, match="dtype에는 np.float64나 np.float32 같은 부동소수점 자료형을") as dtype:
        losses.clip_margin("x")
    for error in (info, target, one_hot, dtype):
        assert english_words(str(error.value))[0] == []
    with pytest.raises(ValueError, match=r"손실 ½Σ\(a − y\)².*차의 제곱이 1.8e308보다 작게 남는 크기의 a와 y를"):
        losses.mse([1e200], [-1e200])


def test_english_errors_are_unchanged(monkeypatch):
    monkeypatch.setenv("BP_LANG", "en")
    with pytest.raises(ValueError) as info:
        losses.cross_entropy([1.2], [1.0])
    assert str(info.value) == ("a must hold probabilities in [0, 1] for cross-entropy (use a sigmoid output); "
                               "got values from 1.2 to 1.2")
    with pytest.raises(TypeError) as dtype:
        losses.clip_margin("x")
    assert str(dtype.value) == ("dtype must be a floating-point dtype such as np.float64 or np.float32; got 'x'")
