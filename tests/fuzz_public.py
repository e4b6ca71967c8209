"""A seeded fuzz of every public function of the guarded helper modules: bad and extreme input, one
argument at a time, each call classified.

Modules: gradcheck, chain_rule, descent, datasets, activations, losses, jacobians, deltas, paths, modes,
micrograd_nn, series, glossary, reference and drawing/ (graph, network, placement, fast_text). Each
:class:`Spec` is one good call; :func:`cases` replaces one argument at a time by every value of the pool
of that argument's kind (wrong types, NaN/inf, float32/float16, huge and tiny magnitudes, empty and
mismatched shapes, huge requests, nonsense for callables). Every case is one of

- ``clear``: TypeError/ValueError/FileNotFoundError whose message names the argument;
- ``right``: an answer for input that may have one (float32, tiny, huge, …), finite, no warning, and
  for float32/float16 input equal to the float64 answer to that type's precision;
- ``silent``: an answer that contains NaN/inf, or differs from the float64 answer, or any answer at all
  to input that has none (None, a string for a number, NaN, …);
- ``hang``: still running after :data:`HANG_SECONDS` (stopped by SIGALRM);
- ``vague``: any other exception (AttributeError, OverflowError, …), an error that does not name the
  argument, or a numpy warning on the way.

Run it as a script for the table (``.venv/bin/python -m tests.fuzz_public``, ``-v`` lists every case
that is not clear or right); ``tests/test_fuzz_public.py`` holds the bar: 0 silent, 0 hangs, at least
97% clear or right. Deterministic: no randomness but seeded generators; the pools are fixed lists.
"""

from __future__ import annotations

import inspect
import math
import signal
import sys
import time
import warnings
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import sympy as sp  # noqa: E402
from matplotlib.transforms import Bbox  # noqa: E402

from helpers import (  # noqa: E402
    activations,
    chain_rule,
    datasets,
    deltas,
    descent,
    glossary,
    gradcheck,
    jacobians,
    losses,
    micrograd_nn,
    modes,
    paths,
    reference,
    series,
)
from helpers.autograd import Value  # noqa: E402
from helpers.drawing import fast_text, graph, network, placement  # noqa: E402

HANG_SECONDS = 5.0
ROOT = Path(__file__).resolve().parent.parent
OUTCOMES = ("clear", "right", "silent", "hang", "vague")
CLEAR_ERRORS = (TypeError, ValueError, FileNotFoundError)


class Hang(BaseException):
    """Raised by the alarm inside a call that runs longer than HANG_SECONDS (not an Exception, so no
    helper's ``except Exception`` can swallow it)."""


# ---- pools: (label, value, may_answer) per kind of argument ------------------------------------------
REFUSE, ANSWER = False, True


def _returns(value):
    return lambda *args, **kwargs: value


def _scalar_pool():
    return [("None", None, REFUSE), ("str", "0.5", REFUSE), ("bool", True, REFUSE), ("list", [0.5, 0.5], REFUSE),
            ("complex", 1j, REFUSE), ("nan", math.nan, REFUSE), ("inf", math.inf, REFUSE),
            ("-inf", -math.inf, REFUSE), ("1e308", 1e308, ANSWER), ("-1e308", -1e308, ANSWER),
            ("1e-308", 1e-308, ANSWER), ("0", 0.0, ANSWER), ("-1", -1.0, ANSWER),
            ("10**400", 10**400, ANSWER), ("float32", "float32", ANSWER), ("float16", "float16", ANSWER)]


def _array_pool():
    return [("None", None, REFUSE), ("str", "abc", REFUSE), ("empty", [], REFUSE),
            ("ragged", [[1.0, 2.0], [3.0]], REFUSE),
            ("nan", "nan", REFUSE), ("inf", "inf", REFUSE), ("bool", "bool", REFUSE), ("dict", {"a": 1}, REFUSE),
            ("huge", "huge", ANSWER), ("tiny", "tiny", ANSWER), ("float32", "float32", ANSWER),
            ("float16", "float16", ANSWER), ("extra-dim", "extra-dim", ANSWER), ("shorter", "shorter", ANSWER)]


def _int_pool():
    return [("None", None, REFUSE), ("str", "3", REFUSE), ("float", 3.5, REFUSE), ("bool", True, REFUSE),
            ("nan", math.nan, REFUSE), ("-1", -1, ANSWER), ("0", 0, ANSWER), ("10**9", 10**9, ANSWER),
            ("10**18", 10**18, ANSWER), ("int64", np.int64(2), ANSWER)]


def _callable_pool():
    return [("None", None, REFUSE), ("int", 42, REFUSE), ("str", "sin", REFUSE),
            ("returns-None", _returns(None), REFUSE), ("returns-nan", _returns(math.nan), REFUSE),
            ("returns-str", _returns("a"), REFUSE), ("returns-3-vector", _returns(np.ones(3)), REFUSE),
            ("returns-float16", _returns(np.float16(0.5)), REFUSE)]


def _choice_pool():
    return [("None", None, REFUSE), ("int", 3, REFUSE), ("nonsense", "nonsense", REFUSE), ("list", ["a"], REFUSE),
            ("empty", "", REFUSE)]


