"""Notebook 04's helpers speak the edition's language: in the Korean edition (BP_LANG=ko) the weight-stepping
panel's buttons, checkboxes, sliders' names, readouts and figures, the network diagram's texts, Exercises
1-5's own feedback and slip diagnoses, and the errors a learner meets in example222, mlp and the panel hold
no English word (tools/korean_text.py's measure: identifiers, symbols and numbers are not words); the
English edition shows exactly the English it always showed. Expected Korean words are written here, not
taken from the catalogue."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402

from helpers import example222 as ex  # noqa: E402
from helpers import mlp  # noqa: E402
from helpers.drawing.network import NetworkDiagram  # noqa: E402
from helpers.exercises import nb04  # noqa: E402
from helpers.exercises.feedback import describe  # noqa: E402
from helpers.widgets.panel222 import Panel222  # noqa: E402
from helpers.widgets.panel222_figures import readout_E_html, table_html  # noqa: E402
from tools.korean_text import english_in, figure_texts, widget_texts  # noqa: E402


def test_the_measure_sees_english_in_a_label():
    """The check below can fail: an English label is caught, its Korean form is not."""
    assert english_in(["update biases b1, b2"]) == ["update", "biases"]
    assert english_in(["편향 b1, b2도 갱신"]) == []


# ---- the panel ---------------------------------------------------------------------------------------
def _driven(panel: Panel222) -> Panel222:
    """A panel after every phase: a step (gradients used by update 1 on show), then a backward pass."""
    panel.step()
    panel.forward()
    panel.backward()
    return panel


def test_panel_texts_are_korean(ko):
    panel = _driven(Panel222(hidden_uses_updated=True, update_biases=True))
    texts = widget_texts(panel.widget)
    assert english_in(texts) == [], english_in(texts)
    labels = [b.description for b in panel.buttons]
    assert labels == ["순전파", "역방향 패스", "갱신", "한 걸음", "N번 실행", "처음으로"]
    assert panel.bias_box.description == "편향 b1, b2도 갱신"
    assert panel.hidden_box.description == "은닉 기울기를 갱신된 w5..w8로 계산"
    assert "갱신 1번 뒤" in panel.readout_E.value and "단계: 역방향 패스" in panel.readout_E.value
    assert "<th>뉴런</th>" in panel.readout_params.value and "편향도 갱신" in panel.readout_params.value
    assert panel.widget.caption.startswith("▶ 이 노트북을 실행하면")


def test_panel_readouts_in_every_phase_are_korean(ko):
    for phase in ("start", "forward", "backward", "update"):
        for steps, used in ((0, False), (1, True), (2, True)):
            html = readout_E_html(0.25, steps, phase, used=used)
            assert english_in([html.replace("E_total", "")]) == [], html
    fwd, grads = ex.forward(), ex.backward()
    for used_by in (None, 3):
        for biases, hidden in ((False, False), (True, True)):
            html = table_html(ex.start_params(), fwd, grads, used_by, 0.5, biases, hidden)
            assert english_in([html]) == [], html


def test_panel_figures_are_korean_and_draw_without_glyph_warnings(ko):
    panel = _driven(Panel222())
    for image in (panel.net_image, panel.curve_image):
        texts = figure_texts(image.figure)
        assert english_in(texts) == [], texts
        image.figure.canvas.draw()          # pytest turns a missing-glyph warning into an error
    node_texts = [t.get_text() for t in panel.diagram.node_texts.values() if t.get_text()]
    assert any(t.startswith("순입력 ") and "\n활성값 " in t for t in node_texts), node_texts
    assert panel.curve_ax.get_xlabel() == "갱신 횟수"


def test_panel_english_is_unchanged(en):
    panel = _driven(Panel222())
    assert [b.description for b in panel.buttons] == ["Forward", "Backward", "Update", "Step", "Run N", "Reset"]
    assert panel.bias_box.description == "update biases b1, b2"
    assert panel.hidden_box.description == "hidden gradients through updated w5..w8"
    assert panel.curve_ax.get_xlabel() == "updates"
    assert "<br>after 1 update · phase: backward</div>" in panel.readout_E.value
    assert "<tr><th>neuron</th><th>net</th><th>out</th></tr>" in panel.readout_params.value
    assert "η = 0.50 · biases fixed<br>hidden gradients via old w5..w8</div>" in panel.readout_params.value
    assert panel.widget.caption == "▶ Run this notebook to use the panel (this is a picture of it)"
    node_texts = [t.get_text() for t in panel.diagram.node_texts.values() if t.get_text()]
    fwd = panel.state["forward"]
    assert f"net {fwd['net_h1']:.4f}\nout {fwd['out_h1']:.4f}" in node_texts, node_texts


def test_panel_problems_are_korean(ko):
    panel = Panel222()
    with pytest.raises(ValueError, match="학습률|learning_rate는") as caught:
        panel.set_learning_rate(7)
    assert english_in([str(caught.value)]) == [], str(caught.value)
    with pytest.raises(ValueError) as caught:
        panel.set("w1", 5000)
    assert "받은 값: 5000" in str(caught.value) and english_in([str(caught.value)]) == []
    with pytest.raises(ValueError) as caught:
        panel.run(200_000)
    assert "N번 실행을 다시 누르세요" in str(caught.value)


# ---- the network diagram -----------------------------------------------------------------------------
def test_a_diagram_drawn_in_part_says_so_in_korean(ko):
    fig, ax = plt.subplots()
    try:
        NetworkDiagram(ax, [3, 40, 2], max_neurons=8)
        texts = figure_texts(fig)
        assert any(t.startswith("일부만 그렸습니다:\n1층: 뉴런 40개 중 8개") for t in texts), texts
        assert english_in(texts) == [], texts
        fig.canvas.draw()
    finally:
        plt.close(fig)


def test_a_diagram_drawn_in_part_says_so_in_english(en):
    fig, ax = plt.subplots()
    try:
        NetworkDiagram(ax, [3, 40, 2], max_neurons=8)
        assert any(t.startswith("Drawn in part:\nlayer 1: 8 of 40 neurons") for t in figure_texts(fig))
    finally:
        plt.close(fig)


# ---- Exercises 1-4: every message the checkers write themselves --------------------------------------
def _own_feedback():
    """(feedback, expected Korean words) for each branch whose message nb04 writes (not compare_number's)."""
    g, g0, new = ex.backward(nb04.after_one_update()), ex.gradients(), nb04.after_one_update()
    tail = g["dout_h1_dnet_h1"] * g["dnet_h1_dw2"]
    start = ex.start_params()
    old_paths = (g["dE_dnet_o1"] * start["w5"] + g["dE_dnet_o2"] * start["w7"]) * tail
    transposed = (g["dE_dnet_o1"] * new["w5"] + g["dE_dnet_o2"] * new["w6"]) * tail
    g_new = ex.gradients(new)["w6"]
    return [
        (nb04.check_dE_dw6(g0["w6"]), "시작 가중치에서의 ∂E/∂w6"),
        (nb04.check_dE_dw6(g["dE_dnet_o1"]), "시드 노트 004의 실수"),
        (nb04.check_dE_dw6(g["dE_dw5"]), "마지막 인수로 out_h2를 쓰세요"),
        (nb04.check_dE_dw2(g0["w2"]), "시작 가중치에서의 ∂E/∂w2"),
        (nb04.check_dE_dw2(g["dE_o1_dout_h1"] * tail), "경로가 하나뿐입니다(o1 경유)"),
        (nb04.check_dE_dw2(g["dE_o2_dout_h1"] * tail), "경로가 하나뿐입니다(o2 경유)"),
        (nb04.check_dE_dw2(old_paths), "갱신된 w5와 w7"),
        (nb04.check_dE_dw2(transposed), "h1에서 나가는 가중치"),
        (nb04.check_direction_w7(3), "따옴표 안에 단어"),
        (nb04.check_direction_w7("옆으로"), "'up'(올라감) 또는 'down'(내려감)으로 답하세요"),
        (nb04.check_direction_w7(nb04.expected_direction_w7()), "E_total은 올라갑니다"),
        (nb04.check_direction_w7("down"), "부호를 보세요"),
        (nb04.check_w6_after_update(new["w6"] + 0.5 * g_new), "빼세요"),
        (nb04.check_w6_after_update(new["w6"] - 0.5 * g0["w6"]), "첫 갱신의 기울기를 다시 썼습니다"),
        (nb04.check_w6_after_update(new["w6"]), "한 걸음 더 가세요"),
        (nb04.check_w6_after_update(0.45 - 0.5 * g_new), "0.45가 아니라"),
    ]


def test_exercise_feedback_is_korean(ko):
    for feedback, words in _own_feedback():
        assert words in feedback.message, feedback.message
        own = feedback.message.replace("'up'", "").replace("'down'", "").replace(describe(3), "")
        assert english_in([own]) == [], feedback.message


def test_exercise_feedback_english_is_unchanged(en):
    expected = ["That is ∂E/∂w6 at the starting weights", "seed 004's slip", "use out_h2 as the last factor",
                "That is ∂E/∂w2 at the starting weights", "That is only the path through o1.",
                "That is only the path through o2.", "use the updated w5 and w7", "the weights leaving h1",
                "Answer 'up' or 'down', a word in quotes; you gave", "Answer 'up' or 'down'; you gave '옆으로'.",
                "With target 0.6, E_total goes up: w7 + 0.001 gives E = ", "Look at the sign of ∂E/∂w7",
                "subtract it.", "You reused the gradient of the first update.", "Take one more step from it.",
                "not from 0.45."]
    for (feedback, _), words in zip(_own_feedback(), expected, strict=True):
        assert words in feedback.message, feedback.message


def test_exercise_3_takes_a_korean_word(ko):
    right = {"up": "위", "down": "아래"}[nb04.expected_direction_w7()]
    assert nb04.check_direction_w7(right).ok
    assert not nb04.check_direction_w7({"위": "아래", "아래": "위"}[right]).ok


# ---- Exercise 5: the slip diagnoses ------------------------------------------------------------------
def test_exercise_5_names_slips_in_korean(ko):
    def one_path(params):       # keeps only the path through o1 into each hidden neuron
        f = ex.forward(params)
        (i1, i2), (t1, t2) = ex.INPUTS, ex.TARGETS
        d_o1 = (f["out_o1"] - t1) * f["out_o1"] * (1 - f["out_o1"])
        d_o2 = (f["out_o2"] - t2) * f["out_o2"] * (1 - f["out_o2"])
        d_h1 = d_o1 * params["w5"] * f["out_h1"] * (1 - f["out_h1"])
        d_h2 = d_o1 * params["w6"] * f["out_h2"] * (1 - f["out_h2"])
        return {"w1": d_h1 * i1, "w2": d_h1 * i2, "w3": d_h2 * i1, "w4": d_h2 * i2,
                "w5": d_o1 * f["out_h1"], "w6": d_o1 * f["out_h2"], "w7": d_o2 * f["out_h1"],
                "w8": d_o2 * f["out_h2"], "b1": d_h1 + d_h2, "b2": d_o1 + d_o2}

    fb = nb04.check_backward_222(one_path)
    assert not fb.ok and "경로가 하나뿐입니다" in fb.message, fb.message
    for message, _ in nb04.backward_222_slips():
        assert english_in([message]) == [], message
    assert english_in([nb04.instead()]) == []


def test_exercise_5_slips_keep_their_english(en):
    messages = [m for m, _ in nb04.backward_222_slips()]
    assert messages[0].startswith("Wrong sign everywhere: ∂E/∂out_o = out_o − target")
    assert messages[6] == messages[7] and messages[6].startswith("Only one path: out_h1 reaches E")
    assert nb04.instead().startswith("the two output deltas δ_o = (out_o − t)·out_o(1 − out_o)")


# ---- errors a learner meets --------------------------------------------------------------------------
@pytest.mark.parametrize(("call", "korean_words"), [
    (lambda: ex.forward({"w1": 0.1}), "빠진 키"),
    (lambda: ex.forward(inputs=(1.0, 2.0, 3.0)), "두 수의 쌍"),
    (lambda: ex.train(steps=200_000), "train을 다시 호출하세요"),
    (lambda: mlp.forward([np.ones((2, 3))], None, np.ones((2, 4))), "샘플마다 열 하나"),
    (lambda: mlp.forward([np.ones((2, 3)), np.ones((2, 3))], None, np.ones((3, 4))), "열은 1층의 뉴런마다"),
    (lambda: mlp.init_network([3], 0), "층 너비를 두 개 이상"),
    (lambda: mlp.train_step([np.ones((1, 1))], None, np.ones((1, 1)), np.ones((1, 1)), 1e7), "learning_rate는"),
])
def test_errors_a_learner_meets_are_korean(ko, call, korean_words):
    with pytest.raises((TypeError, ValueError)) as caught:
        call()
    assert korean_words in str(caught.value), str(caught.value)


def test_errors_keep_their_english(en):
    with pytest.raises(ValueError, match=r"params must have exactly the keys w1, .*; missing \["):
        ex.forward({"w1": 0.1})
    with pytest.raises(ValueError, match=r"X must have shape \(3, m\): 3 inputs to match W\^1, one column per "
                                         r"sample; got \(2, 4\)"):
        mlp.forward([np.ones((2, 3))], None, np.ones((2, 4)))
