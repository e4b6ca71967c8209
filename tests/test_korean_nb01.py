"""Issue 20, notebooks 00 and 01: under the Korean edition (BP_LANG=ko) every learner-facing string of
their helpers is Korean: the exercise checkers' messages, the setup check's report, table and summary,
the step-size explorer's labels, readouts, preview and figure. The English edition stays exactly as
before. (Feedback's "Correct."/"Not yet." prefixes and compare_number's sentences come from
helpers/exercises/feedback.py, and figure alt texts from helpers/figure_alt.py: tested with those.)"""

from __future__ import annotations

import statistics
import time

import pytest

from helpers.exercises import nb00, nb01
from helpers.widgets import setup_check
from helpers.widgets.setup_check import KEY_PACKAGES, PackageStatus, SetupCheck, summary
from helpers.widgets.step_size import StepSizeExplorer
from tools.korean_text import english_words, figure_texts, widget_texts

HANGUL = range(0xAC00, 0xD7A4)
# Package names and Python's version line are identifiers, not English prose.
IDENTIFIERS = set(KEY_PACKAGES) | {"requirements", "txt"}


def korean(text: str) -> bool:
    return any(ord(ch) in HANGUL for ch in text)


def assert_korean(texts, names=frozenset()):
    for text in texts:
        words = english_words(text, set(names))[0]
        assert words == [], f"English words {words} in {text!r}"


# (Not a pair: such answers are described by feedback.describe, e.g. "the text 'w7'", tested with it.)
NB00_ANSWERS = [(1, 0), (0, 1), (2, 1), (1, 2), (0, 0), (5, 5), (0.5, 1)]
NB00_LETTERS = ["z", "a", "u", "q"]


def nb00_messages() -> list[str]:
    return ([nb00.check_weight_position(a).message for a in NB00_ANSWERS]
            + [nb00.check_nielsen_symbol(a).message for a in NB00_LETTERS])


def nb01_slip_messages() -> list[str]:
    slips = nb01.two_path_slips()
    return [nb01.check_h_prime(float(nb01.seed004_h_prime_slip(nb01.EX1_X))).message,
            nb01.check_sin_of_square(float(nb01.np.cos(nb01.EX2_X**2) * 2.0)).message,
            *(nb01.check_two_paths(slips[name]).message for name in ("path via u", "path via v", "sign"))]


def test_nb00_feedback_is_korean(ko):
    messages = nb00_messages()
    assert all(korean(m) for m in messages), messages
    assert_korean(messages, {"out_h1", "o2", "net", "Nielsen", "numpy"})
    assert "W2[1, 0]" in messages[0] and "w7" in messages[0]


def test_nb01_feedback_is_korean(ko):
    messages = nb01_slip_messages()
    assert all(korean(m) for m in messages), messages
    assert_korean(messages)
    assert messages[2].startswith("적은 값은 u를 거치는 경로 하나뿐입니다. x는 v를 거쳐서도 z에 닿습니다.")
    wrong = nb01.check_two_paths(1.0).message
    assert "dz/dx = ∂z/∂u·du/dx + ∂z/∂v·dv/dx입니다. 네 인수를 하나씩 먼저 구하세요." in wrong


def test_the_english_feedback_is_as_before(en):
    assert nb00.check_weight_position((1, 0)).message == (
        "w7 carries out_h1 (column 0: it comes from hidden neuron 1) into o2 (row 1: it arrives at output "
        "neuron 2), so it is W2[1, 0].")
    assert nb00.check_weight_position((0, 1)).message.startswith("W2[0, 1] holds w6. You read the indices")
    assert nb01_slip_messages()[2] == ("That is only the path via u. x also reaches z through v: add the product "
                                       "of the local derivatives along that path too.")
    assert nb01_slip_messages()[0].endswith("Substitute u = f(x) = (x+1)², not x²+1, into g'(u) = 3u² + 2.")


def test_the_setup_check_is_korean(ko):
    check = SetupCheck()
    texts = widget_texts(check.widget) + [check.widget.caption, *check._preview_lines()]
    assert_korean(texts, IDENTIFIERS)
    assert "커널 부르기" in texts and "아직 응답 없음: 버튼을 누르세요." in texts
    reply = check.ping()
    assert reply == "커널 응답(호출 1회): sigmoid(0) = 0.5. 위젯과 커널이 서로 통합니다."
    assert_korean([reply])