def _bool_pool():
    return [("str", "no", REFUSE), ("int", 1, REFUSE), ("None", None, REFUSE), ("np.bool_", np.bool_(True), ANSWER)]


def _object_pool():
    """For an argument that must be one particular kind of object (a Value, an Axes, a network, …)."""
    return [("None", None, REFUSE), ("int", 3, REFUSE), ("str", "x", REFUSE), ("float", 1.0, REFUSE),
            ("list", [1.0], REFUSE)]


def _path_pool():
    return [("int", 3, REFUSE), ("None", None, REFUSE), ("missing", "/nonexistent/fuzz/file.gz", REFUSE),
            ("not-gzip", str(ROOT / "README.md"), REFUSE), ("list", ["a"], REFUSE)]


def _dir_pool():
    return [("int", 3, REFUSE), ("None", None, REFUSE), ("missing", "/nonexistent/fuzz-dir", REFUSE),
            ("a-file", str(ROOT / "README.md"), REFUSE)]


def _text_pool():
    """A string argument with meaning (a slug, a term, a number written out)."""
    return [("None", None, REFUSE), ("int", 3, REFUSE), ("list", ["a"], REFUSE), ("bytes", b"a", REFUSE),
            ("long", "x" * 100_000, ANSWER), ("empty", "", ANSWER)]


def _weights_pool():
    return [("None", None, REFUSE), ("str", "w", REFUSE), ("empty", [], REFUSE), ("array", np.ones((2, 2)), ANSWER),
            ("nan", "nan", REFUSE), ("transposed", "transposed", REFUSE), ("float32", "float32", ANSWER),
            ("huge", "huge", ANSWER), ("one-short", "one-short", ANSWER)]


def _counter_pool():
    return [("str", "c", REFUSE), ("list", [], REFUSE), ("int", 3, REFUSE),
            ("dict-with-str", {"products": "a"}, REFUSE)]


POOLS: dict[str, Callable[[], list]] = {
    "scalar": _scalar_pool, "array": _array_pool, "int": _int_pool, "callable": _callable_pool,
    "choice": _choice_pool, "bool": _bool_pool, "object": _object_pool, "path": _path_pool, "dir": _dir_pool,
    "text": _text_pool, "weights": _weights_pool, "counter": _counter_pool,
}


def _array_variant(good, label: str):
    """The bad array named ``label`` made from the good argument (same shape where it makes sense)."""
    arr = np.asarray(good, dtype=np.float64)
    if label == "nan":
        out = arr.copy()
        out.flat[0] = np.nan
        return out
    if label == "inf":
        out = arr.copy()
        out.flat[0] = np.inf
        return out
    if label == "bool":
        return arr > 0
    if label == "huge":
        return np.where(arr == 0, 1.0, arr) * 1e300
    if label == "tiny":
        return np.where(arr == 0, 1.0, arr) * 1e-300
    if label == "float32":
        return arr.astype(np.float32)
    if label == "float16":
        return arr.astype(np.float16)
    if label == "extra-dim":
        return arr[None]
    if label == "shorter":
        return arr[..., :-1] if arr.ndim and arr.shape[-1] > 1 else arr.reshape(-1)[:0]
    raise AssertionError(label)


def _weights_variant(good, label: str):
    mats = [np.asarray(w, dtype=np.float64) for w in good]
    if label == "nan":
        out = [m.copy() for m in mats]
        out[0].flat[0] = np.nan
        return out
    if label == "transposed":
        return [m.T for m in mats] if any(m.shape[0] != m.shape[1] for m in mats) else [mats[0][:, :-1]] + mats[1:]
    if label == "float32":
        return [m.astype(np.float32) for m in mats]
    if label == "huge":
        return [m * 1e300 for m in mats]
    if label == "one-short":
        return mats[:-1] if len(mats) > 1 else []
    raise AssertionError(label)


def materialize(kind: str, label: str, value, good):
    """The pool entry as an argument value (array pools derive theirs from the good argument)."""
    if kind == "array" and isinstance(value, str) and value == label and label != "str":
        return _array_variant(good, label)
    if kind == "weights" and isinstance(value, str) and value == label and label != "str":
        return _weights_variant(good, label)
    if kind == "scalar" and label in ("float32", "float16"):
        return np.dtype(label).type(good if isinstance(good, (int, float)) else 0.5)
    return value


# ---- the specs: one good call per public function ---------------------------------------------------
@dataclass
class Spec:
    name: str
    func: Callable
    args: tuple = ()
    kwargs: dict = field(default_factory=dict)
    kinds: dict = field(default_factory=dict)    # argument name -> pool kind; arguments not named are kept
    names: dict = field(default_factory=dict)    # argument name -> other words an error may name it by
    ok: dict = field(default_factory=dict)       # argument name -> pool labels that have an answer here
                                                 # (None for an optional argument, a list where arrays work)


class Fresh:
    """An argument made anew for every call (a model that training changes in place)."""

    def __init__(self, make: Callable):
        self.make = make


def _fresh(values):
    return [v.make() if isinstance(v, Fresh) else v for v in values]


