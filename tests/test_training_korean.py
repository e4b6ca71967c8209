"""Notebook 07's helpers in the Korean edition: the training and learning-rate explorers (labels, buttons,
readouts, captions, accessible names, figures), the descent summaries, the datasets' names, the exercise
feedback and the errors a learner meets hold no English words under BP_LANG=ko, and the English edition
reads exactly as before. The expected Korean is written here, never computed by the code under test."""

import matplotlib
import numpy as np
import pytest

from helpers.datasets import dataset_label, make_dataset
from helpers.descent import LineFit, describe_run, gradient_descent, outcome, status_word
from helpers.exercises import nb07
from helpers.training import Trainer
from helpers.widgets.descent_explorer import DescentExplorer
from helpers.widgets.training_explorer import TrainingExplorer
from helpers.widgets.training_figures import zero_gradient_label, zero_gradient_note
from tools.korean_text import english_in, figure_texts, widget_texts

matplotlib.use("Agg")


def training_texts(explorer: TrainingExplorer) -> list[str]:
    figures = [image.figure for image in explorer.figures.images]
    return [*widget_texts(explorer.widget), explorer.widget.caption, *explorer.widget.names.values(),
            *(text for figure in figures for text in figure_texts(figure))]


def descent_texts(explorer: DescentExplorer) -> list[str]:
    return [*widget_texts(explorer.widget), explorer.widget.caption, *explorer.widget.names.values(),
            *figure_texts(explorer.image.figure), *figure_texts(explorer.loss_image.figure)]


def test_the_training_explorer_speaks_korean(ko):
    explorer = TrainingExplorer(dataset="moons", width=4, depth=2, n=40, run_epochs=5)
    explorer.step(2)
    texts = training_texts(explorer)
    assert english_in(texts) == []
    assert [b.description for b in explorer.buttons.values()] == ["학습", "일시 정지", "한 에폭", "처음으로"]
    assert [explorer.controls[k].description for k in ("dataset", "width", "depth", "activation")] == \
        ["데이터", "너비", "층 수", "활성화"]
    assert explorer.controls["dataset"].options == (("XOR", "xor"), ("반달", "moons"),
                                                    ("동심원", "circles"), ("나선", "spirals"))
    assert explorer.loss_label.value.startswith("에폭 2 · 손실 ")
    assert explorer.gradient_label.value.startswith("기울기 크기: ‖∂C/∂W1‖ = ")
    assert "W3 (출력층)" in texts and "결정 경계" in texts and "층별 기울기 크기" in texts
    assert explorer.widget.caption == "▶ 이 노트북을 실행하면 신경망을 직접 학습시켜 볼 수 있습니다(탐색기의 그림)"


def test_the_training_explorer_reads_as_before_in_english(en):
    explorer = TrainingExplorer(dataset="moons", width=4, depth=1, n=40, run_epochs=5)
    assert [b.description for b in explorer.buttons.values()] == ["Train", "Pause", "Step", "Reset"]
    assert explorer.controls["dataset"].options == (("xor", "xor"), ("moons", "moons"), ("circles", "circles"),
                                                    ("spirals", "spirals"))
    assert explorer.controls["activation"].options == (("sigmoid", "sigmoid"), ("tanh", "tanh"), ("relu", "relu"))
    assert explorer.gradient_label.value == "gradient size: (train to see)"
    assert explorer.loss_label.value.startswith("epoch 0 · loss ")
    assert [ax.get_title() for ax in (explorer.figures.ax_data, explorer.figures.ax_loss, explorer.figures.ax_grad)] \
        == ["decision boundary", "loss per sample", "gradient size per layer"]
    assert "W2 (out)" in training_texts(explorer)


def test_the_dead_relu_note_in_both_editions(monkeypatch):
    norms = np.array([0.0, 0.0, 0.3])
    monkeypatch.setenv("BP_LANG", "en")
    assert zero_gradient_note(norms, "relu") == (
        "‖∂C/∂W‖ = 0 for W1, W2: every hidden ReLU outputs 0 for every sample (they died: η too large?), so no "
        "gradient flows; lower η and press Reset")
    assert zero_gradient_label(norms) == "‖∂C/∂W‖ = 0 for W1, W2"
    monkeypatch.setenv("BP_LANG", "ko")
    assert zero_gradient_note(norms, "tanh") == ("W1, W2의 ‖∂C/∂W‖ = 0: 기울기가 흐르지 않습니다. η를 낮추고 "
                                                 "‘처음으로’를 누르세요.")
    assert english_in([zero_gradient_note(norms, "relu"), zero_gradient_label(norms)]) == []


def test_the_learning_rate_explorer_speaks_korean(ko):
    explorer = DescentExplorer(LineFit(seed=0), start=(-1.5, 2.0), steps=40, learning_rate=0.1)
    explorer.set_learning_rate(0.6)
    texts = descent_texts(explorer)
    assert english_in(texts) == []
    assert explorer.readout.value == "η = 0.631: 15걸음 뒤 발산: η = 0.631 > 2/λ_max = 0.492"
    assert explorer.banner.get_text() == "15걸음 뒤 발산"
    assert {"w (직선의 경사)", "b (절편)", "걸음", "손실 L(w, b)", "최솟점", "경로", "최소 손실"} <= set(texts)
    explorer.set_learning_rate(0.0123)               # between two notches: the note says where it went
    assert explorer.message.value and english_in(widget_texts(explorer.widget)) == []


