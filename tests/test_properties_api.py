"""Property-based tests (hypothesis) over the public API of the numerical helpers.

For each function, two kinds of property:

- **valid input** (any finite real numbers, float64 or float32, from tiny to 1e300, in every shape the
  function accepts): the result holds no NaN or inf, no warning is emitted (pytest turns warnings into
  errors), and the only error allowed is the ValueError that says the value is too large for the
  computation (an honest overflow, never a silent inf);
- **invalid input** (None, strings, booleans, complex numbers, NaN, inf, dicts, ragged lists, wrong
  shapes): a TypeError or ValueError whose message names the argument.

Deterministic (``derandomize=True``) and small (a few dozen examples per property) so the module runs
in seconds.
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import (
    activations,
    autograd,
    chain_rule,
    datasets,
    deltas,
    descent,
    example222,
    gates,
    gradcheck,
    jacobians,
    losses,
    mlp,
    reference,
    series,
    training,
)

FAST = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
TOO_LARGE = "too large for this computation"

# ---- strategies ------------------------------------------------------------------------------------------
magnitudes = st.sampled_from([1e-300, 1e-8, 1.0, 1e3, 1e30, 1e150, 1e300])
unit = st.floats(-1.0, 1.0, allow_nan=False, allow_infinity=False)
reals = st.builds(lambda u, m: u * m, unit, magnitudes)           # finite, from tiny to huge, both signs
dtypes = st.sampled_from([np.float64, np.float32])


@st.composite
def arrays(draw, shape=None, low=None, high=None, dtype=None):
    """A finite float array: entries u·m with u in [−1, 1] and m a random magnitude (or in [low, high])."""
    shape = draw(st.tuples(st.integers(1, 4), st.integers(1, 4))) if shape is None else shape
    dtype = draw(dtypes) if dtype is None else dtype
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    if low is not None:
        return rng.uniform(low, high, shape).astype(dtype)
    scale = min(draw(magnitudes), float(np.finfo(dtype).max) / 10)
    return (rng.uniform(-1, 1, shape) * scale).astype(dtype)


BAD_VALUES = [None, "0.5", True, 1 + 2j, float("nan"), float("inf"), {"a": 1}, [[1.0], [1.0, 2.0]], object()]
bad = st.sampled_from(BAD_VALUES)


def all_finite(value) -> bool:
    if isinstance(value, dict):
        return all(all_finite(v) for v in value.values())
    if isinstance(value, (list, tuple)):
        return all(all_finite(v) for v in value)
    if isinstance(value, autograd.Value):
        return math.isfinite(value.data) and math.isfinite(value.grad)
    if isinstance(value, descent.DescentPath):
        return all_finite(value.points) and all_finite(value.losses)
    if value is None or isinstance(value, (str, bool)):
        return True
    return bool(np.all(np.isfinite(value)))


def finite_or_too_large(call):
    """Run ``call``: either every number it returns is finite, or it says the value is too large."""
    try:
        out = call()
    except ValueError as exc:
        assert TOO_LARGE in str(exc) or "too large" in str(exc), str(exc)
        return None
    assert all_finite(out), f"non-finite result {out!r}"[:300]
    return out


def named_error(call, name: str) -> None:
    with pytest.raises((TypeError, ValueError)) as info:
        call()
    assert name in str(info.value), f"{str(info.value)!r} should name {name!r}"


# ---- activations, losses, gradcheck ---------------------------------------------------------------------
ELEMENTWISE = [activations.sigmoid, activations.sigmoid_prime, activations.tanh, activations.tanh_prime,
               activations.relu, activations.relu_prime, activations.identity, activations.identity_prime]


@FAST
@given(st.sampled_from(ELEMENTWISE), arrays())
def test_activations_keep_shape_dtype_and_finiteness(f, z):
    out = f(z)
    assert out.shape == z.shape and out.dtype == z.dtype and np.all(np.isfinite(out))
    if f is activations.sigmoid:
        assert np.all((out >= 0) & (out <= 1))


@FAST
@given(st.sampled_from(ELEMENTWISE), reals)
def test_activations_of_a_python_number_are_python_floats(f, z):
    out = f(z)
    assert isinstance(out, float) and math.isfinite(out)


@FAST
@given(st.sampled_from(ELEMENTWISE), bad)
def test_activations_name_z_on_bad_input(f, z):
    named_error(lambda: f(z), "z")


@FAST
@given(st.sampled_from([losses.mse, losses.mse_grad]), st.data())
def test_mse_is_finite_or_too_large(f, data):
    a = data.draw(arrays())
    y = data.draw(arrays(shape=a.shape, dtype=a.dtype))
    out = finite_or_too_large(lambda: f(a, y))
    if out is not None and f is losses.mse:
        assert out >= 0


@FAST
@given(st.sampled_from([losses.cross_entropy, losses.cross_entropy_grad]), st.data())
def test_cross_entropy_is_finite_on_probabilities_even_at_0_and_1_in_float32(f, data):
    dtype = data.draw(dtypes)
    a = data.draw(arrays(low=0.0, high=1.0, dtype=dtype))
    a[data.draw(st.integers(0, a.size - 1)) // a.shape[1], 0] = data.draw(st.sampled_from([0.0, 1.0]))
    y = data.draw(arrays(shape=a.shape, low=0.0, high=1.0, dtype=dtype))
    assert all_finite(f(a, y))


@FAST
@given(arrays(), st.data())
def test_sigmoid_cross_entropy_from_z_matches_the_clipped_loss_where_sigmoid_is_not_saturated(z, data):
    y = data.draw(arrays(shape=z.shape, low=0.0, high=1.0, dtype=np.float64))
    value = finite_or_too_large(lambda: losses.sigmoid_cross_entropy(z, y))
    z64 = z.astype(np.float64)
    if value is not None and np.all(np.abs(z64) < 20):
        assert value == pytest.approx(losses.cross_entropy(activations.sigmoid(z64), y), rel=1e-9, abs=1e-12)


@FAST
@given(st.sampled_from([losses.mse, losses.cross_entropy, losses.sigmoid_cross_entropy]),
       st.sampled_from(["a", "y"]), bad)
def test_losses_name_the_bad_argument(f, which, value):
    good = np.array([0.25, 0.75])
    args = {"a": value, "y": good} if which == "a" else {"a": good, "y": value}
    name = "z" if (f is losses.sigmoid_cross_entropy and which == "a") else which
    named_error(lambda: f(args["a"], args["y"]), name)


@FAST
@given(arrays(), st.data())
def test_relative_error_is_a_finite_number_in_0_1_for_any_finite_arrays(a, data):
    b = data.draw(arrays(shape=a.shape))
    err = gradcheck.relative_error(a, b)
    assert 0.0 <= err <= 1.0
    assert gradcheck.relative_error(a, a) == 0.0


@FAST
@given(reals, st.sampled_from([1e-8, 1e-5, 1e-2, 1.0]), st.sampled_from(["forward", "central"]))
def test_differences_are_finite_or_say_why(x, h, kind):
    f = gradcheck.forward_difference if kind == "forward" else gradcheck.central_difference
    try:
        d = f(np.sin, x, h)
    except ValueError as exc:        # h below the float spacing at x, or x ± h beyond the float range
        assert "h" in str(exc)
        return
    assert math.isfinite(d) and abs(d) <= 1.0 + 1e-3


@FAST
@given(st.sampled_from(["f", "x", "h"]), bad)
def test_numerical_gradient_names_the_bad_argument(which, value):
    args = {"f": lambda v: float(np.sum(v ** 2)), "x": [1.0, 2.0], "h": 1e-5, which: value}
    named_error(lambda: gradcheck.numerical_gradient(**args), which)


# ---- autograd, gates, chain rule ------------------------------------------------------------------------
OPS = ["+", "-", "*", "/", "max", "**2", "**-1", "exp", "log", "tanh", "sigmoid", "relu", "neg"]


def apply(op: str, a: autograd.Value, b: autograd.Value) -> autograd.Value:
    table = {"+": lambda: a + b, "-": lambda: a - b, "*": lambda: a * b, "/": lambda: a / b,
             "max": lambda: a.max(b), "**2": lambda: a ** 2, "**-1": lambda: a ** -1, "exp": lambda: a.exp(),
             "log": lambda: a.log(), "tanh": lambda: a.tanh(), "sigmoid": lambda: a.sigmoid(),
             "relu": lambda: a.relu(), "neg": lambda: -a}
    return table[op]()


@FAST
@given(st.lists(st.tuples(st.sampled_from(OPS), st.integers(0, 10), st.integers(0, 10)), min_size=1, max_size=8),
       st.lists(reals, min_size=2, max_size=4))
def test_value_graphs_give_finite_data_and_gradients_or_a_clear_error(ops, inputs):
    nodes = [autograd.Value(v, f"x{i}") for i, v in enumerate(inputs)]
    try:
        for op, i, j in ops:
            nodes.append(apply(op, nodes[i % len(nodes)], nodes[j % len(nodes)]))
        nodes[-1].backward()
    except ValueError as exc:        # overflow, or a domain error (log of x <= 0, 1/0, 0 ** -1)
        assert any(w in str(exc) for w in ("too large", "overflows", "positive input", "divide by zero",
                                           "no finite derivative")), str(exc)
        return
    assert all(math.isfinite(n.data) and math.isfinite(n.grad) for n in nodes)


@FAST
@given(bad, st.sampled_from(["data", "other", "exponent", "accumulate"]))
def test_value_names_the_bad_argument(value, which):
    if which == "accumulate" and value is True:
        return                         # a real boolean: valid
    calls = {"data": (lambda: autograd.Value(value), "data"),
             "other": (lambda: autograd.Value(1.0) * value, "other operand"),
             "exponent": (lambda: autograd.Value(2.0) ** value, "exponent"),
             "accumulate": (lambda: autograd.Value(1.0).backward(accumulate=value), "accumulate")}
    call, name = calls[which]
    named_error(call, name)


GATE_PAIRS = [(gates.add_forward, gates.add_backward, 2), (gates.multiply_forward, gates.multiply_backward, 2),
              (gates.max_forward, gates.max_backward, 2), (gates.reciprocal_forward, gates.reciprocal_backward, 1),
              (gates.add_constant_forward, gates.add_constant_backward, 2),
              (gates.scale_forward, gates.scale_backward, 2), (gates.sigmoid_forward, gates.sigmoid_backward, 1)]


@FAST
@given(st.sampled_from(GATE_PAIRS), st.lists(reals, min_size=3, max_size=3))
def test_gates_forward_and_backward_are_finite_or_too_large(pair, numbers):
    forward, backward, arity = pair
    *inputs, dout = numbers
    try:
        out, cache = forward(*inputs[:arity])
        grads = backward(dout, cache)
    except ValueError as exc:
        assert "too large" in str(exc) or "non-zero" in str(exc), str(exc)
        return
    assert all_finite((out, grads))


@FAST
@given(st.sampled_from([gates.add_forward, gates.multiply_forward, gates.max_forward]), bad,
       st.sampled_from(["x", "y"]))
def test_gates_name_the_bad_input(forward, value, which):
    args = {"x": 1.0, "y": 2.0, which: value}
    named_error(lambda: forward(**args), which)


SEED004 = [chain_rule.seed004_f, chain_rule.seed004_g, chain_rule.seed004_h, chain_rule.seed004_h_prime,
           chain_rule.seed004_h_prime_slip, chain_rule.two_path_example]


@FAST
@given(st.sampled_from(SEED004), st.one_of(reals, arrays(shape=(3,))))
def test_chain_rule_formulas_are_finite_or_too_large(f, x):
    if f is chain_rule.two_path_example and isinstance(x, np.ndarray):
        x = float(x[0])
    finite_or_too_large(lambda: f(x))


@FAST
@given(st.sampled_from(["forward", "central"]), reals, reals)
def test_theoretical_best_step_is_positive_and_finite_or_says_why(method, f_value, derivative):
    try:
        h = chain_rule.theoretical_best_step(method, f_value, derivative)
    except ValueError as exc:
        assert "f_value" in str(exc)
        return
    assert 0 < h < math.inf


@FAST
@given(st.integers(1, 5).flatmap(lambda n: st.tuples(arrays(shape=(n,)), arrays(shape=(n,)))))
def test_sum_over_paths_is_finite_or_too_large(pair):
    finite_or_too_large(lambda: chain_rule.sum_over_paths(*pair))


# ---- jacobians, example222, deltas ---------------------------------------------------------------------
@FAST
@given(st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda nd: st.tuples(arrays(shape=nd, dtype=np.float64), arrays(shape=(nd[1],), dtype=np.float64),
                         arrays(shape=(nd[0],), dtype=np.float64))))
def test_jacobian_helpers_are_finite_or_too_large(Wxd):
    W, x, dq = Wxd
    finite_or_too_large(lambda: jacobians.norm_wx_forward(W, x))
    finite_or_too_large(lambda: jacobians.norm_wx_backward(W, x))
    finite_or_too_large(lambda: jacobians.linear_backward(dq, x, W))
    finite_or_too_large(lambda: jacobians.elementwise_jacobian(activations.sigmoid_prime, x))


@FAST
@given(st.sampled_from(["W", "x"]), bad)
def test_norm_wx_names_the_bad_argument(which, value):
    args = {"W": [[1.0, 2.0]], "x": [1.0, 2.0], which: value}
    named_error(lambda: jacobians.norm_wx_forward(**args), which)


@FAST
@given(st.lists(reals, min_size=10, max_size=10), st.booleans(), st.booleans())
def test_example222_passes_are_finite_or_too_large(values, update_biases, hidden_uses_updated):
    params = dict(zip(example222.PARAM_NAMES, values, strict=True))
    finite_or_too_large(lambda: example222.forward(params))
    finite_or_too_large(lambda: example222.backward(params))
    finite_or_too_large(lambda: example222.update(params, 0.5, update_biases=update_biases,
                                                  hidden_uses_updated=hidden_uses_updated))


@FAST
@given(st.sampled_from(example222.PARAM_NAMES), bad)
def test_example222_names_the_bad_parameter(name, value):
    named_error(lambda: example222.forward({**example222.start_params(), name: value}), f"params['{name}']")


@FAST
@given(st.sampled_from([None, "no", 1, 0, "True"]), st.sampled_from(["update_biases", "hidden_uses_updated"]))
def test_example222_flags_must_be_real_booleans(value, flag):
    named_error(lambda: example222.update(None, **{flag: value}), flag)
    named_error(lambda: example222.train(None, 1, **{flag: value}), flag)


@FAST
@given(st.tuples(st.integers(1, 3), st.integers(1, 3), st.integers(1, 3)), st.integers(0, 2**32 - 1), magnitudes,
       st.sampled_from(activations.ACTIVATION_NAMES))
def test_node_by_node_is_finite_or_too_large(lmn, seed, scale, activation):
    l, m, n = lmn  # noqa: E741
    rng = np.random.default_rng(seed)
    finite_or_too_large(lambda: deltas.node_by_node(rng.uniform(-1, 1, l) * scale, rng.uniform(-1, 1, (m, l)),
                                                    rng.uniform(-1, 1, m), rng.uniform(-1, 1, (n, m)) * scale,
                                                    rng.uniform(-1, 1, n), rng.uniform(0, 1, n), activation))


# ---- mlp, training, datasets, descent -------------------------------------------------------------------
@st.composite
def networks(draw):
    sizes = draw(st.lists(st.integers(1, 5), min_size=2, max_size=4))
    dtype = draw(dtypes)
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    scale = min(draw(magnitudes), float(np.finfo(dtype).max) / 100)
    weights = [(rng.standard_normal((b, a)) * scale).astype(dtype) for a, b in zip(sizes[:-1], sizes[1:], strict=True)]
    biases = draw(st.sampled_from([None, [rng.standard_normal((b, 1)).astype(dtype) for b in sizes[1:]]]))
    m = draw(st.integers(1, 6))
    X = (rng.standard_normal((sizes[0], m)) * draw(magnitudes)).astype(np.float64)
    Y = rng.uniform(0, 1, (sizes[-1], m))
    activation = draw(st.sampled_from(activations.ACTIVATION_NAMES))
    loss = draw(st.sampled_from(losses.LOSS_NAMES))
    out = "sigmoid" if loss == "cross_entropy" else draw(st.sampled_from(activations.ACTIVATION_NAMES))
    return weights, biases, X, Y, {"activation": activation, "loss": loss, "output_activation": out}


@FAST
@given(networks())
def test_mlp_is_finite_or_too_large_in_float32_and_float64(net):
    weights, biases, X, Y, kw = net
    if np.any(np.abs(X) > np.finfo(weights[0].dtype).max):
        named_error(lambda: mlp.backprop(weights, biases, X, Y, **kw), "X")
        return
    forward_kw = {"activation": kw["activation"], "output_activation": kw["output_activation"]}
    finite_or_too_large(lambda: mlp.forward(weights, biases, X, **forward_kw))
    grads = finite_or_too_large(lambda: mlp.backprop(weights, biases, X, Y, **kw))
    if grads is not None:
        assert grads[0][0].dtype == weights[0].dtype
    finite_or_too_large(lambda: mlp.total_loss(weights, biases, X, Y, **kw))
    finite_or_too_large(lambda: mlp.train_step(weights, biases, X, Y, 0.5, **kw))


@FAST
@given(st.sampled_from(["weights", "biases", "X", "Y", "learning_rate"]), bad)
def test_train_step_names_the_bad_argument(which, value):
    weights, biases = mlp.init_network([2, 3, 1], 0)
    args = {"weights": weights, "biases": biases, "X": np.ones((2, 4)), "Y": np.zeros((1, 4)),
            "learning_rate": 0.5, which: value}
    if which == "biases" and value is None:
        return                         # None is a valid value: a bias-free network
    named_error(lambda: mlp.train_step(**args), which)


@FAST
@given(st.lists(st.integers(0, 4), min_size=1, max_size=30), st.sampled_from([None, 5, 7]))
def test_targets_are_zero_one_with_one_hot_columns(labels, n_classes):
    Y = datasets.targets(labels, n_classes)
    assert set(np.unique(Y)) <= {0.0, 1.0}
    if Y.shape[0] == 1:                 # two classes: the label itself (all-0 labels give all-0 targets)
        assert np.array_equal(Y[0], np.asarray(labels, dtype=float))
    else:
        assert np.all(Y.sum(axis=0) == 1) and np.array_equal(np.argmax(Y, axis=0), labels)


@FAST
@given(st.integers(4, 60), st.floats(0.0001, 0.9999), st.integers(2, 4))
def test_train_test_split_is_never_empty_on_either_side(m, fraction, k):
    X, labels = np.arange(2 * m, dtype=float).reshape(2, m), np.arange(m) % k
    try:
        X_tr, y_tr, X_te, y_te = datasets.train_test_split(X, labels, fraction)
    except ValueError as exc:
        assert "test_fraction" in str(exc)
        return
    assert y_tr.size > 0 and y_te.size > 0 and y_tr.size + y_te.size == m
    assert sorted(np.concatenate([X_tr[0], X_te[0]]).tolist()) == X[0].tolist()


@FAST
@given(st.lists(st.integers(0, 3), min_size=1, max_size=20), st.data())
def test_accuracy_and_confusion_matrix_agree(labels, data):
    predicted = data.draw(st.lists(st.integers(0, 3), min_size=len(labels), max_size=len(labels)))
    counts = training.confusion_matrix(labels, predicted, 4)
    assert counts.sum() == len(labels)
    assert training.accuracy(predicted, labels) == pytest.approx(np.trace(counts) / len(labels))


@FAST
@given(st.tuples(reals, reals))
def test_line_fit_loss_and_gradient_are_finite_or_too_large(p):
    problem = descent.LineFit()
    loss = finite_or_too_large(lambda: problem.loss(p))
    finite_or_too_large(lambda: problem.gradient(p))
    if loss is not None:
        assert loss >= 0


@FAST
@given(st.tuples(reals, reals), st.sampled_from([1e-3, 0.1, 0.5, 2.0, 50.0, 1e6]), st.integers(0, 30))
def test_gradient_descent_paths_are_finite(start, learning_rate, steps):
    problem = descent.LineFit()
    try:
        path = descent.gradient_descent(problem.loss, problem.gradient, start, learning_rate, steps)
    except ValueError as exc:          # a start outside the bound, or where the loss overflows
        assert "start" in str(exc) or "too large" in str(exc), str(exc)
        return
    assert all_finite(path) and path.status in ("converged", "diverged", "stopped")
    assert path.points.shape == (path.steps + 1, 2) and path.losses.shape == (path.steps + 1,)


@FAST
@given(st.sampled_from(["loss", "grad", "start", "learning_rate", "steps"]), bad)
def test_gradient_descent_names_the_bad_argument(which, value):
    problem = descent.LineFit()
    args = {"loss": problem.loss, "grad": problem.gradient, "start": [0.0, 0.0], "learning_rate": 0.1,
            "steps": 5, which: value}
    named_error(lambda: descent.gradient_descent(**args), which)


# ---- series and reference --------------------------------------------------------------------------------
@FAST
@given(st.one_of(st.text(max_size=8), st.integers(), st.none(), st.lists(st.integers(), max_size=2)))
def test_lesson_names_its_argument_for_anything_that_is_not_a_lesson(value):
    if value in [lesson.number for lesson in series.SERIES] + [lesson.slug for lesson in series.SERIES]:
        return
    named_error(lambda: series.lesson(value), "slug_or_number")


@FAST
@given(st.decimals(min_value=-1000, max_value=1000, places=6, allow_nan=False, allow_infinity=False))
def test_published_tolerance_is_half_a_unit_in_the_last_digit(number):
    text = f"{number:f}"
    decimals = len(text.split(".")[1]) if "." in text else 0
    assert reference.published_tolerance(text) == pytest.approx(0.5 * 10.0 ** -decimals)
    assert reference.value(text) == pytest.approx(float(number))