def _square(p):
    return float(np.sum(np.asarray(p, dtype=np.float64) ** 2))


def _double(p):
    return 2 * np.asarray(p, dtype=np.float64)


def _tanh_vector(v):
    return np.tanh(np.asarray(v, dtype=np.float64))


def _axes():
    fig = plt.figure(figsize=(3, 2))
    return fig.add_subplot()


def _value_graph():
    x, w = Value(1.5, "x"), Value(-0.5, "w")
    y = (x * w + 1.0).tanh()
    y.label = "y"
    y.backward()
    return y, x


_W2 = [np.array([[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]]), np.array([[0.7, -0.8, 0.9], [0.2, 0.1, -0.3]])]
_B2 = [np.array([[0.1], [0.0], [-0.1]]), np.array([[0.05], [-0.05]])]
_NET = deltas.symbolic_network(2, 2, 1)


def specs() -> list[Spec]:
    """Every public function and method of the guarded modules, each with one good call."""
    root, leaf = _value_graph()
    line = descent.LineFit()
    run = descent.gradient_descent(line.loss, line.gradient, [0.0, 0.0], 0.1, 20)
    model = micrograd_nn.MLP(2, [3, 1], seed=0)
    xs, ys = [[0.5, -1.0], [1.0, 0.25]], [1.0, -1.0]
    box_a, box_b = Bbox([[0, 0], [1, 1]]), Bbox([[0.5, 0.5], [2, 2]])
    s = []
    add = s.append
    # gradcheck
    for fn in (gradcheck.forward_difference, gradcheck.central_difference):
        add(Spec(f"gradcheck.{fn.__name__}", fn, (math.sin, 0.5), {"h": 1e-5},
                 {"f": "callable", "x": "scalar", "h": "scalar"}))
    add(Spec("gradcheck.numerical_gradient", gradcheck.numerical_gradient, (_square, np.array([0.5, -1.0, 2.0])),
             {"h": 1e-5}, {"f": "callable", "x": "array", "h": "scalar"}))
    add(Spec("gradcheck.relative_error", gradcheck.relative_error, (np.array([1.0, 2.0]), np.array([1.0, 2.1])), {},
             {"a": "array", "b": "array"}))
    # chain_rule
    add(Spec("chain_rule.step_size_errors", chain_rule.step_size_errors,
             (chain_rule.seed004_h, chain_rule.seed004_h_prime, 0.5, np.array([1e-3, 1e-5])), {},
             {"f": "callable", "f_prime": "callable", "x": "scalar", "hs": "array"}))
    add(Spec("chain_rule.best_step", chain_rule.best_step,
             (np.logspace(-8, -2, 7), np.array([5.0, 3.0, 1.0, 0.5, 1.0, 3.0, 5.0])), {"window": 3},
             {"hs": "array", "errors": "array", "window": "int"}))
    add(Spec("chain_rule.theoretical_best_step", chain_rule.theoretical_best_step, ("central", 1.0, 1.0), {},
             {"method": "choice", "f_value": "scalar", "higher_derivative": "scalar"}))
    for fn, arg in ((chain_rule.seed004_f, "x"), (chain_rule.seed004_g, "u"), (chain_rule.seed004_h, "x"),
                    (chain_rule.seed004_h_prime, "x"), (chain_rule.seed004_h_prime_slip, "x")):
        add(Spec(f"chain_rule.{fn.__name__}", fn, (0.5,), {}, {arg: "scalar"}, ok={arg: {"list"}}))
        add(Spec(f"chain_rule.{fn.__name__}[array]", fn, (np.array([0.5, -1.0]),), {}, {arg: "array"}))
    add(Spec("chain_rule.sum_over_paths", chain_rule.sum_over_paths, (np.array([1.0, 2.0]), np.array([0.5, 0.25])), {},
             {"outer_partials": "array", "inner_derivatives": "array"}))
    add(Spec("chain_rule.two_path_example", chain_rule.two_path_example, (0.7,), {}, {"x": "scalar"}))
    # descent
    add(Spec("descent.LineFit", descent.LineFit, (20,), {"seed": 0, "slope": 0.8, "noise": 0.3},
             {"n": "int", "seed": "int", "slope": "scalar", "noise": "scalar"}))
    add(Spec("descent.LineFit.loss", line.loss, (np.array([0.5, 0.5]),), {}, {"p": "array"}))
    add(Spec("descent.LineFit.gradient", line.gradient, (np.array([0.5, 0.5]),), {}, {"p": "array"}))
    add(Spec("descent.LineFit.surface", line.surface, ((-1.0, 2.0), (-2.0, 1.0)), {"n": 20},
             {"w_range": "array", "b_range": "array", "n": "int"}))
    add(Spec("descent.gradient_descent", descent.gradient_descent, (line.loss, line.gradient, np.array([0.0, 0.0]),
                                                                     0.1, 30), {},
             {"loss": "callable", "grad": "callable", "start": "array", "learning_rate": "scalar", "steps": "int"},
             names={"start": ["p must be"]}, ok={"loss": {"returns-float16"}}))
    add(Spec("descent.loss_grid", descent.loss_grid, (line.loss, (-1.0, 2.0), (-2.0, 1.0)), {"n": 10},
             {"loss": "callable", "w_range": "array", "b_range": "array", "n": "int"},
             names={"w_range": ["the loss at p"], "b_range": ["the loss at p"]}, ok={"loss": {"returns-float16"}}))
    add(Spec("descent.describe_run", descent.describe_run, (line, run, 0.1), {},
             {"problem": "object", "path": "object", "learning_rate": "scalar"}))
    add(Spec("descent.outcome", descent.outcome, (run,), {}, {"path": "object"}))
    add(Spec("descent.status_word", descent.status_word, (run,), {}, {"path": "object"}))
    # datasets
    add(Spec("datasets.make_dataset", datasets.make_dataset, ("xor", 40), {"noise": 0.2, "seed": 0},
             {"name": "choice", "n": "int", "noise": "scalar", "seed": "int"}, ok={"noise": {"None"}}))
    add(Spec("datasets.dataset_label", datasets.dataset_label, ("moons",), {}, {"name": "choice"}))
    add(Spec("datasets.file_sha256", datasets.file_sha256, (datasets.DIGITS_PATH,), {}, {"path": "path"},
             ok={"path": {"not-gzip"}}))      # any file has a digest
    add(Spec("datasets.load_digits", datasets.load_digits, (datasets.DIGITS_PATH,), {"check": False},
             {"path": "path", "check": "bool"}))
    X, labels = datasets.make_dataset("xor", 20, seed=1)
    add(Spec("datasets.train_test_split", datasets.train_test_split, (X, labels, 0.25), {"seed": 0},
             {"X": "array", "labels": "array", "test_fraction": "scalar", "seed": "int"},
             ok={"labels": {"bool"}}))        # True/False are class labels (predictions like out > 0.5)
    add(Spec("datasets.targets", datasets.targets, (np.array([0, 1, 2, 1]), 3), {},
             {"labels": "array", "n_classes": "int"}, ok={"labels": {"bool"}, "n_classes": {"None"}}))
    # activations
    for fn in (activations.sigmoid, activations.sigmoid_prime, activations.tanh, activations.tanh_prime,
               activations.relu, activations.relu_prime, activations.identity, activations.identity_prime,
               activations.softmax):
        add(Spec(f"activations.{fn.__name__}", fn, (np.array([0.5, -1.0, 2.0]),), {}, {"z": "array"},
                 ok={"z": {"empty"}}))        # empty in, empty out (a layer of no neurons)
    add(Spec("activations.sigmoid[scalar]", activations.sigmoid, (0.5,), {}, {"z": "scalar"}, ok={"z": {"list"}}))
    add(Spec("activations.get_activation", activations.get_activation, ("tanh",), {}, {"name": "choice"},
             {"name": ["activation"]}))
    # losses
    add(Spec("losses.clip_margin", losses.clip_margin, (np.float64,), {}, {"dtype": "object"},
             ok={"dtype": {"None", "float"}}))   # np.dtype(None) and np.dtype(float) are float64
    a, y = np.array([0.2, 0.7, 0.9]), np.array([0.0, 1.0, 1.0])
    for fn in (losses.mse, losses.mse_grad, losses.cross_entropy, losses.cross_entropy_grad):
        add(Spec(f"losses.{fn.__name__}", fn, (a, y), {}, {"a": "array", "y": "array"}))
    add(Spec("losses.sigmoid_cross_entropy", losses.sigmoid_cross_entropy, (np.array([0.5, -2.0, 3.0]), y), {},
             {"z": "array", "y": "array"}))
    zz, yy = np.array([[0.5, -1.0], [2.0, 0.0], [0.1, 0.3]]), np.array([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0]])
    for fn in (losses.softmax_cross_entropy, losses.softmax_cross_entropy_grad):
        add(Spec(f"losses.{fn.__name__}", fn, (zz, yy), {}, {"z": "array", "y": "array"}))
    add(Spec("losses.get_loss", losses.get_loss, ("mse",), {}, {"name": "choice"}, {"name": ["loss"]}))
    # jacobians
    add(Spec("jacobians.numerical_jacobian", jacobians.numerical_jacobian, (_tanh_vector, np.array([0.5, -1.0])),
             {"h": 1e-5}, {"f": "callable", "x": "array", "h": "scalar"},
             ok={"f": {"returns-3-vector"}}))      # a constant f: a Jacobian of zeros is right
    add(Spec("jacobians.elementwise_jacobian", jacobians.elementwise_jacobian,
             (activations.tanh_prime, np.array([0.5, -1.0])), {}, {"f_prime": "callable", "x": "array"}))
    add(Spec("jacobians.jacobian_entries", jacobians.jacobian_entries, (3, 4), {}, {"n_out": "int", "n_in": "int"}))
    add(Spec("jacobians.jacobian_memory_bytes", jacobians.jacobian_memory_bytes, (3, 4), {"bytes_per_entry": 8},
             {"n_out": "int", "n_in": "int", "bytes_per_entry": "int"}))
    W, x = np.array([[1.0, -2.0], [0.5, 0.25], [3.0, 1.0]]), np.array([0.5, -1.0])
    add(Spec("jacobians.norm_wx_forward", jacobians.norm_wx_forward, (W, x), {}, {"W": "array", "x": "array"}))
    add(Spec("jacobians.norm_wx_backward", jacobians.norm_wx_backward, (W, x), {"df": 1.0},
             {"W": "array", "x": "array", "df": "scalar"}))
    add(Spec("jacobians.dq_dW_tensor", jacobians.dq_dW_tensor, (W, x), {}, {"W": "array", "x": "array"}))
    add(Spec("jacobians.contract_upstream", jacobians.contract_upstream,
             (np.array([1.0, 2.0, 3.0]), jacobians.dq_dW_tensor(W, x)), {}, {"grad_q": "array", "tensor": "array"}))
    add(Spec("jacobians.linear_backward", jacobians.linear_backward, (np.array([1.0, 2.0, 3.0]), x, W), {},
             {"dq": "array", "x": "array", "W": "array"}))
    add(Spec("jacobians.linear_backward_batch", jacobians.linear_backward_batch,
             (np.ones((3, 4)), np.ones((2, 4)), W), {}, {"dQ": "array", "X": "array", "W": "array"}))
    # deltas (sympy: a small network keeps each call well under a second)
    add(Spec("deltas.symbolic_network", deltas.symbolic_network, (2, 2, 1), {"activation": "g"},
             {"l": "int", "m": "int", "n": "int", "activation": "choice"}))
    add(Spec("deltas.g_prime", deltas.g_prime, (sp.Function("g"), sp.Symbol("z")), {}, {"g": "object"}))
    add(Spec("deltas.symbolic_formulas", deltas.symbolic_formulas, (_NET,), {}, {"net": "object"}))
    add(Spec("deltas.is_zero", deltas.is_zero, (sp.Symbol("x") - sp.Symbol("x"),), {}, {"expr": "object"},
             ok={"expr": {"int", "float"}}))      # 3 and 1.0 are (non-zero) expressions
    add(Spec("deltas.verify_formulas", deltas.verify_formulas, (deltas.symbolic_network(1, 1, 1, "sigmoid"),), {},
             {"net": "object"}))
    add(Spec("deltas.compact", deltas.compact, (_NET.t_k[0], _NET), {}, {"net": "object"}))
    add(Spec("deltas.random_values", deltas.random_values, (_NET,), {"seed": 0}, {"net": "object", "seed": "int"}))
    wji, bj = np.array([[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]]), np.array([0.1, -0.1, 0.0])
    wkj, bk = np.array([[0.7, -0.8, 0.9], [0.2, 0.1, -0.3]]), np.array([0.05, -0.05])
    add(Spec("deltas.node_by_node", deltas.node_by_node, (np.array([1.0, 0.5]), wji, bj, wkj, bk, np.array([0.0, 1.0])),
             {"activation": "sigmoid"},
             {"a_i": "array", "w_ji": "array", "b_j": "array", "w_kj": "array", "b_k": "array", "t_k": "array",
              "activation": "choice"}))
    add(Spec("deltas.to_matrix_form", deltas.to_matrix_form, (wji, bj, wkj, bk), {},
             {"w_ji": "array", "b_j": "array", "w_kj": "array", "b_k": "array"}))
    add(Spec("deltas.seed000_bp2_slip", deltas.seed000_bp2_slip,
             (np.array([0.1, -0.2]), np.array([[0.5, 0.1], [0.2, 0.3]]), np.array([0.4, -0.6])),
             {"activation": "sigmoid"}, {"delta_next": "array", "W_next": "array", "z": "array",
                                         "activation": "choice"}))
    add(Spec("deltas.seed000_bp4_slip", deltas.seed000_bp4_slip, (np.array([0.1, -0.2]), np.array([0.4, 0.6])), {},
             {"delta": "array", "a_prev": "array"}))
    # paths
    add(Spec("paths.weight_paths", paths.weight_paths, (_W2, _B2, np.array([1.0, 0.5]), np.array([0.0, 1.0]), 1, 0, 1),
             {"activation": "sigmoid"},
             {"weights": "weights", "x": "array", "t": "array", "layer": "int", "j": "int", "k": "int",
              "activation": "choice"}, names={"weights": ["biases"], "x": ["X must"]}))
    # modes
    chain = [np.array([[1.0, 2.0], [0.5, -1.0]]), np.array([[0.3, 0.1], [-0.2, 0.4], [1.0, 1.0]])]
    add(Spec("modes.chain_forward", modes.chain_forward, (chain, np.array([0.5, -1.0])), {"counter": {}},
             {"weights": "weights", "x": "array", "counter": "counter"}))
    add(Spec("modes.jvp", modes.jvp, (chain, np.array([0.5, -1.0]), np.array([1.0, 0.0])), {"counter": {}},
             {"weights": "weights", "x": "array", "v": "array", "counter": "counter"}))
    add(Spec("modes.vjp", modes.vjp, (chain, np.array([0.5, -1.0]), np.array([1.0, 0.0, 2.0])), {"counter": {}},
             {"weights": "weights", "x": "array", "u": "array", "counter": "counter"}))
    for fn in (modes.jacobian_by_jvps, modes.jacobian_by_vjps):
        add(Spec(f"modes.{fn.__name__}", fn, (chain, np.array([0.5, -1.0])), {"counter": {}},
                 {"weights": "weights", "x": "array", "counter": "counter"}))
    # micrograd_nn
    add(Spec("micrograd_nn.MLP", micrograd_nn.MLP, (2, [3, 1]), {"seed": 0},
             {"nin": "int", "nouts": "array", "seed": "int"}))
    add(Spec("micrograd_nn.Neuron", micrograd_nn.Neuron, (2, np.random.default_rng(0)), {"nonlin": True},
             {"nin": "int", "rng": "object", "nonlin": "bool"}))
    add(Spec("micrograd_nn.Layer", micrograd_nn.Layer, (2, 3, np.random.default_rng(0)), {"nonlin": True},
             {"nin": "int", "nout": "int", "rng": "object", "nonlin": "bool"}))
    add(Spec("micrograd_nn.MLP.__call__", model, ([0.5, -1.0],), {}, {"x": "array"}))
    add(Spec("micrograd_nn.squared_loss", micrograd_nn.squared_loss, (model, xs, ys), {},
             {"model": "object", "xs": "array", "ys": "array"}))
    add(Spec("micrograd_nn.train", micrograd_nn.train, (Fresh(lambda: micrograd_nn.MLP(2, [3, 1], seed=0)), xs, ys,
                                                       3, 0.05),
             {"zero_grad": True},
             {"model": "object", "xs": "array", "ys": "array", "steps": "int", "learning_rate": "scalar",
              "zero_grad": "bool"}))
    # series, glossary, reference
    add(Spec("series.edition", series.edition, (series.NOTEBOOK_DIR,), {}, {"notebook_dir": "dir"}))
    add(Spec("series.twin", series.twin, ("04_worked_example_222",), {}, {"slug": "text"}))
    add(Spec("series.lesson", series.lesson, ("04",), {}, {"slug_or_number": "text"}))
    add(Spec("series.available", series.available, (series.NOTEBOOK_DIR,), {}, {"notebook_dir": "dir"}))
    add(Spec("series.nav_bar", series.nav_bar, ("04_worked_example_222",), {}, {"slug": "text", "notebook_dir": "dir"}))
    add(Spec("series.map_heading", series.map_heading, (series.NOTEBOOK_DIR,), {}, {"notebook_dir": "dir"}))
    add(Spec("series.map_table", series.map_table, (series.NOTEBOOK_DIR,), {}, {"notebook_dir": "dir"}))
    add(Spec("glossary.contains_term", glossary.contains_term, ("the chain rule says", "chain rule"),
             {"particles": False}, {"text": "text", "term": "text", "particles": "bool"}))
    add(Spec("glossary.markdown_text", glossary.markdown_text, (series.NOTEBOOK_DIR / "01_chain_rule.ipynb",), {},
             {"path": "path"}))
    add(Spec("glossary.first_met", glossary.first_met, ("chain rule",), {}, {"term": "text", "notebook_dir": "dir"}))
    add(Spec("glossary.first_met_all", glossary.first_met_all, (["chain rule", "gradient"],), {},
             {"terms": "object", "notebook_dir": "dir"}))
    add(Spec("glossary.glossary_table", glossary.glossary_table, (series.NOTEBOOK_DIR,), {},
             {"notebook_dir": "dir", "terms": "object"}, ok={"notebook_dir": {"None"}}))
    add(Spec("reference.published_tolerance", reference.published_tolerance, ("0.298371109",), {}, {"text": "text"}))
    add(Spec("reference.value", reference.value, ("0.298371109",), {}, {"text": "text"}))
    # drawing
    add(Spec("graph.op_symbol", graph.op_symbol, ("*",), {}, {"op": "object"}, ok={"op": {"str"}}))
    add(Spec("graph.graph_layout", graph.graph_layout, (root,), {}, {"root": "object"}))
    add(Spec("graph.edge_routes", graph.edge_routes, (root,), {}, {"root": "object"}))
    add(Spec("graph.figure_size", graph.figure_size, (root,), {"max_width": 8.0, "fontsize": 8.0, "column_width": 1.6,
                                                                "per_band": 2},
             {"root": "object", "max_width": "scalar", "fontsize": "scalar", "column_width": "scalar",
              "per_band": "int"}, ok={"max_width": {"inf"}, "per_band": {"None"}}))
    add(Spec("graph.draw_graph", graph.draw_graph, (root,), {"highlight": leaf, "grads": {leaf: 1.0}, "title": "t"},
             {"root": "object", "highlight": "object", "grads": "object", "title": "object"},
             ok={"highlight": {"None"}, "grads": {"None"}, "title": {"str"}}))
    add(Spec("graph.GraphDrawing", lambda root, ax, fontsize=8.0, per_band=None: graph.GraphDrawing(
        root, ax, fontsize=fontsize, per_band=per_band), (root, _axes()), {"fontsize": 8.0, "per_band": 2},
        {"root": "object", "ax": "object", "fontsize": "scalar", "per_band": "int"}, ok={"per_band": {"None"}}))
    drawing = graph.GraphDrawing(root, _axes())
    add(Spec("graph.GraphDrawing.update", drawing.update, ({leaf: 1.0}, leaf), {},
             {"grads": "object", "highlight": "object"}, ok={"grads": {"None"}, "highlight": {"None"}}))
    add(Spec("network.weight_color", network.weight_color, (0.5,), {}, {"value": "scalar"}))
    add(Spec("network.weight_width", network.weight_width, (0.5, 2.0), {}, {"value": "scalar", "scale": "scalar"}))
    add(Spec("network.neuron_symbol", network.neuron_symbol, (1, 0), {}, {"layer": "int", "index": "int"}))
    add(Spec("network.NetworkDiagram", lambda ax, layer_sizes, node_names=None, **kw: network.NetworkDiagram(
        ax, layer_sizes, node_names, **kw), (_axes(), [2, 3, 2]),
        {"node_names": None, "edge_label_position": 0.3, "layer_gap": 2.0, "fontsize": 8.0, "max_neurons": 12},
        {"ax": "object", "layer_sizes": "array", "node_names": "object", "edge_label_position": "scalar",
         "layer_gap": "scalar", "fontsize": "scalar", "max_neurons": "int"}, ok={"node_names": {"None"}}))
    diagram = network.NetworkDiagram(_axes(), [2, 3, 2])
    add(Spec("network.NetworkDiagram.set_weights", diagram.set_weights, (_W2,), {}, {"weights": "weights"}))
    add(Spec("network.NetworkDiagram.set_node_text", diagram.set_node_text, (1, 0, "net=0.3"), {},
             {"layer": "int", "index": "int"}))
    add(Spec("network.NetworkDiagram.set_edge_text", diagram.set_edge_text, (1, 0, 1, "w=0.3"), {},
             {"layer": "int", "j": "int", "k": "int"}))
    add(Spec("network.NetworkDiagram.set_layer_text", diagram.set_layer_text, (1, "b = 0.35"), {}, {"layer": "int"}))
    add(Spec("network.NetworkDiagram.highlight_edges", diagram.highlight_edges, ([(1, 0, 1)],), {"color": "orange"},
             {"edges": "object", "color": "choice"}))
    label_ax = _axes()
    label = fast_text.add_fast_text(label_ax, 0.5, 0.5, "w = 0.3")
    renderer = label_ax.figure.canvas.get_renderer()
    add(Spec("placement.text_box", placement.text_box, (label, renderer, 1.0), {}, {"text": "object"}))
    add(Spec("placement.keep_inside", placement.keep_inside, (label, renderer, box_b, 1.0), {}, {"text": "object"}))
    add(Spec("placement.along_edge", placement.along_edge, (label, (0, 0), (1, 1), 0.3, renderer, [box_a], [],
                                                            box_b, 1.0), {}, {"text": "object"}))
    add(Spec("fast_text.add_fast_text", fast_text.add_fast_text, (_axes(), 0.5, 0.5, "label"), {"fontsize": 10},
             {"ax": "object", "x": "scalar", "y": "scalar", "text": "text"}))
    return s