def test_the_setup_summary_and_table_are_korean(ko, monkeypatch):
    good = [PackageStatus("numpy", "1", "1"), PackageStatus("sympy", "2", "2")]
    assert summary(good) == "고정한 패키지 2개가 모두 고정한 버전으로 설치되어 있습니다."
    bad = [PackageStatus("numpy", "1", "2"), PackageStatus("sympy", "2", None)]
    text = summary(bad)
    assert text == ("requirements.txt와 다른 패키지 2개: numpy(고정 버전 1, 설치된 버전 2), "
                    "sympy(고정 버전 2, 설치된 버전 설치 안 됨). 다시 설치하려면 `make lab-ko`를 실행하세요.")
    monkeypatch.setattr(setup_check, "package_report", lambda *a, **k: bad)
    table = SetupCheck().versions.value
    for label in ("패키지", "설치된 버전", "고정 버전", "설치 안 됨", "✗ 고정 버전 1"):
        assert label in table
    assert_korean(widget_texts(SetupCheck().widget), IDENTIFIERS)


def test_the_english_setup_check_is_as_before(en):
    assert SetupCheck.reply_text(2) == "Kernel replied (ping 2): sigmoid(0) = 0.5. Widgets and kernel talk."
    check = SetupCheck()
    assert "<th style=\"padding:0 0.8em 0 0;line-height:1.3\">package</th>" in check.versions.value
    assert check.button.description == "Ping the kernel"
    assert check.widget.caption == "▶ Run this notebook to check your set-up (what the panel reports)"


def test_the_step_size_explorer_is_korean(ko):
    explorer = StepSizeExplorer(x=0.5, h=1.5e-5)             # between two notches: the note is shown too
    texts = widget_texts(explorer.widget) + [explorer.widget.caption, *explorer.widget.names.values()]
    assert_korean(texts)
    assert any(t.startswith("전진 차분 오차: ") for t in texts) and any(t.startswith("중앙 차분 오차: ") for t in texts)
    assert any("가장 가까운 눈금" in t for t in texts)
    drawn = figure_texts(explorer.image.figure)
    assert_korean(drawn)
    for label in ("전진 차분", "중앙 차분", "간격 h", "절대 오차", "미분 어림값 f′(0.5)의 오차"):
        assert label in drawn, drawn
    assert "정확한 값: " in explorer.h_label.value


def test_the_korean_readouts_stay_fast(ko):
    explorer = StepSizeExplorer(x=0.5)
    times = []
    for h in (1e-3, 1e-6, 1e-9, 1e-12, 1e-4):
        start = time.perf_counter()
        explorer.set_h(h)
        times.append(time.perf_counter() - start)
    assert statistics.median(times) < 0.05, times


def test_the_english_step_size_explorer_is_as_before(en):
    explorer = StepSizeExplorer(x=0.5)
    drawn = figure_texts(explorer.image.figure)
    for label in ("forward difference", "central difference", "step size h", "absolute error",
                  "error of the estimate of f′(0.5)"):
        assert label in drawn
    assert explorer.forward_label.value.startswith("forward error: ")
    assert explorer.widget.caption == "▶ Run this notebook to move h yourself (a picture of the explorer)"


def test_a_korean_error_a_learner_meets(ko):
    with pytest.raises(ValueError, match="슬라이더의 범위"):
        StepSizeExplorer(x=0.5).set_h(1.0)


def test_errors_of_the_chain_rule_and_reference_helpers_are_korean(ko):
    from helpers import chain_rule, reference

    cases = [
        (ValueError, lambda: chain_rule.best_step([1e-3, 1e-2], [1.0])),
        (ValueError, lambda: chain_rule.best_step([1e-3, 1e-2, 1e-1], [1.0, 2.0, 3.0], window=2)),
        (ValueError, lambda: chain_rule.theoretical_best_step("forward", 0.0, 1.0)),
        (ValueError, lambda: chain_rule.sum_over_paths([1.0, 2.0], [1.0])),
        (ValueError, lambda: chain_rule.step_size_errors(chain_rule.seed004_h, chain_rule.seed004_h_prime, 0.5,
                                                         [-1e-3])),
        (ValueError, lambda: reference.published_tolerance("0,3775")),
        (TypeError, lambda: reference.value(0.5)),
    ]
    for error, call in cases:
        with pytest.raises(error) as raised:
            call()
        message = str(raised.value)
        assert korean(message), message
        assert_korean([message], {"hs", "errors", "window", "f_value", "higher_derivative", "outer_partials",
                                  "inner_derivatives", "text", "float"})


def test_the_english_errors_are_as_before(en):
    from helpers import chain_rule

    with pytest.raises(ValueError, match=r"^window must be odd so the average is centred; got 2$"):
        chain_rule.best_step([1e-3, 1e-2, 1e-1], [1.0, 2.0, 3.0], window=2)
    with pytest.raises(ValueError, match=r"^outer_partials and inner_derivatives must list the same paths; got 2 "):
        chain_rule.sum_over_paths([1.0, 2.0], [1.0])
