"""The shared modules speak Korean in the Korean edition and English, unchanged, in the English one.

Under ``BP_LANG=ko`` the exercise feedback (helpers.exercises.feedback / functions), the guard's errors
(helpers._checks), gradcheck's errors, the figures' text alternatives (helpers.figure_alt) and the
widgets' error policy (helpers.widgets.base) hold no English word (tools.korean_text.english_words: code
in backticks, identifiers and numbers excepted); the expected Korean is written here, not computed by the
code under test. Under ``BP_LANG=en`` the same calls give the English they always gave, byte for byte.
"""

from __future__ import annotations

import matplotlib
import numpy as np
import pytest

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from helpers import _checks, figure_alt, gradcheck  # noqa: E402
from helpers.drawing import fast_text, placement  # noqa: E402
from helpers.exercises import functions  # noqa: E402
from helpers.exercises.feedback import (  # noqa: E402
    NOT_ANSWERED,
    compare_array,
    compare_number,
    describe,
    read_count,
    read_number,
    read_shape,
)
from helpers.widgets.base import WidgetBase, plain_words  # noqa: E402
from helpers.widgets.figure_image import FigureImage  # noqa: E402
from tools.korean_text import english_words  # noqa: E402


def no_english(text: str, names: frozenset = frozenset()) -> None:
    """No English word in ``text`` besides ``names`` (identifiers a notebook's code uses), and Korean words."""
    assert english_words(text, names)[0] == [], (english_words(text, names)[0], text)
    assert english_words(text, names)[2] > 0, text            # and it is Korean


# ---- exercise feedback -----------------------------------------------------------------------------
def feedback_cases():
    """One attempt for each kind of reply of the feedback toolkit (right, rounded, too few digits, right to
    the digits asked, sign slip, off, and every kind of answer that is not a number/shape/array)."""
    e = 0.0826676271
    arr = np.array([[1.0, 2.0], [3.0, 4.0]])
    return [
        compare_number(e, e, what="∂E/∂w5"),
        compare_number(0.0827, e, what="∂E/∂w5"),
        compare_number(0.08, e, what="∂E/∂w5"),
        compare_number(0.08266, e, what="∂E/∂w5", digits=3, rtol=1e-9),
        compare_number(-e, e, what="∂E/∂w5"),
        compare_number(0.5, e, what="∂E/∂w5"),
        compare_number(None, e, what="∂E/∂w5"),
        compare_number(True, e, what="∂E/∂w5"),
        compare_number("0.08", e, what="∂E/∂w5"),
        compare_number("abc", e, what="∂E/∂w5"),
        compare_number(1 + 2j, e, what="∂E/∂w5"),
        compare_number([1.0, 2.0], e, what="∂E/∂w5"),
        compare_number(float("nan"), e, what="∂E/∂w5"),
        compare_number(float("inf"), e, what="∂E/∂w5"),
        compare_number(10**400, e, what="∂E/∂w5"),
        compare_number({"a": 1}, e, what="∂E/∂w5"),
        read_count(10.0, "n"),
        read_count(10.7, "n"),
        read_shape("(3, 5)", "W.shape", 2),
        read_shape(3, "W.shape", 2),
        read_shape({3, 5}, "W.shape", 2),
        read_shape((3, 5, 1), "W.shape", 2),
        read_shape((0, 5), "W.shape", 2),
        read_shape((3.0, 5.0), "W.shape", 2),
        read_shape((3.7, 5.2), "W.shape", 2),
        read_shape((3, "5"), "W.shape", 2),
        compare_array("x", arr, what="dW"),
        compare_array([[1, 2], [3]], arr, what="dW"),
        compare_array(np.array([["a", "b"]]), arr, what="dW"),
        compare_array(np.array([True, False]), arr, what="dW"),
        compare_array(np.array([1j]), arr, what="dW"),
        compare_array([[1.0, None]], arr, what="dW"),
        compare_array([[1.0, np.nan], [3.0, 4.0]], arr, what="dW"),
        compare_array(arr.T.copy() + 1, arr, what="dW"),
        compare_array(arr[:1].T.copy(), arr, what="dW"),
        compare_array(np.ones((2, 3)), arr, what="dW"),
        compare_array(np.ones(2), np.ones((2, 1)), what="dW"),
        compare_array(np.ones((2, 1)), np.ones(2), what="dW"),
        compare_array(arr, arr, what="dW"),
        compare_array(arr + np.eye(2), arr, what="dW"),
    ]


def test_feedback_is_korean(ko):
    for fb in feedback_cases():
        no_english(fb._repr_markdown_())
        no_english(repr(fb))