# ---- running and classifying -------------------------------------------------------------------------
@dataclass
class Case:
    spec: Spec
    arg: str
    label: str
    value: object
    may_answer: bool
    outcome: str = ""
    detail: str = ""


def _argument_names(spec: Spec) -> list[str]:
    try:
        params = list(inspect.signature(spec.func).parameters)
    except (TypeError, ValueError):
        params = []
    return params


def cases(all_specs: list[Spec] | None = None) -> list[Case]:
    out = []
    for spec in all_specs if all_specs is not None else specs():
        for arg, kind in spec.kinds.items():
            for label, value, may_answer in POOLS[kind]():
                out.append(Case(spec, arg, label, value, may_answer or label in spec.ok.get(arg, ())))
    return out


def _bind(spec: Spec, arg: str, value) -> tuple[tuple, dict]:
    params = _argument_names(spec)
    args, kwargs = _fresh(spec.args), dict(zip(spec.kwargs, _fresh(spec.kwargs.values()), strict=True))
    if arg in kwargs:
        kwargs[arg] = value
    elif arg in params and params.index(arg) < len(args):
        args[params.index(arg)] = value
    else:
        kwargs[arg] = value
    return tuple(args), kwargs


def _good_value(spec: Spec, arg: str):
    params = _argument_names(spec)
    if arg in spec.kwargs:
        return spec.kwargs[arg]
    if arg in params and params.index(arg) < len(spec.args):
        return spec.args[params.index(arg)]
    return inspect.signature(spec.func).parameters[arg].default


