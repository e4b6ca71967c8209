"""Bad input to the widgets' plain-Python APIs and to the drawings: a TypeError or ValueError that
names the argument and says what was expected (booleans are not numbers, numbers are not flags,
nothing out of range is clamped in silence). One row per case: (what, call, error type, words).
Plus: callbacks never raise into the browser, and a refused value changes nothing."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure

from helpers.autograd import Value, backward_steps
from helpers.drawing.graph import GraphDrawing, draw_graph, figure_size
from helpers.drawing.network import NetworkDiagram
from helpers.widgets import lecture_mode
from helpers.widgets.backward_stepper import BackwardStepper, format_number, step_formula
from helpers.widgets.descent_explorer import DescentExplorer
from helpers.widgets.figure_image import FigureImage
from helpers.widgets.jacobian_explorer import JacobianExplorer
from helpers.widgets.panel222 import Panel222
from helpers.widgets.path_explorer import PathExplorer
from helpers.widgets.saturation import SaturationExplorer, learning_curves
from helpers.widgets.setup_check import pinned_versions, summary
from helpers.widgets.step_size import StepSizeExplorer
from helpers.widgets.training_explorer import TrainingExplorer

_cache: dict = {}


def one(make):
    """One shared instance per builder (the cases only read or are refused)."""
    if make not in _cache:
        _cache[make] = make()
    return _cache[make]


def axes():
    fig = Figure()
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def chain(n: int) -> Value:
    """An expression of n operations."""
    out = Value(1.0, "x")
    for _ in range(n):
        out = out * 1.0
    return out


def _a_step():
    x = Value(2.0, "x")
    return backward_steps(x * 3.0)[0]


def panel():
    return one(Panel222)


def trainer():
    return one(TrainingExplorer)


CASES = [
    # Panel222 (notebook 04)
    ("panel eta bool", lambda: Panel222(learning_rate=True), TypeError, r"learning_rate must be a real number"),
    ("panel eta 10", lambda: Panel222(learning_rate=10), ValueError, r"learning_rate must lie between 0.01 and 5"),
    ("panel set eta 10", lambda: panel().set_learning_rate(10), ValueError, r"between 0.01 and 5 \(the η slider"),
    ("panel set eta True", lambda: panel().set_learning_rate(True), TypeError, r"learning_rate must be a real"),
    ("panel set eta off grid", lambda: panel().set_learning_rate(0.123), ValueError, r"multiple of 0.01"),
    ("panel set eta string", lambda: panel().set_learning_rate("fast"), TypeError, r"learning_rate must be a real"),
    ("panel run 10**6", lambda: panel().run(10**6), ValueError, r"n must be at most 100,000 updates"),
    ("panel run 2.5", lambda: panel().run(2.5), TypeError, r"n must be a whole number"),
    ("panel run True", lambda: panel().run(True), TypeError, r"n must be a whole number"),
    ("panel run 0", lambda: panel().run(0), ValueError, r"n must be >= 1"),
    ("panel set w9", lambda: panel().set("w9", 1.0), ValueError, r"name must be one of 'w1'"),
    ("panel set text", lambda: panel().set("w1", "big"), TypeError, r"value must be a real number"),
    ("panel set complex", lambda: panel().set("w1", 1 + 2j), TypeError, r"value must be a real number"),
    ("panel set nan", lambda: panel().set("w1", float("nan")), ValueError, r"value must be finite"),
    ("panel conventions 'no'", lambda: panel().set_conventions(update_biases="no"), TypeError,
     r"update_biases must be True or False"),
    ("panel hidden 1", lambda: Panel222(hidden_uses_updated=1), TypeError, r"hidden_uses_updated must be True or"),
    ("panel run_steps 0", lambda: Panel222(run_steps=0), ValueError, r"run_steps must be >= 1"),
    ("panel chunks 0", lambda: panel().run(5, chunks=0), ValueError, r"chunks must be >= 1"),
    # TrainingExplorer (notebook 07)
    ("train width 100", lambda: TrainingExplorer(width=100), ValueError, r"width must be <= 32"),
    ("train width 8.5", lambda: TrainingExplorer(width=8.5), TypeError, r"width must be a whole number"),
    ("train set width 100", lambda: trainer().set("width", 100), ValueError, r"width must be <= 32"),
    ("train set width 8.5", lambda: trainer().set("width", 8.5), TypeError, r"width must be a whole number"),
    ("train set depth 5", lambda: trainer().set("depth", 5), ValueError, r"depth must be <= 4"),
    ("train set eta True", lambda: trainer().set("learning_rate", True), TypeError, r"learning_rate must be a real"),
    ("train set eta 0.7", lambda: trainer().set("learning_rate", 0.7), ValueError, r"η slider's stops"),
    ("train eta True", lambda: TrainingExplorer(learning_rate=True), TypeError, r"learning_rate must be a real"),
    ("train set dataset", lambda: trainer().set("dataset", "squares"), ValueError, r"dataset must be one of"),
    ("train set activation", lambda: trainer().set("activation", "swish"), ValueError, r"activation must be one of"),
    ("train set unknown", lambda: trainer().set("colour", 1), ValueError, r"name must be one of 'dataset'"),
    ("train step 0", lambda: trainer().step(0), ValueError, r"n must be >= 1"),
    ("train run_epochs -1", lambda: TrainingExplorer(run_epochs=-1), ValueError, r"run_epochs must be >= 1"),
    # StepSizeExplorer (01), DescentExplorer (07)
    ("step h True", lambda: StepSizeExplorer(h=True), TypeError, r"h must be a real number"),
    ("step set_h 1", lambda: one(StepSizeExplorer).set_h(1.0), ValueError, r"h must lie between 1e-14 and 0.1"),
    ("step f not callable", lambda: StepSizeExplorer(f=3), TypeError, r"f must be a function"),
    ("descent eta True", lambda: one(DescentExplorer).set_learning_rate(True), TypeError, r"learning_rate must be"),
    ("descent eta 5", lambda: one(DescentExplorer).set_learning_rate(5.0), ValueError, r"between 0.001 and 1"),
    ("descent steps 0", lambda: DescentExplorer(steps=0), ValueError, r"steps must be >= 1"),
    ("descent start 1e200", lambda: DescentExplorer(start=(1e200, 0.0)), ValueError,
     r"start must lie inside the plotted window, w in \[-2, 2.5\] .* got \(w, b\) = \(1e\+200, 0\)"),
    ("descent start b 9", lambda: DescentExplorer(start=(0.0, 9.0)), ValueError, r"b in \[-2.5, 3\]"),
    ("sat curves y 5", lambda: learning_curves(1.0, 2.0, 2.0, y=5), ValueError,
     r"y must be a target in \[0, 1\] .*got 5"),
    ("sat curves y -0.1", lambda: learning_curves(1.0, 2.0, 2.0, y=-0.1), ValueError, r"y must be a target"),
    ("train step 10**5", lambda: trainer().step(10**5), ValueError,
     r"n must be at most 500 epochs per call .*got 100,000"),
    ("train train 10**5", lambda: trainer().train(10**5), ValueError, r"epochs must be at most 500"),
    ("stepper formula None", lambda: step_formula(None, {}, "f"), TypeError,
     r"step must be a BackwardStep .*got NoneType"),
    ("stepper formula names", lambda: step_formula(_a_step(), {}, "f"), TypeError,
     r"names must be the dict node_names\(steps\)"),
    ("stepper format text", lambda: format_number("abc"), TypeError, r"x must be a real number; got"),
    ("stepper format None", lambda: format_number(None), TypeError, r"x must be a real number"),
    ("setup pins int path", lambda: pinned_versions(3), TypeError, r"path must be the path of a requirements file"),
    ("setup pins folder", lambda: pinned_versions("."), ValueError, r"path must be a requirements file, not a folder"),
    ("setup summary text", lambda: summary("abc"), TypeError, r"report must be the list package_report\(\) returns"),
    ("setup summary ints", lambda: summary([1, 2]), TypeError, r"report must be the list"),
    ("panel set 1e308", lambda: panel().set("w1", 1e308), ValueError,
     r"value must lie between -1000 and 1000 for w1 .*got 1e\+308"),
    ("panel set -2000", lambda: panel().set("b2", -2000), ValueError, r"for b2"),
    # JacobianExplorer (03), SaturationExplorer (06), PathExplorer (05)
    ("jac W00 2", lambda: one(JacobianExplorer).set("W00", 2.0), ValueError, r"W00 must lie between -1.0 and 1.0"),
    ("jac W22", lambda: one(JacobianExplorer).set("W22", 0.1), ValueError, r"name must be one of 'W00'"),
    ("jac x0 True", lambda: one(JacobianExplorer).set("x0", True), TypeError, r"x0 must be a real number"),
    ("sat w 9", lambda: one(SaturationExplorer).set("w", 9), ValueError, r"w must lie between -4.0 and 4.0"),
    ("sat y 2", lambda: SaturationExplorer(y=2), ValueError, r"y must be a target in \[0, 1\]"),
    ("paths k 5", lambda: one(PathExplorer).select(1, 0, 5), ValueError, r"k must be <= 1"),
    ("paths sizes text", lambda: PathExplorer(layer_sizes="22"), TypeError, r"layer_sizes must be a list"),
    ("paths show True", lambda: one(PathExplorer).show_path(True), TypeError, r"index must be a whole number"),
    # BackwardStepper (02), drawings, lecture_mode, FigureImage
    ("stepper float", lambda: BackwardStepper(1.0), TypeError, r"output must be a Value"),
    ("stepper 1000 ops", lambda: BackwardStepper(chain(1000)), ValueError, r"2,001 nodes; drawings show at most 60"),
    ("graph 1000 ops", lambda: draw_graph(chain(1000)), ValueError, r"at most 60"),
    ("graph size 1000 ops", lambda: figure_size(chain(1000)), ValueError, r"at most 60"),
    ("graph root float", lambda: draw_graph(1.0, axes()), TypeError, r"root must be a Value"),
    ("graph fontsize 0", lambda: GraphDrawing(chain(2), axes(), fontsize=0), ValueError, r"fontsize must be between"),
    ("net fontsize 0", lambda: NetworkDiagram(axes(), [2, 2], fontsize=0), ValueError, r"fontsize must be > 0"),
    ("net sizes text", lambda: NetworkDiagram(axes(), "22"), ValueError, r"layer_sizes must be a list"),
    ("net weights text", lambda: NetworkDiagram(axes(), [2, 2]).set_weights("w"), ValueError,
     r"weights must be a list of 1 arrays"),
    ("net undrawn edge", lambda: NetworkDiagram(axes(), [784, 2]).set_edge_text(1, 0, 400, "x"), ValueError,
     r"edge \(1, 0, 400\) is not drawn"),
    ("net names text", lambda: NetworkDiagram(axes(), [2, 2], ["ab", "cd"]), ValueError,
     r"node_names\[0\] must be a list of 2 names"),
    ("lecture 'yes'", lambda: lecture_mode("yes"), TypeError, r"on must be True or False"),
    ("lecture 1", lambda: lecture_mode(1), TypeError, r"on must be True or False"),
    ("figure 10 px", lambda: FigureImage(10, 100), ValueError, r"width and height must be 20 to 4000 CSS px"),
]


@pytest.mark.parametrize("what, call, error, words", CASES, ids=[c[0] for c in CASES])
def test_bad_input_is_a_clear_named_error(what, call, error, words):
    with pytest.raises(error, match=words):
        call()


def test_a_refused_learning_rate_leaves_slider_and_updates_in_agreement():
    p = Panel222()
    with pytest.raises(ValueError):
        p.set_learning_rate(10)
    assert p.learning_rate == p.lr_slider.value == 0.5
    p.step()
    assert p.state["learning_rate"] == 0.5


def test_a_refused_training_setting_leaves_the_controls_alone():
    t = TrainingExplorer()
    with pytest.raises(ValueError):
        t.set("width", 100)
    assert t.controls["width"].value == 8 and t.trainer.layer_sizes == [2, 8, 1]


def test_callbacks_show_problems_in_the_widget_instead_of_raising(monkeypatch):
    from helpers.widgets import panel222

    p = Panel222()

    def broken(*args, **kwargs):
        raise ValueError("the update failed")

    monkeypatch.setattr(panel222.ex, "update", broken)
    p.buttons[3].click()                                  # Step, as the browser clicks it
    assert "the update failed" in p.message.value and "⚠" in p.message.value
    from helpers.widgets import saturation

    sat = SaturationExplorer()
    before = sat.state
    monkeypatch.setattr(saturation, "neuron_gradients", lambda *a: 1 / 0)
    sat.sliders["w"].value = 1.0                          # as a drag would: shown, not raised
    assert "Could not compute at these values: division by zero" in sat.message.value and sat.state == before
    assert sat.sliders["w"].value == before["w"]          # the slider is back where the readouts are


def test_a_function_undefined_on_the_plot_grid_is_a_clear_error():
    with pytest.raises(ValueError, match="f must be defined at x ± h"):
        StepSizeExplorer(f=lambda x: 1 / (x - 0.5), f_prime=lambda x: 1.0, x=0.4)   # pole at x + 0.1


def test_a_str_path_reads_the_same_pins_as_a_path(tmp_path):
    req = tmp_path / "requirements.txt"
    req.write_text("numpy==1.2.3\nfoo_bar==0.1 ; python_version >= '3'\n# comment\n")
    assert pinned_versions(str(req)) == pinned_versions(req) == {"numpy": "1.2.3", "foo-bar": "0.1"}
    assert pinned_versions(str(tmp_path / "absent.txt")) == {}


def test_a_refused_parameter_leaves_the_panel_as_it_was():
    p = Panel222()
    before = p.state
    with pytest.raises(ValueError):
        p.set("w1", 1e308)
    assert p.state == before and p.sliders["w1"].value == before["params"]["w1"]


def test_step_refuses_a_long_request_before_any_work():
    import time

    t = TrainingExplorer()
    started = time.perf_counter()
    with pytest.raises(ValueError):
        t.step(10**5)
    assert time.perf_counter() - started < 0.5 and t.state["epoch"] == 0