def test_feedback_in_korean_reads_as_written(ko):
    e = 0.0826676271
    assert compare_number(e, e, what="∂E/∂w5")._repr_markdown_() == \
        "✅ **정답입니다.** ∂E/∂w5 = 0.0826676271, 정확히 맞습니다."
    assert compare_number(0.0827, e, what="∂E/∂w5").message == \
        ("∂E/∂w5 = 0.0826676271. 이 값을 적은 자릿수(유효숫자 3자리)로 반올림하면 적은 값과 같습니다"
         "(0.0827).")
    assert compare_number(-e, e, what="∂E/∂w5", hint="국소 기울기를 곱하세요.").message == \
        "∂E/∂w5: 크기는 맞지만 부호가 반대입니다. 국소 기울기를 곱하세요."
    assert compare_number(0.5, e, what="∂E/∂w5").message == "∂E/∂w5에 적은 값 0.5: 정답과 +0.417만큼 차이가 납니다."
    assert repr(NOT_ANSWERED) == "❌ 아직 아닙니다. `None`을 답으로 바꾸고 셀을 다시 실행하세요."
    assert read_count(10.0, "n").message == "n: 정수여야 합니다. 10.0 말고 10처럼 적으세요(`float` 말고 `int`)."
    assert describe([1, 2]) == "항목 2개짜리 `list`"
    assert describe("35") == "문자열 '35'"


def test_feedback_in_english_is_unchanged(en):
    e = 0.0826676271
    assert compare_number(e, e, what="∂E/∂w5")._repr_markdown_() == "✅ **Correct.** Exactly: ∂E/∂w5 = 0.0826676271."
    assert compare_number(0.0827, e, what="∂E/∂w5").message == \
        ("Right: ∂E/∂w5 = 0.0826676271, and your 0.0827 is that value rounded to the 3 significant digits you "
         "gave.")
    assert compare_number(0.5, e, what="the gradient", hint="Check the sign.").message == \
        "You gave 0.5 for the gradient, which is off by +0.417. Check the sign."
    assert repr(NOT_ANSWERED) == "❌ Not yet. Replace `None` with your answer and run the cell again."
    assert NOT_ANSWERED.message == "Replace `None` with your answer and run the cell again."
    assert read_number("0.5", "the answer").message == \
        "The answer is a number; you gave the text '0.5'. Remove the quotes."
    assert read_shape((3.0, 5.0), "W.shape", 2).message == \
        ("The entries of a shape are whole numbers like (3, 5) (numpy refuses np.zeros((3.7, 5.2))): write (3, 5); "
         "you gave (3.0, 5.0).")
    assert compare_array([[1.0, np.nan]], np.ones((1, 2)), what="your dW").message == \
        ("Your dW contains nan at entry (0, 1): a computation went wrong there (0/0, an overflow). Print the "
         "intermediate values to find where.")
    assert describe([1, 2]) == "a list of 2 items" and describe([1]) == "a list of 1 item"


def test_a_korean_what_is_not_capitalised(ko):
    assert read_number("x", "w5의 기울기").message.startswith("w5의 기울기: ")


# ---- a learner's function --------------------------------------------------------------------------
def _raises(x):
    return {}[3]


def _stub(x):
    raise NotImplementedError


def _nothing(x):
    return None


def _mutates(x):
    x[0] = 99.0
    return x


def function_cases():
    where = "3-4-2 신경망에서"        # what a caller passes, translated
    args = {"x": np.ones(3)}
    return [
        functions.function_problem(None, "f", "check_f"),
        functions.function_problem(3, "f", "check_f"),
        functions.call(_raises, "f", {"x": 1.0}, where=where),
        functions.call(_stub, "f", args, where=where),
        functions.call(_nothing, "f", args, where=where),
        functions.call(_mutates, "f", args, where=where),
        functions.flatten([1.0], (0.0, 0.0), "f(x)", parts=("dx", "dy")),
        functions.flatten(np.ones(3), np.ones(2), "dx"),
        functions.flatten([1.0], {"W": np.ones(1)}, "f(x)"),
        functions.flatten({"V": 1.0}, {"W": 1.0}, "f(x)"),
        functions.engine_feedback("f", "Value.tanh"),
        functions.judge([functions.Draw(where, np.array([1.0]), np.array([2.0]), ["dx"], [])],
                        ok_message="좋습니다.", hint=""),
    ]


def test_function_feedback_is_korean(ko):
    for fb in function_cases():
        no_english(fb.message, frozenset({"dx", "dy"}))       # the learner's own variable names