def _non_finite(value, depth: int = 0) -> bool:
    """True when a result holds a NaN or inf anywhere (numbers, arrays, containers, dataclass fields)."""
    if depth > 4:
        return False
    if isinstance(value, (bool, np.bool_, str, bytes)) or value is None:
        return False
    if isinstance(value, (float, np.floating)):
        return not math.isfinite(float(value))
    if isinstance(value, np.ndarray):
        return value.dtype.kind in "fc" and not bool(np.isfinite(value).all())
    if isinstance(value, dict):
        return any(_non_finite(v, depth + 1) for v in value.values())
    if isinstance(value, (list, tuple)):
        return any(_non_finite(v, depth + 1) for v in value[:1000])
    if hasattr(value, "__dataclass_fields__"):
        return any(_non_finite(getattr(value, f), depth + 1) for f in value.__dataclass_fields__)
    if isinstance(value, Value):
        return not (math.isfinite(value.data) and math.isfinite(value.grad))
    return False


def _numbers(value):
    """The result as one float64 array when it is numeric (for comparing with the float64 answer)."""
    try:
        if isinstance(value, dict):
            value = [value[k] for k in sorted(value, key=str)]
        if isinstance(value, (list, tuple)) and value and isinstance(value[0], np.ndarray):
            return np.concatenate([np.asarray(v, dtype=np.float64).ravel() for v in value])
        arr = np.asarray(value, dtype=np.float64)
        return arr if arr.dtype.kind == "f" else None
    except (TypeError, ValueError):
        return None


