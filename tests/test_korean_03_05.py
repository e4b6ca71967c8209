"""The Korean edition of notebooks 03 and 05's helpers: the Jacobian and path explorers, the exercise
checkers of nb03/nb05 and the errors of jacobians/modes/deltas speak Korean under BP_LANG=ko, and the
English edition reads exactly as before.

"No English words" is measured with tools/korean_text.english_words. The math symbols of notebook 03
(dq, dx, dW, dX, dQ: the arguments of helpers.jacobians.linear_backward and of the exercise) are passed
as names, the way the notebook's own code names are; everything else made of Latin letters counts.
Expected Korean strings are written out here, not computed by the code under test.
"""

from __future__ import annotations

import numpy as np
import pytest

from helpers import jacobians, modes
from helpers.exercises import nb03, nb05
from helpers.widgets import path_explorer
from helpers.widgets.jacobian_explorer import JacobianExplorer
from helpers.widgets.path_explorer import PathExplorer, weight_label
from tools.korean_text import english_words, figure_texts, widget_texts

SYMBOLS = {"dq", "dx", "dW", "dX", "dQ"}


def english(text: str) -> list[str]:
    return english_words(text, names=SYMBOLS)[0]


def test_the_check_can_fail():
    assert english("경로 4개의 합 = 1.0e-03, they agree") == ["they", "agree"]
    assert english("dW = dQ Xᵀ, dq xᵀ를 더합니다") == []


# ---- the Jacobian explorer (03) -------------------------------------------------------------------
def test_jacobian_explorer_in_korean(ko):
    explorer = JacobianExplorer()
    box = explorer.widget
    texts = widget_texts(box) + [box.caption, *box.names.values()]
    assert [w for t in texts for w in english(t)] == []
    assert box.caption == "▶ 이 노트북을 실행하면 W와 x를 직접 움직여 볼 수 있습니다(탐색기의 표시값)"
    assert box.names["bp-jac-slider-W01"] == "행렬 W의 원소 0,1"
    assert box.names["bp-jac-slider-x1"] == "입력 x의 원소 1"
    with pytest.raises(ValueError) as error:
        explorer.set("x0", 1.5)
    assert str(error.value) == "x0 값은 -1.0 이상 1.0 이하여야 합니다(슬라이더의 범위). 받은 값: 1.5"


def test_jacobian_explorer_in_english_is_unchanged(en):
    box = JacobianExplorer().widget
    assert box.caption == "▶ Run this notebook to move W and x yourself (the explorer's readouts)"
    assert box.names["bp-jac-slider-W10"] == "entry 1,0 of the matrix W"
    assert box.names["bp-jac-slider-x0"] == "entry 0 of the input x"


# ---- the path explorer (05) -----------------------------------------------------------------------
def test_path_explorer_in_korean(ko):
    explorer = PathExplorer()
    box = explorer.widget
    texts = widget_texts(box) + [box.caption, *box.names.values()] + figure_texts(explorer.image.figure)
    assert [w for t in texts for w in english(t)] == []
    assert box.caption == "▶ 이 노트북을 실행하면 가중치를 골라 그 경로를 따라가 볼 수 있습니다(탐색기의 그림)"
    assert box.names == {"bp-paths-weight": "손실까지의 경로를 보여 줄 가중치", "bp-paths-path": "강조할 경로"}
    assert (explorer.weight_menu.description, explorer.path_menu.description) == ("가중치", "표시")
    assert weight_label(2, 0, 2) == "w²₁₃ (1층 뉴런 3 → 2층 뉴런 1)"
    explorer.select(1, 1, 0)
    assert explorer.labels["sum"].value.startswith("경로 4개의 합 = ")
    assert explorer.labels["grad"].value.startswith("역전파로 구한 ∂E/∂w¹₂₁ = ")
    assert explorer.labels["match"].value == "두 값이 일치합니다"
    assert [label for label, _ in explorer.path_menu.options] == ["모든 경로", "경로 1", "경로 2", "경로 3", "경로 4"]
    assert path_explorer.paths_phrase(1) == "경로 1개" and path_explorer.paths_phrase(4) == "경로 4개"


def test_path_explorer_in_english_is_unchanged(en):
    explorer = PathExplorer()
    assert weight_label(2, 0, 2) == "w²₁₃ (neuron 3 of layer 1 → neuron 1 of layer 2)"
    assert path_explorer.paths_phrase(1) == "1 path" and path_explorer.paths_phrase(4) == "4 paths"
    explorer.select(1, 1, 0)
    assert explorer.labels["sum"].value.startswith("sum over 4 paths = ")
    assert explorer.labels["grad"].value.startswith("∂E/∂w¹₂₁ from backprop = ")
    assert explorer.labels["match"].value == "they agree"
    assert explorer.widget.names["bp-paths-path"] == "which path to highlight"