def test_the_learning_rate_explorer_reads_as_before_in_english(en):
    explorer = DescentExplorer(LineFit(seed=0), start=(-1.5, 2.0), steps=40, learning_rate=0.1)
    explorer.set_learning_rate(0.6)
    assert explorer.readout.value == "η = 0.631: diverged after 15 steps: η = 0.631 > 2/λ_max = 0.492"
    assert explorer.banner.get_text() == "diverged after 15 steps"
    assert explorer.widget.caption == "▶ Run this notebook to move η yourself (a picture of the explorer)"


def test_descent_summaries_in_both_editions(monkeypatch):
    problem = LineFit(seed=0)
    start = np.array([-1.5, 2.0])
    runs = {lr: gradient_descent(problem.loss, problem.gradient, start, lr, 40) for lr in (0.02, 0.45, 0.6)}
    fast = gradient_descent(problem.loss, problem.gradient, start, 1.0, 1)
    monkeypatch.setenv("BP_LANG", "en")
    assert [describe_run(problem, p, lr) for lr, p in runs.items()] == [
        "crawls: loss 1.0428 after 40 steps, minimum 0.0202",
        "converges with a zig-zag across the valley: loss 0.0205 after 40 steps, minimum 0.0202",
        "diverged after 18 steps: η = 0.6 > 2/λ_max = 0.492"]
    assert [outcome(p) for p in runs.values()] == ["stopped after 40 steps", "stopped after 40 steps",
                                                   "diverged after 18 steps"]
    assert [status_word(p) for p in runs.values()] == ["stopped", "stopped", "diverged"]
    assert outcome(fast) in ("diverged after 1 step", "stopped after 1 step")
    monkeypatch.setenv("BP_LANG", "ko")
    assert [describe_run(problem, p, lr) for lr, p in runs.items()] == [
        "느리게 기어감: 40걸음 뒤 손실 1.0428, 최솟값 0.0202",
        "골짜기를 가로질러 지그재그로 수렴: 40걸음 뒤 손실 0.0205, 최솟값 0.0202",
        "18걸음 뒤 발산: η = 0.6 > 2/λ_max = 0.492"]
    assert [outcome(p) for p in runs.values()] == ["40걸음을 다 쓰고 멈춤", "40걸음을 다 쓰고 멈춤", "18걸음 뒤 발산"]
    assert [status_word(p) for p in runs.values()] == ["멈춤", "멈춤", "발산"]


def test_dataset_names_in_both_editions(monkeypatch):
    monkeypatch.setenv("BP_LANG", "en")
    assert [dataset_label(n) for n in ("xor", "moons", "circles", "spirals")] == ["xor", "moons", "circles", "spirals"]
    monkeypatch.setenv("BP_LANG", "ko")
    labels = [dataset_label(n) for n in ("xor", "moons", "circles", "spirals")]
    assert labels == ["XOR", "반달", "동심원", "나선"]
    assert english_in(labels) == []          # the identifier beside the Korean name is a gloss


def test_exercise_feedback_in_korean(ko):
    slip = nb07.EX2_W - nb07.EX2_ETA * nb07.EX2_GRAD_SUM
    assert nb07.check_minibatch_update(slip).message == ("합한 기울기를 m으로 나누지 않고 썼습니다. "
                                                         "규칙은 η/m Σ_x입니다.")
    assert nb07.check_accuracy(100 * nb07.expected_accuracy()).message == \
        "백분율로 답했습니다. 0과 1 사이의 비율로 답하세요."
    assert nb07.check_sigmoid_factor(0.5 ** nb07.EX4_LAYERS).message.startswith("σ(0) = 0.5는 시그모이드의 값입니다.")
    messages = [m for m, _slip in nb07.ex1_slips()] + [m for m, _switches in nb07.sgd_slips()]
    assert len(messages) == 15 and english_in(messages) == []


def test_exercise_feedback_in_english_is_unchanged(en):
    slip = nb07.EX2_W - nb07.EX2_ETA * nb07.EX2_GRAD_SUM
    assert nb07.check_minibatch_update(slip).message == \
        "You used the summed gradient without dividing by m: the rule is η/m Σ_x."
    assert nb07.sgd_slips()[7] == ("Update the biases too: b ← b − (η/m)·gb.", {"update_biases": False})


def test_the_errors_a_learner_meets_in_korean(ko):
    X, y = make_dataset("moons", 40, seed=0)
    with pytest.raises(TypeError) as hidden:
        Trainer(X, y, hidden=8)
    with pytest.raises(ValueError) as softmax:
        Trainer(X, y, output="softmax")
    with pytest.raises(TypeError) as loss:
        gradient_descent(lambda p: None, lambda p: p, np.zeros(2), 0.1)
    assert str(hidden.value) == "hidden은 은닉층 너비의 리스트여야 합니다(예: [8], [16, 16]). 받은 값: 8"
    assert str(softmax.value) == ("output='softmax'에는 클래스가 셋 이상 있어야 합니다. "
                                  "클래스가 둘이면 시그모이드 출력 하나를 씁니다.")
    assert str(loss.value).endswith("함수는 손실(수 하나)을 `return`해야 합니다.")