def _alarm(signum, frame):
    raise Hang


def _call(fn: Callable, args: tuple, kwargs: dict):
    """(result, exception, warnings, seconds) of one call, stopped after HANG_SECONDS."""
    has_alarm = hasattr(signal, "setitimer")
    if has_alarm:                  # pytest-timeout may have its own alarm running: it is put back after
        old = signal.signal(signal.SIGALRM, _alarm)
        outer, _ = signal.setitimer(signal.ITIMER_REAL, HANG_SECONDS)
    start = time.perf_counter()
    result = error = None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        try:
            result = fn(*args, **kwargs)
        except Hang as exc:
            error = exc
        except Exception as exc:  # noqa: BLE001 - classifying every exception is the point
            error = exc
        finally:
            if has_alarm:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
                if outer:
                    signal.setitimer(signal.ITIMER_REAL, max(outer - (time.perf_counter() - start), 1e-3))
    plt.close("all")
    return result, error, list(caught), time.perf_counter() - start


def classify(case: Case) -> Case:
    spec = case.spec
    good = _good_value(spec, case.arg)
    kind = spec.kinds[case.arg]
    value = materialize(kind, case.label, case.value, good)
    args, kwargs = _bind(spec, case.arg, value)
    result, error, caught, _ = _call(spec.func, args, kwargs)
    names = [case.arg, *spec.names.get(case.arg, [])]
    if isinstance(error, Hang):
        case.outcome, case.detail = "hang", f"still running after {HANG_SECONDS:g} s"
    elif error is not None:
        message = str(error)
        named = any(n in message for n in names)
        if isinstance(error, CLEAR_ERRORS) and named:
            case.outcome = "clear"
        else:
            case.outcome = "vague"
        case.detail = f"{type(error).__name__}: {message[:160]}"
    elif caught:
        case.outcome, case.detail = "vague", f"warning: {caught[0].category.__name__}: {str(caught[0].message)[:120]}"
    elif _non_finite(result):
        case.outcome, case.detail = "silent", f"returned non-finite {str(result)[:120]}"
    elif not case.may_answer:
        case.outcome, case.detail = "silent", f"accepted {case.label} and returned {str(result)[:100]}"
    elif case.label in ("float32", "float16"):
        case.outcome, case.detail = _compare_with_float64(spec, result, case.label)
    else:
        case.outcome, case.detail = "right", ""
    return case