# ---- exercise feedback: the checkers' own diagnoses ---------------------------------------------
NB03_SLIPS = {
    (5, 7): None,
    (7, 5): "전치되었습니다. X는 샘플을 열로 담으므로 ∂L/∂X도 그렇습니다(행 수가 먼저).",
    (3, 5): "적은 모양은 W의 모양, 곧 ∂L/∂W의 모양입니다. 문제는 입력 X로 거슬러 흐르는 기울기를 묻습니다.",
    (3, 7): "적은 모양은 Q의 모양, 곧 상류 기울기의 모양입니다. Wᵀ를 곱하면 입력의 모양이 됩니다.",
    (2, 2): "(2, 2): 답이 아닙니다. 기울기는 그것이 속한 변수와 모양이 같습니다. X의 모양은 무엇입니까?",
}


@pytest.mark.parametrize("answer", list(NB03_SLIPS))
def test_nb03_shape_feedback_in_korean(ko, answer):
    feedback = nb03.check_gradient_shape(answer)
    want = NB03_SLIPS[answer] or ("∂L/∂X의 모양은 X와 같은 (5, 7)입니다. 입력 원소마다 수가 하나씩 있고, "
                                  "샘플마다 열이 하나씩 있습니다.")
    assert feedback.message == want and feedback.ok == (answer == (5, 7))
    assert english(feedback.message) == []


def test_nb03_array_diagnoses_in_korean(ko):
    assert nb03.check_dW(np.zeros((4, 3))).message == ("모양 (4, 3)은 전치된 것입니다. dW는 W와 같은 모양 (3, 4)여야 "
                                                       "합니다. dq xᵀ를 계산해 보세요.")
    assert nb03.check_dx(np.zeros(3)).message == ("모양 (3,)은 q의 모양입니다. dx는 x와 같은 모양 (4,)여야 합니다. "
                                                  "Wᵀ를 곱하세요.")


@pytest.mark.parametrize("index", range(len(nb03.layer_slips())))
def test_nb03_each_slip_is_named_in_korean(monkeypatch, index):
    monkeypatch.setenv("BP_LANG", "ko")
    message, slip = nb03.layer_slips()[index]
    assert english(message) == [] and "다" in message
    feedback = nb03.check_linear_backward_batch(lambda dQ, X, W: slip(dQ, X, W))
    assert not feedback.ok and message in feedback.message
    monkeypatch.setenv("BP_LANG", "en")
    english_message, _ = nb03.layer_slips()[index]
    assert english_message != message and english_message in nb03.check_linear_backward_batch(
        lambda dQ, X, W: slip(dQ, X, W)).message


def test_nb03_slips_in_english_are_unchanged(en):
    assert nb03.layer_slips()[0][0] == ("dW is transposed: X dQᵀ has one row per input. The gradient has W's shape "
                                        "(n, d): dW = dQ Xᵀ.")
    assert nb03.check_gradient_shape((7, 5)).message == ("Transposed: X holds the samples as columns, so ∂L/∂X does "
                                                         "too (rows first).")


def test_nb03_success_message_in_korean(ko):
    feedback = nb03.check_linear_backward_batch(lambda dQ, X, W: (dQ @ X.T, W.T @ dQ))
    assert feedback.ok
    assert feedback.message.startswith("`linear_backward_batch`의 결과가 무작위 층 3개(정사각인 것과 아닌 것, "
                                       "배치 2~5)에서 중앙 차분과 일치합니다.")
    assert english(feedback.message.replace("`linear_backward_batch`", "")) == []


NB05_DIAGNOSES = [
    (lambda: nb05.check_delta_k(1 / (1 + np.exp(-nb05.EX1["z_k"])) - nb05.EX1["t_k"]),
     "적은 값은 a_k − t_k뿐입니다. g'(z_k) = σ(z_k)(1 − σ(z_k))를 곱하세요."),
    (lambda: nb05.check_path_count(40), "가중치가 이미 1층의 뉴런을 정합니다. 그 뒤의 층에서 고르는 경우만 세세요."),
    (lambda: nb05.check_path_count(7),
     "경로마다 뒤의 층에서 뉴런을 하나씩 고릅니다. 선택의 수를 더하지 말고 곱하세요."),
    (lambda: nb05.check_path_count(3), "선택의 수를 세어 보세요. 가중치가 속한 층 뒤의 층마다 뉴런을 하나씩 고릅니다."),
    (lambda: nb05.check_path_count(10),
     "경로는 10개입니다. 가중치가 1층의 뉴런을 정하고, 그 뒤의 층마다 뉴런을 하나씩 고를 수 있으며, "
     "그 선택의 수를 곱합니다."),
]


