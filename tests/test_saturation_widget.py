"""Tests of helpers.widgets.saturation (notebook 06) through its plain-Python API."""

from __future__ import annotations

import math

import numpy as np
import pytest

from helpers.gradcheck import central_difference
from helpers.mlp import train_step
from helpers.widgets import saturation
from helpers.widgets.saturation import (
    READOUTS,
    SaturationExplorer,
    css_name,
    format_value,
    learning_curves,
    neuron_gradients,
)


def sigma(z):
    return 1.0 / (1.0 + math.exp(-z))


def costs(x, w, b, y):
    a = sigma(w * x + b)
    return {"mse": 0.5 * (a - y) ** 2, "ce": -(y * math.log(a) + (1 - y) * math.log(1 - a))}


@pytest.mark.parametrize("x, w, b, y", [(1.0, 2.0, 2.0, 0.0), (0.3, -1.2, 0.5, 1.0), (0.0, 0.7, -0.4, 0.25)])
def test_neuron_gradients_match_central_differences(x, w, b, y):
    g = neuron_gradients(x, w, b, y)
    assert g["a"] == pytest.approx(sigma(w * x + b), rel=1e-14)
    for tag in ("mse", "ce"):
        dw = central_difference(lambda v, tag=tag: costs(x, v, b, y)[tag], w)
        db = central_difference(lambda v, tag=tag: costs(x, w, v, y)[tag], b)
        assert g[f"grad_w_{tag}"] == pytest.approx(dw, rel=1e-7, abs=1e-10)
        assert g[f"grad_b_{tag}"] == pytest.approx(db, rel=1e-7, abs=1e-10)
    assert g["delta_ce"] == pytest.approx(g["a"] - y, rel=1e-14)                       # no σ' factor
    assert g["delta_mse"] == pytest.approx((g["a"] - y) * g["sigma_prime"], rel=1e-12)


def test_small_input_activation_stops_the_weight_not_the_bias():
    g = neuron_gradients(0.0, 1.0, 0.5, 0.0)
    assert g["grad_w_mse"] == 0.0 and g["grad_w_ce"] == 0.0
    assert g["grad_b_mse"] > 0.0 and g["grad_b_ce"] > 0.0


def test_saturated_output_slows_the_quadratic_cost_only():
    g = neuron_gradients(1.0, 2.0, 2.0, 0.0)                     # a ≈ 0.98, target 0: badly wrong
    assert abs(g["delta_mse"]) < 0.02 * abs(g["delta_ce"])
    curves = learning_curves(1.0, 2.0, 2.0, 0.0, 0.15, 300)
    assert curves["ce"][-1] < curves["mse"][-1]
    assert np.argmax(curves["ce"] < 0.5) < np.argmax(curves["mse"] < 0.5)


def test_learning_curves_are_train_step_on_the_one_neuron_network():
    curves = learning_curves(0.8, 1.5, 1.0, 0.0, learning_rate=0.15, epochs=25)
    for tag, loss in (("mse", "mse"), ("ce", "cross_entropy")):
        W, B = [np.array([[1.5]])], [np.array([[1.0]])]
        X, Y = np.array([[0.8]]), np.array([[0.0]])
        for n in range(26):
            assert curves[tag][n] == pytest.approx(sigma(W[0][0, 0] * 0.8 + B[0][0, 0]), rel=1e-12)
            W, B = train_step(W, B, X, Y, 0.15, loss=loss)


def test_explorer_readouts_follow_the_sliders():
    explorer = SaturationExplorer()
    explorer.set("x", 0.5)
    explorer.set("w", -1.3)
    explorer.set("b", 3.0)
    expected = neuron_gradients(0.5, -1.3, 3.0, 0.0)
    state = explorer.state
    for key in READOUTS:
        assert state[key] == pytest.approx(expected[key], rel=1e-15)
        assert explorer.labels[key].value.endswith(format_value(expected[key]))
        assert css_name(key) in explorer.labels[key]._dom_classes
    curves = learning_curves(0.5, -1.3, 3.0)
    assert state["final_a_ce"] == pytest.approx(curves["ce"][-1], rel=1e-15)
    np.testing.assert_array_equal(explorer.line_mse.get_ydata(), curves["mse"])
    assert explorer.image.renders >= 4


def test_every_interactive_part_has_a_css_class():
    explorer = SaturationExplorer()
    assert "bp-sat" in explorer.widget._dom_classes
    for name in ("x", "w", "b"):
        assert f"bp-sat-{name}" in explorer.sliders[name]._dom_classes
    assert "bp-sat-message" in explorer.message._dom_classes
    assert "bp-sat-figure" in explorer.image.widget._dom_classes


