"""Notebook 02's own words in the Korean edition: the backward stepper (buttons, readout, preview caption,
scroll-region name), the graph drawing, the exercise checkers' slip diagnoses, and the errors a learner
meets in the engine, the gates and micrograd's nn are Korean under BP_LANG=ko, and exactly the English
as before under BP_LANG=en.

"No English" is tools.korean_text.english_words with the graph's identifiers as names: node labels
(x, dot, neg, …) and Value's attribute names data and grad, which the drawing shows as micrograd does.
"""

from __future__ import annotations

import math
import re

import pytest

from helpers import gates
from helpers.autograd import Value
from helpers.drawing.graph import draw_graph
from helpers.exercises import nb02
from helpers.micrograd_nn import MLP, squared_loss
from helpers.widgets.backward_stepper import BackwardStepper
from tools.korean_text import english_words, figure_texts, widget_texts

W, X = [2.0, -3.0, -3.0], [-1.0, -2.0]       # CS231n's sigmoid neuron, as notebook 02 steps through it


def _identifiers(root: Value) -> set[str]:
    from helpers.autograd import topological_order

    return {n.label for n in topological_order(root) if n.label} | {n.op for n in topological_order(root)} | {
        "data", "grad"}


def _english(texts, names=frozenset()) -> list[str]:
    return [w for t in texts for w in english_words(t, set(names))[0]]


def _stepper_texts(stepper: BackwardStepper) -> list[str]:
    """What the stepper shows and names, without the hidden accessibility block (its figure's alt text
    is written by helpers.figure_alt)."""
    a11y = stepper.widget.a11y
    a11y_value, a11y.value = a11y.value, ""
    try:
        return widget_texts(stepper.widget) + [stepper.widget.caption, *stepper.widget.regions.values()]
    finally:
        a11y.value = a11y_value


def _stepper() -> BackwardStepper:
    return BackwardStepper(gates.sigmoid_neuron_circuit(W, X)["f"])


def test_stepper_is_korean_at_every_step(ko):
    stepper = _stepper()
    names = _identifiers(stepper.output)
    assert [b.description for b in (stepper.prev_button, stepper.next_button, stepper.reset_button)] == [
        "이전", "다음", "처음으로"]
    assert stepper.state["readout"] == "14단계 중 0단계: ‘다음’을 누르면 출력 f에서 역방향 패스가 시작됩니다."
    assert _english(_stepper_texts(stepper), names) == []
    for _step in range(len(stepper.steps)):
        stepper.next()
        assert _english(_stepper_texts(stepper), names) == [], stepper.state["readout"]
    assert "14단계 중 14단계" in stepper.readout.value and "(역방향 패스 완료)" in stepper.readout.value
    assert stepper.widget.caption.startswith("▶ 이 노트북을 실행하면 역방향 패스를")


def test_stepper_seed_line_in_korean(ko):
    stepper = _stepper()
    stepper.next()
    assert stepper.state["readout"] == "∂f/∂f = 1 (시작값: 출력의 자기 자신에 대한 기울기)"


def test_stepper_english_is_unchanged(en):
    stepper = _stepper()
    assert [b.description for b in (stepper.prev_button, stepper.next_button, stepper.reset_button)] == [
        "Previous", "Next", "Reset"]
    assert stepper.state["readout"] == "Step 0 of 14: press Next to start the backward pass at the output f."
    assert stepper.widget.caption == ("▶ Run this notebook to step through the backward pass yourself "
                                      "(a picture of the stepper)")
    stepper.next()
    assert stepper.state["readout"] == "∂f/∂f = 1 (the seed: the output's gradient with respect to itself)"
    for _step in range(len(stepper.steps)):
        stepper.next()
    assert "Step 14 of 14: node" in stepper.readout.value and "(the backward pass is complete)" in stepper.readout.value


def test_graph_drawing_holds_no_english_words(ko):
    import matplotlib.pyplot as plt

    circuit = gates.staged_circuit(3.0, -4.0)
    circuit["f"].backward()
    ax = draw_graph(circuit["f"], title="단계별 예제")
    try:
        texts = figure_texts(ax.figure)
        assert any("data" in t and "grad" in t for t in texts)
        assert _english(texts, _identifiers(circuit["f"])) == []
    finally:
        plt.close(ax.figure)