@pytest.mark.parametrize("case", range(len(NB05_DIAGNOSES)))
def test_nb05_feedback_in_korean(ko, case):
    make, want = NB05_DIAGNOSES[case]
    message = make().message
    assert message == want and english(message) == []


def test_nb05_hidden_delta_diagnoses_in_korean(ko):
    j = nb05.EX2["j"] - 1
    back = sum(row[j] * d for row, d in zip(nb05.EX2["w_kj"], nb05.EX2["delta_k"], strict=True))
    assert nb05.check_delta_j(back).message == "적은 값은 ∂E/∂a_j = Σ_k w_kj δ_k입니다. g'(z_j)를 곱해야 δ_j가 됩니다."


@pytest.mark.parametrize("index", range(len(nb05.delta_slips())))
def test_nb05_each_slip_message_is_korean(ko, index):
    message, switches = nb05.delta_slips()[index]
    assert english(message) == [], message


def test_nb05_slip_found_and_named_in_korean(ko):
    def node_deltas(a_i, w_ji, b_j, w_kj, b_k, t_k):      # w_kj[j, k] where w_kj[k, j] belongs
        s = lambda z: 1 / (1 + np.exp(-z))   # noqa: E731
        z_j = [b_j[j] + sum(w_ji[j, i] * a_i[i] for i in range(len(a_i))) for j in range(len(b_j))]
        z_k = [b_k[k] + sum(w_kj[k, j] * s(z_j[j]) for j in range(len(b_j))) for k in range(len(b_k))]
        d_k = [(s(z) - t) * s(z) * (1 - s(z)) for z, t in zip(z_k, t_k, strict=True)]
        d_j = [s(z_j[j]) * (1 - s(z_j[j])) * sum(w_kj[j, k] * d_k[k] for k in range(len(b_k)))
               for j in range(len(b_j))]
        return np.array(d_k), np.array(d_j)
    feedback = nb05.check_node_deltas(node_deltas)
    assert not feedback.ok
    assert ("가중치의 첨자가 틀렸습니다. δ_j는 뉴런 j에서 *나가는* 가중치, 곧 모든 k에 대한 w_kj[k, j](j번째 열)를 "
            "모읍니다. w_kj[j, k](j번째 행)가 아닙니다.") in feedback.message


def test_nb05_matrix_shortcut_refused_in_korean(ko):
    def with_matrices(a_i, w_ji, b_j, w_kj, b_k, t_k):
        return w_kj @ b_k, b_j
    message = nb05.check_node_deltas(with_matrices).message
    assert message.startswith("여러분의 `node_deltas`에는 노트북 06의 행렬 형태(행렬 곱 `@`)가 쓰였습니다.")


def test_nb05_in_english_is_unchanged(en):
    assert nb05.check_path_count(7).message == ("Each path picks one neuron in every later layer: multiply the "
                                                "choices, don't add.")
    assert nb05.delta_slips()[0][0].startswith("Wrong sign: δ_k = (a_k − t_k)·σ′(z_k)")


# ---- errors a learner meets -----------------------------------------------------------------------
def test_errors_in_korean(ko):
    with pytest.raises(ValueError) as error:
        jacobians.linear_backward(np.ones(2), np.ones(4), np.ones((3, 4)))
    assert str(error.value) == "dq는 W의 행마다 원소가 하나씩(3개) 있어야 합니다. 받은 모양: (2,)"
    with pytest.raises(ValueError) as error:
        modes.jvp([np.ones((2, 3))], np.ones(3), np.ones(2))
    assert str(error.value) == "v는 x와 모양이 같아야 합니다. 필요한 모양: (3,), 받은 모양: (2,)"
    with pytest.raises(ValueError) as error:
        path_explorer.check_layer_sizes([2])
    assert str(error.value) == "layer_sizes에는 층이 2~5개 있어야 합니다(입력층이 처음). 받은 층 수: 1"


def test_errors_in_english_are_unchanged(en):
    with pytest.raises(ValueError, match=r"^dq must have one entry per row of W \(3\); got shape \(2,\)$"):
        jacobians.linear_backward(np.ones(2), np.ones(4), np.ones((3, 4)))
    with pytest.raises(ValueError, match=r"^w_kj must have shape \(2, 3\) to match .* — the transpose: w_kj\[k, j\]"):
        from helpers.deltas import node_by_node
        node_by_node(np.ones(2), np.ones((3, 2)), np.ones(3), np.ones((3, 2)), np.ones(2), np.ones(2))