def _compare_with_float64(spec: Spec, result, label: str) -> tuple[str, str]:
    """Right when the float32/float16 input gives the float64 answer to that type's precision."""
    args, kwargs = _fresh(spec.args), dict(zip(spec.kwargs, _fresh(spec.kwargs.values()), strict=True))
    reference_result, error, caught, _ = _call(spec.func, tuple(args), kwargs)
    if error is not None or caught:
        return "right", "(no float64 answer to compare with)"
    if result is None and reference_result is None:
        return "right", ""
    got, want = _numbers(result), _numbers(reference_result)
    if got is None or want is None or got.shape != want.shape:
        return "right", ""
    tol = {"float32": 1e-5, "float16": 2e-2}[label]
    if np.allclose(got, want, rtol=tol, atol=tol):
        return "right", ""
    return "silent", f"{label} input gave {got.ravel()[:4]} instead of {want.ravel()[:4]}"


def run(verbose: bool = False, out=sys.stdout) -> Counter:
    """Classify every case; print the counts per outcome (and with ``verbose`` every case that is not
    clear or right). Returns the Counter of outcomes."""
    np.random.seed(0)             # nothing here should use the global generator; pinned anyway
    done = [classify(c) for c in cases()]
    counts = Counter(c.outcome for c in done)
    total = len(done)
    good = counts["clear"] + counts["right"]
    print(f"{total} cases over {len({c.spec.name for c in done})} functions: "
          + ", ".join(f"{k} {counts[k]}" for k in OUTCOMES)
          + f"; clear or right {100 * good / total:.1f}%", file=out)
    if verbose:
        for c in done:
            if c.outcome not in ("clear", "right"):
                print(f"  {c.outcome:6} {c.spec.name}({c.arg}={c.label}): {c.detail}", file=out)
    return counts, done


if __name__ == "__main__":
    run(verbose="-v" in sys.argv)