def test_bad_input_gives_clear_errors():
    explorer = SaturationExplorer()
    with pytest.raises(ValueError, match="name must be one of"):
        explorer.set("eta", 0.1)
    with pytest.raises(ValueError, match="w must lie between -4.0 and 4.0"):
        explorer.set("w", 9.0)
    with pytest.raises(ValueError, match="y must be a target in"):
        SaturationExplorer(y=2.0)
    with pytest.raises(ValueError, match="learning_rate must be > 0"):
        learning_curves(1.0, 1.0, 1.0, learning_rate=0.0)


def test_a_failing_computation_shows_a_message_instead_of_raising(monkeypatch):
    explorer = SaturationExplorer()

    def broken(*args, **kwargs):
        raise ValueError("boom")

    monkeypatch.setattr(saturation, "neuron_gradients", broken)
    explorer.set("x", 0.25)                                     # the callback must not raise
    assert "boom" in explorer.message.value


# ---- the edition's language: Korean labels, readouts, caption and figure; the English unchanged ----------
def _english(texts):
    from tools.korean_text import english_words

    return {t: english_words(t)[0] for t in texts if english_words(t)[0]}


def test_korean_edition_labels_readouts_and_figure_hold_no_english(monkeypatch):
    from tools.korean_text import figure_texts

    monkeypatch.setenv("BP_LANG", "ko")
    explorer = SaturationExplorer()
    assert [explorer.sliders[n].description for n in ("x", "w", "b")] == ["입력 활성값 x", "가중치 w", "편향 b"]
    assert explorer.labels["delta_mse"].value == f"δ (이차 비용) = {format_value(explorer.state['delta_mse'])}"
    assert explorer.labels["grad_b_ce"].value.startswith("∂C/∂b (교차 엔트로피) = ")
    assert explorer.message.value.startswith("300걸음 뒤: a = ")
    assert explorer.widget.caption == "▶ 이 노트북을 실행하면 x, w, b를 직접 움직여 볼 수 있습니다(탐색기의 그림)"
    assert explorer.widget.names["bp-sat-x"] == "뉴런의 입력 활성값 x"
    ax = explorer.image.figure.axes[0]
    assert ax.get_xlabel() == "경사 하강 걸음 수 (η = 0.15)" and ax.get_ylabel() == "출력 a"
    assert [line.get_label() for line in ax.get_lines()[:2]] == ["이차 비용", "교차 엔트로피 비용"]
    shown = [*(s.description for s in explorer.sliders.values()), *(lab.value for lab in explorer.labels.values()),
             explorer.message.value, explorer.widget.caption, *explorer.widget.names.values(),
             *figure_texts(explorer.image.figure)]
    assert "목표값 y = 0 (점선)" in shown
    assert _english(shown) == {}


def test_english_edition_is_unchanged(monkeypatch):
    monkeypatch.setenv("BP_LANG", "en")
    explorer = SaturationExplorer()
    assert [explorer.sliders[n].description for n in ("x", "w", "b")] == ["input activation x", "weight w", "bias b"]
    assert explorer.labels["delta_ce"].value == f"δ (cross-entropy) = {format_value(explorer.state['delta_ce'])}"
    assert explorer.message.value == (f"after 300 steps: a = {format_value(explorer.state['final_a_mse'])} "
                                      f"(quadratic), {format_value(explorer.state['final_a_ce'])} (cross-entropy)")
    assert explorer.widget.caption == "▶ Run this notebook to move x, w and b yourself (a picture of the explorer)"
    assert explorer.widget.names["bp-sat-b"] == "bias b of the neuron"
    ax = explorer.image.figure.axes[0]
    assert ax.get_xlabel() == "gradient-descent step (η = 0.15)" and ax.get_ylabel() == "output a"
    assert [t.get_text() for t in ax.texts] == ["quadratic cost (solid)", "cross-entropy cost (dashed)",
                                                "target y = 0 (dotted)"]


def test_korean_errors_a_learner_meets(monkeypatch):
    monkeypatch.setenv("BP_LANG", "ko")
    explorer = SaturationExplorer()
    with pytest.raises(ValueError, match=r"w 값은 -4.0 이상 4.0 이하여야 합니다\(슬라이더의 범위\). 받은 값: 9.0"):
        explorer.set("w", 9.0)
    with pytest.raises(ValueError, match=r"y는 \[0, 1\] 범위의 목표값이어야 합니다") as info:
        SaturationExplorer(y=2.0)
    assert _english([str(info.value)]) == {}
