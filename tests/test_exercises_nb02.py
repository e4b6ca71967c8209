"""Notebook 02's exercise checkers: right answers (by finite differences, independent of the engine)
pass, and each typical wrong answer gets its own hint."""

import math

import numpy as np
import pytest

from helpers.activations import sigmoid
from helpers.autograd import Value
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


# ---- write-it-yourself: multiply_backward -------------------------------------------------------------
def multiply_backward(dout, cache):
    x, y = cache
    return dout * y, dout * x


def multiply_not_swapped(dout, cache):
    x, y = cache
    return dout * x, dout * y


def multiply_without_dout(dout, cache):
    x, y = cache
    return y, x


def multiply_returns_inputs(dout, cache):
    return cache


def multiply_add_rule(dout, cache):
    return dout, dout


def multiply_wrong_sign(dout, cache):
    x, y = cache
    return -dout * y, -dout * x


def multiply_stub(dout, cache):
    raise NotImplementedError


def multiply_forgot_return(dout, cache):
    x, y = cache
    dx, dy = dout * y, dout * x  # noqa: F841


def multiply_one_number(dout, cache):
    return dout * cache[1]


def multiply_bad_unpack(dout, cache):
    x, y, z = cache
    return x, y


def multiply_nan(dout, cache):
    return float("nan"), 0.0


@pytest.mark.parametrize(("fn", "words"), [
    (multiply_not_swapped, "The multiply gate swaps"),
    (multiply_without_dout, "local gradients alone"),
    (multiply_returns_inputs, "You returned (x, y)"),
    (multiply_add_rule, "add gate's rule"),
    (multiply_wrong_sign, "Wrong sign"),
    (multiply_stub, "still raises NotImplementedError"),
    (multiply_forgot_return, "returned None"),
    (multiply_one_number, "should be a tuple of 2 items (dx, dy)"),
    (multiply_bad_unpack, "raised ValueError: not enough values to unpack"),
    (multiply_nan, "NaN"),
    (None, "Define `multiply_backward`"),
    (2.5, "Pass the function itself"),
])
def test_multiply_backward_names_each_mistake(fn, words):
    fb = nb02.check_multiply_backward(fn)
    assert not fb.ok and words in fb.message, fb.message


def test_multiply_backward_right_answer_and_draws():
    assert nb02.check_multiply_backward(multiply_backward).ok
    assert nb02.check_multiply_backward(lambda dout, cache: [dout * cache[1], dout * cache[0]]).ok   # a list
    assert "x, y, z = cache" in nb02.check_multiply_backward(multiply_bad_unpack).message   # the learner's line
    draws = nb02.code_draws()
    assert len(draws) == nb02.N_DRAWS and len(set(draws)) == nb02.N_DRAWS
    assert all(-2 <= v <= 2 for draw in draws for v in draw)


# ---- write-it-yourself: tanh for the engine ------------------------------------------------------------
def _tanh_with(local, *, upstream=True, accumulate=True, attach=True, link=True):
    """A learner's tanh for Value whose backward uses local(x, t) as the local gradient."""
    def tanh(x):
        t = math.tanh(x.data)
        out = Value(t, _children=(x,) if link else (), _op="tanh")

        def _backward():
            grad = local(x.data, t) * (out.grad if upstream else 1.0)
            if accumulate:
                x.grad += grad
            else:
                x.grad = grad
        if attach:
            out._backward = _backward
        return out
    return tanh


def right_local(x, t):
    return 1 - t ** 2


def tanh_by_exp(x):
    """tanh built from the engine's own gates: right, though it never writes a _backward."""
    e = (2 * x).exp()
    return (e - 1) / (e + 1)


def tanh_returns_float(x):
    return math.tanh(x.data)


def tanh_wrong_forward(x):
    return _tanh_with(right_local)(x) * 1.5


def tanh_typo(x):
    out = Value(math.tanh(x.data), _children=(x,), _op="tanh")

    def _backward():
        x.grad += out.grd
    out._backward = _backward
    return out


def tanh_stub(x):
    raise NotImplementedError


def test_tanh_right_answers():
    assert nb02.check_tanh(_tanh_with(right_local)).ok
    assert nb02.check_tanh(tanh_by_exp).ok