def test_function_feedback_in_korean_reads_as_written(ko):
    assert functions.flatten("abc", 0.0, "`f`의 반환값").message == \
        "`f`의 반환값: 수를 적어야 합니다. 적은 답은 문자열 'abc'입니다."
    fb = functions.call(_stub, "f", {"x": 1.0}, where="여기")
    assert fb.message == ("`f` 함수가 뼈대 코드처럼 아직 `NotImplementedError`를 일으킵니다. `f`의 본문을 작성한 뒤 "
                          "이 셀을 다시 실행하세요.")
    fb = functions.judge([functions.Draw("3-4-2 신경망에서", np.array([1.0]), np.array([2.0]), ["dx"], [])],
                         ok_message="", hint="")
    assert fb.message == "3-4-2 신경망에서, dx: 여러분의 값 1, 중앙 차분으로 구한 값: 2."


def test_function_feedback_in_english_is_unchanged(en):
    fb = functions.call(_raises, "f", {"x": 1.0}, where="on x = 1", hint="Look it up first.")
    assert fb.message == "`f` raised KeyError: 3 (on x = 1) in the line `return {}[3]`. Look it up first."
    fb = functions.call(_mutates, "f", {"x": np.ones(3)}, where="on x = 1")
    assert fb.message == ("`f` changed its argument `x` in place (on x = 1). Leave the inputs as they are and "
                          "return new values: the caller may still need the old ones.")
    fb = functions.judge([functions.Draw("on a 2-2-2 network", np.array([1.0]), np.array([2.0]), ["dx"], [])],
                         ok_message="", hint="Look again.")
    assert fb.message == "dx on a 2-2-2 network: yours is 1; central differences give 2. Look again."
    assert functions.flatten("abc", 0.0, "dx").message == "`dx` is a number; you gave the text 'abc'."
    assert functions.flatten("abc", 0.0, "what `f` returns").message == \
        "What `f` returns is a number; you gave the text 'abc'."          # no backticks inside backticks
    assert functions.flatten(np.ones(3), np.ones(2), "dx").message == \
        "`dx` should have shape (2,); yours has shape (3,)."
    fb = functions.engine_feedback("f", "Value.tanh", instead="x.grad += …")
    assert fb.message.endswith("here, write the steps yourself: x.grad += ….")


# ---- the guard and gradcheck -----------------------------------------------------------------------
GUARD_CALLS = [
    lambda: _checks.as_scalar("lr", "a"),
    lambda: _checks.as_scalar("lr", float("inf")),
    lambda: _checks.check_positive("lr", -1),
    lambda: _checks.check_int("epochs", 2.5),
    lambda: _checks.check_int("epochs", 0, minimum=1),
    lambda: _checks.check_int("epochs", 9, maximum=5),
    lambda: _checks.check_bool("on", "yes"),
    lambda: _checks.check_str("name", 3),
    lambda: _checks.check_callable("f", 3),
    lambda: _checks.check_choice("activation", "relux", ["sigmoid", "tanh"]),
    lambda: _checks.as_array("x", "abc"),
    lambda: _checks.as_array("x", [[1, 2], [3]]),
    lambda: _checks.as_array("x", [True, False]),
    lambda: _checks.as_array("x", [1j]),
    lambda: _checks.as_array("x", [1.0, np.nan]),
    lambda: _checks.as_array("x", [], ndim=1),
    lambda: _checks.as_array("x", [1.0], ndim=(2, 3)),
    lambda: _checks.as_array("x", [1, None]),
    lambda: _checks.as_array("x", [10**400]),
    lambda: _checks.as_pair("range", 3, increasing=True),
    lambda: _checks.as_pair("range", (2, 1), increasing=True),
    lambda: _checks.check_shape("W", np.ones(3), (2, 2)),
    lambda: _checks.check_same_shape("a", np.ones(2), "b", np.ones(3)),
    lambda: _checks.check_size("n", 10**9),
    lambda: _checks.check_finite_result("∂E/∂w", float("inf")),
    lambda: gradcheck.central_difference(lambda x: x, 0.0, h=5.0),
    lambda: gradcheck.central_difference(lambda x: "a", 0.0),
    lambda: gradcheck.central_difference(lambda x: float("inf"), 0.0),
    lambda: gradcheck.central_difference(lambda x: np.float32(x), 0.0),
    lambda: gradcheck.numerical_gradient(lambda x: 0.0, np.ones(20_000)),
    lambda: gradcheck.relative_error(np.ones(2), np.ones(3)),
    lambda: placement.text_box("w5", None, 0.0),
    lambda: fast_text.add_fast_text("ax", 0.0, 0.0, "w5"),
    lambda: fast_text.add_fast_text(Figure().add_subplot(), 0.0, 0.0, 5),
    lambda: FigureImage(5, 5),
]