# ---- the exercise checkers' own diagnoses ---------------------------------------------------------------
def _number_slips():
    full = nb02.expected_gate_patterns_grad_w()
    s = 1.0 / (1.0 + math.exp(-nb02.EX2_Z))
    return [
        (nb02.check_gate_patterns_grad_w, 0.0, "0은 최댓값 게이트에서 진 입력이 받는 값입니다"),
        (nb02.check_gate_patterns_grad_w, full / 2, "경로는 맞지만, 마지막 게이트가 2를 곱합니다"),
        (nb02.check_sigmoid_gate_grad, s * (1 - s), "적은 값은 국소 기울기 σ(1 − σ)뿐입니다"),
        (nb02.check_sigmoid_gate_grad, nb02.EX2_DOUT * nb02.EX2_Z * (1 - nb02.EX2_Z), "z가 아니라 σ(z)를"),
        (nb02.check_fan_out_grad, nb02.EX3_Y, "곱셈 게이트를 지나는 경로 하나뿐입니다"),
        (nb02.check_fan_out_grad, math.exp(nb02.EX3_X), "exp 게이트를 지나는 경로 하나뿐입니다"),
    ]


@pytest.mark.parametrize(("check", "answer", "korean_words"), _number_slips())
def test_number_slips_are_diagnosed_in_korean(ko, check, answer, korean_words):
    fb = check(answer)
    assert not fb.ok and korean_words in fb.message, fb.message
    assert _english([fb.message], {"max", "exp", "EX2_DOUT"}) == [], fb.message


def test_number_slips_in_english_are_unchanged(en):
    assert nb02.check_gate_patterns_grad_w(0.0).message == (
        "0 is what the losing input of a max gate gets. Compare z and w: which one is larger here?")
    assert nb02.check_fan_out_grad(nb02.EX3_Y).message == (
        "That is only the path through the multiply gate. x feeds two gates, so its gradient is the sum of both "
        "contributions.")


def test_function_slips_are_korean(ko):
    messages = [m for m, _v in nb02.multiply_backward_variants(0.5, -1.0, 2.0)]
    messages += [m for m, _v in nb02.tanh_variants(0.3, 1.2)]
    assert len(messages) == 12
    assert _english(messages, {"dout", "dx", "dy", "tanh", "sigmoid"}) == [], messages
    assert messages[0].startswith("곱셈 게이트는 입력을 맞바꿉니다")


def test_function_checkers_speak_korean(ko):
    def not_swapped(dout, cache):
        x, y = cache
        return dout * x, dout * y

    fb = nb02.check_multiply_backward(not_swapped)
    assert not fb.ok and "곱셈 게이트는 입력을 맞바꿉니다" in fb.message, fb.message

    def right(dout, cache):
        x, y = cache
        return dout * y, dout * x

    fb = nb02.check_multiply_backward(right)
    assert fb.ok, fb.message
    assert fb.message.startswith("무작위 점 5곳에서 `multiply_backward`의 결과가 dout × 중앙 차분과 일치합니다")


# ---- errors a learner meets ---------------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "korean_words", "english_words_"), [
    (lambda: Value(1.0) / 0.0, "0으로 나눌 수 없습니다", "cannot divide by zero"),
    (lambda: Value(-1.0).log(), "log에는 양수를 넣어야 합니다", "log needs a positive input"),
    (lambda: gates.reciprocal_forward(0.0), "1/x 게이트의 x는 0이 아니어야 합니다",
     "x must be non-zero for the 1/x gate"),
    (lambda: squared_loss(MLP(2, [1]), [[1.0, 2.0]], [1.0, 2.0]), "샘플 수가 같아야 합니다",
     "must hold the same number of samples"),
    (lambda: BackwardStepper(3.0), "output은 Value(계산의 결과)여야 합니다", "output must be a Value"),
])
def test_errors_a_learner_meets_follow_the_edition(monkeypatch, call, korean_words, english_words_):
    monkeypatch.setenv("BP_LANG", "ko")
    with pytest.raises((ValueError, TypeError), match=re.escape(korean_words)):
        call()
    monkeypatch.setenv("BP_LANG", "en")
    with pytest.raises((ValueError, TypeError), match=re.escape(english_words_)):
        call()