@pytest.mark.parametrize(("fn", "words"), [
    (_tanh_with(right_local, upstream=False), "Multiply the local gradient by the upstream gradient"),
    (_tanh_with(right_local, accumulate=False), "Use `+=`, not `=`"),
    (_tanh_with(lambda x, t: 1 - x ** 2), "you used the input x"),
    (_tanh_with(lambda x, t: t * (1 - t)), "not t(1 − t)"),
    (_tanh_with(lambda x, t: 1 - t), "square t"),
    (_tanh_with(lambda x, t: t ** 2 - 1), "Wrong sign"),
    (_tanh_with(right_local, attach=False), "the backward rule never ran"),
    (_tanh_with(right_local, link=False), "does not know its input"),
    (tanh_returns_float, "should return a new Value"),
    (tanh_wrong_forward, "The forward value is off"),
    (tanh_typo, "raised AttributeError"),
    (tanh_stub, "still raises NotImplementedError"),
    ("tanh", "Pass the function itself"),
])
def test_tanh_names_each_mistake(fn, words):
    fb = nb02.check_tanh(fn)
    assert not fb.ok and words in fb.message, fb.message


def test_tanh_two_slips_at_once_get_both_messages():
    fb = nb02.check_tanh(_tanh_with(right_local, upstream=False, accumulate=False))
    assert "upstream gradient" in fb.message and "Use `+=`" in fb.message, fb.message


# ---- precision, forbidden shortcuts, micrograd's spelling --------------------------------------
def at_digits(value: float, digits: int) -> float:
    return float(f"{value:.{digits}g}")


@pytest.mark.parametrize(("check", "numeric"), [
    (nb02.check_sigmoid_gate_grad, lambda: nb02.EX2_DOUT * central_difference(sigmoid, nb02.EX2_Z)),
    (nb02.check_fan_out_grad, lambda: central_difference(lambda x: x * nb02.EX3_Y + np.exp(x), nb02.EX3_X)),
])
def test_number_checks_accept_the_prompts_digits_and_full_precision(check, numeric):
    value = numeric()
    assert check(value).ok
    for digits in range(nb02.DIGITS, 10):
        assert check(at_digits(value, digits)).ok, (digits, check(at_digits(value, digits)))
    fewer = check(at_digits(value, nb02.DIGITS - 1))
    assert not fewer.ok and "at least 3 significant digits" in fewer.message


def test_the_issues_rounded_answer_passes():
    assert nb02.check_sigmoid_gate_grad(-0.5348).ok
    assert nb02.check_gate_patterns_grad_w(2).ok and nb02.check_gate_patterns_grad_w(2.0).ok


def test_slips_are_named_at_the_prompts_digits_too():
    s = sigmoid(nb02.EX2_Z)
    assert "local gradient" in nb02.check_sigmoid_gate_grad(at_digits(s * (1 - s), 4)).message
    assert "only the path" in nb02.check_fan_out_grad(at_digits(float(np.exp(nb02.EX3_X)), 4)).message


def multiply_by_the_engine(dout, cache):
    from helpers import gates
    return gates.multiply_backward(dout, cache)


def test_multiply_backward_refuses_the_engines_own():
    from helpers import gates
    for fn in (multiply_by_the_engine, gates.multiply_backward):
        fb = nb02.check_multiply_backward(fn)
        assert not fb.ok and "calls `gates.multiply_backward`" in fb.message, fb.message
        assert "dout * y, dout * x" in fb.message


def test_tanh_refuses_the_engines_own_tanh():
    fb = nb02.check_tanh(lambda x: x.tanh())
    assert not fb.ok and "calls `x.tanh()`" in fb.message and "math.tanh" in fb.message, fb.message


def tanh_micrograd_spelling(x):
    """Exactly as micrograd writes it: Value(t, (x,), 'tanh')."""
    t = math.tanh(x.data)
    out = Value(t, (x,), 'tanh')

    def _backward():
        x.grad += (1 - t**2) * out.grad
    out._backward = _backward
    return out


def test_tanh_accepts_micrograds_spelling():
    assert nb02.check_tanh(tanh_micrograd_spelling).ok
    node = Value(0.5, (Value(1.0),), "tanh")
    assert node.op == "tanh" and node.label == "" and len(node.children) == 1


def test_value_explains_a_mixed_spelling():
    with pytest.raises(TypeError, match="micrograd's order"):
        Value(0.5, "y", "tanh")
    with pytest.raises(TypeError, match="_children must hold the input Value nodes"):
        Value(0.5, (0.3,), "tanh")


def test_every_exercise_has_an_answer_entry():
    assert set(nb02.ANSWERS) == {1, 2, 3, 4, 5}
    assert nb02.ANSWERS[2]() == pytest.approx(nb02.EX2_DOUT * central_difference(sigmoid, nb02.EX2_Z), rel=1e-8)