# the arguments' names (code, as the notebooks' code cells write them), the values given in GUARD_CALLS, and
# Python's keywords in their reprs (a notebook's code names them too)
ARGUMENT_NAMES = frozenset({"lr", "epochs", "on", "name", "activation", "range", "relux", "sigmoid", "tanh",
                            "yes", "abc", "True", "False", "None", "text", "ax", "add_fast_text", "str"})


@pytest.mark.parametrize("call", GUARD_CALLS, ids=range(len(GUARD_CALLS)))
def test_guard_errors_are_korean(ko, call):
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    no_english(str(info.value), ARGUMENT_NAMES)


def test_guard_errors_in_korean_read_as_written(ko):
    with pytest.raises(ValueError) as info:
        _checks.check_positive("lr", -1)
    assert str(info.value) == "lr: 0보다 커야 합니다. 받은 값: -1.0"
    with pytest.raises(ValueError) as info:
        _checks.as_array("x", [1.0, np.nan])
    assert str(info.value) == ("x: 유한한 값이어야 합니다(`NaN`, `inf` 불가). 받은 값: 모양 (2,), "
                               "자료형 float64인 배열, 유한하지 않은 값 1개 포함")


def test_guard_errors_in_english_are_unchanged(en):
    with pytest.raises(ValueError, match=r"^lr must be > 0; got -1.0$"):
        _checks.check_positive("lr", -1)
    with pytest.raises(ValueError, match=r"^x must have 2 or 3 dimension\(s\); got shape \(1,\)$"):
        _checks.as_array("x", [1.0], ndim=(2, 3))
    with pytest.raises(TypeError, match=r"^x must contain real numbers; got list \[1, None\] with an entry "
                                        r"NoneType None$"):
        _checks.as_array("x", [1, None])
    with pytest.raises(ValueError, match=r"^n asks for 1,000,000,000 entries, more than the limit of 50,000,000\. "
                                         r"Use smaller sizes\.$"):
        _checks.check_size("n", 10**9)


# ---- figures' text alternatives --------------------------------------------------------------------
def korean_figure():
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot(1, 2, 1)
    ax.plot(np.arange(300), np.linspace(0.69, 0.08, 300), label="훈련 손실")
    ax.plot(np.arange(300), np.sin(np.arange(300) / 30), label="검증 손실")
    ax.set(title="손실", xlabel="에폭", ylabel="오차")
    ax.legend()
    ax2 = fig.add_subplot(1, 2, 2)
    ax2.bar([0, 1], [1.0, 2.0])
    ax2.scatter([0, 1], [0, 1])
    ax2.imshow(np.eye(3))
    return fig


def test_figure_alt_is_korean(ko):
    text = figure_alt.describe(korean_figure())
    no_english(text)
    assert text.startswith("패널 1: 손실: 에폭에 따른 오차: 훈련 손실: 0.69에서 0.08까지 내려감(에폭 299까지)")


def test_figure_alt_in_korean_keeps_the_figures_own_case(ko):
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot([0, 1, 2], [3, 2, 1])
    ax.set(xlabel="updates", ylabel="E_total")
    assert figure_alt.describe(fig) == "updates에 따른 E_total: 곡선: 3에서 1까지 내려감(updates 2까지)."


def test_figure_alt_in_english_is_unchanged(en):
    fig = Figure(figsize=(4, 3))
    ax = fig.add_subplot()
    ax.plot(np.arange(301), np.linspace(0.693, 0.0812, 301), label="training loss")
    ax.set(title="Loss", xlabel="epoch", ylabel="loss")
    ax.legend()
    assert figure_alt.describe(fig) == \
        "Loss: loss against epoch: training loss falls from 0.693 to 0.0812 by epoch 300."


# ---- the widgets' error policy ---------------------------------------------------------------------
class _Tiny(WidgetBase):
    def __init__(self):
        self._setup("bp-tiny")


def _fails():
    raise ValueError("lr: 0보다 커야 합니다. 받은 값: -1")


def test_widget_policy_message_is_korean(ko):
    widget = _Tiny()
    assert widget.callback(_fails, "한 걸음 진행") is False
    assert "한 걸음 진행 실패: lr: 0보다 커야 합니다. 받은 값: -1. 아무것도 바뀌지 않았습니다." in \
        widget.message.value
    no_english(plain_words(KeyError("w")))
    widget.callback(_fails)
    assert "요청한 작업 실패" in widget.message.value


def test_widget_policy_message_in_english_is_unchanged(en):
    widget = _Tiny()
    widget.callback(lambda: (_ for _ in ()).throw(ValueError("lr must be > 0; got -1")))
    assert "Could not do that: lr must be &gt; 0; got -1. Nothing was changed." in widget.message.value
    assert plain_words(KeyError("w")) == "an unexpected KeyError ('w')"
